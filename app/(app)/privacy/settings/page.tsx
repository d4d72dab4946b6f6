import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ClausePublishForm } from "@/components/privacy/clause-publish-form";
import { PrivacySettingsForm } from "@/components/privacy/privacy-settings-form";
import { DataTable, cellClass } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CALENDAR_DATE, INSTANT_DATE, todayInPoland } from "@/lib/dates";
import { getPrivacySettingsPage } from "@/lib/domain/privacy/settings";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.settings"))("title") };
}

/**
 * The centre's data-protection settings (privacy.settings: a manager, the IOD): the retention
 * rules with the end of retention they give, and the information clause's versions — a new text
 * is published as the next version, never as an edit.
 */
export default async function PrivacySettingsPage() {
  const ctx = await requireSessionUser();
  const page = await loadForPage(() => getPrivacySettingsPage(ctx));
  const t = await getTranslations("privacy.settings");
  const tcl = await getTranslations("privacy.clauses");
  const tc = await getTranslations("common");
  const format = await getFormatter();
  const { settings, clauses } = page;

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>

      <section aria-labelledby="retention-heading" className="mt-6">
        <h2 id="retention-heading" className="mb-2 text-lg font-semibold">
          {t("retentionTitle")}
        </h2>
        <p className="mb-2 max-w-3xl text-slate-700">{t("retentionRule")}</p>
        <p className="mb-4 max-w-3xl font-medium" data-testid="retention-ends">
          {settings.retentionEndsOn ? t("retentionEnds", { date: format.dateTime(settings.retentionEndsOn, CALENDAR_DATE) }) : t("retentionNotStarted")}
        </p>
        <PrivacySettingsForm defaults={settings} />
      </section>

      <section aria-labelledby="clauses-heading" className="mt-10">
        <h2 id="clauses-heading" className="mb-2 text-lg font-semibold">
          {tcl("heading")}
        </h2>
        <p className="mb-4 max-w-3xl text-slate-700">{tcl("rule")}</p>
        {clauses.length === 0 ? (
          <p>{tcl("none")}</p>
        ) : (
          <DataTable
            caption={tcl("caption")}
            columns={[tcl("columns.version"), tcl("columns.title"), tcl("columns.effectiveFrom"), { label: tcl("columns.published"), hideBelow: "md" }]}
          >
            {clauses.map((clause) => (
              <tr key={clause.id} className="border-b border-slate-200 align-top">
                <td className="p-2">{clause.version}</td>
                <td className="p-2 wrap-anywhere">
                  <TextLink href={`/privacy/settings/clauses/${clause.id}`}>{clause.title}</TextLink>
                </td>
                <td className="p-2">{format.dateTime(clause.effectiveFrom, CALENDAR_DATE)}</td>
                <td className={`p-2 ${cellClass("md")}`}>
                  {format.dateTime(clause.createdAt, INSTANT_DATE)} · {clause.createdByName ?? tc("none")}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        <h3 id="publish-heading" className="mt-8 mb-2 font-semibold">
          {tcl("publishTitle", { version: (clauses[0]?.version ?? 0) + 1 })}
        </h3>
        <p className="mb-4 max-w-3xl text-slate-700">{tcl("publishHint")}</p>
        <ClausePublishForm nextVersion={(clauses[0]?.version ?? 0) + 1} defaults={page.latest ?? { title: "", body: "" }} today={todayInPoland()} />
      </section>
    </>
  );
}
