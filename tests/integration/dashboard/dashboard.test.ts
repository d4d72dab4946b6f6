import { beforeEach, describe, expect, it } from "vitest";
import { getCaseloadBoardPage } from "@/lib/domain/caseload/service";
import { getClientListPage } from "@/lib/domain/clients/service";
import { getOverdueMonitoringPage, getReturnedPlansPage } from "@/lib/domain/paths/attention";
import { findPlanInbox } from "@/lib/domain/paths/service";
import { dashboardPeriods } from "@/lib/domain/dashboard/periods";
import { getDashboard, type TDashboard } from "@/lib/domain/dashboard/service";
import { getServiceRegisterPage } from "@/lib/domain/services/register";
import { startOfWeek } from "@/lib/dates";
import {
  contextFor,
  createPartner,
  createTenant,
  createUser,
  type TPartnerRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { createCaseloadClients, setCaseloadLimit, type TCaseloadClientRow } from "@/tests/factories/caseload";
import { insertPath, insertPlanVersion } from "@/tests/factories/paths";
import { decidedDaysAgo, insertAuditEntry, insertService, openedDaysAgo } from "./dashboard-data";

/**
 * Every role's dashboard counts exactly what the list behind each number shows, in the same
 * scope: a coordinator never counts another partner's, an advisor only their own, another
 * tenant's never. The data: two partners (A: coordinator, advisors A1 and A2, an animator; B:
 * advisor B1), and a second tenant with the same shape of data that must never be counted.
 */

const periods = dashboardPeriods();
const TODAY = periods.today;
const LAST_MONTH_DAY = periods.lastMonth.from;

let tenant: TTenantRow;
let partnerA: TPartnerRow;
let partnerB: TPartnerRow;
let manager: TUserRow;
let coordinator: TUserRow;
let advisorA1: TUserRow;
let advisorA2: TUserRow;
let advisorB1: TUserRow;
let animator: TUserRow;
let specialist: TUserRow;
let auditor: TUserRow;
let admin: TUserRow;
let clientsA1: TCaseloadClientRow[];
let clientsB1: TCaseloadClientRow[];

async function seedTenant(t: TTenantRow) {
  const pA = await createPartner(t);
  const pB = await createPartner(t);
  const users = {
    manager: await createUser(t, { role: "MANAGER" }),
    coordinator: await createUser(t, { role: "COORDINATOR", partnerId: pA.id }),
    advisorA1: await createUser(t, { role: "KEY_ADVISOR", partnerId: pA.id, name: "Anna Pierwsza" }),
    advisorA2: await createUser(t, { role: "KEY_ADVISOR", partnerId: pA.id, name: "Adam Drugi" }),
    advisorB1: await createUser(t, { role: "KEY_ADVISOR", partnerId: pB.id, name: "Barbara Obca" }),
    animator: await createUser(t, { role: "ANIMATOR", partnerId: pA.id }),
    specialist: await createUser(t, { role: "SPECIALIST", partnerId: pB.id }),
    auditor: await createUser(t, { role: "AUDITOR" }),
    admin: await createUser(t, { role: "ADMIN" }),
  };
  await createUser(t, { role: "KEY_ADVISOR", partnerId: pB.id, active: false });
  const cA1 = await createCaseloadClients(t, 3, { status: "ACTIVE", keyAdvisorId: users.advisorA1.id, namePrefix: "Klient A1" });
  const cB1 = await createCaseloadClients(t, 2, { status: "ACTIVE", keyAdvisorId: users.advisorB1.id, namePrefix: "Klient B1" });
  await createCaseloadClients(t, 4, { status: "WAITING" });
  // A1 at the limit (3 of 3), B1 over it (2 of 1), A2 empty.
  await setCaseloadLimit(users.advisorA1, 3);
  await setCaseloadLimit(users.advisorB1, 1);

  const [a1c1, a1c2, a1c3] = cA1.map((c) => c.id);
  const [b1c1, b1c2] = cB1.map((c) => c.id);
  if (!a1c1 || !a1c2 || !a1c3 || !b1c1 || !b1c2) throw new Error("clients missing");
  const pathOf = (clientId: string, advisor: TUserRow, step: "NEEDS" | "PLAN" | "IMPLEMENTATION") =>
    insertPath(t, { clientId, keyAdvisorId: advisor.id, createdById: advisor.id, step });
  const planPath = await pathOf(a1c1, users.advisorA1, "PLAN");
  const implA = await pathOf(a1c2, users.advisorA1, "IMPLEMENTATION");
  const implB = await pathOf(a1c3, users.advisorA1, "IMPLEMENTATION");
  const needsB1 = await pathOf(b1c1, users.advisorB1, "NEEDS");
  const implB1 = await pathOf(b1c2, users.advisorB1, "IMPLEMENTATION");
  // Overdue: A1's two implementation paths (100 days without monitoring; the policy is 30), B1's one.
  await openedDaysAgo(implA.id, 100);
  await openedDaysAgo(implB.id, 100);
  await openedDaysAgo(implB1.id, 100);
  // Plans: one submitted by A1's client, one by B1's; A1 has a returned plan.
  await insertPlanVersion(implA, { number: 1, status: "SUBMITTED", createdById: users.advisorA1.id });
  await insertPlanVersion(needsB1, { number: 1, status: "SUBMITTED", createdById: users.advisorB1.id });
  const returned = await insertPlanVersion(planPath, { number: 1, status: "RETURNED", createdById: users.advisorA1.id });
  await decidedDaysAgo(returned.id, 2);

  // Services: today A1 alone (ADVISORY 90), A1 with the animator for two clients (TRAINING 60,
  // counted once), B1 (ADVISORY 30), the specialist (ADVISORY 45); a deleted one of A1's (never
  // counted); last month A1 (ADVISORY 120).
  await insertService(t, { date: TODAY, providerIds: [users.advisorA1.id], clientIds: [a1c1], minutes: 90 });
  await insertService(t, { date: TODAY, providerIds: [users.advisorA1.id, users.animator.id], clientIds: [a1c1, a1c2], supportType: "TRAINING", minutes: 60 });
  await insertService(t, { date: TODAY, providerIds: [users.advisorB1.id], clientIds: [b1c1], minutes: 30 });
  await insertService(t, { date: TODAY, providerIds: [users.specialist.id], clientIds: [b1c2], minutes: 45 });
  await insertService(t, { date: TODAY, providerIds: [users.advisorA1.id], clientIds: [a1c3], minutes: 300, deleted: true });
  await insertService(t, { date: LAST_MONTH_DAY, providerIds: [users.advisorA1.id], clientIds: [a1c1], minutes: 120 });

  // The audit trail: two Client entries and one User entry this week, one Client entry 30 days ago.
  await insertAuditEntry(t, { entityType: "Client", action: "client.create" });
  await insertAuditEntry(t, { entityType: "Client", action: "client.update", daysAgo: 5 });
  await insertAuditEntry(t, { entityType: "User", action: "user.create" });
  await insertAuditEntry(t, { entityType: "Client", action: "client.update", daysAgo: 30 });
  return { pA, pB, users, cA1, cB1 };
}

beforeEach(async () => {
  tenant = await createTenant();
  const seeded = await seedTenant(tenant);
  ({ pA: partnerA, pB: partnerB } = seeded);
  ({ manager, coordinator, advisorA1, advisorA2, advisorB1, animator, specialist, auditor, admin } = seeded.users);
  clientsA1 = seeded.cA1;
  clientsB1 = seeded.cB1;
  // Another tenant with the same data: never counted.
  await seedTenant(await createTenant());
});

/** The dashboard of a role (the animator and the specialist share one shape). */
type TDashboardOf<R extends TDashboard["role"], D = TDashboard> = D extends { role: infer X } ? (R extends X ? D : never) : never;

function as<R extends TDashboard["role"]>(dashboard: TDashboard, role: R): TDashboardOf<R> {
  expect(dashboard.role).toBe(role);
  return dashboard as TDashboardOf<R>;
}

const funnelCounts = (funnel: { step: string; count: number }[]) => Object.fromEntries(funnel.filter((s) => s.count > 0).map((s) => [s.step, s.count]));

describe("the manager's dashboard", () => {
  it("counts the centre: clients by step, advisors at and over the limit, queue, plans, overdue paths, services", async () => {
    const d = as(await getDashboard(contextFor(manager)), "MANAGER");
    expect(funnelCounts(d.funnel)).toEqual({ NEEDS: 1, PLAN: 1, IMPLEMENTATION: 3 });
    expect(d.funnel.find((s) => s.step === "PLAN")?.href).toBe("/clients?step=PLAN");
    expect(d.advisors.full.count).toBe(2);
    expect(d.advisors.over.count).toBe(1);
    expect(Object.fromEntries(d.advisors.buckets.map((b) => [b.key, b.count]))).toEqual({ low: 1, half: 0, near: 0, at: 1, over: 1 });
    expect(d.queue.count).toBe(4);
    expect(d.queue.oldest).toBeInstanceOf(Date);
    expect(d.plans.count).toBe(2);
    expect(d.overdue.count).toBe(3);
    // This month: A1's two (the shared one once), B1's, the specialist's; the deleted one never.
    expect({ count: d.thisMonth.count, minutes: d.thisMonth.minutes }).toEqual({ count: 4, minutes: 90 + 60 + 30 + 45 });
    expect(d.thisMonth.byType.map((b) => [b.type, b.count, b.minutes])).toEqual([
      ["ADVISORY", 3, 165],
      ["TRAINING", 1, 60],
    ]);
    expect({ count: d.lastMonth.count, minutes: d.lastMonth.minutes }).toEqual({ count: 1, minutes: 120 });
    // The chart: this week holds today's minutes, last month's day its week's.
    const week = (monday: string) => d.hours.find((w) => w.weekStart === monday)?.byType.reduce((sum, t) => sum + t.minutes, 0);
    expect(d.hours).toHaveLength(12);
    expect(week(startOfWeek(TODAY))).toBe(225);
    expect(week(startOfWeek(LAST_MONTH_DAY))).toBe(120);
  });

  it("links each number to a list with exactly those rows", async () => {
    const ctx = contextFor(manager);
    const d = as(await getDashboard(ctx), "MANAGER");
    const full = await getCaseloadBoardPage(ctx, { fullOnly: true });
    expect(d.advisors.full.href).toBe("/caseload?fullOnly=1");
    expect(full.board.total).toBe(d.advisors.full.count);
    expect(full.board.items.map((a) => a.name).sort()).toEqual(["Anna Pierwsza", "Barbara Obca"]);
    const over = await getCaseloadBoardPage(ctx, { overLimitOnly: true });
    expect(over.board.items.map((a) => a.name)).toEqual(["Barbara Obca"]);
    // The register of the month, and of one type: the same totals.
    const month = await getServiceRegisterPage(ctx, { from: d.thisMonth.period.from, to: d.thisMonth.period.to });
    expect({ count: month.total, minutes: month.minutes }).toEqual({ count: d.thisMonth.count, minutes: d.thisMonth.minutes });
    expect(month.items).toHaveLength(4);
    const advisory = d.thisMonth.byType.find((b) => b.type === "ADVISORY");
    expect(advisory?.href).toBe(`/services/register?from=${periods.thisMonth.from}&to=${periods.thisMonth.to}&type=ADVISORY`);
    const byType = await getServiceRegisterPage(ctx, { from: periods.thisMonth.from, to: periods.thisMonth.to, type: "ADVISORY" });
    expect({ count: byType.total, minutes: byType.minutes }).toEqual({ count: advisory?.count, minutes: advisory?.minutes });
    // The client list by step, the plan inbox, the overdue list.
    for (const step of d.funnel) expect((await getClientListPage(ctx, { step: step.step })).result.total, step.step).toBe(step.count);
    expect((await findPlanInbox(ctx, {})).total).toBe(d.plans.count);
    expect((await getOverdueMonitoringPage(ctx, {})).result.total).toBe(d.overdue.count);
  });
});

describe("the coordinator's dashboard", () => {
  it("counts only their partner's: inbox, advisors, overdue paths, funnel, hours", async () => {
    const d = as(await getDashboard(contextFor(coordinator)), "COORDINATOR");
    expect(d.plans.count).toBe(1);
    expect(d.advisors.map((a) => [a.name, a.load, a.limit, a.full, a.overLimit])).toEqual([
      ["Adam Drugi", 0, tenant.maxClientsPerAdvisor, false, false],
      ["Anna Pierwsza", 3, 3, true, false],
    ]);
    expect(Object.fromEntries(d.buckets.map((b) => [b.key, b.count]))).toEqual({ low: 1, half: 0, near: 0, at: 1, over: 0 });
    expect(d.overdue.count).toBe(2);
    expect(funnelCounts(d.funnel)).toEqual({ PLAN: 1, IMPLEMENTATION: 2 });
    expect(d.funnel.every((s) => s.href === null)).toBe(true);
    // A1's and the animator's shared service once, A1's own; not B1's nor the specialist's.
    expect({ count: d.thisMonth.count, minutes: d.thisMonth.minutes }).toEqual({ count: 2, minutes: 150 });
    const ctx = contextFor(coordinator);
    const register = await getServiceRegisterPage(ctx, { from: periods.thisMonth.from, to: periods.thisMonth.to });
    expect(register.total).toBe(2);
    expect((await findPlanInbox(ctx, {})).total).toBe(d.plans.count);
    expect((await getOverdueMonitoringPage(ctx, {})).result.total).toBe(d.overdue.count);
  });
});

describe("the key advisor's dashboard", () => {
  it("shows their own clients with progress, returned plans, overdue monitoring, today's services and the week's hours", async () => {
    const d = as(await getDashboard(contextFor(advisorA1)), "KEY_ADVISOR");
    expect(d.clients.count).toBe(3);
    expect(d.clients.items.map((c) => [c.name, c.progress?.step])).toEqual([
      [clientsA1[0]?.name, "PLAN"],
      [clientsA1[1]?.name, "IMPLEMENTATION"],
      [clientsA1[2]?.name, "IMPLEMENTATION"],
    ]);
    expect(d.returned.count).toBe(1);
    expect(d.overdue.count).toBe(2);
    expect((await getReturnedPlansPage(contextFor(advisorA1), { days: "0" })).result.total).toBe(d.returned.count);
    expect((await getOverdueMonitoringPage(contextFor(advisorA1), {})).result.total).toBe(d.overdue.count);
    expect({ count: d.today.count, minutes: d.today.minutes }).toEqual({ count: 2, minutes: 150 });
    expect(d.thisWeek.minutes).toBe(150);
    expect(d.today.href).toBe(`/services/register?from=${TODAY}&to=${TODAY}&providerId=${advisorA1.id}`);
    const register = await getServiceRegisterPage(contextFor(advisorA1), { from: TODAY, to: TODAY, providerId: advisorA1.id });
    expect({ count: register.total, minutes: register.minutes }).toEqual({ count: 2, minutes: 150 });
  });

  it("never counts another advisor's", async () => {
    const d = as(await getDashboard(contextFor(advisorB1)), "KEY_ADVISOR");
    expect(d.clients.items.map((c) => c.name)).toEqual(clientsB1.map((c) => c.name));
    expect(d.returned.count).toBe(0);
    expect(d.overdue.count).toBe(1);
    expect({ count: d.today.count, minutes: d.today.minutes }).toEqual({ count: 1, minutes: 30 });
    const empty = as(await getDashboard(contextFor(advisorA2)), "KEY_ADVISOR");
    expect([empty.clients.count, empty.today.count, empty.overdue.count]).toEqual([0, 0, 0]);
    // Another advisor's id in the register's filter is not offered: ignored, the own services shown.
    const register = await getServiceRegisterPage(contextFor(advisorA2), { from: TODAY, to: TODAY, providerId: advisorA1.id });
    expect(register.total).toBe(0);
    expect(register.filters.providerId).toBeUndefined();
  });
});

describe("the animator's and the specialist's dashboards", () => {
  it("count their own services and the distinct clients served", async () => {
    const a = as(await getDashboard(contextFor(animator)), "ANIMATOR");
    expect({ count: a.thisWeek.count, minutes: a.thisWeek.minutes, clients: a.thisWeek.clients }).toEqual({ count: 1, minutes: 60, clients: 2 });
    expect({ count: a.thisMonth.count, minutes: a.thisMonth.minutes, clients: a.thisMonth.clients }).toEqual({ count: 1, minutes: 60, clients: 2 });
    const s = as(await getDashboard(contextFor(specialist)), "SPECIALIST");
    expect({ count: s.thisMonth.count, minutes: s.thisMonth.minutes, clients: s.thisMonth.clients }).toEqual({ count: 1, minutes: 45, clients: 1 });
  });
});

describe("the auditor's and the administrator's dashboards", () => {
  it("the auditor: audit entries of the last 7 days per entity type, linked to the filtered trail", async () => {
    const d = as(await getDashboard(contextFor(auditor)), "AUDITOR");
    expect(d.byType.map((r) => [r.entityType, r.count])).toEqual([
      ["Client", 2],
      ["User", 1],
    ]);
    expect(d.byType[0]?.href).toBe(`/audit?entityType=Client&since=${d.since}`);
  });

  it("the administrator: users, partners and offices, no client data", async () => {
    const d = as(await getDashboard(contextFor(admin)), "ADMIN");
    expect(d).toMatchObject({ usersActive: 9, usersInactive: 1, partners: 2, offices: 0 });
    expect(partnerA.id).not.toBe(partnerB.id);
  });
});

describe("the services register", () => {
  it("lists newest first, a shared service once, never a deleted one, and refuses a role without the timesheet", async () => {
    const page = await getServiceRegisterPage(contextFor(manager), { from: LAST_MONTH_DAY, to: TODAY });
    expect(page.total).toBe(5);
    expect(page.items.at(-1)?.date.toISOString().slice(0, 10)).toBe(LAST_MONTH_DAY);
    const shared = page.items.find((r) => r.supportType === "TRAINING");
    expect(shared?.providers).toHaveLength(2);
    expect(shared?.clientCount).toBe(2);
    const error = await appErrorOf(getServiceRegisterPage(contextFor(admin), {}));
    expect(error.code).toBe("FORBIDDEN");
  });
});
