import { z } from "zod";
import { todayInPoland } from "@/lib/dates";
import type { ConsentPurpose, ProcessingBasis } from "@/lib/generated/prisma/enums";
import { exactly } from "@/lib/validation";

/**
 * The forms of the privacy settings, the information clauses, a client's legal basis and their
 * consents (issue 17 §3, §5), shared by the services and the browser. Messages are translation
 * keys: `validation.*`, or this area's own `privacy.validation.*`.
 */

export const PROCESSING_BASES = exactly<ProcessingBasis>()(["EU_PROJECT", "CONTRACT", "CONSENT"]);
export const CONSENT_PURPOSES = exactly<ConsentPurpose>()(["SENSITIVE_DATA", "CONTACT_OFFERS", "IMAGE"]);

/** The retention period in years after the year of the last payment (art. 82 of Reg. 2021/1060 says five; a grant agreement may say more). */
export const RETENTION_YEARS = { min: 1, max: 20 } as const;
/** How long an access-log entry is kept, in months. */
export const ACCESS_LOG_MONTHS = { min: 6, max: 120 } as const;
/** The longest clause text accepted (a clause is a page or two; this leaves ample room). */
export const CLAUSE_BODY_MAX = 30_000;

const ZCalendarDate = z.iso.date("invalidDate");
const ZPastDate = ZCalendarDate.refine((v) => v <= todayInPoland(), "dateInFuture");
const optionalPastDate = z
  .union([z.literal(""), z.null(), ZPastDate])
  .optional()
  .transform((v) => (v ? v : null));
const optionalId = z
  .union([z.literal(""), z.null(), z.uuid("invalid")])
  .optional()
  .transform((v) => (v ? v : null));
const requiredChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.union([z.literal(""), z.enum(values)], { error: message }).pipe(z.enum(values, message));
const wholeNumber = (range: { min: number; max: number }, message: string) =>
  z.coerce.number("notANumber").int("notAnInteger").min(range.min, message).max(range.max, message);

/**
 * The tenant's retention rules: the date of the last payment to the beneficiary (empty while the
 * project is not settled: retention has not started), the years kept after its year, and the
 * months an access-log entry is kept.
 */
export const ZPrivacySettingsInput = z.object({
  lastPaymentOn: optionalPastDate,
  retentionYears: wholeNumber(RETENTION_YEARS, "retentionYearsRange"),
  accessLogRetentionMonths: wholeNumber(ACCESS_LOG_MONTHS, "accessLogMonthsRange"),
});
export type TPrivacySettingsInput = z.input<typeof ZPrivacySettingsInput>;

/** A new version of the information clause: its title, its full text and the day it applies from. */
export const ZClauseInput = z.object({
  title: z.string("required").trim().min(1, "required").max(200, "tooLong"),
  body: z.string("required").trim().min(1, "required").max(CLAUSE_BODY_MAX, "tooLong"),
  effectiveFrom: ZCalendarDate,
});
export type TClauseInput = z.input<typeof ZClauseInput>;

/**
 * A client's legal basis of processing and the information clause they were given: its version
 * and the day (both or neither; the day not in the future).
 */
export const ZLegalBasisInput = z
  .object({
    processingBasis: requiredChoice(PROCESSING_BASES, "chooseBasis"),
    clauseId: optionalId,
    clauseGivenOn: optionalPastDate,
  })
  .superRefine((v, ctx) => {
    if (v.clauseId && !v.clauseGivenOn) ctx.addIssue({ code: "custom", path: ["clauseGivenOn"], message: "required" });
    if (!v.clauseId && v.clauseGivenOn) ctx.addIssue({ code: "custom", path: ["clauseId"], message: "chooseClause" });
  });
export type TLegalBasisInput = z.input<typeof ZLegalBasisInput>;

/** A consent given: for what, on which day (not in the future), with which clause version (optional). */
export const ZGiveConsentInput = z.object({
  purpose: requiredChoice(CONSENT_PURPOSES, "choosePurpose"),
  givenOn: ZPastDate,
  clauseId: optionalId,
});
export type TGiveConsentInput = z.input<typeof ZGiveConsentInput>;

/** A consent withdrawn: which purpose's active consent, and on which day (not in the future, not before it was given). */
export const ZWithdrawConsentInput = z.object({
  purpose: requiredChoice(CONSENT_PURPOSES, "choosePurpose"),
  withdrawnOn: ZPastDate,
});
export type TWithdrawConsentInput = z.input<typeof ZWithdrawConsentInput>;
