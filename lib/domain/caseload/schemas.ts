import { z } from "zod";
import { ZPageInput } from "@/lib/pagination";

const ZReason = z
  .string()
  .trim()
  .max(500, "tooLong")
  .optional()
  .transform((v) => (v ? v : null));

export const ZAssignClientInput = z.object({
  clientId: z.string(),
  advisorId: z.uuid("required"),
  reason: ZReason,
});
export type TAssignClientInput = z.input<typeof ZAssignClientInput>;

export const ZReleaseClientInput = z.object({
  clientId: z.string(),
  reason: ZReason,
});
export type TReleaseClientInput = z.input<typeof ZReleaseClientInput>;

export const ZSetAdvisorLimitInput = z.object({
  /** Empty means "the tenant's maximum". */
  limit: z.union([z.literal(""), z.null(), z.coerce.number("notANumber").int("notAnInteger").min(0, "limitNegative")]).transform((v) =>
    v === "" ? null : v,
  ),
});
export type TSetAdvisorLimitInput = z.input<typeof ZSetAdvisorLimitInput>;

export const ZHandoverInput = z.object({
  fromAdvisorId: z.string(),
  /** Advisors to receive the clients, in order of preference: each client goes to the first with room. */
  toAdvisorIds: z.array(z.uuid()).min(1, "chooseAtLeastOneAdvisor").max(50),
  reason: ZReason,
});
export type THandoverInput = z.input<typeof ZHandoverInput>;

export const ZCaseloadBoardInput = ZPageInput.extend({
  partnerId: z.uuid().optional(),
  officeId: z.uuid().optional(),
  overLimitOnly: z.coerce.boolean().default(false),
});
export type TCaseloadBoardInput = z.input<typeof ZCaseloadBoardInput>;
