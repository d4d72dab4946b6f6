import ExcelJS from "exceljs";
import { strToU8, unzipSync, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  decodeText,
  detectDelimiter,
  detectFileType,
  IMPORT_MAX_COLUMNS,
  ImportFileError,
  parsePolishDate,
  readRows,
  sha256Hex,
  type TFileType,
  type TRawRow,
} from "@/lib/domain/imports/files";

const POLISH = "Zażółć gęślą jaźń ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż";

/** Windows-1250 codes of the Polish letters (Node encodes no cp1250, so the test spells them out). */
const CP1250: Record<string, number> = {
  ą: 0xb9, ć: 0xe6, ę: 0xea, ł: 0xb3, ń: 0xf1, ó: 0xf3, ś: 0x9c, ź: 0x9f, ż: 0xbf,
  Ą: 0xa5, Ć: 0xc6, Ę: 0xca, Ł: 0xa3, Ń: 0xd1, Ó: 0xd3, Ś: 0x8c, Ź: 0x8f, Ż: 0xaf,
};

function cp1250(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => {
    const code = CP1250[ch] ?? ch.charCodeAt(0);
    if (code > 0x7f && CP1250[ch] === undefined) throw new Error(`no cp1250 code for ${ch}`);
    return code;
  }));
}

const utf8 = (text: string) => new TextEncoder().encode(text);

async function rowsOf(bytes: Uint8Array, type: TFileType): Promise<TRawRow[]> {
  const rows: TRawRow[] = [];
  for await (const row of readRows(bytes, type)) rows.push(row);
  return rows;
}

async function xlsx(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A workbook with a data sheet and a lists sheet after it, as the template has. */
const twoSheets = () =>
  xlsx((workbook) => {
    const data = workbook.addWorksheet("Dane");
    data.addRow(["Data", "Suma", "PESEL"]);
    data.addRow([new Date(Date.UTC(2026, 2, 15)), { formula: "1+1", result: 2 }, 123456789012345]);
    workbook.addWorksheet("Listy").addRow(["z listy"]);
  });

/** The same archive with its parts rewritten (`edit`) and stored in `order`. */
function rezip(bytes: Uint8Array, order: string[], edit: (name: string, text: string) => string = (_, text) => text): Uint8Array {
  const parts = unzipSync(bytes);
  const out: Record<string, Uint8Array> = {};
  for (const name of order) {
    const part = parts[name];
    if (!part) throw new Error(`no part ${name}`);
    out[name] = strToU8(edit(name, new TextDecoder().decode(part)));
  }
  return zipSync(out);
}

describe("detectFileType", () => {
  it("recognises a workbook by its content, whatever the name", async () => {
    expect(detectFileType(await twoSheets())).toBe("xlsx");
  });

  it("refuses other zips (a .docx), PDFs, old .xls, images and the empty file", () => {
    const docx = zipSync({ "[Content_Types].xml": strToU8("<Types/>"), "word/document.xml": strToU8("<w:document/>") });
    expect(detectFileType(docx)).toBeNull();
    expect(detectFileType(utf8("%PDF-1.4\n1 0 obj"))).toBeNull();
    expect(detectFileType(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0x41, 0x42]))).toBeNull();
    expect(detectFileType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
    expect(detectFileType(new Uint8Array())).toBeNull();
  });

  it("takes text in either encoding as CSV, and text with NUL bytes (UTF-16) as nothing", () => {
    expect(detectFileType(utf8(`Nazwa;Miejscowość\n${POLISH};Łódź\n`))).toBe("csv");
    expect(detectFileType(cp1250(`Nazwa;Miejscowosc\n${POLISH};Łódź\n`))).toBe("csv");
    expect(detectFileType(Uint8Array.from([0xff, 0xfe, 0x4e, 0x00, 0x61, 0x00]))).toBeNull();
  });
});

describe("decodeText", () => {
  it("round-trips Polish letters from UTF-8, dropping the BOM", () => {
    expect(decodeText(utf8(`\uFEFF${POLISH}`))).toBe(POLISH);
  });

  it("falls back to Windows-1250 when the bytes are not UTF-8", () => {
    expect(decodeText(cp1250(POLISH))).toBe(POLISH);
  });
});

describe("detectDelimiter", () => {
  it("takes the most frequent separator outside quotes, ';' on a tie", () => {
    expect(detectDelimiter("Data;Czas;Temat")).toBe(";");
    expect(detectDelimiter("Data,Czas,Temat")).toBe(",");
    expect(detectDelimiter("Data\tCzas\tTemat")).toBe("\t");
    expect(detectDelimiter('"Nazwa; pełna",Czas,Temat')).toBe(",");
    expect(detectDelimiter("Data;Czas,Temat")).toBe(";");
    expect(detectDelimiter("Nazwa")).toBe(";");
  });
});

describe("readRows: CSV", () => {
  it("reads quoted separators, doubled quotes and line breaks inside a cell as one row, numbered as Excel shows", async () => {
    const text = 'Nazwa;Uwagi\r\n"Kowalski; Jan";"linia 1\r\nlinia 2"\r\n\r\n  Nowak  ;"cytat ""x"""\r\n;;\r\nostatni';
    expect(await rowsOf(utf8(text), "csv")).toEqual([
      { rowNumber: 1, cells: ["Nazwa", "Uwagi"] },
      { rowNumber: 2, cells: ["Kowalski; Jan", "linia 1\nlinia 2"] },
      { rowNumber: 4, cells: ["Nowak", 'cytat "x"'] },
      { rowNumber: 6, cells: ["ostatni"] },
    ]);
  });

  it("keeps column positions and reads a comma-separated Windows-1250 file", async () => {
    const rows = await rowsOf(cp1250("Nazwa,Miasto,Uwagi\nŻaneta Łódzka,,ąę\n"), "csv");
    expect(rows).toEqual([
      { rowNumber: 1, cells: ["Nazwa", "Miasto", "Uwagi"] },
      { rowNumber: 2, cells: ["Żaneta Łódzka", "", "ąę"] },
    ]);
  });

  it("takes the separator from Excel's sep= line (no row of its own) or from the first line with content", async () => {
    expect(await rowsOf(utf8("sep=,\r\nNazwa,Uwagi\r\nNowak,a;b\r\n"), "csv")).toEqual([
      { rowNumber: 1, cells: ["Nazwa", "Uwagi"] },
      { rowNumber: 2, cells: ["Nowak", "a;b"] },
    ]);
    expect(await rowsOf(utf8("\n\nNazwa,Uwagi\nNowak,a;b\n"), "csv")).toEqual([
      { rowNumber: 3, cells: ["Nazwa", "Uwagi"] },
      { rowNumber: 4, cells: ["Nowak", "a;b"] },
    ]);
  });

  it("refuses a value beyond the column limit, and ignores a line of nothing but separators", async () => {
    const wide = utf8(`a\n${";".repeat(IMPORT_MAX_COLUMNS)}x\n`);
    await expect(rowsOf(wide, "csv")).rejects.toMatchObject({ reason: "TOO_MANY_COLUMNS" });
    expect(await rowsOf(utf8(`a\n${";".repeat(100_000)}\nb`), "csv")).toEqual([
      { rowNumber: 1, cells: ["a"] },
      { rowNumber: 3, cells: ["b"] },
    ]);
  });
});

describe("readRows: XLSX", () => {
  it("gives formulas as their text, dates as dd.mm.rrrr and long numbers in full, from the first sheet only", async () => {
    expect(await rowsOf(await twoSheets(), "xlsx")).toEqual([
      { rowNumber: 1, cells: ["Data", "Suma", "PESEL"] },
      { rowNumber: 2, cells: ["15.03.2026", "=1+1", "123456789012345"] },
    ]);
  });

  it("reads every row of a large sheet when the reader waits between rows (as the dry run does for the database)", async () => {
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet("Dane");
      sheet.addRow(["Nazwa", "Miejscowość"]);
      for (let i = 1; i <= 3000; i++) sheet.addRow([`Klient ${i}`, "Radom"]);
    });
    let count = 0;
    let last: TRawRow | undefined;
    for await (const row of readRows(bytes, "xlsx")) {
      count += 1;
      last = row;
      // A database round trip every thousand rows: the stream must not end early meanwhile.
      if (count % 1000 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(count).toBe(3001);
    expect(last).toEqual({ rowNumber: 3001, cells: ["Klient 3000", "Radom"] });
  });

  it("skips blank rows but keeps the numbering, pads gaps and reads the other kinds of values", async () => {
    const bytes = await xlsx((workbook) => {
      const sheet = workbook.addWorksheet("Dane");
      sheet.getCell("A1").value = "Nagłówek";
      sheet.getCell("C3").value = "trzeci";
      sheet.getCell("A4").value = true;
      sheet.getCell("B4").value = { richText: [{ text: "Ala " }, { text: "ma kota", font: { bold: true } }] };
      sheet.getCell("C4").value = { error: "#N/A" };
      sheet.getCell("D4").value = 10 / 24;
      sheet.getCell("D4").numFmt = "hh:mm";
      sheet.getCell("E4").value = 0.1 + 0.2;
      sheet.getCell("A5").value = "   ";
      sheet.getCell("B5").numFmt = "@";
    });
    expect(await rowsOf(bytes, "xlsx")).toEqual([
      { rowNumber: 1, cells: ["Nagłówek"] },
      { rowNumber: 3, cells: ["", "", "trzeci"] },
      { rowNumber: 4, cells: ["TAK", "Ala ma kota", "#N/A", "10:00", "0.3"] },
    ]);
  });

  it("reads the first sheet in tab order, not the first part of the archive", async () => {
    const bytes = await twoSheets();
    const order = Object.keys(unzipSync(bytes)).filter((name) => !name.endsWith("/"));
    const listsFirst = rezip(bytes, order, (name, text) =>
      name === "xl/workbook.xml" ? text.replace(/<sheets>(<sheet [^>]*\/>)(<sheet [^>]*\/>)<\/sheets>/, "<sheets>$2$1</sheets>") : text,
    );
    expect(await rowsOf(listsFirst, "xlsx")).toEqual([{ rowNumber: 1, cells: ["z listy"] }]);
  });

  it("reads dates whatever order the archive stores its parts in (the workbook after the sheets, as LibreOffice does)", async () => {
    const bytes = await twoSheets();
    const order = [
      "_rels/.rels",
      "xl/_rels/workbook.xml.rels",
      "xl/sharedStrings.xml",
      "xl/worksheets/sheet1.xml",
      "xl/worksheets/sheet2.xml",
      "xl/styles.xml",
      "xl/theme/theme1.xml",
      "xl/workbook.xml",
      "[Content_Types].xml",
    ];
    expect((await rowsOf(rezip(bytes, order), "xlsx"))[1]).toEqual({ rowNumber: 2, cells: ["15.03.2026", "=1+1", "123456789012345"] });
  });

  it("refuses a damaged workbook instead of hanging or reading half of it", async () => {
    const bytes = await twoSheets();
    const at = Buffer.from(bytes).indexOf("xl/worksheets/sheet1.xml");
    const damaged = bytes.slice();
    for (let i = at + 60; i < at + 120; i++) damaged[i] = 0x55;
    const error = await rowsOf(damaged, "xlsx").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error).toMatchObject({ reason: "UNREADABLE" });
    await expect(rowsOf(bytes.subarray(0, bytes.length - 40), "xlsx")).rejects.toMatchObject({ reason: "UNREADABLE" });
  });
});

describe("parsePolishDate", () => {
  it.each([
    ["15.03.2026", "2026-03-15"],
    ["5.3.2026", "2026-03-05"],
    [" 2026-03-15 ", "2026-03-15"],
    ["29.02.2024", "2024-02-29"],
    ["15.03.2026 10:30", "2026-03-15"],
    ["2026-03-15T10:30:00", "2026-03-15"],
  ])("reads %j as %s", (cell, expected) => {
    expect(parsePolishDate(cell)).toBe(expected);
  });

  it.each([["31.02.2026"], ["29.02.2025"], ["15.13.2026"], ["00.01.2026"], ["15.03.26"], ["15/03/2026"], ["2026-3-15x"], ["jutro"], [""]])(
    "refuses %j",
    (cell) => {
      expect(parsePolishDate(cell)).toBeNull();
    },
  );
});

describe("sha256Hex", () => {
  it("is the SHA-256 of the bytes", () => {
    expect(sha256Hex(utf8("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});
