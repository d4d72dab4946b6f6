import "server-only";
import pl from "@/lib/i18n/messages/pl.json";
import { foldForSearch } from "@/lib/domain/clients/normalize";

/**
 * The columns of the two import files, as data: the templates write these headers (in Polish),
 * the parser finds each column by its header (folded, so "Rodzaj klienta", "rodzaj klienta" and
 * "RODZAJ KLIENTA" are one), the validator reads the cells by `key`, and the instructions sheet
 * prints `note`. Choice columns take the Polish label the template's list offers, or the code.
 */

export const IMPORT_KINDS = ["CLIENTS", "SERVICES"] as const;
export type TImportKind = (typeof IMPORT_KINDS)[number];

/** Lists a column's cells are chosen from: fixed (from the enums' Polish labels) or the tenant's own (catalogue, offices). */
export type TImportList =
  | "clientKind"
  | "clientSubtype"
  | "clientStatus"
  | "yesNo"
  | "voivodeship"
  | "kpresSphere"
  | "workForm"
  | "channel"
  | "supportType"
  | "specialistArea"
  | "office";

export type TImportColumn = {
  key: string;
  header: string;
  required: boolean;
  /** The drop-down the template offers (data validation); several values are separated by ";" where `multiple`. */
  list?: TImportList;
  multiple?: boolean;
  /** What to write, for the instructions sheet. */
  note: string;
  /** An example value for the instructions sheet. */
  example: string;
};

export const CLIENT_COLUMNS = [
  { key: "kind", header: "Rodzaj klienta", required: true, list: "clientKind", note: "Jedna z wartości listy.", example: "Osoba fizyczna" },
  { key: "subtype", header: "Podtyp", required: false, list: "clientSubtype", note: "Tylko dla JST, podmiotów reintegracyjnych i innych spółdzielni.", example: "" },
  { key: "name", header: "Nazwa lub imię i nazwisko", required: true, note: "Do 300 znaków.", example: "Anna Kowalska" },
  { key: "pesel", header: "PESEL", required: false, note: "Tylko osoba fizyczna; sprawdzana cyfra kontrolna. Wpisz jako tekst, by Excel nie usunął zer.", example: "02070803628" },
  { key: "nip", header: "NIP", required: false, note: "Tylko organizacje; sprawdzana cyfra kontrolna.", example: "" },
  { key: "regon", header: "REGON", required: false, note: "Tylko organizacje; 9 lub 14 cyfr.", example: "" },
  { key: "krs", header: "KRS", required: false, note: "Tylko organizacje; 10 cyfr.", example: "" },
  { key: "email", header: "E-mail", required: false, note: "Adres e-mail klienta.", example: "anna.kowalska@example.pl" },
  { key: "phone", header: "Telefon", required: false, note: "9 cyfr, opcjonalnie +48.", example: "600 100 200" },
  { key: "voivodeship", header: "Województwo", required: false, list: "voivodeship", note: "Jedna z wartości listy.", example: "mazowieckie" },
  { key: "county", header: "Powiat", required: false, note: "", example: "" },
  { key: "commune", header: "Gmina", required: false, note: "", example: "" },
  { key: "town", header: "Miejscowość", required: false, note: "", example: "Radom" },
  { key: "street", header: "Ulica i numer", required: false, note: "", example: "" },
  { key: "postalCode", header: "Kod pocztowy", required: false, note: "W postaci 00-000.", example: "26-600" },
  { key: "atRiskOfExclusion", header: "Zagrożona wykluczeniem", required: false, list: "yesNo", note: "TAK lub NIE (puste = NIE).", example: "TAK" },
  { key: "hasDisability", header: "Z niepełnosprawnością", required: false, list: "yesNo", note: "Dane szczególnej kategorii (art. 9 RODO): TAK lub NIE.", example: "NIE" },
  { key: "aged50Plus", header: "Wiek 50+", required: false, list: "yesNo", note: "TAK lub NIE.", example: "NIE" },
  { key: "leavingReintegrationEntity", header: "Opuszcza podmiot reintegracyjny", required: false, list: "yesNo", note: "TAK lub NIE.", example: "NIE" },
  { key: "longTermUnemployed", header: "Długotrwale bezrobotna", required: false, list: "yesNo", note: "TAK lub NIE.", example: "NIE" },
  { key: "kpresSpheres", header: "Sfery KPRES", required: false, list: "kpresSphere", multiple: true, note: "Wartości z listy, kilka rozdziel średnikiem.", example: "Zrównoważony rozwój" },
  { key: "office", header: "Biuro", required: false, list: "office", note: "Nazwa biura ośrodka (partnera) z listy.", example: "" },
  { key: "advisorEmail", header: "Doradca kluczowy (e-mail)", required: false, note: "Adres e-mail konta doradcy kluczowego; klient staje się aktywny u tego doradcy. Partner wynika z doradcy.", example: "" },
  { key: "status", header: "Status", required: false, list: "clientStatus", note: "Puste: aktywny, gdy podano doradcę, inaczej oczekuje. Zakończone wsparcie bez doradcy.", example: "" },
  { key: "notes", header: "Uwagi", required: false, note: "Do 5000 znaków.", example: "" },
] as const satisfies readonly TImportColumn[];

export const SERVICE_COLUMNS = [
  { key: "date", header: "Data", required: true, note: "dd.mm.rrrr, nie później niż dziś.", example: "15.03.2026" },
  { key: "startTime", header: "Godzina rozpoczęcia", required: false, note: "gg:mm.", example: "10:00" },
  { key: "durationMinutes", header: "Czas (minuty)", required: true, note: "Od 5 do 600.", example: "60" },
  { key: "supportType", header: "Rodzaj wsparcia", required: true, list: "supportType", note: "Nazwa z katalogu ośrodka (lista) lub jej kod.", example: "" },
  { key: "specialistArea", header: "Obszar specjalistyczny", required: false, list: "specialistArea", note: "Gdy rodzaj wsparcia go wymaga.", example: "" },
  { key: "form", header: "Forma", required: false, list: "workForm", note: "Puste: indywidualna.", example: "Indywidualna" },
  { key: "channel", header: "Kanał", required: false, list: "channel", note: "Puste: osobiście.", example: "Osobiście" },
  { key: "topic", header: "Temat", required: false, note: "Do 300 znaków.", example: "Konsultacja biznesplanu" },
  { key: "notes", header: "Notatka", required: false, note: "Do 5000 znaków.", example: "" },
  { key: "clients", header: "Klienci (identyfikatory)", required: true, multiple: true, note: "PESEL, NIP, REGON lub KRS klientów zapisanych w systemie; kilku rozdziel średnikiem.", example: "02070803628" },
  { key: "providers", header: "Realizujący (e-mail)", required: false, multiple: true, note: "E-maile kont osób, które udzieliły wsparcia; puste: osoba importująca.", example: "" },
] as const satisfies readonly TImportColumn[];

export type TClientColumnKey = (typeof CLIENT_COLUMNS)[number]["key"];
export type TServiceColumnKey = (typeof SERVICE_COLUMNS)[number]["key"];

export function columnsOf(kind: TImportKind): readonly TImportColumn[] {
  return kind === "CLIENTS" ? CLIENT_COLUMNS : SERVICE_COLUMNS;
}

/**
 * How a header or a choice is compared: case, diacritics, spaces and punctuation at the ends
 * ignored, and the leading apostrophe a spreadsheet keeps on a value written as text (the
 * template's own lists carry one where a name starts like a formula).
 */
export function foldCell(text: string): string {
  return foldForSearch(text.replace(/^'/, "")).replace(/^[\s.:;*]+|[\s.:;*]+$/g, "");
}

/** TAK / NIE as the template writes them; also accepted: tak/nie, T/N, 1/0, yes/no, true/false. */
export const YES = "TAK";
export const NO = "NIE";
const YES_VALUES = new Set(["tak", "t", "1", "yes", "y", "true", "prawda", "x"]);
const NO_VALUES = new Set(["nie", "n", "0", "no", "false", "falsz", ""]);

/** true / false, or null when the cell is neither. */
export function parseYesNo(cell: string): boolean | null {
  const folded = foldCell(cell);
  if (YES_VALUES.has(folded)) return true;
  if (NO_VALUES.has(folded)) return false;
  return null;
}

type TLabels = Record<string, string>;

/** The Polish labels of the fixed lists, from the interface's own messages. */
export const FIXED_LIST_LABELS = {
  clientKind: pl.clients.kinds as TLabels,
  clientSubtype: pl.clients.subtypes as TLabels,
  clientStatus: pl.clients.statuses as TLabels,
  kpresSphere: pl.clients.spheres as TLabels,
  workForm: pl.paths.workForms as TLabels,
  channel: pl.services.channels as TLabels,
} as const;

/**
 * A value → code matcher over labels (code → label): the label as the list shows it, or the code,
 * folded. Returns the code, or null when nothing matches.
 */
export function choiceMatcher(labels: TLabels): (cell: string) => string | null {
  const byFolded = new Map<string, string>();
  for (const [code, label] of Object.entries(labels)) {
    byFolded.set(foldCell(code), code);
    byFolded.set(foldCell(label), code);
  }
  return (cell) => byFolded.get(foldCell(cell)) ?? null;
}

/** Splits a cell holding several values (";" or "," or new lines between them). */
export function splitMultiple(cell: string): string[] {
  return cell
    .split(/[;,\n]/)
    .map((part) => part.trim())
    .filter(Boolean);
}
