import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { CLIENT_COLUMNS, FIXED_LIST_LABELS, SERVICE_COLUMNS, type TImportKind } from "@/lib/domain/imports/columns";
import { detectFileType, readRows } from "@/lib/domain/imports/files";
import { buildTemplate, templateFileName, type TTemplateLists } from "@/lib/domain/imports/templates";

const LISTS: TTemplateLists = {
  supportTypes: ["Doradztwo biznesowe", "Szkolenie", "-Mentoring"],
  specialistAreas: [],
  offices: ["Biuro Radom", "Biuro Kielce"],
};

async function load(kind: TImportKind, lists: TTemplateLists = LISTS): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  const content = await buildTemplate(kind, lists);
  await workbook.xlsx.load(content as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  return workbook;
}

function sheet(workbook: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

const texts = (row: ExcelJS.Row) => (row.values as ExcelJS.CellValue[]).slice(1).map((value) => String(value ?? ""));

/** The values of a "Listy!$A$2:$A$12" range, as the drop-down offers them. */
function listOf(workbook: ExcelJS.Workbook, formula: string): string[] {
  const match = /^Listy!\$([A-Z]+)\$(\d+):\$\1\$(\d+)$/.exec(formula);
  if (!match) throw new Error(`not a Listy range: ${formula}`);
  const lists = sheet(workbook, "Listy");
  const values: string[] = [];
  for (let row = Number(match[2]); row <= Number(match[3]); row++) values.push(String(lists.getCell(`${match[1]}${row}`).value ?? ""));
  return values;
}

function validation(data: ExcelJS.Worksheet, header: string, row: number): ExcelJS.DataValidation | undefined {
  const at = texts(data.getRow(1)).indexOf(header);
  if (at < 0) throw new Error(`no column ${header}`);
  return data.getCell(row, at + 1).dataValidation as ExcelJS.DataValidation | undefined;
}

describe("buildTemplate", () => {
  it("has the data sheet first, the instructions, and the lists hidden", async () => {
    const clients = await load("CLIENTS");
    expect(clients.worksheets.map((ws) => ws.name)).toEqual(["Klienci", "Instrukcja", "Listy"]);
    expect(["hidden", "veryHidden"]).toContain(sheet(clients, "Listy").state);
    expect((await load("SERVICES")).worksheets.map((ws) => ws.name)).toEqual(["Usługi", "Instrukcja", "Listy"]);
  });

  it("heads the data sheet with the columns' headers, exactly, and the parser reads them back as the header row", async () => {
    const content = await buildTemplate("CLIENTS", LISTS);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    expect(texts(sheet(workbook, "Klienci").getRow(1))).toEqual(CLIENT_COLUMNS.map((c) => c.header));

    expect(detectFileType(new Uint8Array(content))).toBe("xlsx");
    const rows = [];
    for await (const row of readRows(new Uint8Array(content), "xlsx")) rows.push(row);
    expect(rows).toEqual([{ rowNumber: 1, cells: CLIENT_COLUMNS.map((c) => c.header) }]);

    const services = await load("SERVICES");
    expect(texts(sheet(services, "Usługi").getRow(1))).toEqual(SERVICE_COLUMNS.map((c) => c.header));
  });

  it("offers the client kinds from the lists sheet, strictly, down to row 5000", async () => {
    const workbook = await load("CLIENTS");
    const data = sheet(workbook, "Klienci");
    for (const row of [2, 5000]) {
      const kind = validation(data, "Rodzaj klienta", row);
      expect(kind).toMatchObject({ type: "list", showErrorMessage: true });
      expect(listOf(workbook, String(kind?.formulae[0]))).toEqual(Object.values(FIXED_LIST_LABELS.clientKind));
    }
    expect(validation(data, "Rodzaj klienta", 5001)).toBeUndefined();
    expect(listOf(workbook, String(validation(data, "Zagrożona wykluczeniem", 2)?.formulae[0]))).toEqual(["TAK", "NIE"]);
    expect(listOf(workbook, String(validation(data, "Województwo", 2)?.formulae[0]))).toContain("świętokrzyskie");
    expect(listOf(workbook, String(validation(data, "Biuro", 2)?.formulae[0]))).toEqual(LISTS.offices);
    // Several spheres go in one cell: the list is offered, any text accepted.
    const spheres = validation(data, "Sfery KPRES", 2);
    expect(spheres?.type).toBe("list");
    expect(spheres?.showErrorMessage ?? false).toBe(false);
  });

  it("offers the centre's support types, and no drop-down for a list the centre left empty", async () => {
    const workbook = await load("SERVICES");
    const data = sheet(workbook, "Usługi");
    const supportType = validation(data, "Rodzaj wsparcia", 2);
    // A name that looks like a formula is kept harmless, as everywhere the app writes user text.
    expect(listOf(workbook, String(supportType?.formulae[0]))).toEqual(["Doradztwo biznesowe", "Szkolenie", "'-Mentoring"]);
    expect(validation(data, "Obszar specjalistyczny", 2)).toBeUndefined();
    expect(listOf(workbook, String(validation(data, "Forma", 2)?.formulae[0]))).toEqual(Object.values(FIXED_LIST_LABELS.workForm));
  });

  it("keeps identifiers and dates as text, and marks the required columns", async () => {
    const clients = sheet(await load("CLIENTS"), "Klienci");
    const headers = texts(clients.getRow(1));
    for (const header of ["PESEL", "NIP", "REGON", "KRS", "Telefon", "Kod pocztowy"]) expect(clients.getColumn(headers.indexOf(header) + 1).numFmt).toBe("@");
    expect(clients.getColumn(headers.indexOf("Nazwa lub imię i nazwisko") + 1).numFmt).not.toBe("@");
    const filled = (header: string) => (clients.getCell(1, headers.indexOf(header) + 1).fill as ExcelJS.FillPattern | undefined)?.pattern === "solid";
    expect(CLIENT_COLUMNS.filter((c) => filled(c.header)).map((c) => c.header)).toEqual(CLIENT_COLUMNS.filter((c) => c.required).map((c) => c.header));

    const services = sheet(await load("SERVICES"), "Usługi");
    const serviceHeaders = texts(services.getRow(1));
    expect(services.getColumn(serviceHeaders.indexOf("Data") + 1).numFmt).toBe("@");
    expect(services.getColumn(serviceHeaders.indexOf("Klienci (identyfikatory)") + 1).numFmt).toBe("@");
  });

  it("explains every column and the general rules in the instructions", async () => {
    for (const [kind, columns] of [["CLIENTS", CLIENT_COLUMNS], ["SERVICES", SERVICE_COLUMNS]] as const) {
      const instructions = sheet(await load(kind), "Instrukcja");
      const rows: string[][] = [];
      instructions.eachRow((row) => rows.push(texts(row)));
      for (const column of columns) {
        const row = rows.find((cells) => cells[0] === column.header);
        expect(row, column.header).toBeDefined();
        expect(row?.slice(1, 4)).toEqual([column.required ? "TAK" : "NIE", column.note, column.example]);
      }
      const text = rows.flat().join("\n");
      for (const phrase of ["dd.mm.rrrr", "średnikiem", "25 MB", "Windows-1250", "jako tekst", "Nic nie zostanie zapisane"]) expect(text).toContain(phrase);
    }
  });
});

describe("templateFileName", () => {
  it("names the two templates", () => {
    expect(templateFileName("CLIENTS")).toBe("szablon-import-klientow.xlsx");
    expect(templateFileName("SERVICES")).toBe("szablon-import-uslug.xlsx");
  });
});
