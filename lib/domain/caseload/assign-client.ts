import "server-only";
import { assertCan, recordScopeRefusals, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { AppError, notFound } from "@/lib/errors";
import { assertId, parseInput } from "@/lib/validation";
import { applyMove, withClientLocked } from "./move-client";
import { assertCaseloadCapacity, assertIsKeyAdvisor, mayManageAdvisor, type TAdvisorLoad } from "./policy";
import { ZAssignClientInput, ZReleaseClientInput, type TAssignClientInput, type TReleaseClientInput } from "./schemas";

function advisorOf(advisors: Map<string, TAdvisorLoad>, id: string): TAdvisorLoad {
  const advisor = advisors.get(id);
  if (!advisor) throw notFound("User");
  return advisor;
}

/**
 * Gives a client a key advisor — from the queue, a returning client whose support had ended
 * (CLOSED), or away from their current advisor (reassign).
 * A manager may move anyone; a coordinator only between advisors of their own partner. Refused
 * with CASELOAD_LIMIT_REACHED, changing nothing, when the advisor is at their limit.
 */
export async function assignClient(ctx: TContext, rawInput: TAssignClientInput): Promise<{ kind: "assign" | "reassign" | "unchanged" }> {
  await assertCan(ctx, "clients.assign");
  const input = parseInput(ZAssignClientInput, rawInput);
  assertId(input.clientId, "Client");
  return recordScopeRefusals(ctx, () => withClientLocked(ctx, input.clientId, [input.advisorId], async (tx, { client, advisors, tenantMax }) => {
    const target = advisorOf(advisors, input.advisorId);
    const current = client.keyAdvisorId ? advisorOf(advisors, client.keyAdvisorId) : null;
    // Scope first: a refusal is a refusal (and audited) whatever state the client is in.
    if (!mayManageAdvisor(ctx, target, "clients.assign") || (current && !mayManageAdvisor(ctx, current, "clients.assign"))) {
      throw new ScopeRefusal("clients.assign", { clientId: client.id, advisorId: target.id });
    }
    if (current?.id === target.id) return { kind: "unchanged" as const };
    assertIsKeyAdvisor(target);
    assertCaseloadCapacity(target, tenantMax);
    const kind = current ? "reassign" : "assign";
    await applyMove(tx, ctx, client, target, kind, input.reason);
    return { kind };
  }));
}

/** A key advisor takes a waiting client from the queue onto themselves, within their own limit. */
export async function takeClientFromQueue(ctx: TContext, clientId: string): Promise<void> {
  await assertCan(ctx, "clients.take_from_queue");
  assertId(clientId, "Client");
  await withClientLocked(ctx, clientId, [ctx.userId], async (tx, { client, advisors, tenantMax }) => {
    if (client.status !== "WAITING") throw new AppError("INVALID_STATE", { message: "Client is not waiting" });
    const me = advisorOf(advisors, ctx.userId);
    assertIsKeyAdvisor(me);
    assertCaseloadCapacity(me, tenantMax);
    await applyMove(tx, ctx, client, me, "take", null);
  });
}

/** Releases a client from their key advisor back to the queue (freeing a place in the advisor's load). */
export async function releaseClient(ctx: TContext, rawInput: TReleaseClientInput): Promise<void> {
  await assertCan(ctx, "clients.assign");
  const input = parseInput(ZReleaseClientInput, rawInput);
  assertId(input.clientId, "Client");
  await recordScopeRefusals(ctx, () => withClientLocked(ctx, input.clientId, [], async (tx, { client, advisors }) => {
    if (!client.keyAdvisorId) throw new AppError("INVALID_STATE", { message: "Client has no key advisor" });
    const current = advisorOf(advisors, client.keyAdvisorId);
    if (!mayManageAdvisor(ctx, current, "clients.assign")) {
      throw new ScopeRefusal("clients.assign", { clientId: client.id, advisorId: current.id });
    }
    await applyMove(tx, ctx, client, null, "release", input.reason);
  }));
}
