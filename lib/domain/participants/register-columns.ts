import "server-only";
/**
 * THE PARTICIPANT REGISTER'S COLUMNS — edit this file, and only this file, to match your region's
 * import sheet (SL2021 or the sheet of your Managing Authority).
 *
 * Each entry of REGISTER_COLUMNS is one column, in the order written: its header as the sheet
 * expects it, the value for one person (`value`), how the cell is written (`format`: "text",
 * "number" or "date" — dates are real dates shown as RRRR-MM-DD) and its width. Reorder, rename,
 * drop or add columns here; the words written for coded answers (sex, education, "Tak/Nie/Odmowa
 * podania informacji"…) are in REGISTER_VALUES below, and the names of missing fields in
 * MISSING_FIELD_NAMES. The export (register-export.ts) writes whatever this file says: every text
 * cell is neutralised against formulas, and the special-category columns stay empty for a
 * reader without clients.read_sensitive (their values arrive here as null).
 *
 * The default follows the SL2021 participant sheet: Lp., name, PESEL, sex, age at the start,
 * education, the place of residence (voivodeship … postal code, DEGURBA), the labour-market status
 * at the start, the three special-category answers, homelessness, the dates of participation, the
 * situation at the end, and the gaps the completeness check finds (completeness.ts).
 */
import type { TMonitoringField } from "./completeness";
import type { DeclaredAnswer, EducationLevel, LabourMarketStatus, ParticipationEndSituation, Sex, Urbanisation } from "@/lib/generated/prisma/enums";

/** One person as the register's columns read them: null wherever nothing is recorded (or it is withheld). */
export type TRegisterPerson = {
  name: string;
  pesel: string | null;
  sex: Sex | null;
  /** YYYY-MM-DD */
  birthDate: string | null;
  ageAtStart: number | null;
  educationLevel: EducationLevel | null;
  voivodeship: string | null;
  county: string | null;
  commune: string | null;
  town: string | null;
  postalCode: string | null;
  urbanisation: Urbanisation | null;
  labourMarketStatus: LabourMarketStatus | null;
  /** Special-category: null for a reader without clients.read_sensitive. */
  disability: DeclaredAnswer | null;
  foreignOrigin: DeclaredAnswer | null;
  minority: DeclaredAnswer | null;
  homeless: DeclaredAnswer | null;
  participationStart: string | null;
  participationEnd: string | null;
  situationAtEnd: ParticipationEndSituation | null;
  /** What monitoring still needs (completeness.ts). */
  missing: TMonitoringField[];
};

export type TRegisterCell = string | number | null;
export type TRegisterColumn = {
  header: string;
  /** `index` is the person's number in the register, from 1. */
  value: (person: TRegisterPerson, index: number) => TRegisterCell;
  format: "text" | "number" | "date";
  width: number;
};

/** The words written for coded answers. */
export const REGISTER_VALUES = {
  sex: { FEMALE: "Kobieta", MALE: "Mężczyzna" },
  educationLevel: {
    ISCED_0: "Brak (ISCED 0)",
    ISCED_1: "Podstawowe (ISCED 1)",
    ISCED_2: "Gimnazjalne (ISCED 2)",
    ISCED_3: "Ponadgimnazjalne (ISCED 3)",
    ISCED_4: "Policealne (ISCED 4)",
    ISCED_5_8: "Wyższe (ISCED 5-8)",
  },
  urbanisation: { CITY: "1 - Miasta", TOWN_OR_SUBURB: "2 - Małe miasta i przedmieścia", RURAL: "3 - Obszary wiejskie" },
  labourMarketStatus: {
    EMPLOYED: "Osoba pracująca",
    UNEMPLOYED_REGISTERED: "Osoba bezrobotna zarejestrowana w ewidencji urzędów pracy",
    UNEMPLOYED_NOT_REGISTERED: "Osoba bezrobotna niezarejestrowana w ewidencji urzędów pracy",
    LONG_TERM_UNEMPLOYED: "Osoba długotrwale bezrobotna",
    INACTIVE: "Osoba bierna zawodowo",
    INACTIVE_IN_EDUCATION: "Osoba bierna zawodowo ucząca się",
  },
  answer: { YES: "Tak", NO: "Nie", REFUSED: "Odmowa podania informacji" },
  situationAtEnd: {
    EMPLOYED: "Podjęcie pracy",
    SELF_EMPLOYED: "Samozatrudnienie",
    JOB_SEEKING: "Poszukiwanie pracy",
    IN_EDUCATION: "Podjęcie kształcenia lub szkolenia",
    INACTIVE: "Bierność zawodowa",
    OTHER: "Inna sytuacja",
  },
} as const satisfies {
  sex: Record<Sex, string>;
  educationLevel: Record<EducationLevel, string>;
  urbanisation: Record<Urbanisation, string>;
  labourMarketStatus: Record<LabourMarketStatus, string>;
  answer: Record<DeclaredAnswer, string>;
  situationAtEnd: Record<ParticipationEndSituation, string>;
};

/** The names of missing fields in the "Braki danych" column. */
export const MISSING_FIELD_NAMES: Record<TMonitoringField, string> = {
  sex: "płeć",
  birthDate: "data urodzenia",
  educationLevel: "wykształcenie",
  voivodeship: "województwo",
  county: "powiat",
  commune: "gmina",
  urbanisation: "stopień urbanizacji",
  labourMarketStatus: "status na rynku pracy",
  disability: "niepełnosprawność",
  foreignOrigin: "obce pochodzenie",
  minority: "mniejszość",
  homeless: "bezdomność",
  participationStart: "data rozpoczęcia udziału",
  participationEnd: "data zakończenia udziału",
  situationAtEnd: "sytuacja po zakończeniu",
};

const coded = <K extends string>(labels: Record<K, string>, value: K | null) => (value === null ? null : labels[value]);

export const REGISTER_COLUMNS: readonly TRegisterColumn[] = [
  { header: "Lp.", value: (_p, index) => index, format: "number", width: 6 },
  { header: "Imię i nazwisko", value: (p) => p.name, format: "text", width: 32 },
  { header: "PESEL", value: (p) => p.pesel, format: "text", width: 14 },
  { header: "Płeć", value: (p) => coded(REGISTER_VALUES.sex, p.sex), format: "text", width: 12 },
  { header: "Wiek w chwili rozpoczęcia udziału", value: (p) => p.ageAtStart, format: "number", width: 12 },
  { header: "Wykształcenie", value: (p) => coded(REGISTER_VALUES.educationLevel, p.educationLevel), format: "text", width: 26 },
  { header: "Województwo", value: (p) => p.voivodeship, format: "text", width: 20 },
  { header: "Powiat", value: (p) => p.county, format: "text", width: 20 },
  { header: "Gmina", value: (p) => p.commune, format: "text", width: 20 },
  { header: "Miejscowość", value: (p) => p.town, format: "text", width: 20 },
  { header: "Kod pocztowy", value: (p) => p.postalCode, format: "text", width: 10 },
  { header: "Stopień urbanizacji (DEGURBA)", value: (p) => coded(REGISTER_VALUES.urbanisation, p.urbanisation), format: "text", width: 26 },
  { header: "Status na rynku pracy", value: (p) => coded(REGISTER_VALUES.labourMarketStatus, p.labourMarketStatus), format: "text", width: 30 },
  { header: "Osoba z niepełnosprawnościami", value: (p) => coded(REGISTER_VALUES.answer, p.disability), format: "text", width: 16 },
  { header: "Obce pochodzenie", value: (p) => coded(REGISTER_VALUES.answer, p.foreignOrigin), format: "text", width: 16 },
  { header: "Mniejszość", value: (p) => coded(REGISTER_VALUES.answer, p.minority), format: "text", width: 16 },
  { header: "Bezdomność", value: (p) => coded(REGISTER_VALUES.answer, p.homeless), format: "text", width: 16 },
  { header: "Data rozpoczęcia udziału", value: (p) => p.participationStart, format: "date", width: 14 },
  { header: "Data zakończenia udziału", value: (p) => p.participationEnd, format: "date", width: 14 },
  { header: "Sytuacja po zakończeniu", value: (p) => coded(REGISTER_VALUES.situationAtEnd, p.situationAtEnd), format: "text", width: 30 },
  { header: "Braki danych", value: (p) => p.missing.map((field) => MISSING_FIELD_NAMES[field]).join(", "), format: "text", width: 40 },
];
