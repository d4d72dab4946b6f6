import { z } from "zod";
import type { StaffContractKind, StaffPosition } from "@/lib/generated/prisma/enums";
import { ZPageInput } from "@/lib/pagination";
import { exactly } from "@/lib/validation";

// Messages are translation keys: `validation.*`, or this area's own `staff.validation.*`.

export const STAFF_POSITIONS = exactly<StaffPosition>()(["ANIMATOR", "KEY_ADVISOR", "SPECIALIST_ADVISOR", "OTHER"]);
export const STAFF_CONTRACT_KINDS = exactly<StaffContractKind>()(["EMPLOYMENT_CONTRACT", "CIVIL_LAW_CONTRACT"]);

const requiredChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.union([z.literal(""), z.enum(values)], { error: message }).pipe(z.enum(values, message));
const optionalId = z
  .union([z.literal(""), z.null(), z.uuid("invalid")])
  .optional()
  .transform((v) => (v ? v : null));
const ZCalendarDate = z.iso.date("invalidDate");

/**
 * A staff record: who (a user of the tenant, or a name typed for someone without an account), as
 * what, on which contract (its reference), from when to when (no end: open-ended), at which
 * partner and office. Animators on an employment contract count toward "animators employed".
 */
export const ZStaffInput = z
  .object({
    userId: optionalId,
    personName: z
      .string("invalid")
      .trim()
      .max(200, "tooLong")
      .nullish()
      .transform((v) => (v ? v : null)),
    position: requiredChoice(STAFF_POSITIONS, "choosePosition"),
    contractKind: requiredChoice(STAFF_CONTRACT_KINDS, "chooseContractKind"),
    reference: z.string("required").trim().min(1, "required").max(200, "tooLong"),
    startsOn: ZCalendarDate,
    endsOn: z
      .union([z.literal(""), z.null(), ZCalendarDate])
      .optional()
      .transform((v) => (v ? v : null)),
    partnerId: optionalId,
    officeId: optionalId,
  })
  // Said with the other fields' errors, not only once they are valid (`when`: zod otherwise skips an
  // object's refinement after a field fails); it reads raw values then, so it tests for any value.
  .refine((v) => Boolean(v.userId) || Boolean(v.personName), {
    path: ["personName"],
    message: "personRequired",
    when: (payload) => typeof payload.value === "object" && payload.value !== null,
  })
  .superRefine((v, ctx) => {
    if (v.endsOn !== null && v.endsOn < v.startsOn) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "endBeforeStart" });
  });
export type TStaffInput = z.input<typeof ZStaffInput>;
export type TParsedStaffInput = z.output<typeof ZStaffInput>;

export const ZStaffWithdrawInput = z.object({ reason: z.string("required").trim().min(1, "required").max(1000, "tooLong") });
export type TStaffWithdrawInput = z.input<typeof ZStaffWithdrawInput>;

/** The staff list's query string: a position, withdrawn records too. */
export const ZStaffListInput = ZPageInput.extend({
  page: ZPageInput.shape.page.catch(1),
  position: z
    .union([z.literal(""), z.enum(STAFF_POSITIONS)])
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined)),
  withdrawn: z
    .union([z.boolean(), z.string()])
    .optional()
    .catch(undefined)
    .transform((v) => v === true || v === "1" || v === "true"),
});
export type TStaffListInput = { position?: string; withdrawn?: string | boolean; page?: number; pageSize?: number };
