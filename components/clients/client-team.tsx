"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import type { TActionResult } from "@/lib/actions/result";
import { CLIENT_TEAM_ROLES, ZAddTeamMemberInput, type TAddTeamMemberInput } from "@/lib/domain/clients/schemas";

type TMember = { id: string; user: { id: string; name: string }; role: string; startsOn: string; endsOn: string | null };

type TProps = {
  clientId: string;
  members: TMember[];
  candidates: { id: string; name: string; role: string }[];
  today: string;
  /** Server actions, passed down by the page (components never import app/). */
  addAction: (clientId: string, input: TAddTeamMemberInput) => Promise<TActionResult<{ id: string }>>;
  removeAction: (clientId: string, memberId: string) => Promise<TActionResult<unknown>>;
};

/** The manager's or coordinator's controls on the client's team: add a staff member, remove one. */
export function ClientTeamControls({ clientId, members, candidates, today, addAction, removeAction }: TProps) {
  const t = useTranslations("clients.team");
  const te = useTranslations("errors");
  const router = useRouter();
  const [removeError, setRemoveError] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);

  async function remove(member: TMember) {
    setRemoving(member.id);
    const result = await removeAction(clientId, member.id);
    setRemoving(null);
    if (result.ok) {
      setRemoveError(null);
      router.refresh();
    } else setRemoveError(te(result.code, result.params));
  }

  return (
    <div className="mt-4 flex flex-col gap-4">
      {removeError ? <Alert tone="error">{removeError}</Alert> : null}
      {members.length > 0 ? (
        <ul className="flex flex-col gap-2" aria-label={t("removeListLabel")}>
          {members.map((member) => (
            <li key={member.id}>
              <Button variant="secondary" disabled={removing === member.id} onClick={() => remove(member)}>
                {t("remove", { name: member.user.name })}
              </Button>
            </li>
          ))}
        </ul>
      ) : null}
      {candidates.length > 0 ? <AddMemberForm clientId={clientId} candidates={candidates} today={today} addAction={addAction} onAdded={() => router.refresh()} /> : null}
    </div>
  );
}

function AddMemberForm({
  clientId,
  candidates,
  today,
  addAction,
  onAdded,
}: Pick<TProps, "clientId" | "candidates" | "today" | "addAction"> & { onAdded: () => void }) {
  const t = useTranslations("clients.team");
  const tr = useTranslations("roles");
  const tc = useTranslations("common");
  const defaultValues: TAddTeamMemberInput = { userId: "", role: "SPECIALIST_ADVISOR", startsOn: today, endsOn: "" };
  const form = useForm<TAddTeamMemberInput, unknown, TAddTeamMemberInput>({
    resolver: zodResolver(ZAddTeamMemberInput, undefined, { raw: true }),
    defaultValues,
  });
  const { apply, formError, fieldError } = useActionErrors(form);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    if (apply(await addAction(clientId, values))) {
      form.reset(defaultValues);
      onAdded();
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3 rounded-md border border-slate-300 p-3" aria-labelledby="team-add-heading">
      <h3 id="team-add-heading" className="font-semibold">
        {t("addTitle")}
      </h3>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("member")} required error={fieldError(errors.userId?.message)}>
          {(p) => (
            <select {...p} {...form.register("userId")} className={inputClass(Boolean(errors.userId))}>
              <option value="">{t("choose")}</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({tr(c.role)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("role")} required error={fieldError(errors.role?.message)}>
          {(p) => (
            <select {...p} {...form.register("role")} className={inputClass(Boolean(errors.role))}>
              {CLIENT_TEAM_ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t("startsOn")} required error={fieldError(errors.startsOn?.message)}>
          {(p) => <input {...p} {...form.register("startsOn")} type="date" className={inputClass(Boolean(errors.startsOn))} />}
        </Field>
        <Field label={t("endsOn")} hint={t("endsOnHint")} error={fieldError(errors.endsOn?.message)}>
          {(p) => <input {...p} {...form.register("endsOn")} type="date" className={inputClass(Boolean(errors.endsOn))} />}
        </Field>
      </div>
      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : t("add")}
        </Button>
      </div>
    </form>
  );
}
