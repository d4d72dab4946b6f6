"use client";

import { FormSection } from "@/components/forms/form-section";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { useFieldArray, useWatch } from "react-hook-form";
import { createClientAction, updateClientAction } from "@/lib/actions/clients";
import { EnumSelect } from "@/components/forms/enum-select";
import { FormShell } from "@/components/forms/form-shell";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button, buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field, inputClass } from "@/components/ui/field";
import { TextLink } from "@/components/ui/text-link";
import {
  CLIENT_KINDS,
  CONSENT_LEGAL_BASES,
  fieldsForKind,
  keepKindFields,
  KPRES_SPHERES,
  VOIVODESHIPS,
  ZClientInput,
  type TClientInput,
} from "@/lib/domain/clients/schemas";
import { EMPTY_CLIENT_FORM } from "./client-form-values";

type TOption = { id: string; name: string };
type TProps = ({ mode: "create" } | { mode: "edit"; clientId: string; defaults: TClientInput }) & {
  offices: TOption[];
  /** Whether the role may see and set special-category data (clients.read_sensitive). */
  maySeeSensitive: boolean;
};

/** The existing client a duplicate refusal or warning points at. */
type TDuplicate = { clientId: string; clientName: string };

/**
 * The form keeps everything typed, also in fields the chosen kind hides (switching back restores
 * them); what is validated and sent is only what applies to the kind (keepKindFields in the
 * client schemas), and the special-category field only for roles that may see it.
 */
export function ClientForm(props: TProps) {
  const { mode, offices, maySeeSensitive } = props;
  const t = useTranslations("clients");
  const tf = useTranslations("clients.fields");
  const tc = useTranslations("common");
  const router = useRouter();
  const [identifierOwner, setIdentifierOwner] = useState<TDuplicate | null>(null);
  const [possibleDuplicate, setPossibleDuplicate] = useState<TDuplicate | null>(null);
  const confirmRef = useRef<HTMLInputElement | null>(null);
  const addPersonRef = useRef<HTMLButtonElement>(null);
  const { form, errors, submitting, onSubmit, formError, fieldError } = useActionForm({
    schema: ZClientInput,
    defaultValues: props.mode === "edit" ? props.defaults : EMPTY_CLIENT_FORM,
    prepare: (values) => ({ ...keepKindFields(values), hasDisability: maySeeSensitive ? values.hasDisability : false }),
    action: (values) => {
      setIdentifierOwner(null);
      return props.mode === "edit" ? updateClientAction(props.clientId, values) : createClientAction(values);
    },
    onSuccess: (data) => router.push(`/clients/${data.id}?${mode === "create" ? "created" : "saved"}=1`),
    onRefusal: (failure) => {
      const owner = typeof failure.params.clientId === "string" ? { clientId: failure.params.clientId, clientName: String(failure.params.clientName ?? "") } : null;
      // A warning, not an error: the user decides below, next to the save button.
      if (failure.code === "POSSIBLE_DUPLICATE" && owner) {
        setPossibleDuplicate(owner);
        return true;
      }
      if (failure.code === "DUPLICATE_IDENTIFIER" && owner) setIdentifierOwner(owner);
      return false;
    },
  });
  const people = useFieldArray({ control: form.control, name: "people" });
  const kind = useWatch({ control: form.control, name: "kind" });
  const fields = fieldsForKind(kind);
  const isGroup = fields.peopleRole === "MEMBER";
  const err = (message: string | undefined) => fieldError(message);

  useEffect(() => {
    if (possibleDuplicate) confirmRef.current?.focus();
  }, [possibleDuplicate]);

  const confirmField = form.register("confirmPossibleDuplicate");
  const nameLabel = fields.peopleRole === null ? tf("namePerson") : isGroup ? tf("nameGroup") : tf("name");
  const personLabel = isGroup ? t("people.member") : t("people.representative");

  return (
    <FormShell
      onSubmit={onSubmit}
      className="max-w-3xl gap-6"
      error={formError}
      submitLabel={mode === "create" ? t("submitCreate") : tc("save")}
      submitting={submitting}
    >
      <FormSection legend={t("sections.basics")}>
        <Field label={tf("kind")} error={err(errors.kind?.message)} required>
          {(p) => (
            <EnumSelect
              {...p}
              {...form.register("kind", { onChange: () => form.setValue("subtype", "") })}
              options={CLIENT_KINDS}
              namespace="clients.kinds"
              invalid={Boolean(errors.kind)}
            />
          )}
        </Field>
        {fields.subtypes.length > 0 ? (
          <Field label={tf("subtype")} error={err(errors.subtype?.message)}>
            {(p) => (
              <EnumSelect
                {...p}
                {...form.register("subtype")}
                options={fields.subtypes}
                namespace="clients.subtypes"
                placeholder={t("choose")}
                invalid={Boolean(errors.subtype)}
              />
            )}
          </Field>
        ) : null}
        <Field label={nameLabel} error={err(errors.name?.message)} required>
          {(p) => <input {...p} {...form.register("name")} autoComplete="off" className={inputClass(Boolean(errors.name))} />}
        </Field>
      </FormSection>

      <FormSection legend={t("sections.identifiers")}>
        {fields.pesel ? (
          <Field label={tf("pesel")} hint={t("hints.pesel")} error={err(errors.pesel?.message)}>
            {(p) => <input {...p} {...form.register("pesel")} inputMode="numeric" autoComplete="off" className={cn(inputClass(Boolean(errors.pesel)), "max-w-64")} />}
          </Field>
        ) : null}
        {fields.organisationIdentifiers ? (
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
        {!fields.pesel && !fields.organisationIdentifiers ? <p className="text-sm text-slate-700">{t("hints.groupNoIdentifiers")}</p> : null}
        {identifierOwner ? (
          <p className="text-sm font-medium text-red-800" data-testid="duplicate-identifier">
            {t("duplicateIdentifier")}{" "}
            <TextLink href={`/clients/${identifierOwner.clientId}`}>{identifierOwner.clientName}</TextLink>
          </p>
        ) : null}
      </FormSection>

      <FormSection legend={t("sections.contact")}>
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
      </FormSection>

      <FormSection legend={t("sections.targetGroup")} hint={t("hints.targetGroup")}>
        <Checkbox label={tf("atRiskOfExclusion")} {...form.register("atRiskOfExclusion")} />
        <Checkbox label={tf("aged50Plus")} {...form.register("aged50Plus")} />
        <Checkbox label={tf("longTermUnemployed")} {...form.register("longTermUnemployed")} />
        <Checkbox label={tf("leavingReintegrationEntity")} {...form.register("leavingReintegrationEntity")} />
        {maySeeSensitive ? <Checkbox label={tf("hasDisability")} hint={t("hints.sensitive")} {...form.register("hasDisability")} /> : null}
      </FormSection>

      <FormSection legend={t("sections.spheres")} hint={t("hints.spheres")} error={err(errors.kpresSpheres?.message)}>
        {KPRES_SPHERES.map((sphere) => (
          <Checkbox key={sphere} label={t(`spheres.${sphere}`)} value={sphere} {...form.register("kpresSpheres")} />
        ))}
      </FormSection>

      <FormSection legend={t("sections.office")}>
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
      </FormSection>

      <FormSection legend={t("sections.consent")} hint={t("hints.consent")}>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={tf("consentDate")} error={err(errors.consentDate?.message)}>
            {(p) => <input {...p} {...form.register("consentDate")} type="date" className={inputClass(Boolean(errors.consentDate))} />}
          </Field>
          <Field label={tf("consentLegalBasis")} error={err(errors.consentLegalBasis?.message)}>
            {(p) => (
              <EnumSelect
                {...p}
                {...form.register("consentLegalBasis")}
                options={CONSENT_LEGAL_BASES}
                namespace="clients.legalBases"
                placeholder={t("choose")}
                invalid={Boolean(errors.consentLegalBasis)}
              />
            )}
          </Field>
        </div>
        <Field label={tf("consentScope")} error={err(errors.consentScope?.message)}>
          {(p) => <textarea {...p} {...form.register("consentScope")} rows={2} className={inputClass(Boolean(errors.consentScope))} />}
        </Field>
      </FormSection>

      {fields.peopleRole === null ? null : (
        <FormSection
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
              onClick={() => people.append({ role: fields.peopleRole ?? "REPRESENTATIVE", name: "", function: "", email: "", phone: "" })}
            >
              {isGroup ? t("people.addMember") : t("people.addRepresentative")}
            </button>
          </div>
        </FormSection>
      )}

      <FormSection legend={t("sections.notes")}>
        <Field label={tf("notes")} error={err(errors.notes?.message)}>
          {(p) => <textarea {...p} {...form.register("notes")} rows={4} className={inputClass(Boolean(errors.notes))} />}
        </Field>
      </FormSection>

      {possibleDuplicate ? (
        <div role="alert" data-testid="possible-duplicate" className="flex flex-col gap-3 rounded-md border-l-4 border-amber-600 bg-amber-50 px-4 py-3 text-sm text-amber-950">
          <p>
            {t("possibleDuplicate")}{" "}
            <TextLink href={`/clients/${possibleDuplicate.clientId}`} className="font-semibold text-blue-900">
              {possibleDuplicate.clientName}
            </TextLink>
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
    </FormShell>
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
