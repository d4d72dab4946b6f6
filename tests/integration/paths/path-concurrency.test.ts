import { beforeEach, describe, expect, it } from "vitest";
import { assignClient } from "@/lib/domain/caseload/service";
import { movePath } from "@/lib/domain/paths/service";
import { isAppError } from "@/lib/errors";
import { contextFor, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { createCaseloadClients, setCaseloadLimit } from "@/tests/factories/caseload";
import { insertContract, insertEvaluation, insertNeed, insertPath, insertPlanVersion, loadOf, type TInsertedPath } from "@/tests/factories/paths";

/**
 * Issue 5 / SPEC §3.1: closing a path frees a place on the advisor's load and reopening takes one
 * back through the same cap lock as an assignment — so no mix of concurrent closes, reopenings
 * and assignments ever puts an advisor over the limit, and none of them deadlocks.
 */

const LIMIT = 5;

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;

beforeEach(async () => {
  ({ tenant, manager, advisor } = await freshTenant());
});

async function freshTenant() {
  const t = await createTenant();
  const partner = await createPartner(t);
  const m = await createUser(t, { role: "MANAGER" });
  const a = await createUser(t, { role: "KEY_ADVISOR", partnerId: partner.id, name: "Anna Nowak" });
  await setCaseloadLimit(a, LIMIT);
  return { tenant: t, manager: m, advisor: a };
}

/** A failure that is not an AppError (a deadlock 40P01, a timeout, a constraint) is a bug: show it whole. */
function describeFailure(reason: unknown): string {
  if (isAppError(reason)) return `AppError ${reason.code}: ${reason.message}`;
  if (reason instanceof Error) return `${reason.name}: ${reason.message}\n${reason.stack ?? ""}`;
  return String(reason);
}

function unexpectedFailures(results: PromiseSettledResult<unknown>[]): string[] {
  return results
    .filter((r): r is PromiseRejectedResult => r.status === "rejected")
    .filter((r) => !(isAppError(r.reason) && r.reason.code === "CASELOAD_LIMIT_REACHED"))
    .map((r) => describeFailure(r.reason));
}

/** `count` closed paths of different (closed) clients, last carried by `carrier`, ready to reopen. */
async function closedPaths(t: TTenantRow, carrier: TUserRow, count: number): Promise<TInsertedPath[]> {
  const clients = await createCaseloadClients(t, count, { status: "CLOSED", namePrefix: "Zamknięty" });
  const paths: TInsertedPath[] = [];
  for (const c of clients) {
    const path = await insertPath(t, { clientId: c.id, keyAdvisorId: carrier.id, createdById: carrier.id, step: "CLOSED" });
    await insertPlanVersion(path, { number: 1, status: "APPROVED", createdById: carrier.id });
    await insertContract(path);
    paths.push(path);
  }
  return paths;
}

/** `count` active clients of `carrier`, each with a path at EVALUATION that has an evaluation (ready to close). */
async function closablePaths(t: TTenantRow, carrier: TUserRow, count: number): Promise<TInsertedPath[]> {
  const clients = await createCaseloadClients(t, count, { status: "ACTIVE", keyAdvisorId: carrier.id, namePrefix: "Kończący" });
  const paths: TInsertedPath[] = [];
  for (const c of clients) {
    const path = await insertPath(t, { clientId: c.id, keyAdvisorId: carrier.id, createdById: carrier.id, step: "EVALUATION" });
    await insertNeed(path);
    await insertEvaluation(path, carrier.id);
    paths.push(path);
  }
  return paths;
}

async function openPaths(tenantId: string): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM support_path WHERE tenant_id = $1 AND closed_at IS NULL`, [tenantId]);
  return row?.n ?? 0;
}

/** The client moves audited in a tenant, oldest first (refusals write none). */
async function clientMoves(tenantId: string): Promise<{ action: string; client_id: string; reason: string | null }[]> {
  return ownerQuery(
    `SELECT action, entity_id AS client_id, after->>'reason' AS reason FROM audit_log
     WHERE tenant_id = $1 AND entity_type = 'Client' AND action LIKE 'client.%' ORDER BY created_at, id`,
    [tenantId],
  );
}

/** Stored state agrees with itself: every ACTIVE client has exactly one open assignment naming its advisor. */
async function expectConsistentAssignments(tenantId: string) {
  const broken = await ownerQuery(
    `SELECT c.id, c.status::text AS status,
            (SELECT count(*)::int FROM client_assignment a WHERE a.client_id = c.id AND a.released_at IS NULL) AS open,
            (SELECT count(*)::int FROM client_assignment a WHERE a.client_id = c.id AND a.released_at IS NULL AND a.advisor_id = c.key_advisor_id) AS matching
     FROM client c WHERE c.tenant_id = $1`,
    [tenantId],
  );
  const wrong = broken.filter((r) => (r.status === "ACTIVE" ? r.open !== 1 || r.matching !== 1 : r.open !== 0));
  expect(wrong).toEqual([]);
}

describe("closing and reopening under concurrency", () => {
  it("an advisor at limit − 1 with 20 closed paths: reopening all at once lets exactly one through, load == limit, one client.reopen audited (×4)", async () => {
    for (let round = 1; round <= 4; round++) {
      const world = round === 1 ? { tenant, advisor } : await freshTenant();
      await createCaseloadClients(world.tenant, LIMIT - 1, { status: "ACTIVE", keyAdvisorId: world.advisor.id });
      const paths = await closedPaths(world.tenant, world.advisor, 20);
      const ctx = contextFor(world.advisor);

      const results = await Promise.allSettled(paths.map((p) => movePath(ctx, p.id, { to: "IMPLEMENTATION" })));

      expect(unexpectedFailures(results), `round ${round}`).toEqual([]);
      expect(results.filter((r) => r.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      for (const r of results) {
        if (r.status === "rejected") expect((r.reason as { params: unknown }).params).toEqual({ advisor: "Anna Nowak", load: LIMIT, limit: LIMIT });
      }
      expect(await loadOf(world.advisor.id)).toBe(LIMIT);
      expect(await openPaths(world.tenant.id)).toBe(1);
      await expectConsistentAssignments(world.tenant.id);
      // The one that landed is a client move like any other; the refused left no trace.
      const winner = paths.findIndex((_, i) => results[i]?.status === "fulfilled");
      expect(await clientMoves(world.tenant.id)).toEqual([{ action: "client.reopen", client_id: paths[winner]?.clientId, reason: "path.reopened" }]);
    }
  });

  it("parallel closes, reopenings and assignments to one advisor: never over the limit, never a deadlock (×4)", async () => {
    for (let round = 1; round <= 4; round++) {
      const world = round === 1 ? { tenant, manager, advisor } : await freshTenant();
      // At the limit: 3 of the advisor's paths are about to close, 2 other clients already active.
      const closing = await closablePaths(world.tenant, world.advisor, 3);
      await createCaseloadClients(world.tenant, LIMIT - 3, { status: "ACTIVE", keyAdvisorId: world.advisor.id });
      const reopening = await closedPaths(world.tenant, world.advisor, 3);
      const waiting = await createCaseloadClients(world.tenant, 4, { namePrefix: "Oczekujący" });
      expect(await loadOf(world.advisor.id)).toBe(LIMIT);

      const advisorCtx = contextFor(world.advisor);
      const managerCtx = contextFor(world.manager);
      // Interleaved so that closes, reopenings and assignments start in a mixed order.
      const operations: Promise<unknown>[] = [];
      for (let i = 0; i < 4; i++) {
        const close = closing[i];
        const reopen = reopening[i];
        const client = waiting[i];
        if (client) operations.push(assignClient(managerCtx, { clientId: client.id, advisorId: world.advisor.id }));
        if (close) operations.push(movePath(advisorCtx, close.id, { to: "CLOSED" }));
        if (reopen) operations.push(movePath(advisorCtx, reopen.id, { to: "IMPLEMENTATION" }));
      }
      const results = await Promise.allSettled(operations);

      expect(unexpectedFailures(results), `round ${round}`).toEqual([]);
      // Every close goes through (closing never needs a place).
      const closes = await ownerQuery<{ n: number }>(
        `SELECT count(*)::int AS n FROM support_path WHERE id = ANY($1::uuid[]) AND step = 'CLOSED'`,
        [closing.map((p) => p.id)],
      );
      expect(closes[0]?.n).toBe(3);
      // Whatever took a place took one that was free: the load is the start, minus the closes, plus the winners.
      const gained = results.filter((r) => r.status === "fulfilled").length - 3;
      const load = await loadOf(world.advisor.id);
      expect(load, `round ${round}`).toBeLessThanOrEqual(LIMIT);
      expect(load, `round ${round}`).toBe(LIMIT - 3 + gained);
      await expectConsistentAssignments(world.tenant.id);
      // Each close is audited on its client, once.
      const closed = (await clientMoves(world.tenant.id)).filter((m) => m.action === "client.close");
      expect(closed.map((m) => m.client_id).sort()).toEqual(closing.map((p) => p.clientId).sort());
    }
  });

  it("closing paths while a manager reassigns their clients: no deadlock, each client moved once per operation, the path keeps who carried it (×4)", async () => {
    for (let round = 1; round <= 4; round++) {
      const world = round === 1 ? { tenant, manager, advisor } : await freshTenant();
      const other = await createUser(world.tenant, { role: "KEY_ADVISOR", partnerId: world.advisor.partnerId, name: "Piotr Zieliński" });
      const closing = await closablePaths(world.tenant, world.advisor, 5);

      // The reassignments change the advisor between the close's unlocked peek and its lock: the
      // close must find the client's real advisor, lock them in order and still never deadlock.
      const operations: Promise<unknown>[] = [];
      for (const path of closing) {
        operations.push(assignClient(contextFor(world.manager), { clientId: path.clientId, advisorId: other.id }));
        operations.push(movePath(contextFor(world.manager), path.id, { to: "CLOSED" }));
      }
      const results = await Promise.allSettled(operations);

      expect(unexpectedFailures(results), `round ${round}`).toEqual([]);
      expect(results.filter((r) => r.status === "rejected"), `round ${round}`).toEqual([]);
      await expectConsistentAssignments(world.tenant.id);
      const moves = await clientMoves(world.tenant.id);
      for (const path of closing) {
        const own = moves.filter((m) => m.client_id === path.clientId).map((m) => m.action);
        // Reassigned then closed, or closed then assigned again (a returning client): either way, two moves.
        expect([["client.reassign", "client.close"], ["client.close", "client.assign"]], `round ${round}`).toContainEqual(own);
        const [row] = await ownerQuery<{ key_advisor_id: string }>(`SELECT key_advisor_id FROM support_path WHERE id = $1`, [path.id]);
        expect(row?.key_advisor_id, `round ${round}`).toBe(own[0] === "client.close" ? world.advisor.id : other.id);
      }
    }
  });
});
