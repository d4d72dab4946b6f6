import "server-only";
import { createPdf, contentWidth, finishPdf } from "@/lib/exports/pdf/document";
import { polishDay } from "@/lib/exports/pdf/format";
import { drawTable } from "@/lib/exports/pdf/table";
import { COUNTING_RULES } from "./evidence";
import { cutValueLabel, periodLabel, type TRootTranslator } from "./labels";
import type { TIndicatorReport } from "./report";

/**
 * The indicator report for the funder (A4, Polish), with exactly the numbers of getIndicatorReport:
 * the centre and the period as the title, the table of targets, actuals and %, the cut when chosen,
 * the counting rules, and on every page "Strona 1 z N" with the date it was generated.
 */
export async function indicatorReportPdf(report: TIndicatorReport, t: TRootTranslator): Promise<Buffer> {
  const period = periodLabel(t, report.period.key);
  const title = t("indicators.pdf.title");
  const doc = createPdf({
    title: `${title}: ${report.centre}, ${period}`,
    author: report.centre,
  });
  const width = contentWidth(doc);
  const c = (key: string) => t(`indicators.report.columns.${key}`);

  doc.font("bold").fontSize(16).text(title, { align: "center" });
  doc.moveDown(0.3);
  doc.font("bold").fontSize(12).text(report.centre, { align: "center" });
  doc
    .font("regular")
    .fontSize(11)
    .text(`${period} (${polishDay(report.period.from)} – ${polishDay(report.period.to)})`, { align: "center" });
  doc.moveDown(0.8);
  if (report.period.targetIsYearly) {
    doc.fontSize(9.5).text(
      t("indicators.report.quarterTarget", {
        year: report.period.year ?? "",
      }),
      { width },
    );
    doc.moveDown(0.5);
  }

  const numberWidth = 62;
  drawTable(
    doc,
    [
      { header: c("indicator"), width: width - 70 - 3 * numberWidth },
      { header: c("unit"), width: 70 },
      { header: c("target"), width: numberWidth, align: "right" },
      { header: c("actual"), width: numberWidth, align: "right" },
      { header: c("percent"), width: numberWidth, align: "right" },
    ],
    report.indicators.map((row) => [
      row.name,
      row.unit,
      row.target === null ? t("indicators.report.noTarget") : String(row.target),
      String(row.actual),
      row.percent === null ? "—" : `${row.percent}%`,
    ]),
  );

  if (report.cut) {
    const kind = report.cut.kind;
    doc.moveDown(0.5);
    doc
      .font("bold")
      .fontSize(12)
      .text(t("indicators.pdf.cut", { cut: t(`indicators.report.cuts.${kind}`) }), { width });
    doc.moveDown(0.3);
    doc
      .font("regular")
      .fontSize(9.5)
      .text(report.cut.overlapping ? t("indicators.report.cutOverlaps") : t("indicators.report.cutAddsUp"), { width });
    doc.moveDown(0.3);
    drawTable(
      doc,
      [
        { header: c("indicator"), width: width - 160 - numberWidth },
        { header: t(`indicators.report.cuts.${kind}`), width: 160 },
        { header: c("actual"), width: numberWidth, align: "right" },
      ],
      report.indicators.flatMap((row) => (row.cut?.values ?? []).map((value) => [row.name, cutValueLabel(t, kind, value), String(value.actual)])),
    );
  }

  doc.moveDown(0.5);
  doc.font("bold").fontSize(12).text(t("indicators.pdf.rules"), { width });
  doc.moveDown(0.3);
  const r = (key: string) => t(`indicators.report.rulesColumns.${key}`);
  drawTable(
    doc,
    [
      { header: r("source"), width: 110 },
      { header: r("what"), width: width - 110 - 2 * 110 },
      { header: r("oncePer"), width: 110 },
      { header: r("date"), width: 110 },
    ],
    COUNTING_RULES.map((rule) => [
      t(`indicators.sources.${rule.source}`),
      t(`indicators.rules.what.${rule.source}`),
      t(`indicators.rules.oncePer.${rule.oncePer}`),
      t(`indicators.rules.dates.${rule.date}`),
    ]),
  );

  const generated = t("indicators.report.generatedOn", {
    date: polishDay(report.generatedOn),
  });
  return finishPdf(doc, (page, pages) => `${t("indicators.pdf.footer", { page, pages })} · ${report.centre} · ${generated}`);
}
