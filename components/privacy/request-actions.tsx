"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, inputClass } from "@/components/ui/field";
import type { TActionResult } from "@/lib/actions/result";
import {
  carryOutErasureAction,
  completeSubjectRequestAction,
  extendSubjectRequestAction,
  refuseSubjectRequestAction,
  setRestrictionAction,
} from "@/lib/actions/privacy-requests";
import {
  ZCloseSubjectRequestInput,
  ZExtendSubjectRequestInput,
  type TCloseSubjectRequestInput,
  type TExtendSubjectRequestInput,
} from "@/lib/domain/privacy/request-schemas";
import { useRequestErrors } from "./request-errors";

/** A button that opens a dialog; the dialog's content is given the way to close it. */
function DialogButton({
  label,
  title,
  description,
  variant = "secondary",
  children,
}: {
  label: string;
  title: string;
  description?: string;
  variant?: "primary" | "secondary" | "danger";
  children: (close: () => void) => React.ReactNode;
}) {
  const tc = useTranslations("common");
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title} closeLabel={tc("cancel")} description={description}>
        {children(() => setOpen(false))}
      </Dialog>
    </>
  );
}

/** Extends the deadline once (art. 12(3)): the new day, at most two months past the first, and the reason. */
export function ExtendRequestButton({ requestId, dueOn, latest }: { requestId: string; dueOn: string; latest: string }) {
  const t = useTranslations("privacy.requests.extend");
  return (
    <DialogButton label={t("open")} title={t("title")} description={t("hint")}>
      {(close) => <ExtendForm requestId={requestId} dueOn={dueOn} latest={latest} onDone={close} />}
    </DialogButton>
  );
}

function ExtendForm({ requestId, dueOn, latest, onDone }: { requestId: string; dueOn: string; latest: string; onDone: () => void }) {
  const t = useTranslations("privacy.requests.extend");
  const tc = useTranslations("common");
  const router = useRouter();
  const form = useForm<TExtendSubjectRequestInput, unknown, TExtendSubjectRequestInput>({
    resolver: zodResolver(ZExtendSubjectRequestInput, undefined, { raw: true }),
    defaultValues: { extendedTo: latest, reason: "" },
  });
  const { apply, formError, fieldError } = useRequestErrors(form);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (input) => {
    if (!apply(await extendSubjectRequestAction(requestId, input))) return;
    onDone();
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field label={t("extendedTo")} hint={t("extendedToHint")} error={fieldError(errors.extendedTo?.message)} required>
        {(p) => <input {...p} type="date" min={dueOn} max={latest} {...form.register("extendedTo")} className={inputClass(Boolean(errors.extendedTo))} />}
      </Field>
      <Field label={t("reason")} hint={t("reasonHint")} error={fieldError(errors.reason?.message)} required>
        {(p) => <textarea {...p} rows={3} {...form.register("reason")} className={inputClass(Boolean(errors.reason))} />}
      </Field>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : t("submit")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}

/** Closes the request: as done, saying what was done, or refused, with the legal reason. */
export function CloseRequestButton({ requestId, mode }: { requestId: string; mode: "complete" | "refuse" }) {
  const t = useTranslations("privacy.requests");
  return (
    <DialogButton label={t(`${mode}.open`)} title={t(`${mode}.title`)} description={t(`${mode}.hint`)} variant={mode === "complete" ? "primary" : "secondary"}>
      {(close) => <CloseForm requestId={requestId} mode={mode} onDone={close} />}
    </DialogButton>
  );
}

function CloseForm({ requestId, mode, onDone }: { requestId: string; mode: "complete" | "refuse"; onDone: () => void }) {
  const tr = useTranslations("privacy.requests");
  const t = (key: string) => tr(`${mode}.${key}`);
  const tc = useTranslations("common");
  const router = useRouter();
  const form = useForm<TCloseSubjectRequestInput, unknown, TCloseSubjectRequestInput>({
    resolver: zodResolver(ZCloseSubjectRequestInput, undefined, { raw: true }),
    defaultValues: { outcome: "" },
  });
  const { apply, formError, fieldError } = useRequestErrors(form);
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (input) => {
    const action = mode === "complete" ? completeSubjectRequestAction : refuseSubjectRequestAction;
    if (!apply(await action(requestId, input))) return;
    onDone();
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <Field label={t("outcome")} hint={t("outcomeHint")} error={fieldError(errors.outcome?.message)} required>
        {(p) => <textarea {...p} rows={4} {...form.register("outcome")} className={inputClass(Boolean(errors.outcome))} />}
      </Field>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant={mode === "refuse" ? "danger" : "primary"} disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : t("submit")}
        </Button>
        <Button variant="secondary" onClick={onDone}>
          {tc("cancel")}
        </Button>
      </div>
    </form>
  );
}

/**
 * An operation confirmed in a dialog that says what it does (restricting or lifting the
 * restriction, carrying out an erasure); the refusal, if any, is said in the dialog.
 */
function ConfirmButton({
  texts,
  variant,
  run,
}: {
  texts: { open: string; title: string; hint: string; submit: string };
  variant: "primary" | "secondary" | "danger";
  run: () => Promise<TActionResult<unknown>>;
}) {
  const te = useTranslations("errors");
  const tv = useTranslations("privacy.requests.validation");
  const tc = useTranslations("common");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <DialogButton label={texts.open} title={texts.title} description={texts.hint} variant={variant}>
      {(close) => (
        <div className="flex flex-col gap-4">
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="flex flex-wrap gap-3">
            <Button
              variant={variant}
              data-autofocus
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                const result = await run();
                setBusy(false);
                if (!result.ok) {
                  const key = result.fieldErrors._form;
                  setError(key && tv.has(key) ? tv(key) : te(result.code, result.params));
                  return;
                }
                setError(null);
                close();
                router.refresh();
              }}
            >
              {busy ? tc("saving") : texts.submit}
            </Button>
            <Button variant="secondary" onClick={close}>
              {tc("cancel")}
            </Button>
          </div>
        </div>
      )}
    </DialogButton>
  );
}

/** Restricts the processing of a restriction request's person, or lifts the restriction. */
export function RestrictionButton({ requestId, restricted }: { requestId: string; restricted: boolean }) {
  const t = useTranslations("privacy.requests");
  const mode = restricted ? "lift" : "restrict";
  const texts = { open: t(`${mode}.open`), title: t(`${mode}.title`), hint: t(`${mode}.hint`), submit: t(`${mode}.submit`) };
  return <ConfirmButton texts={texts} variant={restricted ? "secondary" : "primary"} run={() => setRestrictionAction(requestId, !restricted)} />;
}

/**
 * "Wykonaj usunięcie": refused with the legal reason while the retention period runs (the request
 * is then closed as refused with that reason), otherwise the person is anonymised and the request
 * closed as done.
 */
export function ErasureButton({ requestId }: { requestId: string }) {
  const t = useTranslations("privacy.requests.erase");
  const texts = { open: t("open"), title: t("title"), hint: t("hint"), submit: t("submit") };
  return <ConfirmButton texts={texts} variant="danger" run={() => carryOutErasureAction(requestId)} />;
}
