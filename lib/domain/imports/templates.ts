import "server-only";
import ExcelJS from "exceljs";
import { VOIVODESHIPS } from "@/lib/domain/clients/schemas";
import { asTextCell } from "@/lib/exports/cells";
import { columnsOf, FIXED_LIST_LABELS, NO, YES, type TImportColumn, type TImportKind, type TImportList } from "./columns";
import { IMPORT_MAX_BYTES } from "./files";

/** The tenant's own names the template's drop-downs offer. */
export type TTemplateLists = { supportTypes: string[]; specialistAreas: string[]; offices: string[] };

/** The workbook is Polish throughout: its headers are what the parser looks for. */
const DATA_SHEET: Record<TImportKind, string> = { CLIENTS: "Klienci", SERVICES: "Usługi" };
const INSTRUCTIONS_SHEET = "Instrukcja";
const LISTS_SHEET = "Listy";

/** Data validation reaches this row: room for a year of a centre's work, without bloating the file. */
const LAST_VALIDATED_ROW = 5000;

/** Required columns' headers stand out in light orange (the instructions say so). */
const REQUIRED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFCE4D6" } };

/**
 * Columns kept as text ("@"), so Excel keeps a PESEL's or a postal code's leading zeros and does
 * not turn "15.03.2026" or "10:00" into a number: identifiers, phones, dates and times.
 */
const TEXT_COLUMNS = new Set(["pesel", "nip", "regon", "krs", "phone", "postalCode", "date", "startTime", "clients"]);

/** Each list's title in the lists sheet. */
const LIST_TITLES: Record<TImportList, string> = {
  clientKind: "Rodzaj klienta",
  clientSubtype: "Podtyp",
  clientStatus: "Status",
  yesNo: "TAK / NIE",
  voivodeship: "Województwo",
  kpresSphere: "Sfery KPRES",
  workForm: "Forma",
  channel: "Kanał",
  supportType: "Rodzaj wsparcia",
  specialistArea: "Obszar specjalistyczny",
  office: "Biuro",
};

/** The values a list offers: the fixed lists' Polish labels (in their order) or the tenant's names. */
function listValues(list: TImportList, lists: TTemplateLists): string[] {
  switch (list) {
    case "yesNo":
      return [YES, NO];
    case "voivodeship":
      return [...VOIVODESHIPS];
    case "supportType":
      return lists.supportTypes;
    case "specialistArea":
      return lists.specialistAreas;
    case "office":
      return lists.offices;
    default:
      return Object.values(FIXED_LIST_LABELS[list]);
  }
}

/** exceljs keeps range validations in `dataValidations`, which its type declarations leave out. */
type TRangeValidations = { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

const bold = (row: ExcelJS.Row) => {
  row.font = { bold: true };
};

/** General rules, shown above the column table of the instructions. */
function generalLines(kind: TImportKind): string[] {
  const sheet = DATA_SHEET[kind];
  return [
    kind === "CLIENTS"
      ? `Wypełnij arkusz „${sheet}”: jeden wiersz to jeden klient.`
      : `Wypełnij arkusz „${sheet}”: jeden wiersz to jedna usługa. Klienci muszą być już zapisani w systemie.`,
    "Wczytywany jest tylko pierwszy arkusz pliku; ten arkusz z instrukcją jest pomijany.",
    "Kolumny są rozpoznawane po nagłówkach w pierwszym wierszu: nie zmieniaj ich treści. Kolejność kolumn jest dowolna, kolumny niewymagane można usunąć.",
    "Kolumny wymagane mają nagłówek na pomarańczowym tle (w tabeli poniżej: „Wymagana: TAK”).",
    "Daty wpisuj jako dd.mm.rrrr, np. 15.03.2026.",
    "Kilka wartości w jednej komórce rozdziel średnikiem „;”.",
    "Identyfikatory (PESEL, NIP, REGON, KRS), telefony i kody pocztowe wpisuj jako tekst — kolumny szablonu mają już format tekstowy; w innym pliku poprzedź wartość apostrofem ('), by Excel nie usunął zer z przodu.",
    "Formuły nie są obliczane: wpisuj wartości, nie formuły.",
    "Plik jest najpierw sprawdzany w całości (próba bez zapisu). Nic nie zostanie zapisane, dopóki cały plik nie będzie poprawny — raport wskaże wiersze i kolumny do poprawienia.",
    `Maksymalny rozmiar pliku: ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`,
    "Przyjmowane formaty: XLSX oraz CSV (kodowanie UTF-8 lub Windows-1250, separator „;” lub „,”).",
  ];
}

/** How a column's list is offered, for the instructions table. */
function listNote(column: TImportColumn, values: string[] | undefined): string {
  if (!column.list) return "";
  if (!values || values.length === 0) return "Lista ośrodka jest pusta.";
  return `${column.multiple ? "Lista rozwijana; kilka wartości rozdziel średnikiem" : "Lista rozwijana"}: ${values.join("; ")}`;
}

/**
 * An XLSX to fill in: the data sheet ("Klienci" or "Usługi": the columns' headers exactly as the
 * parser expects them, required ones in orange, identifier and date columns formatted as text,
 * drop-downs from the lists), the instructions ("Instrukcja": general rules and a table of the
 * columns) and the lists the drop-downs read ("Listy", very hidden). A tenant list that is empty
 * gets no drop-down. Every string is written through asTextCell.
 */
export async function buildTemplate(kind: TImportKind, lists: TTemplateLists): Promise<Buffer> {
  const columns = columnsOf(kind);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "OWES";

  const data = workbook.addWorksheet(DATA_SHEET[kind], { views: [{ state: "frozen", ySplit: 1 }] });
  const instructions = workbook.addWorksheet(INSTRUCTIONS_SHEET);
  const listSheet = workbook.addWorksheet(LISTS_SHEET, { state: "veryHidden" });

  // Lists: one column each, in the order the data sheet first uses them.
  const listRanges = new Map<TImportList, string>();
  const listContents = new Map<TImportList, string[]>();
  for (const column of columns) {
    if (!column.list || listContents.has(column.list)) continue;
    const values = listValues(column.list, lists);
    listContents.set(column.list, values);
    if (values.length === 0) continue;
    const at = listRanges.size + 1;
    const letter = listSheet.getColumn(at).letter;
    listSheet.getCell(1, at).value = asTextCell(LIST_TITLES[column.list]);
    values.forEach((value, i) => {
      listSheet.getCell(i + 2, at).value = asTextCell(value);
    });
    listSheet.getColumn(at).width = Math.min(60, Math.max(14, ...values.map((value) => value.length + 2)));
    listRanges.set(column.list, `${LISTS_SHEET}!$${letter}$2:$${letter}$${values.length + 1}`);
  }
  bold(listSheet.getRow(1));

  data.columns = columns.map((column) => ({ header: asTextCell(column.header), key: column.key, width: Math.min(40, Math.max(14, column.header.length + 4)) }));
  bold(data.getRow(1));
  columns.forEach((column, i) => {
    const excelColumn = data.getColumn(i + 1);
    if (TEXT_COLUMNS.has(column.key)) excelColumn.numFmt = "@";
    if (column.required) data.getCell(1, i + 1).fill = REQUIRED_FILL;
    const range = column.list ? listRanges.get(column.list) : undefined;
    if (!range) return;
    (data as unknown as TRangeValidations).dataValidations.add(`${excelColumn.letter}2:${excelColumn.letter}${LAST_VALIDATED_ROW}`, {
      type: "list",
      allowBlank: true,
      formulae: [range],
      // Several values separated by ";" are no single item of the list: offer it, accept any text.
      showErrorMessage: !column.multiple,
      errorStyle: "stop",
      errorTitle: asTextCell("Wartość spoza listy"),
      error: asTextCell("Wybierz wartość z listy rozwijanej."),
    });
  });

  instructions.columns = [{ width: 34 }, { width: 11 }, { width: 60 }, { width: 26 }, { width: 60 }];
  const title = instructions.addRow([asTextCell(`Import: ${DATA_SHEET[kind]} — instrukcja`)]);
  title.font = { bold: true, size: 14 };
  for (const line of generalLines(kind)) instructions.addRow([asTextCell(`• ${line}`)]);
  instructions.addRow([]);
  bold(instructions.addRow(["Kolumna", "Wymagana", "Co wpisać", "Przykład", "Wartości"].map(asTextCell)));
  for (const column of columns) {
    const row = instructions.addRow(
      [column.header, column.required ? YES : NO, column.note, column.example, listNote(column, column.list ? listContents.get(column.list) : undefined)].map(asTextCell),
    );
    row.alignment = { vertical: "top", wrapText: true };
    if (column.required) row.getCell(1).fill = REQUIRED_FILL;
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The template's file name, as the browser saves it. */
export function templateFileName(kind: TImportKind): string {
  return kind === "CLIENTS" ? "szablon-import-klientow.xlsx" : "szablon-import-uslug.xlsx";
}
