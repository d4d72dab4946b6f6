import { z } from "zod";
import { dateOnly } from "@/lib/dates";
import type { JobCheckOutcome } from "@/lib/generated/prisma/enums";
import { ZPageInput } from "@/lib/pagination";
import { exactly, optionalText } from "@/lib/validation";

// Messages are translation keys (messages.validation.*).

export const JOB_CHECK_OUTCOMES = exactly<JobCheckOutcome>()(["MAINTAINED", "ENDED"]);

/** The durability list's tabs: checks overdue, checks open to record now, or every job. */
export const DURABILITY_VIEWS = ["overdue", "due", "all"] as const;
export type TDurabilityView = (typeof DURABILITY_VIEWS)[number];

const ZIsoDate = z.iso.date("invalidDate");
const ZOptionalIsoDate = z
  .union([z.literal(""), z.null(), ZIsoDate])
  .optional()
  .transform((v) => (v ? v : null));

export const ZFindJobsInput = ZPageInput.extend({
  /** A tab from the query string: anything else falls back to "overdue". */
  view: z
    .string()
    .optional()
    .catch(undefined)
    .transform((v): TDurabilityView => ((DURABILITY_VIEWS as readonly string[]).includes(v ?? "") ? (v as TDurabilityView) : "overdue")),
  clientId: z
    .union([z.literal(""), z.uuid()])
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined)),
  /** The year the job started in. */
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});
export type TFindJobsInput = z.input<typeof ZFindJobsInput>;

/** A job's details the advisor may correct: who holds it, the position, the evidence. */
export const ZUpdateJobInput = z.object({
  personName: optionalText(200),
  position: optionalText(200),
  evidence: optionalText(500),
});
export type TUpdateJobInput = z.input<typeof ZUpdateJobInput>;

/**
 * A durability check: the job maintained (on `checkedOn`), or ended (on `endedOn`, found on
 * `checkedOn`), with the evidence either way. Dates stay YYYY-MM-DD; the service compares them
 * with the check's window and today.
 */
export const ZRecordCheckInput = z
  .object({
    outcome: z.enum(JOB_CHECK_OUTCOMES, "required"),
    checkedOn: ZIsoDate,
    endedOn: ZOptionalIsoDate,
    evidence: z.string("required").trim().min(1, "required").max(500, "tooLong"),
  })
  .refine((c) => c.outcome !== "ENDED" || c.endedOn !== null, {
    path: ["endedOn"],
    message: "required",
  })
  .refine((c) => !c.endedOn || c.endedOn <= c.checkedOn, {
    path: ["endedOn"],
    message: "durabilityEndedAfterCheck",
  })
  .transform((c) => ({
    ...c,
    endedOn: c.outcome === "ENDED" ? c.endedOn : null,
  }));
export type TRecordCheckInput = z.input<typeof ZRecordCheckInput>;

/** The date columns of a recorded check. */
export function checkDates(input: z.output<typeof ZRecordCheckInput>) {
  return {
    checkedOn: dateOnly(input.checkedOn),
    endedOn: input.endedOn ? dateOnly(input.endedOn) : null,
  };
}
