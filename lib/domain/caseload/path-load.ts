import "server-only";

import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { applyMove, lockClientForMove } from "./move-client";
import { assertCaseloadCapacity, assertIsKeyAdvisor } from "./policy";

/**
 * The client's side of closing and reopening a support path. The paths area calls these inside
 * its own transaction, after its path row lock and before writing the path (so the order is
 * path → advisors by id → client, as everywhere); the move itself is the caseload's: the same
 * locks, the same cap check, the same assignment rows and `client.*` audit as any assignment.
 * Permission and scope are the caller's: the path's own (paths.write on that path).
 */

/**
 * The path closes: the client leaves their advisor's load and their support ends (CLOSED), the
 * open assignment row closes with reason `path.closed`. Answers the advisor who carried them
 * (null if none): the closed path keeps that name.
 */
export async function releaseOnPathClose(tx: TTx, ctx: TContext, clientId: string): Promise<{ releasedAdvisorId: string | null }> {
  const { client } = await lockClientForMove(tx, ctx.tenantId, clientId, []);
  if (client.status !== "CLOSED") await applyMove(tx, ctx, client, null, "close", "path.closed", "CLOSED");
  return { releasedAdvisorId: client.keyAdvisorId };
}

/**
 * The path reopens: a client without a key advisor goes back to `advisorId` (the advisor who last
 * carried the path) under that advisor's lock and limit — refused with CASELOAD_LIMIT_REACHED,
 * changing nothing, when they are full. A client who is active already (with any advisor) stays
 * as they are: their load does not change.
 */
export async function reclaimOnPathReopen(tx: TTx, ctx: TContext, clientId: string, advisorId: string): Promise<void> {
  const { client, advisors, tenantMax } = await lockClientForMove(tx, ctx.tenantId, clientId, [advisorId]);
  if (client.status === "ACTIVE") return;
  const advisor = advisors.get(advisorId);
  if (!advisor) throw notFound("User");
  assertIsKeyAdvisor(advisor);
  assertCaseloadCapacity(advisor, tenantMax);
  await applyMove(tx, ctx, client, advisor, "reopen", "path.reopened");
}
