import { useTranslations } from "next-intl";
import { Fragment } from "react";
import { isRole } from "@/lib/auth/permissions";
import { listAuditChanges } from "./audit-changes";

/** The change column of the audit trail: one `<dl>` of changed fields, values as plain text. */
export function AuditChangeList({ before, after }: { before: unknown; after: unknown }) {
  const t = useTranslations("audit");
  const tc = useTranslations("common");
  const tr = useTranslations("roles");
  const { compared, changes } = listAuditChanges(before, after);

  const fieldLabel = (field: string) => (field === "" ? t("value") : t.has(`fields.${field}`) ? t(`fields.${field}`) : field);
  const valueText = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "") return tc("none");
    if (typeof value === "boolean") return value ? tc("yes") : tc("no");
    if (field === "role" && isRole(value)) return tr(value);
    if (field === "reason" && typeof value === "string" && t.has(`reasons.${value}`)) return t(`reasons.${value}`);
    if (typeof value === "string") return value;
    return JSON.stringify(value);
  };

  if (changes.length === 0) return <span>{compared ? t("noChanges") : tc("none")}</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
      {changes.map((change) => (
        <Fragment key={change.field}>
          <dt className="font-medium text-slate-700">{fieldLabel(change.field)}</dt>
          <dd className="min-w-0 break-words">
            {compared ? (
              <>
                <span className="sr-only">{t("before")}: </span>
                <span className="text-slate-700">{valueText(change.field, change.before)}</span>
                <span aria-hidden="true"> → </span>
                <span className="sr-only">, {t("after")}: </span>
                <span>{valueText(change.field, change.after)}</span>
              </>
            ) : (
              valueText(change.field, change.after)
            )}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
