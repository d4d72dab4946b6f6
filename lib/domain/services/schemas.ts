import { z } from "zod";
import { todayInPoland } from "@/lib/dates";
import { ZPageInput } from "@/lib/pagination";
import { optionalText } from "@/lib/validation";
import { ZCatalogueCode, ZOptionalCatalogueCode } from "@/lib/domain/catalogue/schemas";
import { WORK_FORMS } from "@/lib/domain/paths/schemas";

// Messages are translation keys (messages.validation.*).

export const SERVICE_CHANNELS = ["IN_PERSON", "ONLINE", "PHONE"] as const;
export const DURATION_MIN = 5;
export const DURATION_MAX = 600;
/** A group session lists its participants; more than this is a mass event, not a consultation log. */
export const MAX_CLIENTS_PER_RECORD = 200;
export const MAX_PROVIDERS_PER_RECORD = 10;

const ZUuid = z.uuid("invalid");

/**
 * What the quick-entry form sends. Only date, duration, support type and client(s) must be filled
 * in: form and channel come preselected (individual, in person) and the delivering user defaults
 * to the one logging.
 */
export const ZServiceInput = z
  .object({
    date: z.iso.date("invalidDate").refine((v) => v <= todayInPoland(), "dateInFuture"),
    startTime: z
      .union([z.literal(""), z.null(), z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "invalidTime")])
      .optional()
      .transform((v) => (v ? v : null)),
    /** Minutes as typed into the form (a string) or as a number. */
    durationMinutes: z.coerce
      .number<string | number>("notANumber")
      .int("notAnInteger")
      .min(DURATION_MIN, "durationRange")
      .max(DURATION_MAX, "durationRange"),
    form: z.enum(WORK_FORMS, "invalid").default("INDIVIDUAL"),
    channel: z.enum(SERVICE_CHANNELS, "invalid").default("IN_PERSON"),
    /**
     * A support type code of the tenant's catalogue ("" is the form's "not chosen yet": refused like
     * a missing type); the service checks it is an active entry (or the record's own on an edit).
     */
    supportType: ZCatalogueCode("chooseSupportType"),
    /**
     * A specialist area code: required when the type's catalogue entry says so, dropped otherwise —
     * both decided by the service, which reads the catalogue (lib/domain/catalogue/rules.ts).
     */
    specialistArea: ZOptionalCatalogueCode,
    topic: optionalText(300),
    notes: optionalText(5000),
    nextSteps: optionalText(2000),
    clientIds: z
      .array(ZUuid, "chooseClient")
      .min(1, "chooseClient")
      .max(MAX_CLIENTS_PER_RECORD, "tooMany")
      .transform((ids) => [...new Set(ids)]),
    /** Delivering users; empty means the user logging the service. */
    providerIds: z
      .array(ZUuid)
      .max(MAX_PROVIDERS_PER_RECORD, "tooMany")
      .optional()
      .transform((ids) => [...new Set(ids ?? [])]),
    /** Client id → the plan action of that client's open path this service implements ("" for none). */
    planActionIds: z
      .record(z.string(), z.union([z.literal(""), ZUuid]))
      .optional()
      .transform((m) => Object.fromEntries(Object.entries(m ?? {}).filter(([, v]) => v !== ""))),
    officeId: z
      .union([z.literal(""), z.null(), ZUuid])
      .optional()
      .transform((v) => (v ? v : null)),
    /**
     * The user saw the POSSIBLE_DUPLICATE_SERVICE warning and logs this service anyway (a second
     * meeting, not the first one entered again). Only a new record is checked; an edit ignores it.
     */
    confirmPossibleDuplicate: z.boolean("invalid").default(false),
  })
  .superRefine((v, ctx) => {
    if (v.form === "INDIVIDUAL" && v.clientIds.length > 1) {
      ctx.addIssue({ code: "custom", path: ["clientIds"], message: "individualOneClient" });
    }
    if (v.form === "E_SUPPORT" && v.channel === "IN_PERSON") {
      ctx.addIssue({ code: "custom", path: ["channel"], message: "eSupportNotInPerson" });
    }
    for (const clientId of Object.keys(v.planActionIds)) {
      if (!v.clientIds.includes(clientId)) ctx.addIssue({ code: "custom", path: ["planActionIds", clientId], message: "invalid" });
    }
  });

export type TServiceInput = z.input<typeof ZServiceInput>;
export type TParsedServiceInput = z.output<typeof ZServiceInput>;

/** A new record carries the key its form chose when it opened (see ServiceRecord.idempotencyKey). */
export const ZLogServiceInput = z.object({ idempotencyKey: z.uuid("invalid") });

export const ZDeleteServiceInput = z.object({ reason: z.string("required").trim().min(1, "required").max(500, "tooLong") });
export type TDeleteServiceInput = z.input<typeof ZDeleteServiceInput>;

const ZIsoDate = z.iso.date("invalidDate");

export const ZOwnServicesInput = z.object({
  /** The day shown (YYYY-MM-DD); the week view shows the Monday–Sunday week holding it. */
  date: ZIsoDate.optional(),
  view: z.enum(["day", "week"]).default("day"),
});
export type TOwnServicesInput = z.input<typeof ZOwnServicesInput>;

export const ZClientServicesInput = ZPageInput.extend({
  /** A support type code; the history shows no record of an unknown one. */
  supportType: z.union([z.literal(""), z.string().trim().max(64)]).optional(),
  from: z.union([z.literal(""), ZIsoDate]).optional(),
  to: z.union([z.literal(""), ZIsoDate]).optional(),
});
export type TClientServicesInput = z.input<typeof ZClientServicesInput>;

export const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "invalid");

export const ZTimesheetInput = z.object({
  month: ZMonth,
  /** Whose hours; missing means the caller's own. */
  userId: z.union([z.literal(""), z.uuid()]).optional(),
});
export type TTimesheetInput = z.input<typeof ZTimesheetInput>;
