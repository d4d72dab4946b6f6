import { z } from "zod";
import { todayInPoland } from "@/lib/dates";
import type { ExchangeChannel, ExchangeDirection, InstitutionKind } from "@/lib/generated/prisma/enums";
import { ZPageInput } from "@/lib/pagination";
import { exactly, optionalText } from "@/lib/validation";

// Messages are translation keys: `validation.*`, or `cooperation.validation.*` for this area's own
// (components/cooperation/use-cooperation-field-error.ts reads both). The lists are written out, not
// imported from the generated client, so the form bundle carries no Prisma code; `exactly` makes the
// compiler refuse a list that drifts from the schema's enum.

/** The kinds of institution the key advisor works with (seed 000; issue 14), in the order offered. */
export const INSTITUTION_KINDS = exactly<InstitutionKind>()([
  "PUP",
  "OPS",
  "PCPR",
  "ODR",
  "CIS",
  "KIS",
  "WTZ",
  "ZAZ",
  "ROPS",
  "LOCAL_GOVERNMENT",
  "SCHOOL",
  "EMPLOYER",
  "OTHER",
]);
export const EXCHANGE_DIRECTIONS = exactly<ExchangeDirection>()(["SENT", "RECEIVED"]);
export const EXCHANGE_CHANNELS = exactly<ExchangeChannel>()(["EMAIL", "PHONE", "LETTER", "MEETING", "EPUAP", "OTHER"]);

export const INSTITUTION_NAME_MAX = 200;
export const SUBJECT_MAX = 500;

/** Lenient phone numbers: Polish 9 digits with any spaces, dashes or brackets (+48 / 0048 optional), or an international +… number. */
const PHONE_RE = /^(?:(?:\+48|0048)?\d{9}|\+\d{8,15})$/;
const optionalPhone = optionalText(40).refine((v) => v === null || PHONE_RE.test(v.replace(/[\s\-()]/g, "")), "invalidPhone");
const optionalEmail = z
  .string("invalid")
  .trim()
  .toLowerCase()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || z.email().max(320).safeParse(v).success, "invalidEmail");

/** A required choice as a form sends it: "" (not chosen yet) is refused with `message`, like a missing one. */
const requiredChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.union([z.literal(""), z.enum(values)], { error: message }).pipe(z.enum(values, message));

/** An institution of the directory: the name is unique in the centre (ignoring case). */
export const ZInstitutionInput = z.object({
  name: z.string("required").trim().min(1, "required").max(INSTITUTION_NAME_MAX, "tooLong"),
  kind: requiredChoice(INSTITUTION_KINDS, "chooseInstitutionKind"),
  town: optionalText(100),
  address: optionalText(300),
  email: optionalEmail,
  phone: optionalPhone,
});
export type TInstitutionInput = z.input<typeof ZInstitutionInput>;
export type TParsedInstitutionInput = z.output<typeof ZInstitutionInput>;

/** A query-string filter: an empty select ("all") or a value that is not valid is no filter. */
const lenient = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([z.literal(""), schema])
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined));

/** A list's page number from the query string: anything but a whole number from 1 is page 1. */
const ZListPage = ZPageInput.extend({ page: ZPageInput.shape.page.catch(1) });

export const INSTITUTION_STATUSES = ["active", "retired", "all"] as const;

/** The directory's query string: a fragment of the name, a kind, active or retired ones. */
export const ZInstitutionListInput = ZListPage.extend({
  q: z.string().trim().max(100).optional().catch(undefined),
  kind: lenient(z.enum(INSTITUTION_KINDS)),
  status: z.enum(INSTITUTION_STATUSES).optional().catch(undefined).transform((v) => v ?? "active"),
});
/** As the query string gives it: anything unparsable is dropped. */
export type TInstitutionListInput = { q?: string; kind?: string; status?: string; page?: number; pageSize?: number };

const ZCalendarDate = z.iso.date("invalidDate");
/** An optional calendar date as a form sends it: "" and missing are none. */
const optionalDate = z
  .union([z.literal(""), ZCalendarDate])
  .nullish()
  .transform((v) => (v ? v : null));
/** An optional id as a form sends it (a select's empty option): "" and missing are none. */
const optionalId = (message: string) =>
  z
    .union([z.literal(""), z.uuid(message)])
    .nullish()
    .transform((v) => (v ? v : null));

/**
 * One exchange of information with an institution (seed 000). The date is a Polish calendar date,
 * not in the future; the follow-up, when given, is on or after it. The client is optional (an
 * exchange about the support in general); the path is derived, never sent.
 */
export const ZExchangeInput = z
  .object({
    date: ZCalendarDate.refine((v) => v <= todayInPoland(), "dateInFuture"),
    institutionId: z.union([z.literal(""), z.uuid()], { error: "chooseInstitution" }).pipe(z.uuid("chooseInstitution")),
    contactPerson: optionalText(200),
    direction: requiredChoice(EXCHANGE_DIRECTIONS, "chooseDirection"),
    channel: requiredChoice(EXCHANGE_CHANNELS, "chooseChannel"),
    subject: z.string("required").trim().min(1, "required").max(SUBJECT_MAX, "tooLong"),
    clientId: optionalId("invalid"),
    documentReference: optionalText(200),
    followUpOn: optionalDate,
  })
  .refine((v) => v.followUpOn === null || v.followUpOn >= v.date, { path: ["followUpOn"], message: "followUpBeforeDate" });
export type TExchangeInput = z.input<typeof ZExchangeInput>;
export type TParsedExchangeInput = z.output<typeof ZExchangeInput>;

/** A new exchange's empty form on `today`, optionally about a client. */
export function emptyExchange(today: string, clientId = ""): TExchangeInput {
  return { date: today, institutionId: "", contactPerson: "", direction: "", channel: "", subject: "", clientId, documentReference: "", followUpOn: "" };
}

/** The new-exchange form's query string: the client it is about, when opened from the client's page. */
export const ZNewExchangeQuery = z.object({ clientId: lenient(z.uuid()) });
export type TNewExchangeQuery = z.input<typeof ZNewExchangeQuery>;

/**
 * The cooperation log's query string (all filters optional and lenient; an id that is not one of
 * the offered choices — another tenant's, a made-up one — is ignored exactly like a missing one).
 * `followUpDue`: only exchanges whose follow-up date has come with no later exchange with the same
 * institution about the same client.
 */
export const ZCooperationLogInput = ZListPage.extend({
  from: lenient(ZCalendarDate),
  to: lenient(ZCalendarDate),
  institutionId: lenient(z.uuid()),
  kind: lenient(z.enum(INSTITUTION_KINDS)),
  direction: lenient(z.enum(EXCHANGE_DIRECTIONS)),
  clientId: lenient(z.uuid()),
  followUpDue: z
    .union([z.boolean(), z.literal("1"), z.literal("true"), z.literal(""), z.literal("0")])
    .optional()
    .catch(undefined)
    .transform((v) => v === true || v === "1" || v === "true"),
});
/** As the query string gives it (or a caller, with `followUpDue: true`): anything unparsable is dropped. */
export type TCooperationLogInput = {
  from?: string;
  to?: string;
  institutionId?: string;
  kind?: string;
  direction?: string;
  clientId?: string;
  followUpDue?: string | boolean;
  page?: number;
  pageSize?: number;
};
