import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { buildAnnotatedReport, type TRowIssue } from "@/lib/domain/imports/annotate";

const LABELS = { sheet: "Raport", errorsHeader: "Błędy", okCell: "" };

const CSV = [
  "Rodzaj klienta;Nazwa lub imię i nazwisko;PESEL",
  "Osoba fizyczna;=SUM(A1);02070803628",
  "Osoba fizyczna;Anna Nowak;123",
  "",
  "Osoba fizyczna;Jan Kowalski;",
].join("\r\n");

const ISSUES: TRowIssue[] = [
  { rowNumber: 3, column: "PESEL", message: "Nieprawidłowy PESEL" },
  { rowNumber: 5, column: null, message: "Klient już istnieje" },
  { rowNumber: 5, column: "PESEL", message: "Brak PESEL" },
];

async function report(bytes: Uint8Array, type: "csv" | "xlsx", issues: TRowIssue[], labels = LABELS): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  const content = await buildAnnotatedReport(bytes, type, issues, labels);
  await workbook.xlsx.load(content as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error("no sheet");
  return sheet;
}

const text = (sheet: ExcelJS.Worksheet, address: string) => String(sheet.getCell(address).value ?? "");
const isRed = (sheet: ExcelJS.Worksheet, address: string) => (sheet.getCell(address).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb === "FFFFC7CE";

describe("buildAnnotatedReport", () => {
  it("puts each row's issues in an error column after the user's cells, on the same row numbers", async () => {
    const sheet = await report(new TextEncoder().encode(CSV), "csv", ISSUES);
    expect(sheet.name).toBe("Raport");
    expect(text(sheet, "A1")).toBe("Rodzaj klienta");
    expect(text(sheet, "D1")).toBe("Błędy");
    expect(text(sheet, "B3")).toBe("Anna Nowak");
    expect(text(sheet, "D3")).toBe("PESEL: Nieprawidłowy PESEL");
    expect(text(sheet, "B5")).toBe("Jan Kowalski");
    expect(text(sheet, "D5")).toBe("Klient już istnieje; PESEL: Brak PESEL");
    expect(isRed(sheet, "D3") && isRed(sheet, "D5")).toBe(true);
    // The cell an issue names is marked too, the others are not.
    expect(isRed(sheet, "C3")).toBe(true);
    expect(isRed(sheet, "B3")).toBe(false);
    // A row without issues has an empty error cell; the blank line stays blank.
    expect(text(sheet, "D2")).toBe("");
    expect(isRed(sheet, "D2")).toBe(false);
    expect(text(sheet, "A4")).toBe("");
  });

  it("writes a formula-looking value as visible text, never as a formula", async () => {
    const sheet = await report(new TextEncoder().encode(CSV), "csv", ISSUES);
    expect(sheet.getCell("B2").formula).toBeUndefined();
    expect(sheet.getCell("B2").type).toBe(ExcelJS.ValueType.String);
    expect(text(sheet, "B2")).toBe("'=SUM(A1)");
    expect(text(sheet, "C2")).toBe("02070803628");
  });

  it("reads a workbook the same way: a formula stays its text, and the error column clears a stray cell past the header", async () => {
    const source = new ExcelJS.Workbook();
    const data = source.addWorksheet("Klienci");
    data.addRow(["Nazwa lub imię i nazwisko", "PESEL"]);
    data.addRow(["Anna Nowak", { formula: "1+1", result: 2 }]);
    data.addRow(["Jan Kowalski", "02070803628", "", "notatka na marginesie"]);
    const bytes = new Uint8Array(await source.xlsx.writeBuffer());
    const sheet = await report(bytes, "xlsx", [{ rowNumber: 2, column: "PESEL", message: "Formuła zamiast wartości" }], { ...LABELS, okCell: "OK" });
    expect(sheet.getCell("B2").formula).toBeUndefined();
    expect(text(sheet, "B2")).toBe("'=1+1");
    expect(text(sheet, "D3")).toBe("notatka na marginesie");
    expect(text(sheet, "E1")).toBe("Błędy");
    expect(text(sheet, "E2")).toBe("PESEL: Formuła zamiast wartości");
    expect(text(sheet, "E3")).toBe("OK");
  });

  it("keeps issues of the header and of rows the file does not hold", async () => {
    const sheet = await report(new TextEncoder().encode(CSV), "csv", [
      { rowNumber: 1, column: "Status", message: "Brak kolumny" },
      { rowNumber: 4, column: null, message: "Pusty wiersz" },
      { rowNumber: 9, column: null, message: "Poza plikiem" },
    ]);
    expect(text(sheet, "D1")).toContain("Status: Brak kolumny");
    expect(text(sheet, "D4")).toBe("Pusty wiersz");
    expect(text(sheet, "D9")).toBe("Poza plikiem");
    expect(text(sheet, "B5")).toBe("Jan Kowalski");
  });
});
