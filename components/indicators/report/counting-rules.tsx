import { getTranslations } from "next-intl/server";
import { COUNTING_RULES } from "@/lib/domain/indicators/report/evidence";

/** The counting rules as written down in evidence.ts, behind a disclosure (it opens without JavaScript). */
export async function CountingRules() {
  const t = await getTranslations("indicators");
  return (
    <details className="mt-8 rounded border border-slate-300 bg-white p-4">
      <summary className="cursor-pointer font-semibold text-blue-800 underline">{t("report.rulesTitle")}</summary>
      <p className="mt-2 text-sm text-slate-700">{t("report.rulesLead")}</p>
      <div className="mt-3 max-w-full overflow-x-auto">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t("report.rulesTitle")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="p-2">
                {t("report.rulesColumns.source")}
              </th>
              <th scope="col" className="p-2">
                {t("report.rulesColumns.what")}
              </th>
              <th scope="col" className="p-2">
                {t("report.rulesColumns.oncePer")}
              </th>
              <th scope="col" className="p-2">
                {t("report.rulesColumns.date")}
              </th>
            </tr>
          </thead>
          <tbody>
            {COUNTING_RULES.map((rule) => (
              <tr key={rule.source} className="border-b border-slate-200 align-top" data-testid="counting-rule">
                <th scope="row" className="p-2 font-medium">
                  {t(`sources.${rule.source}`)}
                </th>
                <td className="p-2">{t(`rules.what.${rule.source}`)}</td>
                <td className="p-2">{t(`rules.oncePer.${rule.oncePer}`)}</td>
                <td className="p-2">{t(`rules.dates.${rule.date}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
