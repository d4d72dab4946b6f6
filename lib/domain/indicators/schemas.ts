import { z } from "zod";
import { todayInPoland } from "@/lib/dates";
import { KPRES_SPHERES } from "@/lib/domain/clients/schemas";
import type { IndicatorSource, PathResultType } from "@/lib/generated/prisma/enums";
import { ZPageInput } from "@/lib/pagination";
import { exactly, optionalText } from "@/lib/validation";

// Messages are translation keys: `validation.*`, or this area's own `indicatorsAdmin.validation.*`
// and `indicatorEvidence.validation.*` (the forms' field-error hooks read both). Lists are written
// out (not imported from the generated client) so a form bundle carries no Prisma code.

export const INDICATOR_SOURCES = exactly<IndicatorSource>()(["PATH_RESULT", "TRAINING_COMPLETION", "ANIMATOR_EMPLOYMENT", "JOBS_MAINTAINED", "MANUAL"]);
/** The path results an indicator can count (OTHER counts toward none). */
export const INDICATOR_RESULT_TYPES = exactly<Exclude<PathResultType, "OTHER">>()([
  "INITIATIVE_GROUP_CREATED",
  "SOCIAL_ENTERPRISE_CREATED",
  "JOBS_CREATED",
  "PARTNERSHIP_CREATED",
  "PUBLIC_PROCUREMENT_SUPPORTED",
  "IPR_PREPARED",
]);

/** The whole project period, beside calendar years, as a target's period. */
export const PROJECT_PERIOD = "PROJECT";
export const TARGET_YEAR_MIN = 2024;
export const TARGET_YEAR_MAX = 2100;
/** Largest target value (a count of people, jobs, documents). */
export const TARGET_MAX = 1_000_000;
export const CHECK_MONTHS_MAX = 60;

/** A required choice as a form sends it: "" (not chosen yet) is refused with `message`. */
const requiredChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.union([z.literal(""), z.enum(values)], { error: message }).pipe(z.enum(values, message));

const ZText = (max: number) => z.string("required").trim().min(1, "required").max(max, "tooLong");
const ZCalendarDate = z.iso.date("invalidDate");

/** A calendar year of targets, as a URL or a form gives it ("2026"). */
export const ZTargetYear = z.coerce
  .number("invalidYear")
  .int("invalidYear")
  .min(TARGET_YEAR_MIN, "invalidYear")
  .max(TARGET_YEAR_MAX, "invalidYear")
  .transform(String);

/** The fields of an indicator a manager edits; source and result type are set on creation and changed only while nothing counts. */
const indicatorFields = {
  name: ZText(300),
  nameEn: optionalText(300),
  unit: ZText(50),
  evidenceKind: ZText(300),
  description: optionalText(2000),
  position: z.coerce.number("notANumber").int("notAnInteger").min(0, "positionMin").max(1000, "positionMax"),
};

/**
 * An indicator as the manager writes it. The code is its stable key (upper-case letters, digits,
 * "_"), unique in the tenant; a PATH_RESULT indicator names the result type it counts, any other
 * source none.
 */
const ZIndicatorObject = z.object({
  code: z
    .string("required")
    .trim()
    .toUpperCase()
    .min(1, "required")
    .max(64, "tooLong")
    .regex(/^[A-Z0-9_]+$/, "invalidCode"),
  ...indicatorFields,
  source: requiredChoice(INDICATOR_SOURCES, "chooseSource"),
  resultType: z
    .union([z.literal(""), z.null(), z.enum(INDICATOR_RESULT_TYPES, "chooseResultType")])
    .optional()
    .transform((v) => (v ? v : null)),
});

/** A PATH_RESULT indicator names the result type it counts; any other source none. */
function sourceNamesResultType(v: { source: string; resultType: string | null }, ctx: z.RefinementCtx) {
  if (v.source === "PATH_RESULT" && v.resultType === null) ctx.addIssue({ code: "custom", path: ["resultType"], message: "chooseResultType" });
  if (v.source !== "PATH_RESULT" && v.resultType !== null) ctx.addIssue({ code: "custom", path: ["resultType"], message: "resultTypeOnlyForResults" });
}

export const ZIndicatorInput = ZIndicatorObject.superRefine(sourceNamesResultType);
export type TIndicatorInput = z.input<typeof ZIndicatorInput>;
export type TParsedIndicatorInput = z.output<typeof ZIndicatorInput>;

/** An edit: everything but the code, which records and exports keep. */
export const ZIndicatorUpdateInput = ZIndicatorObject.omit({ code: true }).superRefine(sourceNamesResultType);
export type TIndicatorUpdateInput = z.input<typeof ZIndicatorUpdateInput>;
export type TParsedIndicatorUpdateInput = z.output<typeof ZIndicatorUpdateInput>;

/** A target as a form's box gives it: "" (or missing) clears it, otherwise a whole number from 0. */
export const ZTargetValue = z
  .union([z.literal(""), z.null(), z.undefined(), z.coerce.number("notANumber").int("notAnInteger").min(0, "targetMin").max(TARGET_MAX, "targetMax")], {
    error: "notANumber",
  })
  .transform((v) => (v === "" || v === null || v === undefined ? null : v));

/** The targets grid of one year: per indicator id, its target for the year and for the whole project. */
export const ZTargetsInput = z.object({
  year: ZTargetYear,
  targets: z
    .record(z.uuid("invalid"), z.object({ year: ZTargetValue, project: ZTargetValue }), "invalid")
    .refine((t) => Object.keys(t).length <= 500, "tooMany"),
});
export type TTargetsInput = z.input<typeof ZTargetsInput>;

/**
 * The project period and the months after a job's start when its durability is checked (1–3
 * distinct values from 1 to 60, kept ascending). Both dates are needed together, the end not
 * before the start; both empty clears the period.
 */
export const ZProjectSettingsInput = z
  .object({
    projectStartsOn: z
      .union([z.literal(""), z.null(), ZCalendarDate])
      .optional()
      .transform((v) => (v ? v : null)),
    projectEndsOn: z
      .union([z.literal(""), z.null(), ZCalendarDate])
      .optional()
      .transform((v) => (v ? v : null)),
    jobCheckMonths: z
      .array(z.coerce.number("notANumber").int("notAnInteger").min(1, "checkMonthsRange").max(CHECK_MONTHS_MAX, "checkMonthsRange"), "invalid")
      .min(1, "checkMonthsCount")
      .max(3, "checkMonthsCount")
      .refine((months) => new Set(months).size === months.length, "duplicateValue")
      .transform((months) => [...months].sort((a, b) => a - b)),
  })
  .superRefine((v, ctx) => {
    if (v.projectStartsOn && !v.projectEndsOn) ctx.addIssue({ code: "custom", path: ["projectEndsOn"], message: "required" });
    if (!v.projectStartsOn && v.projectEndsOn) ctx.addIssue({ code: "custom", path: ["projectStartsOn"], message: "required" });
    if (v.projectStartsOn && v.projectEndsOn && v.projectEndsOn < v.projectStartsOn)
      ctx.addIssue({ code: "custom", path: ["projectEndsOn"], message: "endBeforeStart" });
  });
export type TProjectSettingsInput = z.input<typeof ZProjectSettingsInput>;

/**
 * A piece of evidence registered by hand for a MANUAL indicator: the document (kind, date not in
 * the future, reference), how much it adds, the client it concerns (optional, one the caller may
 * read) and its KPRES spheres — the client's own when `spheresFromClient`, else those chosen.
 */
export const ZEvidenceInput = z.object({
  indicatorId: z.union([z.literal(""), z.uuid()], { error: "chooseIndicator" }).pipe(z.uuid("chooseIndicator")),
  documentKind: ZText(200),
  documentDate: ZCalendarDate.refine((v) => v <= todayInPoland(), "dateInFuture"),
  reference: ZText(200),
  quantity: z.coerce.number("notANumber").int("notAnInteger").min(1, "quantityMin").max(TARGET_MAX, "quantityMax"),
  clientId: z
    .union([z.literal(""), z.null(), z.uuid("invalid")])
    .optional()
    .transform((v) => (v ? v : null)),
  spheresFromClient: z.boolean("invalid").default(false),
  kpresSpheres: z
    .array(z.enum(KPRES_SPHERES, "invalid"), "invalid")
    .default([])
    .refine((spheres) => new Set(spheres).size === spheres.length, "duplicateValue"),
  description: optionalText(2000),
});
export type TEvidenceInput = z.input<typeof ZEvidenceInput>;
export type TParsedEvidenceInput = z.output<typeof ZEvidenceInput>;

/** Why a record is withdrawn: said in words, kept in the trail and on the record. */
export const ZWithdrawInput = z.object({ reason: ZText(1000) });
export type TWithdrawInput = z.input<typeof ZWithdrawInput>;

/** A query-string filter: an empty or unparsable value is no filter. */
const lenient = <T extends z.ZodType>(schema: T) =>
  z
    .union([z.literal(""), schema])
    .optional()
    .catch(undefined)
    .transform((v) => (v === "" ? undefined : (v as z.output<T> | undefined)));

/** The evidence list's query string: the indicator, the year of the document date, withdrawn ones too. */
export const ZEvidenceListInput = ZPageInput.extend({
  page: ZPageInput.shape.page.catch(1),
  indicatorId: lenient(z.uuid()),
  year: lenient(ZTargetYear),
  withdrawn: z
    .union([z.boolean(), z.string()])
    .optional()
    .catch(undefined)
    .transform((v) => v === true || v === "1" || v === "true"),
});
export type TEvidenceListInput = { indicatorId?: string; year?: string; withdrawn?: string | boolean; page?: number; pageSize?: number };
