import "server-only";
import { z } from "zod";
import type { TTx } from "@/lib/db/transaction";
import { enqueue } from "@/lib/jobs/enqueue";
import { QUEUES } from "@/lib/jobs/queues";
import type { TAccountLinkPurpose } from "./policy";

/**
 * The `account.email` job: ids only — never the token (minted when the job runs) nor the address.
 * `userId` null: a "forgot password" for an address that has no account (or may not get a link
 * now). Such a job is queued all the same, so that the request does the same work whether or not
 * the address exists; its handler sends nothing. `tenantId` null: the identifier named no tenant.
 */
export type TAccountEmailJob = { tenantId: string | null; userId: string | null; purpose: TAccountLinkPurpose };

// Not exported: job data are no service input (and hold no id a caller chooses).
const ZAccountEmailJob = z.object({
  tenantId: z.uuid().nullable(),
  userId: z.uuid().nullable(),
  purpose: z.enum(["INVITE", "RESET"]),
});

export function parseAccountEmailJob(data: unknown): TAccountEmailJob {
  return ZAccountEmailJob.parse(data);
}

/** Queues the e-mail of a link in the caller's transaction: it goes exactly when the change that wants it commits. */
export async function queueAccountEmail(tx: TTx, job: TAccountEmailJob): Promise<void> {
  await enqueue<TAccountEmailJob>(tx, { queue: QUEUES.accountEmail, data: job });
}
