import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PlanActionsTable } from "@/components/paths/plan-actions-table";
import { PrintButton } from "@/components/paths/print-button";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { asCalendarDate, inPolishTime } from "@/lib/dates";
import { nameOf } from "@/lib/domain/catalogue/names";
import { getPathCard } from "@/lib/domain/paths/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("paths"))("cardTitle") };
}

/**
 * The printable path card (karta ścieżki): identification, contract, needs and the approved plan
 * with signature lines. The app's navigation is hidden in print (print:hidden).
 */
export default async function PathCardPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const { path, contract, needs, plans, plan } = await loadForPage(() => getPathCard(ctx, id));
  const t = await getTranslations("paths");
  const format = await getFormatter();
  const locale = await getLocale();
  const names: Record<string, string> = { ...Object.fromEntries(plans.staff.map((u) => [u.id, u.name])), ...plans.people };
  return (
    <article className="mx-auto max-w-4xl bg-white p-4 sm:p-6 print:p-0">
      <div className="flex items-start justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("cardTitle")}</h1>
        <PrintButton label={t("print")} />
      </div>
      <dl className="mt-4 grid grid-cols-[auto_minmax(0,1fr)] gap-x-6 wrap-anywhere gap-y-1">
        <dt className="font-medium">{t("client")}</dt>
        <dd>{path.clientName}</dd>
        <dt className="font-medium">{t("advisor")}</dt>
        <dd>{path.advisorName ?? "—"}</dd>
        <dt className="font-medium">{t("fields.direction")}</dt>
        <dd>{t(`directions.${path.direction}`)}</dd>
        <dt className="font-medium">{t("fields.workForm")}</dt>
        <dd>{t(`workForms.${path.workForm}`)}</dd>
        <dt className="font-medium">{t("openedAt")}</dt>
        <dd>{format.dateTime(path.openedAt, inPolishTime({ dateStyle: "long" }))}</dd>
        <dt className="font-medium">{t("contract")}</dt>
        <dd>
          {contract
            ? `${contract.number} — ${t(`contractStatuses.${contract.status}`)}${contract.signedOn ? `, ${format.dateTime(contract.signedOn, asCalendarDate({ dateStyle: "long" }))}` : ""}`
            : "—"}
        </dd>
      </dl>

      <h2 className="mt-6 text-lg font-semibold">{t("fields.identification")}</h2>
      <p className="whitespace-pre-line">{path.identification ?? "—"}</p>

      <h2 className="mt-6 text-lg font-semibold">{t("tabs.needs")}</h2>
      <ol className="list-decimal pl-5">
        {needs.map((n) => (
          <li key={n.id}>
            {nameOf(path.catalogue.supportTypes, n.area, locale)}: {n.description}
            {n.expectedEffects.length ? ` — ${t("fields.expectedEffects")}: ${n.expectedEffects.join("; ")}` : ""}
          </li>
        ))}
      </ol>

      <h2 className="mt-6 text-lg font-semibold">
        {plan ? t("planVersionStatus", { number: plan.number, status: t(`planStatuses.${plan.status}`) }) : t("noPlan")}
      </h2>
      {plan ? <PlanActionsTable actions={plan.actions} people={names} catalogue={path.catalogue} caption={t("planVersion", { number: plan.number })} /> : null}

      <div className="mt-16 grid grid-cols-3 gap-3 text-center text-sm wrap-anywhere sm:gap-8">
        {(["signatureClient", "signatureAdvisor", "signatureCoordinator"] as const).map((key) => (
          <div key={key}>
            <div className="border-t border-slate-900 pt-1">{t(key)}</div>
            <div className="mt-1 text-slate-700">{t("signatureDate")}</div>
          </div>
        ))}
      </div>
    </article>
  );
}
