import { useTranslations } from "next-intl";
import { Fragment } from "react";
import type { TAuditChange, TAuditDescription } from "@/lib/domain/audit/describe";
import { AuditValue, isBlockValue } from "./audit-value";

function BeforeAfter({ change }: { change: TAuditChange & { before: NonNullable<TAuditChange["before"]> } }) {
  const t = useTranslations();
  if (isBlockValue(change.before) || isBlockValue(change.after)) {
    // Lists of records read as two labelled blocks rather than one line.
    return (
      <>
        <div className="text-slate-700">
          <span className="font-medium">{t("audit.before")}:</span> <AuditValue value={change.before} />
        </div>
        <div>
          <span className="font-medium">{t("audit.after")}:</span> <AuditValue value={change.after} />
        </div>
      </>
    );
  }
  return (
    <>
      <span className="sr-only">{t("audit.before")}: </span>
      <span className="text-slate-700">
        <AuditValue value={change.before} />
      </span>
      <span aria-hidden="true"> → </span>
      <span className="sr-only">, {t("audit.after")}: </span>
      <AuditValue value={change.after} />
    </>
  );
}

/** The change column of the audit trail: one `<dl>` of changed fields, each before → after, in words. */
export function AuditChangeList({ description }: { description: TAuditDescription }) {
  const t = useTranslations();
  const { compared, changes } = description;
  if (changes.length === 0) return <span>{compared ? t("audit.noChanges") : t("common.none")}</span>;
  return (
    <dl className="grid grid-cols-1 gap-x-3 gap-y-1 sm:grid-cols-[minmax(0,auto)_minmax(0,1fr)]">
      {changes.map((change, index) => (
        <Fragment key={index}>
          <dt className="font-medium text-slate-700">{t(change.labelKey)}</dt>
          <dd className="min-w-0 [overflow-wrap:anywhere]">
            {change.before ? <BeforeAfter change={{ ...change, before: change.before }} /> : <AuditValue value={change.after} />}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
