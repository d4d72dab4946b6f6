"use client";

import { useTranslations } from "next-intl";
import { useActionState, useId, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, inputClass } from "@/components/ui/field";
import { startImportAction, type TStartImportState } from "@/lib/actions/imports";
import type { TImportKind } from "@/lib/domain/imports/columns";

const KINDS: readonly TImportKind[] = ["CLIENTS", "SERVICES"];

/** What the file input offers: the two formats by extension and by type (the server checks the content). */
const ACCEPT = ".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const INITIAL: TStartImportState = { kind: "CLIENTS", updateExisting: false, code: null, fieldErrors: {}, params: {} };

/**
 * The upload: the kind of data, the file, and (for clients) whether to update those already in
 * the system. A plain form post (works without JavaScript); a refused file comes back with its
 * message under the file field and the other choices kept. With JavaScript, a file over the limit
 * is refused before it is sent: the server would cut such a body off without an answer the form
 * could show.
 */
export function ImportUploadForm({ maxBytes }: { maxBytes: number }) {
  const t = useTranslations("imports.page.form");
  const tk = useTranslations("imports.kinds");
  const tv = useTranslations("validation");
  const te = useTranslations("errors");
  const [state, formAction, pending] = useActionState<TStartImportState, FormData>(startImportAction, INITIAL);
  const [kind, setKind] = useState<TImportKind>(state.kind);
  const [tooLarge, setTooLarge] = useState(false);
  const kindId = useId();
  const maxMb = Math.round(maxBytes / 1024 / 1024);

  const message = (key: string | undefined) => (key ? (tv.has(key) ? tv(key, { maxMb, ...state.params }) : key) : undefined);
  const fileError = tooLarge ? tv("fileTooLarge", { maxMb }) : message(state.fieldErrors.file);
  const kindError = message(state.fieldErrors.kind);
  const fieldNames = new Set(["file", "kind", "updateExisting"]);
  const onFields = Object.keys(state.fieldErrors).some((field) => fieldNames.has(field));
  const formError = state.code === null || onFields ? null : te(state.code, state.params);

  return (
    <form
      action={formAction}
      noValidate
      className="flex max-w-2xl flex-col gap-4"
      onSubmit={(event) => {
        // A file over the limit never leaves the browser (the message is already under the field).
        if (tooLarge) event.preventDefault();
      }}
    >
      {formError ? (
        <Alert tone="error" data-testid="import-upload-error">
          {formError}
        </Alert>
      ) : null}
      <fieldset className="flex flex-col gap-1" aria-describedby={kindError ? `${kindId}-error` : undefined}>
        <legend className="text-sm font-medium text-slate-900">{t("kind")}</legend>
        <div className="flex flex-wrap gap-4">
          {KINDS.map((value) => (
            <label key={value} className="flex items-center gap-2">
              <input type="radio" name="kind" value={value} defaultChecked={state.kind === value} onChange={() => setKind(value)} className="size-4" />
              {tk(value)}
            </label>
          ))}
        </div>
        {kindError ? (
          <p id={`${kindId}-error`} className="text-sm font-medium text-red-700">
            {kindError}
          </p>
        ) : null}
      </fieldset>
      <Field label={t("file")} hint={t("fileHint", { maxMb })} error={fileError} required>
        {(p) => (
          <input
            {...p}
            name="file"
            type="file"
            accept={ACCEPT}
            onChange={(event) => setTooLarge((event.currentTarget.files?.[0]?.size ?? 0) > maxBytes)}
            className={inputClass(Boolean(fileError))}
          />
        )}
      </Field>
      {kind === "CLIENTS" ? (
        <div className="flex flex-col gap-1">
          <label className="flex items-start gap-2">
            <input type="checkbox" name="updateExisting" defaultChecked={state.updateExisting} aria-describedby={`${kindId}-update-hint`} className="mt-1 size-4 shrink-0" />
            <span>{t("updateExisting")}</span>
          </label>
          <p id={`${kindId}-update-hint`} className="text-sm text-slate-600">
            {t("updateExistingHint")}
          </p>
        </div>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </Button>
      </div>
    </form>
  );
}
