import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { AppError, isAppError, notFound } from "@/lib/errors";
import { assertId, parseInput } from "@/lib/validation";
import { applyMove, withClientLocked } from "./move-client";
import { assertCaseloadCapacity, assertIsKeyAdvisor } from "./policy";
import { ZHandoverInput, type THandoverInput } from "./schemas";

export type THandoverSummary = {
  moved: { clientId: string; clientName: string; toAdvisorId: string; toAdvisorName: string }[];
  /** Clients still with the leaving advisor: every chosen advisor was full (or the client changed meanwhile). */
  notMoved: { clientId: string; clientName: string; reason: "ALL_FULL" | "CHANGED" }[];
};

/**
 * Moves every active client of a leaving advisor to the chosen advisors, in order of preference.
 * Each client moves in its own transaction under the same locks as any assignment — all or
 * nothing for that client, never over anyone's limit — and the summary says what moved and what
 * did not.
 *
 * The advisor who gets a client is told once per client (client_handed_over, by applyMove), in
 * that client's own transaction: a summary per advisor would have to be written after the last
 * move, outside every move's transaction, so a handover stopped half-way could announce clients
 * that never moved or lose the notice of those that did. Each notice leads to its client, which is
 * the advisor's next step anyway; an advisor who finds a handover's e-mails too many chooses the
 * daily digest.
 */
export async function handoverClients(ctx: TContext, rawInput: THandoverInput): Promise<THandoverSummary> {
  await assertCan(ctx, "caseload.handover");
  const input = parseInput(ZHandoverInput, rawInput);
  assertId(input.fromAdvisorId, "User");
  const targetIds = [...new Set(input.toAdvisorIds)].filter((id) => id !== input.fromAdvisorId);
  if (targetIds.length === 0) throw new AppError("VALIDATION_FAILED", { fieldErrors: { toAdvisorIds: "chooseAtLeastOneAdvisor" } });

  const clients = await tenantTransaction(ctx.tenantId, async (tx) => {
    const from = await tx.user.findFirst({ where: { id: input.fromAdvisorId, tenantId: ctx.tenantId }, select: { id: true } });
    if (!from) throw notFound("User");
    const targets = await tx.user.findMany({
      where: { tenantId: ctx.tenantId, id: { in: targetIds } },
      select: { id: true, role: true, active: true },
    });
    if (targets.length !== targetIds.length) throw notFound("User");
    for (const target of targets) assertIsKeyAdvisor(target, "toAdvisorIds");
    return tx.client.findMany({
      where: { tenantId: ctx.tenantId, keyAdvisorId: input.fromAdvisorId, status: "ACTIVE" },
      select: { id: true, name: true },
      orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
    });
  });

  const summary: THandoverSummary = { moved: [], notMoved: [] };
  const full = new Set<string>();
  for (const client of clients) {
    let placed = false;
    for (const targetId of targetIds) {
      if (full.has(targetId)) continue;
      try {
        const outcome = await withClientLocked(ctx, client.id, [targetId], async (tx, { client: locked, advisors, tenantMax }) => {
          if (locked.keyAdvisorId !== input.fromAdvisorId) return "CHANGED" as const;
          const target = advisors.get(targetId);
          if (!target) throw notFound("User");
          assertCaseloadCapacity(target, tenantMax);
          await applyMove(tx, ctx, locked, target, "handover", input.reason);
          return target.name;
        });
        if (outcome === "CHANGED") {
          summary.notMoved.push({ clientId: client.id, clientName: client.name, reason: "CHANGED" });
        } else {
          summary.moved.push({ clientId: client.id, clientName: client.name, toAdvisorId: targetId, toAdvisorName: outcome });
        }
        placed = true;
        break;
      } catch (error) {
        if (isAppError(error) && error.code === "CASELOAD_LIMIT_REACHED") {
          full.add(targetId);
          continue;
        }
        throw error;
      }
    }
    if (!placed) summary.notMoved.push({ clientId: client.id, clientName: client.name, reason: "ALL_FULL" });
  }
  return summary;
}
