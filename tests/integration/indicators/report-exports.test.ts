import ExcelJS from "exceljs";
import { createTranslator } from "next-intl";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeEach, describe, expect, it } from "vitest";
import { indicatorReportPdf } from "@/lib/domain/indicators/report/export-pdf";
import { indicatorReportWorkbook } from "@/lib/domain/indicators/report/export-xlsx";
import type { TRootTranslator } from "@/lib/domain/indicators/report/labels";
import { getIndicatorComparisonPage, getIndicatorEvidencePage, getIndicatorReportPage } from "@/lib/domain/indicators/report/pages";
import { getIndicatorReport } from "@/lib/domain/indicators/report/report";
import pl from "@/lib/i18n/messages/pl.json";
import { pageStatements } from "@/tests/support/statement-counter";
import { buildReportScenario, contextFor, indicatorIdOf, type TReportScenario } from "./report-scenario";

/**
 * The indicator report's XLSX and PDF (issue 16 §6) hold exactly the numbers of the screen's
 * service, read back as a person (or the end-to-end test) would; and the report's pages stay within
 * the statement budget (≤ 10), cut and drill-down included.
 */

const translator = createTranslator({ locale: "pl", messages: pl });
const t: TRootTranslator = (key, values) => translator(key as never, values as never);

async function pdfText(buffer: Buffer): Promise<string[]> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(buffer)), { mergePages: false });
  return text;
}

let s: TReportScenario;
beforeEach(async () => {
  s = await buildReportScenario();
});

describe("the XLSX export", () => {
  it("holds the report's rows, the cut and the counting rules, with the service's numbers", async () => {
    const report = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
      cut: "SPHERE",
    });
    const workbook = new ExcelJS.Workbook();
    const buffer = await indicatorReportWorkbook(report, t);
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Wskaźniki", "Przekrój", "Reguły liczenia"]);

    const main = workbook.getWorksheet("Wskaźniki");
    expect(main?.getRow(1).values).toEqual([undefined, "Wskaźnik", "Jednostka", "Dowód", "Wartość docelowa", "Wartość osiągnięta", "% realizacji"]);
    const rows = report.indicators.map((_, i) => main?.getRow(i + 2).values as unknown[]);
    expect(rows.map((r) => [r[1], r[5]])).toEqual(report.indicators.map((i) => [i.name, i.actual]));
    const jobs = rows.find((r) => r[1] === report.indicators.find((i) => i.code === "JOBS_CREATED")?.name);
    expect(jobs?.slice(4)).toEqual([20, 9, 45]);

    const cut = workbook.getWorksheet("Przekrój");
    const cutRows = ((cut?.getSheetValues() ?? []) as unknown[]).slice(2).filter((r): r is unknown[] => Array.isArray(r) && typeof r[3] === "number");
    expect(cutRows.map((r) => [r[2], r[3]])).toContainEqual(["Zrównoważony rozwój", 7]);
    expect(cutRows.reduce((sum, r) => sum + Number(r[3]), 0)).toBe(
      report.indicators.reduce((sum, i) => sum + (i.cut?.values.reduce((a, v) => a + v.actual, 0) ?? 0), 0),
    );
    expect(workbook.getWorksheet("Reguły liczenia")?.rowCount).toBe(6);
  });
});

describe("the PDF export", () => {
  it("is titled with the centre and the period and holds the same numbers, numbered pages and the rules", async () => {
    const report = await getIndicatorReport(contextFor(s.manager), {
      period: "2026",
    });
    const pages = await pdfText(await indicatorReportPdf(report, t));
    const text = pages.join("\n");
    expect(text).toContain("Sprawozdanie z realizacji wskaźników");
    expect(text).toContain("OWES Ziemi Świętokrzyskiej");
    expect(text).toContain("Rok 2026");
    expect(text).toContain(`Strona 1 z ${pages.length}`);
    expect(text).toContain("Reguły liczenia");
    // The jobs row: the name, its unit, target 20, actual 9, 45%.
    expect(text.replace(/\s+/g, " ")).toMatch(/podmiotach ekonomii społecznej miejsca pracy 20 9 45%/);
    expect(text).toContain("Wygenerowano");
  });
});

describe("statements per page", () => {
  it("the report, a cut and the comparison: at most 10 each, the drill-down 11 (its access-log entry), in one transaction", async () => {
    const jobsId = await indicatorIdOf(s.tenant.id, "JOBS_CREATED");
    for (const user of [s.manager, s.coordinator]) {
      const pages = {
        report: await pageStatements(user, (ctx) => getIndicatorReportPage(ctx, { period: "2026", cut: "PARTNER" })),
        drill: await pageStatements(user, (ctx) =>
          getIndicatorEvidencePage(ctx, jobsId, {
            period: "2026",
            cut: "SPHERE",
            value: "SUSTAINABLE_DEVELOPMENT",
          }),
        ),
        compare: await pageStatements(user, (ctx) => getIndicatorComparisonPage(ctx, { a: "2025", b: "2026" })),
      };
      // The drill-down names clients: it also appends their access-log entries (issue 17), one INSERT more.
      const budget: Record<string, number> = { report: 10, drill: 11, compare: 10 };
      for (const [name, statements] of Object.entries(pages)) {
        expect(statements.length, `${name}:\n${statements.join("\n")}`).toBeLessThanOrEqual(budget[name] ?? 10);
        expect(statements.filter((st) => /^\s*BEGIN/i.test(st))).toHaveLength(1);
      }
    }
  });
});
