"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { useFieldArray, useForm, useWatch, type Resolver } from "react-hook-form";
import { createClientAction, updateClientAction } from "@/app/(app)/clients/actions";
import { useActionErrors } from "@/components/forms/use-action-errors";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import {
  CLIENT_KINDS,
  CONSENT_LEGAL_BASES,
  isOrganisationKind,
  KPRES_SPHERES,
  subtypesOf,
  VOIVODESHIPS,
  ZClientInput,
  type TClientInput,
} from "@/lib/domain/clients/schemas";
import { EMPTY_CLIENT_FORM } from "./client-form-values";

type TOption = { id: string; name: string };
type TProps = {
  mode: "create" | "edit";
  clientId?: string;
  defaults?: TClientInput;
  offices: TOption[];
  /** Whether the role may see and set special-category data (clients.read_sensitive). */
  maySeeSensitive: boolean;
};

/** The existing client a duplicate refusal or warning points at. */
type TDuplicate = { clientId: string; clientName: string };

/**
 * The form keeps everything typed, also in fields the chosen kind hides (switching back restores
 * them); what is validated and sent is only what applies to the kind: a PESEL for a person,
 * NIP/REGON/KRS for organisations, members for an initiative group, representatives otherwise.
 */
function applicableValues(values: TClientInput, maySeeSensitive: boolean): TClientInput {
  const person = values.kind === "PERSON";
  const organisation = isOrganisationKind(values.kind);
  const personRole = values.kind === "INITIATIVE_GROUP" ? "MEMBER" : "REPRESENTATIVE";
  return {
    ...values,
    subtype: values.subtype && subtypesOf(values.kind).includes(values.subtype) ? values.subtype : "",
    pesel: person ? values.pesel : "",
    nip: organisation ? values.nip : "",
    regon: organisation ? values.regon : "",
    krs: organisation ? values.krs : "",
    hasDisability: maySeeSensitive ? values.hasDisability : false,
    people: person ? [] : (values.people ?? []).map((p) => ({ ...p, role: personRole })),
  };
}

const zodClientResolver = zodResolver(ZClientInput, undefined, { raw: true });

export function ClientForm({ mode, clientId, defaults, offices, maySeeSensitive }: TProps) {
  const t = useTranslations("clients");
  const tf = useTranslations("clients.fields");
  const tc = useTranslations("common");
  const router = useRouter();
  const [identifierOwner, setIdentifierOwner] = useState<TDuplicate | null>(null);
  const [possibleDuplicate, setPossibleDuplicate] = useState<TDuplicate | null>(null);
  const confirmRef = useRef<HTMLInputElement | null>(null);
  const addPersonRef = useRef<HTMLButtonElement>(null);
  const resolver: Resolver<TClientInput, unknown, TClientInput> = (values, context, options) =>
    zodClientResolver(applicableValues(values, maySeeSensitive), context, options);
  const form = useForm<TClientInput, unknown, TClientInput>({ resolver, defaultValues: defaults ?? EMPTY_CLIENT_FORM });
  const { apply, formError, setFormError, fieldError } = useActionErrors(form);
  const people = useFieldArray({ control: form.control, name: "people" });
  const errors = form.formState.errors;
  const kind = useWatch({ control: form.control, name: "kind" });
  const subtypes = subtypesOf(kind);
  const isPerson = kind === "PERSON";
  const isGroup = kind === "INITIATIVE_GROUP";
  const isOrganisation = isOrganisationKind(kind);
  const err = (message: string | undefined) => fieldError(message);

  useEffect(() => {
    if (possibleDuplicate) confirmRef.current?.focus();
  }, [possibleDuplicate]);

  const onSubmit = form.handleSubmit(async (values) => {
    setIdentifierOwner(null);
    const result = mode === "create" ? await createClientAction(values) : clientId ? await updateClientAction(clientId, values) : null;
    if (!result) return;
    if (result.ok) {
      router.push(`/clients/${result.data.id}?${mode === "create" ? "created" : "saved"}=1`);
      return;
    }
    const owner = typeof result.params.clientId === "string" ? { clientId: result.params.clientId, clientName: String(result.params.clientName ?? "") } : null;
    if (result.code === "POSSIBLE_DUPLICATE" && owner) {
      // A warning, not an error: the user decides below, next to the save button.
      setFormError(null);
      setPossibleDuplicate(owner);
      return;
    }
    apply(result);
    if (result.code === "DUPLICATE_IDENTIFIER" && owner) setIdentifierOwner(owner);
  });

  const confirmField = form.register("confirmPossibleDuplicate");
  const nameLabel = isPerson ? tf("namePerson") : isGroup ? tf("nameGroup") : tf("name");
  const personLabel = isGroup ? t("people.member") : t("people.representative");

  return (
    <form onSubmit={onSubmit} className="flex max-w-3xl flex-col gap-6" noValidate>
      <p className="text-sm text-slate-700">{tc("requiredHint")}</p>
      {formError ? (
        <Alert tone="error" data-testid="form-error">
          {formError}
        </Alert>
      ) : null}

      <Section legend={t("sections.basics")}>
        <Field label={tf("kind")} error={err(errors.kind?.message)} required>
          {(p) => (
            <select {...p} {...form.register("kind", { onChange: () => form.setValue("subtype", "") })} className={inputClass(Boolean(errors.kind))}>
              {CLIENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {subtypes.length > 0 ? (
          <Field label={tf("subtype")} error={err(errors.subtype?.message)}>
            {(p) => (
              <select {...p} {...form.register("subtype")} className={inputClass(Boolean(errors.subtype))}>
                <option value="">{t("choose")}</option>
                {subtypes.map((s) => (
                  <option key={s} value={s}>
                    {t(`subtypes.${s}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <Field label={nameLabel} error={err(errors.name?.message)} required>
          {(p) => <input {...p} {...form.register("name")} autoComplete="off" className={inputClass(Boolean(errors.name))} />}
        </Field>
      </Section>

      <Section legend={t("sections.identifiers")}>
        {isPerson ? (
          <Field label={tf("pesel")} hint={t("hints.pesel")} error={err(errors.pesel?.message)}>
            {(p) => <input {...p} {...form.register("pesel")} inputMode="numeric" autoComplete="off" className={cn(inputClass(Boolean(errors.pesel)), "max-w-64")} />}
          </Field>
        ) : null}
        {isOrganisation ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <Field label={tf("nip")} hint={t("hints.nip")} error={err(errors.nip?.message)}>
              {(p) => <input {...p} {...form.register("nip")} autoComplete="off" className={inputClass(Boolean(errors.nip))} />}
            </Field>
            <Field label={tf("regon")} hint={t("hints.regon")} error={err(errors.regon?.message)}>
              {(p) => <input {...p} {...form.register("regon")} inputMode="numeric" autoComplete="off" className={inputClass(Boolean(errors.regon))} />}
            </Field>
            <Field label={tf("krs")} hint={t("hints.krs")} error={err(errors.krs?.message)}>
              {(p) => <input {...p} {...form.register("krs")} inputMode="numeric" autoComplete="off" className={inputClass(Boolean(errors.krs))} />}
            </Field>
          </div>
        ) : null}
        {isGroup ? <p className="text-sm text-slate-700">{t("hints.groupNoIdentifiers")}</p> : null}
        {identifierOwner ? (
          <p className="text-sm font-medium text-red-800" data-testid="duplicate-identifier">
            {t("duplicateIdentifier")}{" "}
            <Link href={`/clients/${identifierOwner.clientId}`} className="text-blue-800 underline">
              {identifierOwner.clientName}
            </Link>
          </p>
        ) : null}
      </Section>

      <Section legend={t("sections.contact")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={tf("email")} error={err(errors.email?.message)}>
            {(p) => <input {...p} {...form.register("email")} type="email" autoComplete="off" className={inputClass(Boolean(errors.email))} />}
          </Field>
          <Field label={tf("phone")} hint={t("hints.phone")} error={err(errors.phone?.message)}>
            {(p) => <input {...p} {...form.register("phone")} type="tel" autoComplete="off" className={inputClass(Boolean(errors.phone))} />}
          </Field>
          <Field label={tf("street")} error={err(errors.street?.message)}>
            {(p) => <input {...p} {...form.register("street")} autoComplete="off" className={inputClass(Boolean(errors.street))} />}
          </Field>
          <Field label={tf("postalCode")} hint={t("hints.postalCode")} error={err(errors.postalCode?.message)}>
            {(p) => <input {...p} {...form.register("postalCode")} autoComplete="off" className={cn(inputClass(Boolean(errors.postalCode)), "max-w-40")} />}
          </Field>
          <Field label={tf("town")} error={err(errors.town?.message)}>
            {(p) => <input {...p} {...form.register("town")} autoComplete="off" className={inputClass(Boolean(errors.town))} />}
          </Field>
          <Field label={tf("commune")} error={err(errors.commune?.message)}>
            {(p) => <input {...p} {...form.register("commune")} autoComplete="off" className={inputClass(Boolean(errors.commune))} />}
          </Field>
          <Field label={tf("county")} error={err(errors.county?.message)}>
            {(p) => <input {...p} {...form.register("county")} autoComplete="off" className={inputClass(Boolean(errors.county))} />}
          </Field>
          <Field label={tf("voivodeship")} error={err(errors.voivodeship?.message)}>
            {(p) => (
              <select {...p} {...form.register("voivodeship")} className={inputClass(Boolean(errors.voivodeship))}>
                <option value="">{t("choose")}</option>
                {VOIVODESHIPS.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </Section>

      <Section legend={t("sections.targetGroup")} hint={t("hints.targetGroup")}>
        <Checkbox label={tf("atRiskOfExclusion")} {...form.register("atRiskOfExclusion")} />
        <Checkbox label={tf("aged50Plus")} {...form.register("aged50Plus")} />
        <Checkbox label={tf("longTermUnemployed")} {...form.register("longTermUnemployed")} />
        <Checkbox label={tf("leavingReintegrationEntity")} {...form.register("leavingReintegrationEntity")} />
        {maySeeSensitive ? <Checkbox label={tf("hasDisability")} hint={t("hints.sensitive")} {...form.register("hasDisability")} /> : null}
      </Section>

      <Section legend={t("sections.spheres")} hint={t("hints.spheres")} error={err(errors.kpresSpheres?.message)}>
        {KPRES_SPHERES.map((sphere) => (
          <Checkbox key={sphere} label={t(`spheres.${sphere}`)} value={sphere} {...form.register("kpresSpheres")} />
        ))}
      </Section>

      <Section legend={t("sections.office")}>
        <Field label={tf("office")} error={err(errors.officeId?.message)}>
          {(p) => (
            <select {...p} {...form.register("officeId")} className={cn(inputClass(Boolean(errors.officeId)), "max-w-md")}>
              <option value="">{t("noOffice")}</option>
              {offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </Section>

      <Section legend={t("sections.consent")} hint={t("hints.consent")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={tf("consentDate")} error={err(errors.consentDate?.message)}>
            {(p) => <input {...p} {...form.register("consentDate")} type="date" className={inputClass(Boolean(errors.consentDate))} />}
          </Field>
          <Field label={tf("consentLegalBasis")} error={err(errors.consentLegalBasis?.message)}>
            {(p) => (
              <select {...p} {...form.register("consentLegalBasis")} className={inputClass(Boolean(errors.consentLegalBasis))}>
                <option value="">{t("choose")}</option>
                {CONSENT_LEGAL_BASES.map((b) => (
                  <option key={b} value={b}>
                    {t(`legalBases.${b}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field label={tf("consentScope")} error={err(errors.consentScope?.message)}>
          {(p) => <textarea {...p} {...form.register("consentScope")} rows={2} className={inputClass(Boolean(errors.consentScope))} />}
        </Field>
      </Section>

      {isPerson ? null : (
        <Section
          legend={isGroup ? t("sections.members") : t("sections.representatives")}
          hint={isGroup ? t("hints.members") : t("hints.representatives")}
          error={err(errors.people?.message ?? errors.people?.root?.message)}
        >
          {people.fields.length === 0 ? <p className="text-sm text-slate-700">{t("people.none")}</p> : null}
          <ol className="flex flex-col gap-4">
            {people.fields.map((row, index) => {
              const rowErrors = errors.people?.[index];
              return (
                <li key={row.id}>
                  <fieldset className="rounded-md border border-slate-300 p-4">
                    <legend className="px-1 text-sm font-semibold">{t("people.legend", { role: personLabel, n: index + 1 })}</legend>
                    <div className="grid gap-4 sm:grid-cols-2">
                      <Field label={tf("personName")} error={err(rowErrors?.name?.message ?? rowErrors?.role?.message)} required>
                        {(p) => <input {...p} {...form.register(`people.${index}.name`)} autoComplete="off" className={inputClass(Boolean(rowErrors?.name))} />}
                      </Field>
                      <Field label={tf("personFunction")} hint={t("hints.personFunction")} error={err(rowErrors?.function?.message)}>
                        {(p) => <input {...p} {...form.register(`people.${index}.function`)} autoComplete="off" className={inputClass(Boolean(rowErrors?.function))} />}
                      </Field>
                      <Field label={tf("personEmail")} error={err(rowErrors?.email?.message)}>
                        {(p) => <input {...p} {...form.register(`people.${index}.email`)} type="email" autoComplete="off" className={inputClass(Boolean(rowErrors?.email))} />}
                      </Field>
                      <Field label={tf("personPhone")} error={err(rowErrors?.phone?.message)}>
                        {(p) => <input {...p} {...form.register(`people.${index}.phone`)} type="tel" autoComplete="off" className={inputClass(Boolean(rowErrors?.phone))} />}
                      </Field>
                    </div>
                    <Button
                      variant="secondary"
                      className="mt-3"
                      onClick={() => {
                        people.remove(index);
                        addPersonRef.current?.focus();
                      }}
                    >
                      {t("people.remove", { role: personLabel, n: index + 1 })}
                    </Button>
                  </fieldset>
                </li>
              );
            })}
          </ol>
          <div>
            <button
              ref={addPersonRef}
              type="button"
              className={buttonClass("secondary")}
              onClick={() => people.append({ role: isGroup ? "MEMBER" : "REPRESENTATIVE", name: "", function: "", email: "", phone: "" })}
            >
              {isGroup ? t("people.addMember") : t("people.addRepresentative")}
            </button>
          </div>
        </Section>
      )}

      <Section legend={t("sections.notes")}>
        <Field label={tf("notes")} error={err(errors.notes?.message)}>
          {(p) => <textarea {...p} {...form.register("notes")} rows={4} className={inputClass(Boolean(errors.notes))} />}
        </Field>
      </Section>

      {possibleDuplicate ? (
        <div role="alert" data-testid="possible-duplicate" className="flex flex-col gap-3 rounded-md border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <p>
            {t("possibleDuplicate")}{" "}
            <Link href={`/clients/${possibleDuplicate.clientId}`} className="font-semibold text-blue-900 underline">
              {possibleDuplicate.clientName}
            </Link>
            . {t("possibleDuplicateHint")}
          </p>
          <Checkbox
            label={t("confirmPossibleDuplicate")}
            {...confirmField}
            ref={(element) => {
              confirmField.ref(element);
              confirmRef.current = element;
            }}
          />
        </div>
      ) : null}

      <div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? tc("saving") : mode === "create" ? t("submitCreate") : tc("save")}
        </Button>
      </div>
    </form>
  );
}

/** A group of fields with a visible legend (WCAG 1.3.1); hint and error are tied to the group. */
function Section({ legend, hint, error, children }: { legend: string; hint?: string; error?: string; children: React.ReactNode }) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset aria-describedby={describedBy} className="flex flex-col gap-4 rounded-md border border-slate-300 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="-mt-2 text-sm text-slate-700">
          {hint}
        </p>
      ) : null}
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

type TCheckboxProps = Omit<React.InputHTMLAttributes<HTMLInputElement>, "type"> & { label: string; hint?: string; ref?: React.Ref<HTMLInputElement> };

function Checkbox({ label, hint, className, ...input }: TCheckboxProps) {
  const id = useId();
  return (
    <div className={cn("flex items-start gap-3", className)}>
      <input id={id} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} className="mt-1 size-4 shrink-0" {...input} />
      <div className="flex flex-col">
        <label htmlFor={id} className="text-sm font-medium">
          {label}
        </label>
        {hint ? (
          <p id={`${id}-hint`} className="text-sm text-slate-600">
            {hint}
          </p>
        ) : null}
      </div>
    </div>
  );
}
