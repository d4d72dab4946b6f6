import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { countReturnedPlans, getReturnedPlansPage } from "@/lib/domain/paths/attention";
import { decidePlan, saveContract, savePlan, submitPlan } from "@/lib/domain/paths/service";
import { contextFor, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { planAction, signedContract } from "@/tests/factories/paths";
import { insertPathAt, insertReturnedPlan } from "./support";

/**
 * Issue 13: plans returned and not resubmitted for N days. Returned: A1's plan 10 days ago (by
 * the coordinator, with a long comment) and another 3 days ago, A2's 8 days ago, B's 30 days ago
 * (by the manager). Advisors A1 and A2 belong to partner A, B to partner B.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let coordinatorA: TUserRow;
let advisorA1: TUserRow;
let advisorA2: TUserRow;
let advisorB: TUserRow;
let plans: Record<"a1TenDays" | "a1ThreeDays" | "a2EightDays" | "bThirtyDays", string>;
let a1Path: string;

const LONG_COMMENT = `Proszę uzupełnić harmonogram działań i doprecyzować rezultaty. ${"Szczegóły w notatce ze spotkania. ".repeat(8)}`;

async function pathOf(advisor: TUserRow, name: string) {
  const [client] = await createCaseloadClients(tenant, 1, { status: "ACTIVE", keyAdvisorId: advisor.id, namePrefix: name });
  if (!client) throw new Error("setup");
  return insertPathAt(tenant, client, "PLAN", { openedDaysAgo: 60 });
}

beforeEach(async () => {
  tenant = await createTenant();
  const [partnerA, partnerB] = [await createPartner(tenant), await createPartner(tenant)];
  manager = await createUser(tenant, { role: "MANAGER", name: "Maria Kierownik" });
  coordinatorA = await createUser(tenant, { role: "COORDINATOR", partnerId: partnerA?.id, name: "Krzysztof Koordynator" });
  advisorA1 = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerA?.id, name: "Anna Pierwsza" });
  advisorA2 = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerA?.id });
  advisorB = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerB?.id });
  a1Path = await pathOf(advisorA1, "Zwrócony dawno");
  plans = {
    a1TenDays: await insertReturnedPlan(tenant, a1Path, { daysAgo: 10, decidedById: coordinatorA.id, comment: LONG_COMMENT }),
    a1ThreeDays: await insertReturnedPlan(tenant, await pathOf(advisorA1, "Zwrócony niedawno"), { daysAgo: 3, decidedById: coordinatorA.id, comment: "Brak budżetu" }),
    a2EightDays: await insertReturnedPlan(tenant, await pathOf(advisorA2, "Drugiego doradcy"), { daysAgo: 8, decidedById: coordinatorA.id, comment: "Uzupełnić" }),
    bThirtyDays: await insertReturnedPlan(tenant, await pathOf(advisorB, "Partnera B"), { daysAgo: 30, decidedById: manager.id, comment: "Do poprawy" }),
  };
  // Another centre's plan returned long ago.
  const other = await createTenant();
  const otherAdvisor = await createUser(other, { role: "KEY_ADVISOR" });
  const [otherClient] = await createCaseloadClients(other, 1, { status: "ACTIVE", keyAdvisorId: otherAdvisor.id });
  if (!otherClient) throw new Error("setup");
  await insertReturnedPlan(other, await insertPathAt(other, otherClient, "PLAN", { openedDaysAgo: 90 }), { daysAgo: 60, decidedById: otherAdvisor.id, comment: "Obcy" });
});

const ids = (page: { result: { items: { versionId: string }[] } }) => page.result.items.map((row) => row.versionId);

/** The page, after checking that the dashboards' count for the same days is its total. */
async function pageFor(user: TUserRow, days?: string, page?: number) {
  const ctx: TContext = contextFor(user);
  const result = await getReturnedPlansPage(ctx, { days, page });
  expect(await tenantTransaction(ctx.tenantId, (tx) => countReturnedPlans(tx, ctx, { days: result.days })), "count = list total").toBe(result.result.total);
  return result;
}

describe("plans returned and not resubmitted", () => {
  it("lists plans returned at least 7 days ago by default, longest waiting first, with who returned them", async () => {
    const page = await pageFor(manager);
    expect(page).toMatchObject({ days: 7, daysRejected: false });
    expect(ids(page)).toEqual([plans.bThirtyDays, plans.a1TenDays, plans.a2EightDays]);
    const [b, a1] = page.result.items;
    expect(b).toMatchObject({ number: 1, daysSince: 30, decidedByName: "Maria Kierownik", comment: "Do poprawy" });
    expect(a1).toMatchObject({ pathId: a1Path, clientName: "Zwrócony dawno 1", advisorName: "Anna Pierwsza", daysSince: 10, decidedByName: "Krzysztof Koordynator" });
    expect(a1?.comment?.length).toBeLessThanOrEqual(140);
    expect(a1?.comment).toMatch(/^Proszę uzupełnić harmonogram.*…$/);
  });

  it("filters by days since the return: 0 to 365, anything else is the default, said so", async () => {
    expect(ids(await pageFor(manager, "9"))).toEqual([plans.bThirtyDays, plans.a1TenDays]);
    expect(ids(await pageFor(manager, "0"))).toEqual([plans.bThirtyDays, plans.a1TenDays, plans.a2EightDays, plans.a1ThreeDays]);
    expect(ids(await pageFor(manager, "31"))).toEqual([]);
    for (const invalid of ["366", "-1", "siedem", "2.5"]) {
      const page = await pageFor(manager, invalid);
      expect(page, invalid).toMatchObject({ days: 7, daysRejected: true });
      expect(page.result.total).toBe(3);
    }
    expect(ids(await pageFor(manager, "0", 2))).toEqual([]);
  });

  it("shows each role the plans of the clients it works on: own, partner, centre", async () => {
    expect(ids(await pageFor(advisorA1, "0"))).toEqual([plans.a1TenDays, plans.a1ThreeDays]);
    expect(ids(await pageFor(advisorA2, "0"))).toEqual([plans.a2EightDays]);
    expect(ids(await pageFor(coordinatorA, "0"))).toEqual([plans.a1TenDays, plans.a2EightDays, plans.a1ThreeDays]);
    expect(ids(await pageFor(advisorB, "0"))).toEqual([plans.bThirtyDays]);
    for (const role of ["ANIMATOR", "SPECIALIST", "AUDITOR", "ADMIN"] as const) {
      const ctx = contextFor(await createUser(tenant, { role }));
      expect((await appErrorOf(getReturnedPlansPage(ctx, {}))).code, role).toBe("FORBIDDEN");
    }
  });

  it("drops a plan once it is revised and resubmitted", async () => {
    const advisorCtx = contextFor(advisorA1);
    const pathId = await pathOf(advisorA1, "Poprawiony");
    await saveContract(advisorCtx, pathId, signedContract());
    const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: "Plan", actions: [planAction()] });
    await submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: draft.revision });
    await decidePlan(contextFor(coordinatorA), pathId, draft.versionId, { decision: "RETURN", comment: "Dodaj doradztwo prawne" });
    await ownerQuery(`UPDATE path_plan_version SET decided_at = now() - interval '20 days' WHERE id = $1`, [draft.versionId]);
    expect(ids(await pageFor(coordinatorA))).toEqual([draft.versionId, plans.a1TenDays, plans.a2EightDays]);

    const [returned] = await ownerQuery<{ revision: number }>(`SELECT revision FROM path_plan_version WHERE id = $1`, [draft.versionId]);
    const revised = await savePlan(advisorCtx, pathId, { baseRevision: returned?.revision ?? null, versionId: draft.versionId, summary: "Plan poprawiony", actions: [planAction()] });
    await submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: revised.revision });
    expect(ids(await pageFor(coordinatorA))).toEqual([plans.a1TenDays, plans.a2EightDays]);
  });
});
