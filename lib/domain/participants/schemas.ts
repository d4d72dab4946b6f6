import { z } from "zod";
import { todayInPoland } from "@/lib/dates";
import type { DeclaredAnswer, EducationLevel, LabourMarketStatus, ParticipationEndSituation, Sex, Urbanisation } from "@/lib/generated/prisma/enums";
import { ZPageInput } from "@/lib/pagination";
import { exactly } from "@/lib/validation";

// Messages are translation keys: `validation.*`, or `participants.validation.*` for this area's own
// (components/participants/use-participant-field-error.ts reads both). The value lists are written
// out (no Prisma code in the form bundle); `exactly` refuses a list that drifts from the schema's enum.

export const SEXES = exactly<Sex>()(["FEMALE", "MALE"]);
export const EDUCATION_LEVELS = exactly<EducationLevel>()(["ISCED_0", "ISCED_1", "ISCED_2", "ISCED_3", "ISCED_4", "ISCED_5_8"]);
export const LABOUR_MARKET_STATUSES = exactly<LabourMarketStatus>()([
  "EMPLOYED",
  "UNEMPLOYED_REGISTERED",
  "UNEMPLOYED_NOT_REGISTERED",
  "LONG_TERM_UNEMPLOYED",
  "INACTIVE",
  "INACTIVE_IN_EDUCATION",
]);
export const DECLARED_ANSWERS = exactly<DeclaredAnswer>()(["YES", "NO", "REFUSED"]);
export const URBANISATIONS = exactly<Urbanisation>()(["CITY", "TOWN_OR_SUBURB", "RURAL"]);
export const END_SITUATIONS = exactly<ParticipationEndSituation>()(["EMPLOYED", "SELF_EMPLOYED", "JOB_SEEKING", "IN_EDUCATION", "INACTIVE", "OTHER"]);

/** An optional choice as a form sends it: "" (not chosen) and missing are none. */
const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.literal(""), z.enum(values)], { error: "invalid" })
    .nullish()
    .transform((v) => (v ? v : null));

/** An optional calendar date (YYYY-MM-DD) as a form sends it: "" and missing are none. */
const optionalDate = z
  .union([z.literal(""), z.iso.date("invalidDate")], { error: "invalidDate" })
  .nullish()
  .transform((v) => (v ? v : null));

/**
 * The EFS+ monitoring data of one person (issue 16 §5). Every field is optional: what is missing
 * before reporting is the completeness check's business (completeness.ts), not the form's. The
 * birth date is not in the future; the end of participation is not before its start.
 * disability, foreignOrigin and minority are special-category data: a save by a role without
 * clients.read_sensitive keeps what is stored, whatever it sends.
 */
export const ZParticipantDataInput = z
  .object({
    sex: optionalChoice(SEXES),
    birthDate: optionalDate.refine((v) => v === null || v <= todayInPoland(), "dateInFuture"),
    educationLevel: optionalChoice(EDUCATION_LEVELS),
    labourMarketStatus: optionalChoice(LABOUR_MARKET_STATUSES),
    disability: optionalChoice(DECLARED_ANSWERS),
    foreignOrigin: optionalChoice(DECLARED_ANSWERS),
    minority: optionalChoice(DECLARED_ANSWERS),
    homeless: optionalChoice(DECLARED_ANSWERS),
    urbanisation: optionalChoice(URBANISATIONS),
    participationStart: optionalDate,
    participationEnd: optionalDate,
    situationAtEnd: optionalChoice(END_SITUATIONS),
  })
  .refine((v) => v.participationEnd === null || v.participationStart === null || v.participationEnd >= v.participationStart, {
    path: ["participationEnd"],
    message: "endBeforeStart",
  })
  .refine((v) => v.birthDate === null || v.participationStart === null || v.birthDate <= v.participationStart, {
    path: ["birthDate"],
    message: "bornAfterStart",
  });
export type TParticipantDataInput = z.input<typeof ZParticipantDataInput>;
export type TParsedParticipantData = z.output<typeof ZParticipantDataInput>;

/** The stored fields, in the form's order. */
export const PARTICIPANT_DATA_FIELDS = [
  "sex",
  "birthDate",
  "educationLevel",
  "labourMarketStatus",
  "disability",
  "foreignOrigin",
  "minority",
  "homeless",
  "urbanisation",
  "participationStart",
  "participationEnd",
  "situationAtEnd",
] as const satisfies readonly (keyof TParsedParticipantData)[];
export type TParticipantDataField = (typeof PARTICIPANT_DATA_FIELDS)[number];

/** Special-category data (GDPR art. 9): shown, saved and exported only with clients.read_sensitive. */
export const SENSITIVE_PARTICIPANT_FIELDS = ["disability", "foreignOrigin", "minority"] as const satisfies readonly TParticipantDataField[];
export type TSensitiveParticipantField = (typeof SENSITIVE_PARTICIPANT_FIELDS)[number];

export const isSensitiveParticipantField = (field: string): field is TSensitiveParticipantField =>
  (SENSITIVE_PARTICIPANT_FIELDS as readonly string[]).includes(field);

/** The form's values of a person with nothing recorded yet. */
export function emptyParticipantData(): TParticipantDataInput {
  return Object.fromEntries(PARTICIPANT_DATA_FIELDS.map((field) => [field, ""])) as TParticipantDataInput;
}

/** EFS+ 2021–2027: the first year a participant can start in. */
export const FIRST_PROGRAMME_YEAR = 2021;

/** A query-string flag: "1"/"true" on, anything else off. */
const flag = z
  .union([z.boolean(), z.string()])
  .optional()
  .catch(undefined)
  .transform((v) => v === true || v === "1" || v === "true");

/** A year filter: a whole year from 2021 to 2100, anything else (or "") means every year. */
const yearFilter = z.coerce.number().int().min(FIRST_PROGRAMME_YEAR).max(2100).optional().catch(undefined);

/**
 * The completeness list's query string (/participants): persons whose participation overlaps the
 * year (or all), only those with something missing, a page at a time. Lenient: anything unparsable is dropped.
 */
export const ZParticipantsListInput = ZPageInput.extend({
  page: ZPageInput.shape.page.catch(1),
  year: yearFilter,
  incomplete: flag,
});
export type TParticipantsListInput = { year?: string | number; incomplete?: string | boolean; page?: number; pageSize?: number };

/** The register export's query string: a year (or every year). */
export const ZParticipantRegisterInput = z.object({ year: yearFilter });
export type TParticipantRegisterInput = { year?: string | number | null };
