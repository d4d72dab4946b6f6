import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { addTeamMember } from "@/lib/domain/clients/service";
import { countOverdueMonitoring, getOverdueMonitoringPage, type TOverdueFilters, type TOverdueMonitoringInput } from "@/lib/domain/paths/attention";
import { addMonitoringEntry } from "@/lib/domain/paths/service";
import { todayInPoland } from "@/lib/dates";
import { contextFor, createPartner, createTenant, createUser, ownerQuery, type TPartnerRow, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { insertPathAt } from "./support";

/**
 * Issue 13: the list of paths overdue for monitoring. The tenant's policy is 20 days. Overdue:
 * A1's "never monitored, opened 50 days ago" (30 days overdue) and "monitored 26 days ago" (6),
 * A2's "opened 20.5 days ago" (half a day: shown as 1), B's "monitored 45 days ago" (25). Not
 * overdue: a path monitored 1 minute short of the policy, one at PLAN, a closed one, one just
 * monitored through the service. Advisors A1 and A2 belong to partner A, B to partner B.
 */

const POLICY_DAYS = 20;

let tenant: TTenantRow;
let partnerA: TPartnerRow;
let partnerB: TPartnerRow;
let manager: TUserRow;
let auditor: TUserRow;
let coordinatorA: TUserRow;
let advisorA1: TUserRow;
let advisorA2: TUserRow;
let advisorB: TUserRow;
let animator: TUserRow;
let paths: Record<"neverMonitored" | "monitoredLongAgo" | "halfDay" | "partnerB", string>;

async function client(advisor: TUserRow, name: string) {
  const [row] = await createCaseloadClients(tenant, 1, { status: "ACTIVE", keyAdvisorId: advisor.id, namePrefix: name });
  if (!row) throw new Error("setup");
  return row;
}

beforeEach(async () => {
  tenant = await createTenant();
  await ownerQuery(`UPDATE tenant SET monitoring_overdue_days = $2 WHERE id = $1`, [tenant.id, POLICY_DAYS]);
  [partnerA, partnerB] = [await createPartner(tenant, { name: "Partner A" }), await createPartner(tenant, { name: "Partner B" })];
  manager = await createUser(tenant, { role: "MANAGER" });
  auditor = await createUser(tenant, { role: "AUDITOR" });
  coordinatorA = await createUser(tenant, { role: "COORDINATOR", partnerId: partnerA.id });
  advisorA1 = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerA.id, name: "Anna Pierwsza" });
  advisorA2 = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerA.id, name: "Adam Drugi" });
  advisorB = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerB.id, name: "Beata Trzecia" });
  animator = await createUser(tenant, { role: "ANIMATOR" });

  const monitoredLongAgoClient = await client(advisorA1, "Monitorowana dawno");
  paths = {
    neverMonitored: await insertPathAt(tenant, await client(advisorA1, "Nigdy niemonitorowana"), "IMPLEMENTATION", { openedDaysAgo: 50 }),
    monitoredLongAgo: await insertPathAt(tenant, monitoredLongAgoClient, "MONITORING", { openedDaysAgo: 100, monitoredDaysAgo: 26 }),
    halfDay: await insertPathAt(tenant, await client(advisorA2, "Pół dnia po terminie"), "IMPLEMENTATION", { openedDaysAgo: POLICY_DAYS + 0.5 }),
    partnerB: await insertPathAt(tenant, await client(advisorB, "Partnera B"), "MONITORING", { openedDaysAgo: 90, monitoredDaysAgo: 45 }),
  };
  // Not overdue: a minute short of the policy, before IMPLEMENTATION, closed, just monitored.
  await insertPathAt(tenant, await client(advisorA1, "Tuż przed terminem"), "EVALUATION", { openedDaysAgo: 60, monitoredDaysAgo: POLICY_DAYS - 1 / (24 * 60) });
  await insertPathAt(tenant, await client(advisorA1, "Na etapie planu"), "PLAN", { openedDaysAgo: 90 });
  await insertPathAt(tenant, await client(advisorB, "Zamknięta"), "CLOSED", { openedDaysAgo: 200, monitoredDaysAgo: 100 });
  const justMonitored = await insertPathAt(tenant, await client(advisorA1, "Właśnie monitorowana"), "IMPLEMENTATION", { openedDaysAgo: 60 });
  await addMonitoringEntry(contextFor(advisorA1), justMonitored, { progress: "Szkolenie w toku", risks: null, nextSteps: "Rejestracja w KRS" });

  // The animator is on the team of one of A1's clients.
  await addTeamMember(contextFor(manager), monitoredLongAgoClient.id, { userId: animator.id, role: "ANIMATOR", startsOn: todayInPoland() });

  // Another centre's overdue path, with the same policy.
  const other = await createTenant();
  const otherAdvisor = await createUser(other, { role: "KEY_ADVISOR" });
  const [otherClient] = await createCaseloadClients(other, 1, { status: "ACTIVE", keyAdvisorId: otherAdvisor.id });
  if (!otherClient) throw new Error("setup");
  await insertPathAt(other, otherClient, "IMPLEMENTATION", { openedDaysAgo: 300 });
});

const ids = (page: { result: { items: { pathId: string }[] } }) => page.result.items.map((row) => row.pathId);

async function countFor(ctx: TContext, filters: TOverdueFilters & { now?: Date } = {}) {
  return tenantTransaction(ctx.tenantId, (tx) => countOverdueMonitoring(tx, ctx, filters));
}

/** The page, after checking that the dashboards' count for the same filters is its total. */
async function pageFor(user: TUserRow, input: TOverdueMonitoringInput = {}) {
  const ctx = contextFor(user);
  const page = await getOverdueMonitoringPage(ctx, input);
  expect(await countFor(ctx, page.filters), "count = list total").toBe(page.result.total);
  return page;
}

describe("paths overdue for monitoring", () => {
  it("lists exactly the overdue paths, most overdue first, with what the list shows", async () => {
    const page = await pageFor(manager);
    expect(page.overdueDays).toBe(POLICY_DAYS);
    expect(page.result.total).toBe(4);
    expect(page.result.items).toEqual([
      expect.objectContaining({ pathId: paths.neverMonitored, step: "IMPLEMENTATION", clientName: "Nigdy niemonitorowana 1", advisorName: "Anna Pierwsza", partnerName: "Partner A", lastMonitoringAt: null, daysOverdue: 30 }),
      expect.objectContaining({ pathId: paths.partnerB, step: "MONITORING", advisorName: "Beata Trzecia", partnerName: "Partner B", daysOverdue: 25 }),
      expect.objectContaining({ pathId: paths.monitoredLongAgo, lastMonitoringAt: expect.any(Date), daysOverdue: 6 }),
      expect.objectContaining({ pathId: paths.halfDay, advisorName: "Adam Drugi", daysOverdue: 1 }),
    ]);
  });

  it("pages through the same order (paths with and without a monitoring entry interleaved)", async () => {
    const first = await pageFor(manager, { page: 1, pageSize: 2 });
    const second = await pageFor(manager, { page: 2, pageSize: 2 });
    expect(ids(first)).toEqual([paths.neverMonitored, paths.partnerB]);
    expect(ids(second)).toEqual([paths.monitoredLongAgo, paths.halfDay]);
    expect(second.result).toMatchObject({ total: 4, pageCount: 2 });
    expect((await pageFor(manager, { page: 9, pageSize: 2 })).result).toMatchObject({ items: [], total: 4 });
    expect(ids(await pageFor(manager, { page: "-1", pageSize: 2 }))).toEqual(ids(first));
  });

  it("is not overdue at exactly the policy's days, and is one moment later", async () => {
    const at = new Date();
    const advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerA.id });
    await insertPathAt(tenant, await client(advisor, "Na granicy"), "IMPLEMENTATION", { openedDaysAgo: 90, monitoredAt: new Date(at.getTime() - POLICY_DAYS * 24 * 60 * 60 * 1000) });
    const ctx = contextFor(manager);
    expect(await countFor(ctx, { advisorId: advisor.id, now: at })).toBe(0);
    expect(await countFor(ctx, { advisorId: advisor.id, now: new Date(at.getTime() + 1) })).toBe(1);
  });

  it("filters by days overdue: at least N days, a path less than a day overdue counting as 1", async () => {
    expect(ids(await pageFor(manager, { minDays: "10" }))).toEqual([paths.neverMonitored, paths.partnerB]);
    expect(ids(await pageFor(manager, { minDays: "2" }))).toEqual([paths.neverMonitored, paths.partnerB, paths.monitoredLongAgo]);
    expect(ids(await pageFor(manager, { minDays: "1" }))).toHaveLength(4);
    expect(ids(await pageFor(manager, { minDays: "31" }))).toEqual([]);
    const ignored = await pageFor(manager, { minDays: "dużo" });
    expect(ignored.filters).toEqual({});
    expect(ignored.result.total).toBe(4);
  });

  it("filters by partner and advisor among the offered choices, and ignores any other id", async () => {
    const page = await pageFor(manager, { partnerId: partnerB.id });
    expect(page.partners?.map((p) => p.name)).toEqual(["Partner A", "Partner B"]);
    expect(page.advisors.map((a) => a.name)).toEqual(["Adam Drugi", "Anna Pierwsza", "Beata Trzecia"]);
    expect(ids(page)).toEqual([paths.partnerB]);
    expect(ids(await pageFor(manager, { advisorId: advisorA2.id }))).toEqual([paths.halfDay]);
    expect(ids(await pageFor(manager, { partnerId: partnerA.id, advisorId: advisorA1.id, minDays: "10" }))).toEqual([paths.neverMonitored]);

    const foreignPartner = await createPartner(await createTenant());
    const foreign = await pageFor(manager, { partnerId: foreignPartner.id, advisorId: animator.id });
    expect(foreign.filters).toEqual({});
    expect(foreign.result.total).toBe(4);
  });

  it("shows each role the paths of the clients it already sees, never another centre's", async () => {
    expect(ids(await pageFor(auditor))).toEqual([paths.neverMonitored, paths.partnerB, paths.monitoredLongAgo, paths.halfDay]);

    // The coordinator: their partner's advisors' clients; no partner choice; B's advisor ignored.
    const coordinator = await pageFor(coordinatorA, { partnerId: partnerB.id, advisorId: advisorB.id });
    expect(ids(coordinator)).toEqual([paths.neverMonitored, paths.monitoredLongAgo, paths.halfDay]);
    expect(coordinator.partners).toBeNull();
    expect(coordinator.advisors.map((a) => a.name)).toEqual(["Adam Drugi", "Anna Pierwsza"]);
    expect(coordinator.filters).toEqual({});
    expect(ids(await pageFor(coordinatorA, { advisorId: advisorA2.id }))).toEqual([paths.halfDay]);

    // Key advisors and the animator: their team's clients.
    expect(ids(await pageFor(advisorA1))).toEqual([paths.neverMonitored, paths.monitoredLongAgo]);
    expect(ids(await pageFor(advisorA2))).toEqual([paths.halfDay]);
    expect(ids(await pageFor(advisorB))).toEqual([paths.partnerB]);
    expect(ids(await pageFor(animator))).toEqual([paths.monitoredLongAgo]);
  });

  it("is refused to a role that reads no paths, and counts nothing for it", async () => {
    const admin = contextFor(await createUser(tenant, { role: "ADMIN" }));
    expect((await appErrorOf(getOverdueMonitoringPage(admin, {}))).code).toBe("FORBIDDEN");
    expect(await countFor(admin)).toBe(0);
  });
});
