import "server-only";
import ExcelJS from "exceljs";
import { asTextCell } from "@/lib/exports/cells";
import { COUNTING_RULES } from "./evidence";
import { cutValueLabel, periodLabel, type TRootTranslator } from "./labels";
import type { TIndicatorReport } from "./report";

/**
 * The indicator report as a workbook, with exactly the numbers of getIndicatorReport: "Wskaźniki"
 * (indicator, unit, evidence, target, actual, %), the cut's sheet when one is chosen (one row per
 * indicator and value) and the counting rules. Every cell is a value, never a formula: names are
 * user text and are neutralised (lib/exports/cells.ts). `t` reads the root messages (Polish).
 */

const cells = (row: (string | number | null)[]) => row.map((value) => (value === null ? "" : asTextCell(value)));

function sheetOf(workbook: ExcelJS.Workbook, name: string, headers: string[], widths: number[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = headers.map((header, i) => ({
    header: asTextCell(header),
    width: widths[i],
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return sheet;
}

export async function indicatorReportWorkbook(report: TIndicatorReport, t: TRootTranslator): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "OWES";
  const c = (key: string) => t(`indicators.report.columns.${key}`);
  const period = periodLabel(t, report.period.key);

  const main = sheetOf(
    workbook,
    t("indicators.xlsx.report"),
    [c("indicator"), c("unit"), c("evidenceKind"), c("target"), c("actual"), c("percent")],
    [60, 16, 40, 16, 18, 14],
  );
  for (const row of report.indicators) main.addRow(cells([row.name, row.unit, row.evidenceKind, row.target, row.actual, row.percent]));
  main.addRow([]);
  main.addRow(cells([`${report.centre} — ${period} (${report.period.from} – ${report.period.to})`]));
  if (report.period.targetIsYearly)
    main.addRow(
      cells([
        t("indicators.report.quarterTarget", {
          year: report.period.year ?? "",
        }),
      ]),
    );
  main.addRow(cells([t("indicators.report.generatedOn", { date: report.generatedOn })]));

  if (report.cut) {
    const kind = report.cut.kind;
    const sheet = sheetOf(workbook, t("indicators.xlsx.cut"), [c("indicator"), t(`indicators.report.cuts.${kind}`), c("actual")], [60, 36, 18]);
    for (const row of report.indicators) {
      for (const value of row.cut?.values ?? []) sheet.addRow(cells([row.name, cutValueLabel(t, kind, value), value.actual]));
    }
    sheet.addRow([]);
    sheet.addRow(cells([report.cut.overlapping ? t("indicators.report.cutOverlaps") : t("indicators.report.cutAddsUp")]));
  }

  const r = (key: string) => t(`indicators.report.rulesColumns.${key}`);
  const rules = sheetOf(workbook, t("indicators.xlsx.rules"), [r("source"), r("what"), r("oncePer"), r("date")], [36, 70, 50, 50]);
  for (const rule of COUNTING_RULES) {
    rules.addRow(
      cells([
        t(`indicators.sources.${rule.source}`),
        t(`indicators.rules.what.${rule.source}`),
        t(`indicators.rules.oncePer.${rule.oncePer}`),
        t(`indicators.rules.dates.${rule.date}`),
      ]),
    );
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
