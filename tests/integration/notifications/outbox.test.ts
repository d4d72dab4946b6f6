import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { decidePlan, saveContract, savePlan, submitPlan } from "@/lib/domain/paths/service";
import { contextFor, createClient, createPartner, createTenant, createUser, ownerQuery, type TPartnerRow, type TTenantRow, type TUserRow } from "@/tests/factories";
import { openPathAt, planAction, signedContract } from "@/tests/factories/paths";
import {
  allQueuedEmailJobs,
  chooseDailyDigest,
  noticesOf,
  queuedEmailJobs,
  setEmailPreference,
  storedNotifications,
} from "./outbox-support";

/**
 * Issue 15, the transactional outbox for plans: a submitted plan tells those who decide it (the
 * coordinators of the advisor's partner — else the managers), a decision tells whoever submitted
 * it and the path's advisor. The notices and their e-mail jobs are written in the change's own
 * transaction: a submission that rolls back leaves neither. Preferences decide the e-mail, never
 * the notice; the actor, inactive users and other tenants' users get nothing.
 */

let tenant: TTenantRow;
let partner: TPartnerRow;
let manager: TUserRow;
let coordinator: TUserRow;
let advisor: TUserRow;
let advisorCtx: TContext;
let coordinatorCtx: TContext;

beforeEach(async () => {
  tenant = await createTenant();
  partner = await createPartner(tenant);
  manager = await createUser(tenant, { role: "MANAGER" });
  coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id });
  advisorCtx = contextFor(advisor);
  coordinatorCtx = contextFor(coordinator);
});

/** A path of a new client of `owner` at PLAN with a saved draft, ready to submit. */
async function draftPlan(owner: TUserRow = advisor, clientName = "Anna Kowalska") {
  const client = await createClient(tenant, { keyAdvisorId: owner.id, name: clientName });
  // The manager approves nothing on the way to PLAN; the path only needs to reach the step.
  const { pathId } = await openPathAt(contextFor(owner), contextFor(manager), client.id, "PLAN");
  const draft = await savePlan(contextFor(owner), pathId, { baseRevision: null, versionId: null, summary: "Plan", actions: [planAction()] });
  return { pathId, versionId: draft.versionId, revision: draft.revision, href: `/paths/${pathId}?tab=plan` };
}

/** A submitted plan with a signed contract: ready for a decision. */
async function submittedPlan(submitter: TContext = advisorCtx, owner: TUserRow = advisor) {
  const plan = await draftPlan(owner);
  await submitPlan(submitter, plan.pathId, { versionId: plan.versionId, baseRevision: plan.revision });
  await saveContract(advisorCtx, plan.pathId, signedContract());
  return plan;
}

/**
 * Makes every transaction that writes a notification of `tenantId` fail at COMMIT (a deferred
 * constraint trigger): the change runs to its end, notify() included, and only then rolls back.
 */
async function refuseCommitsWithNotifications(tenantId: string): Promise<() => Promise<void>> {
  const name = `refuse_notifications_${tenantId.replaceAll("-", "")}`;
  await ownerQuery(`CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit'; END $$`);
  await ownerQuery(
    `CREATE CONSTRAINT TRIGGER ${name} AFTER INSERT ON notification DEFERRABLE INITIALLY DEFERRED
     FOR EACH ROW WHEN (NEW.tenant_id = '${tenantId}'::uuid) EXECUTE FUNCTION ${name}()`,
  );
  return async () => {
    await ownerQuery(`DROP TRIGGER ${name} ON notification`);
    await ownerQuery(`DROP FUNCTION ${name}()`);
  };
}

async function planStatus(versionId: string) {
  const [row] = await ownerQuery<{ status: string }>(`SELECT status::text AS status FROM path_plan_version WHERE id = $1`, [versionId]);
  return row?.status;
}

describe("a rolled-back change notifies nobody", () => {
  it("a submission that fails at commit, after notify() wrote its rows and jobs, leaves no notification and no job; the same submission committed leaves exactly its notice and one e-mail job", async () => {
    const plan = await draftPlan();
    const restore = await refuseCommitsWithNotifications(tenant.id);
    try {
      // The trigger fires only for a notification row: the failure itself proves notify() wrote one.
      await expect(submitPlan(advisorCtx, plan.pathId, { versionId: plan.versionId, baseRevision: plan.revision })).rejects.toThrow(/refused at commit/);
    } finally {
      await restore();
    }
    expect(await planStatus(plan.versionId)).toBe("DRAFT");
    expect(await storedNotifications(tenant.id)).toEqual([]);
    expect(await allQueuedEmailJobs()).toBe(0);

    await submitPlan(advisorCtx, plan.pathId, { versionId: plan.versionId, baseRevision: plan.revision });
    const rows = await storedNotifications(tenant.id);
    expect(rows).toEqual([
      { id: expect.any(String), userId: coordinator.id, kind: "plan_submitted", href: plan.href, params: { clientName: "Anna Kowalska", versionNumber: 1 }, emailStatus: "PENDING" },
    ]);
    expect(await queuedEmailJobs(tenant.id)).toEqual(rows.map((row) => row.id));
    expect(await allQueuedEmailJobs()).toBe(1);
  });
});

describe("plan submitted: those who decide it", () => {
  it("goes to every active coordinator of the advisor's partner — not to another partner's coordinator, the managers, the submitter or another tenant", async () => {
    const second = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
    await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id, active: false });
    await createUser(tenant, { role: "COORDINATOR", partnerId: (await createPartner(tenant)).id });
    const otherTenant = await createTenant();
    await createUser(otherTenant, { role: "COORDINATOR", partnerId: (await createPartner(otherTenant)).id });
    await createUser(otherTenant, { role: "MANAGER" });

    const plan = await draftPlan();
    await submitPlan(advisorCtx, plan.pathId, { versionId: plan.versionId, baseRevision: plan.revision });

    expect(noticesOf(await storedNotifications(tenant.id))).toEqual(
      [coordinator.id, second.id].sort().map((userId) => ({ userId, kind: "plan_submitted", href: plan.href })),
    );
    expect(await storedNotifications(otherTenant.id)).toEqual([]);
  });

  it("goes to the tenant's active managers when the advisor's partner has no active coordinator, and when the advisor has no partner", async () => {
    const otherManager = await createUser(tenant, { role: "MANAGER" });
    await createUser(tenant, { role: "MANAGER", active: false });
    await ownerQuery(`UPDATE "user" SET active = false WHERE id = $1`, [coordinator.id]);
    const managers = [manager.id, otherManager.id].sort();

    const plan = await draftPlan();
    await submitPlan(advisorCtx, plan.pathId, { versionId: plan.versionId, baseRevision: plan.revision });
    expect(noticesOf(await storedNotifications(tenant.id))).toEqual(managers.map((userId) => ({ userId, kind: "plan_submitted", href: plan.href })));

    const loner = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: null });
    const lonerPlan = await draftPlan(loner, "Bogdan Nowak");
    await submitPlan(contextFor(loner), lonerPlan.pathId, { versionId: lonerPlan.versionId, baseRevision: lonerPlan.revision });
    expect(noticesOf((await storedNotifications(tenant.id)).filter((row) => row.href === lonerPlan.href))).toEqual(
      managers.map((userId) => ({ userId, kind: "plan_submitted", href: lonerPlan.href })),
    );
  });

  it("a coordinator who submits the plan themselves is not told about it (they decide it), and the managers are not asked instead", async () => {
    const plan = await draftPlan();
    await submitPlan(coordinatorCtx, plan.pathId, { versionId: plan.versionId, baseRevision: plan.revision });
    expect(await planStatus(plan.versionId)).toBe("SUBMITTED");
    expect(await storedNotifications(tenant.id)).toEqual([]);
    expect(await allQueuedEmailJobs()).toBe(0);
  });
});

describe("plan decided: whoever submitted it and the path's advisor", () => {
  it("returned → the advisor who submitted it, once (submitter and advisor are one person), never the coordinator who returned it", async () => {
    const plan = await submittedPlan();
    const before = (await storedNotifications(tenant.id)).map((row) => row.id);
    await decidePlan(coordinatorCtx, plan.pathId, plan.versionId, { decision: "RETURN", comment: "Uzupełnij terminy" });

    const decided = (await storedNotifications(tenant.id)).filter((row) => !before.includes(row.id));
    expect(decided).toEqual([
      { id: expect.any(String), userId: advisor.id, kind: "plan_returned", href: plan.href, params: { clientName: "Anna Kowalska", versionNumber: 1 }, emailStatus: "PENDING" },
    ]);
    expect(await queuedEmailJobs(tenant.id)).toEqual([...before, ...decided.map((row) => row.id)].sort());
  });

  it("approved → both the manager who submitted it and the path's advisor; the deciding coordinator gets nothing", async () => {
    const plan = await submittedPlan(contextFor(manager));
    const before = (await storedNotifications(tenant.id)).map((row) => row.id);
    await decidePlan(coordinatorCtx, plan.pathId, plan.versionId, { decision: "APPROVE", comment: null });

    const decided = (await storedNotifications(tenant.id)).filter((row) => !before.includes(row.id));
    expect(noticesOf(decided)).toEqual([advisor.id, manager.id].sort().map((userId) => ({ userId, kind: "plan_approved", href: plan.href })));
  });

  it("a manager deciding a plan they submitted is told nothing; the advisor is", async () => {
    const plan = await submittedPlan(contextFor(manager));
    const before = (await storedNotifications(tenant.id)).map((row) => row.id);
    await decidePlan(contextFor(manager), plan.pathId, plan.versionId, { decision: "RETURN", comment: "Popraw" });
    const decided = (await storedNotifications(tenant.id)).filter((row) => !before.includes(row.id));
    expect(noticesOf(decided)).toEqual([{ userId: advisor.id, kind: "plan_returned", href: plan.href }]);
  });

  it("a refused decision (no signed contract) notifies nobody", async () => {
    const plan = await draftPlan();
    await submitPlan(advisorCtx, plan.pathId, { versionId: plan.versionId, baseRevision: plan.revision });
    const before = await storedNotifications(tenant.id);
    await expect(decidePlan(coordinatorCtx, plan.pathId, plan.versionId, { decision: "APPROVE", comment: null })).rejects.toMatchObject({ code: "CONTRACT_NOT_SIGNED" });
    expect(await storedNotifications(tenant.id)).toEqual(before);
  });
});

describe("preferences decide the e-mail, never the notice", () => {
  it("e-mail off for the kind → SKIPPED and no job; the daily digest → DIGEST and no job; the default → PENDING with one job; an inactive decider gets nothing", async () => {
    const off = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
    const digest = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
    const gone = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
    await setEmailPreference(off, "plan_submitted", false);
    // A choice for another kind changes nothing for this one.
    await setEmailPreference(coordinator, "plan_returned", false);
    await chooseDailyDigest(digest);
    await ownerQuery(`UPDATE "user" SET active = false WHERE id = $1`, [gone.id]);

    const plan = await draftPlan();
    await submitPlan(advisorCtx, plan.pathId, { versionId: plan.versionId, baseRevision: plan.revision });

    const rows = await storedNotifications(tenant.id);
    const statusOf = new Map(rows.map((row) => [row.userId, row.emailStatus]));
    expect(Object.fromEntries(statusOf)).toEqual({ [coordinator.id]: "PENDING", [off.id]: "SKIPPED", [digest.id]: "DIGEST" });
    const pending = rows.filter((row) => row.emailStatus === "PENDING").map((row) => row.id);
    expect(await queuedEmailJobs(tenant.id)).toEqual(pending);
  });
});
