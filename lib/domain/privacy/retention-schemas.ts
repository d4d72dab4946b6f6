import { z } from "zod";
import { PAGE_SIZE_MAX, ZPageInput } from "@/lib/pagination";

// Messages are translation keys: `validation.*`, or this area's own `privacy.retention.validation.*`.

/** The retention page's query string: the page of pending reviews and, apart, of decided ones. */
export const ZRetentionPageInput = ZPageInput.extend({
  decidedPage: z.coerce.number().int().min(1).catch(1).default(1),
});
export type TRetentionPageInput = z.input<typeof ZRetentionPageInput>;

/**
 * The IOD's approval of anonymisation: the reviews ticked on the page, or every pending review
 * (`all`) — then with the count the confirmation named (`expected`), so a listing that came in
 * between is not approved unseen.
 */
export const ZApproveRetentionInput = z
  .object({
    reviewIds: z.array(z.uuid("invalid")).max(PAGE_SIZE_MAX, "tooMany").default([]),
    all: z.boolean().default(false),
    expected: z.number().int().min(0).optional(),
  })
  .refine((v) => v.all || v.reviewIds.length > 0, { path: ["reviewIds"], message: "chooseReviews" })
  .refine((v) => !v.all || v.expected !== undefined, { path: ["expected"], message: "required" });
export type TApproveRetentionInput = z.input<typeof ZApproveRetentionInput>;

/** Keeping a person's data past retention needs a reason (e.g. a pending audit of the project). */
export const ZKeepRetentionInput = z.object({
  reason: z.string("required").trim().min(1, "required").max(2000, "tooLong"),
});
export type TKeepRetentionInput = z.input<typeof ZKeepRetentionInput>;

/** An erasure is carried out on a registered request (lib/domain/privacy/erasure.ts). */
export const ZErasureInput = z.object({ requestId: z.string() });
export type TErasureInput = z.input<typeof ZErasureInput>;
