import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { addTeamMember } from "@/lib/domain/clients/service";
import { getOverdueMonitoringPage, getReturnedPlansPage } from "@/lib/domain/paths/attention";
import { todayInPoland } from "@/lib/dates";
import { contextFor, createPartner, createTenant, createUser, type TPartnerRow, type TUserRow } from "@/tests/factories";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { pageStatements } from "@/tests/support/statement-counter";
import { insertPathAt, insertReturnedPlan } from "../attention/support";

/**
 * Issue 13: the attention lists cost at most 10 statements each, the session check included,
 * counted with every part of the page present — partners and advisors to filter by, overdue paths
 * with and without a monitoring entry, returned plans by several people — for each kind of scope.
 */

const BUDGET = 10;

let users: Record<"manager" | "coordinator" | "advisor" | "animator", TUserRow>;
let partners: TPartnerRow[];

beforeEach(async () => {
  const tenant = await createTenant();
  partners = [await createPartner(tenant), await createPartner(tenant)];
  const manager = await createUser(tenant, { role: "MANAGER" });
  const coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partners[0]?.id });
  const advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partners[0]?.id });
  const animator = await createUser(tenant, { role: "ANIMATOR" });
  users = { manager, coordinator, advisor, animator };
  for (const [i, partner] of partners.entries()) {
    const other = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id });
    for (const [j, keyAdvisor] of [advisor, other].entries()) {
      const clients = await createCaseloadClients(tenant, 4, { status: "ACTIVE", keyAdvisorId: keyAdvisor.id });
      for (const [k, client] of clients.entries()) {
        const monitored = k % 2 === 0 ? { monitoredDaysAgo: 40 + k } : {};
        const pathId = await insertPathAt(tenant, client, k < 3 ? "IMPLEMENTATION" : "PLAN", { openedDaysAgo: 60 + i + j + k, ...monitored });
        if (k === 3) await insertReturnedPlan(tenant, pathId, { daysAgo: 10 + i + j, decidedById: j === 0 ? coordinator.id : manager.id, comment: "Do poprawy" });
        if (k === 0 && i === 0 && j === 1) await addTeamMember(contextFor(manager), client.id, { userId: animator.id, role: "ANIMATOR", startsOn: todayInPoland() });
      }
    }
  }
});

const PAGES: { name: string; user: () => TUserRow; load: (ctx: TContext) => Promise<{ result: { total: number } }> }[] = [
  { name: "/attention/monitoring (manager, filtered)", user: () => users.manager, load: (ctx) => getOverdueMonitoringPage(ctx, { partnerId: partners[0]?.id, minDays: "5" }) },
  { name: "/attention/monitoring (coordinator)", user: () => users.coordinator, load: (ctx) => getOverdueMonitoringPage(ctx, {}) },
  { name: "/attention/monitoring (animator, team)", user: () => users.animator, load: (ctx) => getOverdueMonitoringPage(ctx, {}) },
  { name: "/attention/returned-plans (manager)", user: () => users.manager, load: (ctx) => getReturnedPlansPage(ctx, { days: "7" }) },
  { name: "/attention/returned-plans (key advisor)", user: () => users.advisor, load: (ctx) => getReturnedPlansPage(ctx, {}) },
];

describe("statements per attention page", () => {
  it.each(PAGES.map((page) => [page.name, page]))(`%s: at most ${BUDGET}`, async (_name, page) => {
    const statements = await pageStatements(page.user(), page.load);
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(BUDGET);
    expect(statements.filter((s) => /^\s*BEGIN/i.test(s)).length, "at most one transaction").toBeLessThanOrEqual(1);
  });

  it("the pages show what they read", async () => {
    expect((await getOverdueMonitoringPage(contextFor(users.manager), {})).result.total).toBe(12);
    expect((await getOverdueMonitoringPage(contextFor(users.manager), { partnerId: partners[0]?.id })).result.total).toBe(9);
    expect((await getOverdueMonitoringPage(contextFor(users.coordinator), {})).result.total).toBe(9);
    expect((await getOverdueMonitoringPage(contextFor(users.animator), {})).result.total).toBe(1);
    expect((await getReturnedPlansPage(contextFor(users.manager), {})).result.total).toBe(4);
    expect((await getReturnedPlansPage(contextFor(users.advisor), {})).result.total).toBe(2);
  });
});
