import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import type { TPermission, TRole } from "@/lib/auth/permissions";
import {
  assignClient,
  getCaseloadBoard,
  getOwnCaseload,
  handoverClients,
  listAssignableAdvisors,
  releaseClient,
  setAdvisorLimit,
  takeClientFromQueue,
} from "@/lib/domain/caseload/service";
import { updateTenantPolicy } from "@/lib/domain/tenancy/service";
import { AppError, isAppError } from "@/lib/errors";
import {
  auditRows,
  contextFor,
  countRows,
  createClient,
  createPartner,
  createTenant,
  createUser,
  ownerQuery,
  type TAuditRow,
  type TPartnerRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { caseloadSnapshot, createCaseloadClients, loadsOf, setCaseloadLimit, type TCaseloadClientRow } from "@/tests/factories/caseload";

/**
 * SPEC §3.1 / issue 4: the 15-client cap holds under concurrency, on reassignment and handover;
 * every move keeps its history and audit; who may move whom; other tenants' ids are not found.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let managerCtx: TContext;

beforeEach(async () => {
  ({ tenant, manager, managerCtx } = await freshTenant());
});

async function freshTenant(maxClientsPerAdvisor = 15) {
  const t = await createTenant({ maxClientsPerAdvisor });
  const m = await createUser(t, { role: "MANAGER", name: "Maria Kierownik" });
  return { tenant: t, manager: m, managerCtx: contextFor(m) };
}

async function clientRow(id: string) {
  const [row] = await ownerQuery<{ status: string; key_advisor_id: string | null; waiting_since: Date | null }>(
    `SELECT status::text, key_advisor_id, waiting_since FROM client WHERE id = $1`,
    [id],
  );
  return row;
}

async function boardRow(ctx: TContext, advisorId: string) {
  const board = await getCaseloadBoard(ctx, { pageSize: 100 });
  return board.items.find((a) => a.id === advisorId);
}

/** A failure that is not an AppError (a deadlock, a timeout, a constraint violation) is a bug: show it whole. */
function describeFailure(reason: unknown): string {
  if (isAppError(reason)) return `AppError ${reason.code}: ${reason.message}`;
  if (reason instanceof Error) return `${reason.name}: ${reason.message}\n${reason.stack ?? ""}`;
  return String(reason);
}

// ── the cap under concurrency ─────────────────────────────────────────────────────────────────

/**
 * After 50 parallel attempts to give `advisor` (14 of 15) one more client: exactly one landed, the
 * 49 others were refused with who/load/limit, and left no trace — still waiting, no assignment
 * row, no audit row.
 */
async function expectExactlyOneLanded(
  t: TTenantRow,
  results: PromiseSettledResult<unknown>[],
  contenders: TCaseloadClientRow[],
  advisor: TUserRow,
  auditBefore: number,
  action: "client.assign" | "client.take",
) {
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  const unexpected = refused.filter((r) => !(isAppError(r.reason) && r.reason.code === "CASELOAD_LIMIT_REACHED"));
  expect(unexpected.map((r) => describeFailure(r.reason))).toEqual([]);
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  expect(refused).toHaveLength(49);
  for (const { reason } of refused) {
    expect((reason as AppError).params).toEqual({ advisor: advisor.name, load: 15, limit: 15 });
  }

  expect((await loadsOf(t.id)).get(advisor.id)).toBe(15);
  const winner = contenders[results.findIndex((r) => r.status === "fulfilled")];
  const losers = contenders.filter((c) => c !== winner).map((c) => c.id);
  const [state] = await ownerQuery<{ waiting: number; assignments: number; audits: number }>(
    `SELECT (SELECT count(*)::int FROM client WHERE id = ANY($1::uuid[]) AND status = 'WAITING' AND key_advisor_id IS NULL) AS waiting,
            (SELECT count(*)::int FROM client_assignment WHERE client_id = ANY($1::uuid[])) AS assignments,
            (SELECT count(*)::int FROM audit_log WHERE entity_id = ANY($1::text[])) AS audits`,
    [losers],
  );
  expect(state).toEqual({ waiting: 49, assignments: 0, audits: 0 });

  const audit = (await auditRows(t.id)).slice(auditBefore);
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ action, entity_id: winner?.id, after: { keyAdvisorId: advisor.id, status: "ACTIVE" } });
}

describe("the cap under concurrency", () => {
  it("50 parallel assignments to an advisor holding 14 → exactly 1 lands, 49 get CASELOAD_LIMIT_REACHED, the load is 15 (×20)", async () => {
    for (let round = 1; round <= 20; round++) {
      // A fresh tenant each round: nothing from the round before can help or hide a race.
      const { tenant: t, managerCtx: ctx } = await freshTenant();
      const advisor = await createUser(t, { name: `Anna Nowak-${round}` });
      await createCaseloadClients(t, 14, { status: "ACTIVE", keyAdvisorId: advisor.id });
      const waiting = await createCaseloadClients(t, 50);
      const auditBefore = await countRows("audit_log", t.id);

      const results = await Promise.allSettled(waiting.map((c) => assignClient(ctx, { clientId: c.id, advisorId: advisor.id })));

      await expectExactlyOneLanded(t, results, waiting, advisor, auditBefore, "client.assign");
    }
  });

  it("50 parallel takes from the queue by an advisor holding 14 → exactly 1 lands, 49 refused (×20)", async () => {
    for (let round = 1; round <= 20; round++) {
      const { tenant: t } = await freshTenant();
      const advisor = await createUser(t, { name: `Piotr Zieliński-${round}` });
      await createCaseloadClients(t, 14, { status: "ACTIVE", keyAdvisorId: advisor.id });
      const waiting = await createCaseloadClients(t, 50);
      const auditBefore = await countRows("audit_log", t.id);

      const results = await Promise.allSettled(waiting.map((c) => takeClientFromQueue(contextFor(advisor), c.id)));

      await expectExactlyOneLanded(t, results, waiting, advisor, auditBefore, "client.take");
    }
  });

  it("a parallel mix of assign, reassign, release, take and handover across 3 advisors never exceeds a limit, keeps the history whole and never deadlocks", async () => {
    const random = mulberry32(20_261_123);
    const seen = { succeeded: new Map<string, number>(), refused: new Map<string, number>() };
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

    for (let round = 1; round <= 4; round++) {
      const { tenant: t, managerCtx: ctx } = await freshTenant();
      const limits = [5, 4, 3];
      const advisors = await Promise.all(limits.map((_, i) => createUser(t, { name: `Doradca ${"ABC"[i]}` })));
      for (const [i, advisor] of advisors.entries()) await setCaseloadLimit(advisor, limits[i] ?? null);
      const limitOf = new Map(advisors.map((a, i) => [a.id, limits[i] ?? 0]));
      const initial = [3, 2, 1];
      for (const [i, advisor] of advisors.entries()) await createCaseloadClients(t, initial[i] ?? 0, { status: "ACTIVE", keyAdvisorId: advisor.id });
      await createCaseloadClients(t, 14);
      // Closed clients too: assigning one must be refused (INVALID_STATE), never counted.
      await createClient(t, { status: "CLOSED", kind: "NGO", name: "Stowarzyszenie Zamknięte" });
      await createClient(t, { status: "CLOSED", kind: "BUSINESS", name: "Zakład Zamknięty" });

      let moves = 0; // audit rows the successful operations must have left
      let openings = initial.reduce((a, b) => a + b, 0); // assignment rows
      for (let batch = 1; batch <= 3; batch++) {
        const clients = await ownerQuery<{ id: string; status: string; key_advisor_id: string | null }>(
          `SELECT id, status::text, key_advisor_id FROM client WHERE tenant_id = $1`,
          [t.id],
        );
        const operations = Array.from({ length: 20 }, () => pickOperation(random, ctx, clients, advisors));
        const results = await Promise.allSettled(operations.map((op) => op.run()));

        const unexpected: string[] = [];
        results.forEach((result, i) => {
          const op = operations[i];
          if (!op) return;
          if (result.status === "fulfilled") {
            const { audits, opened, label } = op.effect(result.value);
            moves += audits;
            openings += opened;
            bump(seen.succeeded, label);
          } else if (isAppError(result.reason) && ["CASELOAD_LIMIT_REACHED", "INVALID_STATE", "CONFLICT"].includes(result.reason.code)) {
            bump(seen.refused, result.reason.code);
          } else {
            unexpected.push(`${op.kind}: ${describeFailure(result.reason)}`);
          }
        });
        expect(unexpected, `round ${round}, batch ${batch}`).toEqual([]);

        await expectCaseloadInvariants(t.id, limitOf);
        expect(await ownerQuery(`SELECT 1 FROM audit_log WHERE tenant_id = $1 AND action LIKE 'client.%'`, [t.id])).toHaveLength(moves);
        expect(await countRows("client_assignment", t.id)).toBe(openings);
      }
    }

    // The mix really exercised the rules: moves of every kind landed and the cap refused some.
    for (const label of ["assign", "reassign", "release", "take", "handover"]) expect(seen.succeeded.get(label) ?? 0, label).toBeGreaterThan(0);
    expect(seen.refused.get("CASELOAD_LIMIT_REACHED") ?? 0).toBeGreaterThan(0);
  });
});

type TOperation = {
  kind: string;
  run: () => Promise<unknown>;
  /** What a success must have written: audit rows, new assignment rows, and what kind of move it was. */
  effect: (value: unknown) => { audits: number; opened: number; label: string };
};

function pickOperation(
  random: () => number,
  managerContext: TContext,
  clients: { id: string; status: string; key_advisor_id: string | null }[],
  advisors: TUserRow[],
): TOperation {
  const pick = <T>(items: T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error("nothing to pick from");
    return item;
  };
  const active = clients.filter((c) => c.status === "ACTIVE");
  const waiting = clients.filter((c) => c.status === "WAITING");
  const roll = random();
  const move = (value: unknown) => {
    const kind = (value as { kind: string }).kind;
    return { audits: kind === "unchanged" ? 0 : 1, opened: kind === "unchanged" ? 0 : 1, label: kind };
  };

  if (roll < 0.3 || (active.length === 0 && roll < 0.6)) {
    // Any client (closed ones included) to any advisor: an assign, a reassign, or a no-op.
    const client = pick(clients);
    const advisor = pick(advisors);
    return { kind: "assign", run: () => assignClient(managerContext, { clientId: client.id, advisorId: advisor.id }), effect: move };
  }
  if (roll < 0.5 && active.length > 0) {
    const client = pick(active);
    const advisor = pick(advisors.filter((a) => a.id !== client.key_advisor_id));
    return {
      kind: "reassign",
      run: () => assignClient(managerContext, { clientId: client.id, advisorId: advisor.id, reason: "Zmiana doradcy" }),
      effect: move,
    };
  }
  if (roll < 0.7 && active.length > 0) {
    const client = pick(active);
    return {
      kind: "release",
      run: () => releaseClient(managerContext, { clientId: client.id, reason: "Powrót do kolejki" }),
      effect: () => ({ audits: 1, opened: 0, label: "release" }),
    };
  }
  if (roll < 0.9 && waiting.length > 0) {
    const client = pick(waiting);
    const advisor = pick(advisors);
    return {
      kind: "take",
      run: () => takeClientFromQueue(contextFor(advisor), client.id),
      effect: () => ({ audits: 1, opened: 1, label: "take" }),
    };
  }
  const from = pick(advisors);
  const others = advisors.filter((a) => a.id !== from.id);
  const to = random() < 0.5 ? others : [...others].reverse();
  return {
    kind: "handover",
    run: () => handoverClients(managerContext, { fromAdvisorId: from.id, toAdvisorIds: to.map((a) => a.id), reason: "Zastępstwo" }),
    effect: (value) => {
      const moved = (value as { moved: unknown[] }).moved.length;
      return { audits: moved, opened: moved, label: moved > 0 ? "handover" : "handover-empty" };
    },
  };
}

/** Nobody over their limit; an ACTIVE client has exactly one open assignment naming its key advisor, others none. */
async function expectCaseloadInvariants(tenantId: string, limitOf: Map<string, number>) {
  const loads = await loadsOf(tenantId);
  for (const [advisorId, limit] of limitOf) expect(loads.get(advisorId) ?? 0, advisorId).toBeLessThanOrEqual(limit);
  const broken = await ownerQuery(
    `SELECT c.id, c.status, c.key_advisor_id, array_remove(array_agg(a.advisor_id) FILTER (WHERE a.released_at IS NULL), NULL) AS open
     FROM client c LEFT JOIN client_assignment a ON a.client_id = c.id
     WHERE c.tenant_id = $1
     GROUP BY c.tenant_id, c.id
     HAVING (c.status = 'ACTIVE' AND (count(a.id) FILTER (WHERE a.released_at IS NULL) <> 1
                                     OR bool_or(a.released_at IS NULL AND a.advisor_id <> c.key_advisor_id)))
         OR (c.status <> 'ACTIVE' AND count(a.id) FILTER (WHERE a.released_at IS NULL) <> 0)
         OR (c.status = 'WAITING' AND c.waiting_since IS NULL)`,
    [tenantId],
  );
  expect(broken).toEqual([]);
}

/** A small seeded generator: the same sequence of operations on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// ── limits ────────────────────────────────────────────────────────────────────────────────────

describe("limits", () => {
  it("a limit below the load is allowed: the advisor shows over it and receives nothing until under it", async () => {
    const advisor = await createUser(tenant, { name: "Ewa Kowalczyk" });
    const held = await createCaseloadClients(tenant, 5, { status: "ACTIVE", keyAdvisorId: advisor.id });
    const [first, second] = await createCaseloadClients(tenant, 2);
    if (!first || !second) throw new Error("setup");

    expect(await setAdvisorLimit(managerCtx, advisor.id, { limit: 3 })).toEqual({ load: 5, limit: 3, overLimit: true });
    expect(await boardRow(managerCtx, advisor.id)).toMatchObject({ load: 5, limit: 3, overLimit: true, full: true });
    expect((await getCaseloadBoard(managerCtx, { overLimitOnly: true })).items.map((a) => a.id)).toEqual([advisor.id]);

    const refused = await appErrorOf(assignClient(managerCtx, { clientId: first.id, advisorId: advisor.id }));
    expect(refused).toMatchObject({ code: "CASELOAD_LIMIT_REACHED", params: { advisor: "Ewa Kowalczyk", load: 5, limit: 3 } });
    expect(await clientRow(first.id)).toMatchObject({ status: "WAITING", key_advisor_id: null });

    for (const client of held.slice(0, 3)) await releaseClient(managerCtx, { clientId: client.id });
    expect(await boardRow(managerCtx, advisor.id)).toMatchObject({ load: 2, limit: 3, overLimit: false, full: false });

    expect(await assignClient(managerCtx, { clientId: first.id, advisorId: advisor.id })).toEqual({ kind: "assign" });
    const again = await appErrorOf(assignClient(managerCtx, { clientId: second.id, advisorId: advisor.id }));
    expect(again).toMatchObject({ code: "CASELOAD_LIMIT_REACHED", params: { load: 3, limit: 3 } });
    expect(await boardRow(managerCtx, advisor.id)).toMatchObject({ load: 3, limit: 3, overLimit: false, full: true });
  });

  it("one load: the board, the assignable list, the advisor's own page and the cap count the same clients (active ones only)", async () => {
    const advisor = await createUser(tenant, { name: "Ewa Kowalczyk" });
    const neighbour = await createUser(tenant, { name: "Jan Nowicki" });
    await createCaseloadClients(tenant, 4, { status: "ACTIVE", keyAdvisorId: advisor.id });
    await createCaseloadClients(tenant, 2, { status: "ACTIVE", keyAdvisorId: neighbour.id });
    const [waiting] = await createCaseloadClients(tenant, 3);
    await createCaseloadClients(tenant, 2, { status: "CLOSED" });
    if (!waiting) throw new Error("setup");

    expect(await boardRow(managerCtx, advisor.id)).toMatchObject({ load: 4 });
    expect((await listAssignableAdvisors(managerCtx)).find((a) => a.id === advisor.id)).toMatchObject({ load: 4 });
    expect(await getOwnCaseload(contextFor(advisor))).toEqual({ load: 4, limit: 15, overLimit: false, full: false });
    expect(await setAdvisorLimit(managerCtx, advisor.id, { limit: 4 })).toEqual({ load: 4, limit: 4, overLimit: false });
    const refused = await appErrorOf(assignClient(managerCtx, { clientId: waiting.id, advisorId: advisor.id }));
    expect(refused).toMatchObject({ code: "CASELOAD_LIMIT_REACHED", params: { advisor: "Ewa Kowalczyk", load: 4, limit: 4 } });
    expect(await getOwnCaseload(contextFor(neighbour))).toMatchObject({ load: 2 });
  });

  it("a limit above the tenant's maximum is refused and changes nothing; an empty limit means the maximum", async () => {
    const advisor = await createUser(tenant);
    await setAdvisorLimit(managerCtx, advisor.id, { limit: 8 });
    const before = await caseloadSnapshot(tenant.id);

    const error = await appErrorOf(setAdvisorLimit(managerCtx, advisor.id, { limit: 16 }));
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { limit: "limitAboveTenantMax" }, params: { max: 15 } });
    expect(await appErrorOf(setAdvisorLimit(managerCtx, advisor.id, { limit: -1 }))).toMatchObject({ fieldErrors: { limit: "limitNegative" } });
    expect(await caseloadSnapshot(tenant.id)).toEqual(before);

    expect(await setAdvisorLimit(managerCtx, advisor.id, { limit: 15 })).toEqual({ load: 0, limit: 15, overLimit: false });
    expect(await setAdvisorLimit(managerCtx, advisor.id, { limit: "" })).toEqual({ load: 0, limit: 15, overLimit: false });
    expect((await ownerQuery(`SELECT caseload_limit FROM "user" WHERE id = $1`, [advisor.id]))[0]).toEqual({ caseload_limit: null });
  });

  it("lowering the tenant's maximum caps advisors whose own limit is higher", async () => {
    const withOwn = await createUser(tenant, { name: "Jan Wójcik" });
    await setCaseloadLimit(withOwn, 12);
    await createCaseloadClients(tenant, 10, { status: "ACTIVE", keyAdvisorId: withOwn.id });
    const withDefault = await createUser(tenant, { name: "Joanna Lis" });
    await createCaseloadClients(tenant, 11, { status: "ACTIVE", keyAdvisorId: withDefault.id });
    const client = await createClient(tenant);
    expect(await boardRow(managerCtx, withOwn.id)).toMatchObject({ load: 10, limit: 12, full: false });

    await updateTenantPolicy(managerCtx, { maxClientsPerAdvisor: 10 });

    expect(await boardRow(managerCtx, withOwn.id)).toMatchObject({ load: 10, limit: 10, overLimit: false, full: true });
    expect(await boardRow(managerCtx, withDefault.id)).toMatchObject({ load: 11, limit: 10, overLimit: true, full: true });
    for (const advisor of [withOwn, withDefault]) {
      const error = await appErrorOf(assignClient(managerCtx, { clientId: client.id, advisorId: advisor.id }));
      expect(error).toMatchObject({ code: "CASELOAD_LIMIT_REACHED", params: { advisor: advisor.name, limit: 10 } });
    }
    expect(await appErrorOf(setAdvisorLimit(managerCtx, withOwn.id, { limit: 12 }))).toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { limit: "limitAboveTenantMax" },
      params: { max: 10 },
    });
    expect(await clientRow(client.id)).toMatchObject({ status: "WAITING" });
  });

  it("every limit change is audited with before and after", async () => {
    const advisor = await createUser(tenant);
    await setAdvisorLimit(managerCtx, advisor.id, { limit: 10 });
    await setAdvisorLimit(managerCtx, advisor.id, { limit: 4 });
    await setAdvisorLimit(managerCtx, advisor.id, { limit: null });

    const rows = (await auditRows(tenant.id)).filter((r) => r.action === "caseload.limit_set");
    expect(rows.map((r) => ({ actor: r.actor_id, entity: r.entity_id, before: r.before, after: r.after }))).toEqual([
      { actor: manager.id, entity: advisor.id, before: { caseloadLimit: null }, after: { caseloadLimit: 10 } },
      { actor: manager.id, entity: advisor.id, before: { caseloadLimit: 10 }, after: { caseloadLimit: 4 } },
      { actor: manager.id, entity: advisor.id, before: { caseloadLimit: 4 }, after: { caseloadLimit: null } },
    ]);
  });
});

// ── history ───────────────────────────────────────────────────────────────────────────────────

describe("history", () => {
  it("assign → reassign → release → take → handover keeps every assignment row and audits each move with before/after", async () => {
    const anna = await createUser(tenant, { name: "Anna" });
    const bartek = await createUser(tenant, { name: "Bartek" });
    const client = await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Spółdzielnia Socjalna „Razem”" });

    expect(await assignClient(managerCtx, { clientId: client.id, advisorId: anna.id, reason: "Pierwszy przydział" })).toEqual({ kind: "assign" });
    expect(await assignClient(managerCtx, { clientId: client.id, advisorId: anna.id })).toEqual({ kind: "unchanged" });
    expect(await assignClient(managerCtx, { clientId: client.id, advisorId: bartek.id, reason: "Zmiana doradcy" })).toEqual({ kind: "reassign" });
    await releaseClient(managerCtx, { clientId: client.id, reason: "Urlop doradcy" });
    expect(await clientRow(client.id)).toMatchObject({ status: "WAITING", key_advisor_id: null, waiting_since: expect.any(Date) });
    await takeClientFromQueue(contextFor(bartek), client.id);
    const summary = await handoverClients(managerCtx, { fromAdvisorId: bartek.id, toAdvisorIds: [anna.id], reason: "Odejście z pracy" });
    expect(summary).toEqual({ moved: [{ clientId: client.id, clientName: client.name, toAdvisorId: anna.id, toAdvisorName: "Anna" }], notMoved: [] });
    expect(await clientRow(client.id)).toEqual({ status: "ACTIVE", key_advisor_id: anna.id, waiting_since: null });

    const history = await ownerQuery(
      `SELECT advisor_id, from_advisor_id, assigned_by_id, reason, released_at IS NOT NULL AS released, released_by_id, release_reason
       FROM client_assignment WHERE client_id = $1 ORDER BY assigned_at, released_at NULLS LAST`,
      [client.id],
    );
    expect(history).toEqual([
      { advisor_id: anna.id, from_advisor_id: null, assigned_by_id: manager.id, reason: "Pierwszy przydział", released: true, released_by_id: manager.id, release_reason: "Zmiana doradcy" },
      { advisor_id: bartek.id, from_advisor_id: anna.id, assigned_by_id: manager.id, reason: "Zmiana doradcy", released: true, released_by_id: manager.id, release_reason: "Urlop doradcy" },
      { advisor_id: bartek.id, from_advisor_id: null, assigned_by_id: bartek.id, reason: null, released: true, released_by_id: manager.id, release_reason: "Odejście z pracy" },
      { advisor_id: anna.id, from_advisor_id: bartek.id, assigned_by_id: manager.id, reason: "Odejście z pracy", released: false, released_by_id: null, release_reason: null },
    ]);

    const audit = (await auditRows(tenant.id)).map((r) => ({ action: r.action, actor: r.actor_id, entity: r.entity_id, before: r.before, after: r.after }));
    expect(audit).toHaveLength(5);
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "client.assign", actor: manager.id, entity: client.id, before: { keyAdvisorId: null, status: "WAITING" }, after: { keyAdvisorId: anna.id, status: "ACTIVE", reason: "Pierwszy przydział" } },
        { action: "client.reassign", actor: manager.id, entity: client.id, before: { keyAdvisorId: anna.id, status: "ACTIVE" }, after: { keyAdvisorId: bartek.id, status: "ACTIVE", reason: "Zmiana doradcy" } },
        { action: "client.release", actor: manager.id, entity: client.id, before: { keyAdvisorId: bartek.id, status: "ACTIVE" }, after: { keyAdvisorId: null, status: "WAITING", reason: "Urlop doradcy" } },
        { action: "client.take", actor: bartek.id, entity: client.id, before: { keyAdvisorId: null, status: "WAITING" }, after: { keyAdvisorId: bartek.id, status: "ACTIVE" } },
        { action: "client.handover", actor: manager.id, entity: client.id, before: { keyAdvisorId: bartek.id, status: "ACTIVE" }, after: { keyAdvisorId: anna.id, status: "ACTIVE", reason: "Odejście z pracy" } },
      ]),
    );
  });
});

// ── handover ──────────────────────────────────────────────────────────────────────────────────

describe("handover", () => {
  it("moves what fits (A has room for 2, B for 3), leaves the sixth with the leaving advisor and reports it", async () => {
    const leaving = await createUser(tenant, { name: "Odchodzący" });
    const a = await createUser(tenant, { name: "Alicja" });
    const b = await createUser(tenant, { name: "Borys" });
    await setCaseloadLimit(a, 3);
    await setCaseloadLimit(b, 4);
    await createCaseloadClients(tenant, 1, { status: "ACTIVE", keyAdvisorId: a.id, namePrefix: "Stały A" });
    await createCaseloadClients(tenant, 1, { status: "ACTIVE", keyAdvisorId: b.id, namePrefix: "Stały B" });
    const six = await createCaseloadClients(tenant, 6, { status: "ACTIVE", keyAdvisorId: leaving.id, namePrefix: "Klient" });

    const summary = await handoverClients(managerCtx, { fromAdvisorId: leaving.id, toAdvisorIds: [a.id, b.id], reason: "Odejście" });

    // Clients go in name order to the first chosen advisor with room.
    expect(summary.moved).toEqual([
      ...six.slice(0, 2).map((c) => ({ clientId: c.id, clientName: c.name, toAdvisorId: a.id, toAdvisorName: "Alicja" })),
      ...six.slice(2, 5).map((c) => ({ clientId: c.id, clientName: c.name, toAdvisorId: b.id, toAdvisorName: "Borys" })),
    ]);
    const last = six[5];
    expect(summary.notMoved).toEqual([{ clientId: last?.id, clientName: last?.name, reason: "ALL_FULL" }]);

    const loads = await loadsOf(tenant.id);
    expect(Object.fromEntries([a, b, leaving].map((u) => [u.name, loads.get(u.id)]))).toEqual({ Alicja: 3, Borys: 4, Odchodzący: 1 });
    expect(await clientRow(last?.id ?? "")).toMatchObject({ status: "ACTIVE", key_advisor_id: leaving.id });
    await expectCaseloadInvariants(tenant.id, new Map([[a.id, 3], [b.id, 4]]));
    const audit = await auditRows(tenant.id);
    expect(audit.map((r) => r.action)).toEqual(Array(5).fill("client.handover"));
  });

  it("refuses a target who is not an active key advisor before moving anything", async () => {
    const leaving = await createUser(tenant);
    const animator = await createUser(tenant, { role: "ANIMATOR" });
    const advisor = await createUser(tenant);
    await createCaseloadClients(tenant, 2, { status: "ACTIVE", keyAdvisorId: leaving.id });
    const before = await caseloadSnapshot(tenant.id);

    const error = await appErrorOf(handoverClients(managerCtx, { fromAdvisorId: leaving.id, toAdvisorIds: [advisor.id, animator.id] }));

    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { toAdvisorIds: "notAKeyAdvisor" } });
    expect(await caseloadSnapshot(tenant.id)).toEqual(before);
  });
});

// ── who may do what ───────────────────────────────────────────────────────────────────────────

describe("permissions", () => {
  let partnerA: TPartnerRow;
  let partnerB: TPartnerRow;
  let coordinatorA: TUserRow;
  let advisorA1: TUserRow;
  let advisorA2: TUserRow;
  let advisorB: TUserRow;
  let animatorA: TUserRow;
  let waiting: TCaseloadClientRow[];
  let ofA1: TCaseloadClientRow[];
  let ofB: TCaseloadClientRow[];

  beforeEach(async () => {
    partnerA = await createPartner(tenant, { name: "Fundacja Alfa" });
    partnerB = await createPartner(tenant, { name: "Stowarzyszenie Beta" });
    coordinatorA = await createUser(tenant, { role: "COORDINATOR", partnerId: partnerA.id, name: "Koordynator Alfa" });
    advisorA1 = await createUser(tenant, { partnerId: partnerA.id, name: "Doradca A1" });
    advisorA2 = await createUser(tenant, { partnerId: partnerA.id, name: "Doradca A2" });
    advisorB = await createUser(tenant, { partnerId: partnerB.id, name: "Doradca B" });
    animatorA = await createUser(tenant, { role: "ANIMATOR", partnerId: partnerA.id });
    waiting = await createCaseloadClients(tenant, 4);
    ofA1 = await createCaseloadClients(tenant, 2, { status: "ACTIVE", keyAdvisorId: advisorA1.id });
    ofB = await createCaseloadClients(tenant, 2, { status: "ACTIVE", keyAdvisorId: advisorB.id });
  });

  const first = <T>(items: T[]): T => {
    const item = items[0];
    if (item === undefined) throw new Error("setup");
    return item;
  };

  /** Refused with FORBIDDEN, one auth.forbidden row naming the actor and permission, and nothing else changed. */
  async function expectForbidden(actor: TUserRow, permission: TPermission, call: () => Promise<unknown>) {
    const before = await caseloadSnapshot(tenant.id);
    const error = await appErrorOf(call());
    expect(error.code, permission).toBe("FORBIDDEN");
    const after = await caseloadSnapshot(tenant.id);
    expect({ ...after, audit_log: [] }).toEqual({ ...before, audit_log: [] });
    const added = (after.audit_log as TAuditRow[]).filter((row) => !(before.audit_log as TAuditRow[]).some((b) => b.id === row.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: "auth.forbidden", actor_id: actor.id, entity_id: permission, after: { role: actor.role, permission } });
    return added[0];
  }

  it("a manager may assign, reassign and release across partners and set anyone's limit", async () => {
    const ctx = managerCtx;
    expect(await assignClient(ctx, { clientId: first(waiting).id, advisorId: advisorB.id })).toEqual({ kind: "assign" });
    expect(await assignClient(ctx, { clientId: first(ofB).id, advisorId: advisorA2.id })).toEqual({ kind: "reassign" });
    await releaseClient(ctx, { clientId: first(ofA1).id });
    await setAdvisorLimit(ctx, advisorB.id, { limit: 7 });
    expect((await listAssignableAdvisors(ctx)).map((a) => a.name)).toEqual(["Doradca A1", "Doradca A2", "Doradca B"]);
    expect(await loadsOf(tenant.id)).toEqual(new Map([[advisorA1.id, 1], [advisorA2.id, 1], [advisorB.id, 2]]));
  });

  it("a coordinator may assign, reassign, release and set limits among their own partner's advisors", async () => {
    const ctx = contextFor(coordinatorA);
    expect(await assignClient(ctx, { clientId: first(waiting).id, advisorId: advisorA1.id })).toEqual({ kind: "assign" });
    expect(await assignClient(ctx, { clientId: first(ofA1).id, advisorId: advisorA2.id })).toEqual({ kind: "reassign" });
    await releaseClient(ctx, { clientId: first(ofA1).id });
    expect(await setAdvisorLimit(ctx, advisorA1.id, { limit: 6 })).toEqual({ load: 2, limit: 6, overLimit: false });
    expect(await loadsOf(tenant.id)).toEqual(new Map([[advisorA1.id, 2], [advisorB.id, 2]]));
  });

  it("a coordinator is refused for another partner's advisor — as target or as current advisor — audited, nothing changed", async () => {
    const ctx = contextFor(coordinatorA);
    const refusal = await expectForbidden(coordinatorA, "clients.assign", () => assignClient(ctx, { clientId: first(waiting).id, advisorId: advisorB.id }));
    expect(refusal?.after).toMatchObject({ clientId: first(waiting).id, advisorId: advisorB.id });
    await expectForbidden(coordinatorA, "clients.assign", () => assignClient(ctx, { clientId: first(ofA1).id, advisorId: advisorB.id }));
    await expectForbidden(coordinatorA, "clients.assign", () => assignClient(ctx, { clientId: first(ofB).id, advisorId: advisorA1.id }));
    await expectForbidden(coordinatorA, "clients.assign", () => releaseClient(ctx, { clientId: first(ofB).id }));
    const limitRefusal = await expectForbidden(coordinatorA, "caseload.limits.set", () => setAdvisorLimit(ctx, advisorB.id, { limit: 3 }));
    expect(limitRefusal?.after).toMatchObject({ advisorId: advisorB.id });
    await expectForbidden(coordinatorA, "caseload.handover", () => handoverClients(ctx, { fromAdvisorId: advisorA1.id, toAdvisorIds: [advisorA2.id] }));
  });

  it("a coordinator sees and may assign to only their own partner's advisors", async () => {
    const ctx = contextFor(coordinatorA);
    const ownNames = ["Doradca A1", "Doradca A2"];
    expect((await getCaseloadBoard(ctx, {})).items.map((a) => a.name)).toEqual(ownNames);
    // A filter naming another partner narrows the coordinator's scope; it never widens it.
    expect((await getCaseloadBoard(ctx, { partnerId: partnerB.id })).items).toEqual([]);
    expect((await listAssignableAdvisors(ctx)).map((a) => a.name)).toEqual(ownNames);
    expect((await getCaseloadBoard(managerCtx, { partnerId: partnerB.id })).items.map((a) => a.name)).toEqual(["Doradca B"]);
  });

  it("a coordinator without a partner is refused for every advisor", async () => {
    const loose = await createUser(tenant, { role: "COORDINATOR" });
    await expectForbidden(loose, "clients.assign", () => assignClient(contextFor(loose), { clientId: first(waiting).id, advisorId: advisorA1.id }));
    await expectForbidden(loose, "caseload.limits.set", () => setAdvisorLimit(contextFor(loose), advisorA1.id, { limit: 3 }));
    expect((await getCaseloadBoard(contextFor(loose), {})).items).toEqual([]);
  });

  it("a key advisor may take a waiting client onto themselves, but not assign, release, set limits or hand over", async () => {
    const ctx = contextFor(advisorA1);
    await takeClientFromQueue(ctx, first(waiting).id);
    expect(await clientRow(first(waiting).id)).toMatchObject({ status: "ACTIVE", key_advisor_id: advisorA1.id });

    const other = waiting[1]?.id ?? "";
    await expectForbidden(advisorA1, "clients.assign", () => assignClient(ctx, { clientId: other, advisorId: advisorA1.id }));
    await expectForbidden(advisorA1, "clients.assign", () => assignClient(ctx, { clientId: other, advisorId: advisorA2.id }));
    await expectForbidden(advisorA1, "clients.assign", () => releaseClient(ctx, { clientId: first(ofA1).id }));
    await expectForbidden(advisorA1, "caseload.limits.set", () => setAdvisorLimit(ctx, advisorA1.id, { limit: 15 }));
    await expectForbidden(advisorA1, "caseload.handover", () => handoverClients(ctx, { fromAdvisorId: advisorA1.id, toAdvisorIds: [advisorA2.id] }));
    await expectForbidden(advisorA1, "caseload.board.view", () => getCaseloadBoard(ctx, {}));
  });

  it.each(["ANIMATOR", "SPECIALIST", "AUDITOR", "ADMIN"] as const)("%s is refused every caseload change, each refusal audited", async (role: TRole) => {
    const actor = await createUser(tenant, { role, partnerId: partnerA.id });
    const ctx = contextFor(actor);
    await expectForbidden(actor, "clients.assign", () => assignClient(ctx, { clientId: first(waiting).id, advisorId: advisorA1.id }));
    await expectForbidden(actor, "clients.assign", () => releaseClient(ctx, { clientId: first(ofA1).id }));
    await expectForbidden(actor, "clients.take_from_queue", () => takeClientFromQueue(ctx, first(waiting).id));
    await expectForbidden(actor, "caseload.limits.set", () => setAdvisorLimit(ctx, advisorA1.id, { limit: 3 }));
    await expectForbidden(actor, "caseload.handover", () => handoverClients(ctx, { fromAdvisorId: advisorA1.id, toAdvisorIds: [advisorA2.id] }));
    await expectForbidden(actor, "caseload.board.view", () => getCaseloadBoard(ctx, {}));
  });

  it("only active key advisors carry clients: an animator or a deactivated advisor → VALIDATION_FAILED notAKeyAdvisor, nothing changed", async () => {
    const inactive = await createUser(tenant, { partnerId: partnerA.id, active: false });
    const before = await caseloadSnapshot(tenant.id);
    for (const target of [animatorA, inactive, manager]) {
      const error = await appErrorOf(assignClient(managerCtx, { clientId: first(waiting).id, advisorId: target.id }));
      expect(error, target.role).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { advisorId: "notAKeyAdvisor" } });
    }
    const viaCoordinator = await appErrorOf(assignClient(contextFor(coordinatorA), { clientId: first(ofA1).id, advisorId: animatorA.id }));
    expect(viaCoordinator).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { advisorId: "notAKeyAdvisor" } });
    expect(await appErrorOf(setAdvisorLimit(managerCtx, animatorA.id, { limit: 3 }))).toMatchObject({ fieldErrors: { advisorId: "notAKeyAdvisor" } });
    expect(await caseloadSnapshot(tenant.id)).toEqual(before);
  });

  it("state rules: taking a client who is not waiting or a closed one, releasing a waiting or closed one → INVALID_STATE", async () => {
    const closedId = (await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Spółdzielnia Socjalna Zamknięta", status: "CLOSED" })).id;
    const before = await caseloadSnapshot(tenant.id);

    const states = [
      await appErrorOf(takeClientFromQueue(contextFor(advisorA2), first(ofA1).id)),
      await appErrorOf(takeClientFromQueue(contextFor(advisorA2), closedId)),
      await appErrorOf(releaseClient(managerCtx, { clientId: first(waiting).id })),
      await appErrorOf(releaseClient(managerCtx, { clientId: closedId })),
    ];
    expect(states.map((e) => e.code)).toEqual(Array(4).fill("INVALID_STATE"));
    expect(await caseloadSnapshot(tenant.id)).toEqual(before);
  });

  it("a returning client whose support had ended (CLOSED) can be assigned again, under the cap", async () => {
    const closedId = (await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Spółdzielnia Socjalna Powracająca", status: "CLOSED" })).id;
    await expect(assignClient(managerCtx, { clientId: closedId, advisorId: advisorA2.id, reason: "powrót klienta" })).resolves.toEqual({ kind: "assign" });
    const [client] = await ownerQuery<{ status: string; key_advisor_id: string | null }>(
      `SELECT status::text AS status, key_advisor_id FROM client WHERE id = $1`,
      [closedId],
    );
    expect(client).toEqual({ status: "ACTIVE", key_advisor_id: advisorA2.id });
  });
});

// ── other tenants' ids ────────────────────────────────────────────────────────────────────────

describe("other tenants' ids", () => {
  it("assignClient, releaseClient and handoverClients answer NOT_FOUND for another tenant's client or advisor, like a missing id, and change nothing", async () => {
    const own = await createUser(tenant, { name: "Własny" });
    const own2 = await createUser(tenant, { name: "Własny 2" });
    const ownWaiting = await createClient(tenant);
    const ownActive = await createClient(tenant, { keyAdvisorId: own.id });
    const other = await freshTenant();
    const foreignAdvisor = await createUser(other.tenant, { name: "Obcy" });
    const foreignWaiting = await createClient(other.tenant);
    const foreignActive = await createClient(other.tenant, { keyAdvisorId: foreignAdvisor.id });
    const beforeOwn = await caseloadSnapshot(tenant.id);
    const beforeOther = await caseloadSnapshot(other.tenant.id);

    /** [call with the foreign id, the same call with an id that exists nowhere] */
    const pairs: [string, (id: string) => Promise<unknown>, string][] = [
      ["assign foreign client", (id) => assignClient(managerCtx, { clientId: id, advisorId: own.id }), foreignWaiting.id],
      ["assign active foreign client", (id) => assignClient(managerCtx, { clientId: id, advisorId: own.id }), foreignActive.id],
      ["assign to foreign advisor", (id) => assignClient(managerCtx, { clientId: ownWaiting.id, advisorId: id }), foreignAdvisor.id],
      ["reassign to foreign advisor", (id) => assignClient(managerCtx, { clientId: ownActive.id, advisorId: id }), foreignAdvisor.id],
      ["release foreign client", (id) => releaseClient(managerCtx, { clientId: id }), foreignActive.id],
      ["handover from foreign advisor", (id) => handoverClients(managerCtx, { fromAdvisorId: id, toAdvisorIds: [own.id] }), foreignAdvisor.id],
      ["handover to foreign advisor", (id) => handoverClients(managerCtx, { fromAdvisorId: own.id, toAdvisorIds: [own2.id, id] }), foreignAdvisor.id],
    ];
    for (const [label, call, foreignId] of pairs) {
      const foreign = await appErrorOf(call(foreignId));
      const missing = await appErrorOf(call(randomUUID()));
      expect(foreign.code, label).toBe("NOT_FOUND");
      expect({ code: foreign.code, message: foreign.message }, label).toEqual({ code: missing.code, message: missing.message });
    }

    expect(await caseloadSnapshot(tenant.id)).toEqual(beforeOwn);
    expect(await caseloadSnapshot(other.tenant.id)).toEqual(beforeOther);
  });
});
