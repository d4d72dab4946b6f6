import { getFormatter, getTranslations } from "next-intl/server";
import { CALENDAR_DATE, INSTANT_DATE } from "@/lib/dates";
import type { TClause } from "@/lib/domain/privacy/clauses";

/** A version of the information clause as published: its number, title, when it applies from, and its text as typed. */
export async function ClauseText({ clause }: { clause: TClause }) {
  const t = await getTranslations("privacy.clauses");
  const format = await getFormatter();
  return (
    <article aria-labelledby="clause-heading">
      <h1 id="clause-heading" className="text-2xl font-bold break-words">
        {clause.title}
      </h1>
      <p className="mt-2 text-slate-700">
        {t("versionFacts", {
          version: clause.version,
          from: format.dateTime(clause.effectiveFrom, CALENDAR_DATE),
          published: format.dateTime(clause.createdAt, INSTANT_DATE),
        })}
      </p>
      <div className="mt-6 max-w-3xl whitespace-pre-wrap break-words rounded-md border border-slate-300 bg-white p-4" data-testid="clause-body">
        {clause.body}
      </div>
    </article>
  );
}
