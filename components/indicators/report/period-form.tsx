import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { FilterField } from "@/components/ui/filter-field";
import { inputClass } from "@/components/ui/field";
import { CUT_KINDS_LIST } from "@/lib/domain/indicators/report/cut-kinds";
import { periodLabel } from "@/lib/domain/indicators/report/labels";

/** The report's period and cut pickers: a GET form, so the choice lives in the URL (shareable, works without JavaScript). */
export async function ReportPeriodForm({
  periodKey,
  cutKind,
  choices,
  hidden = {},
  withCut = true,
}: {
  periodKey: string;
  cutKind: string | null;
  choices: string[];
  /** Kept as they are (the drill-down's cut and value). */
  hidden?: Record<string, string>;
  withCut?: boolean;
}) {
  const t = await getTranslations("indicators.report");
  const root = await getTranslations();
  const options = choices.includes(periodKey) ? choices : [periodKey, ...choices];
  return (
    <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FilterField id="report-period" label={t("period")}>
        <select id="report-period" name="period" defaultValue={periodKey} className={inputClass()}>
          {options.map((key) => (
            <option key={key} value={key}>
              {periodLabel(root, key)}
            </option>
          ))}
        </select>
      </FilterField>
      {withCut ? (
        <FilterField id="report-cut" label={t("cut")}>
          <select id="report-cut" name="cut" defaultValue={cutKind ?? ""} className={inputClass()}>
            <option value="">{t("noCut")}</option>
            {CUT_KINDS_LIST.map((kind) => (
              <option key={kind} value={kind}>
                {t(`cuts.${kind}`)}
              </option>
            ))}
          </select>
        </FilterField>
      ) : null}
      <button type="submit" className={buttonClass("secondary")}>
        {t("show")}
      </button>
    </form>
  );
}
