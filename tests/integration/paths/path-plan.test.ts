import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import {
  comparePlanVersions,
  decidePlan,
  findMyReturnedPlans,
  findPlanInbox,
  getPath,
  getPathPlan,
  getPlanVersion,
  saveContract,
  savePlan,
  submitPlan,
} from "@/lib/domain/paths/service";
import type { TSavePlanInput } from "@/lib/domain/paths/schemas";
import { addTeamMember } from "@/lib/domain/clients/service";
import { todayInPoland } from "@/lib/dates";
import { isAppError } from "@/lib/errors";
import {
  auditRows,
  contextFor,
  createClient,
  createPartner,
  createTenant,
  createUser,
  ownerQuery,
  type TPartnerRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { insertContract, insertPath, insertPlanVersion, openPathAt, pathSnapshot, planAction, signedContract } from "@/tests/factories/paths";

/**
 * Issue 5: versioned action plans — optimistic concurrency on saves, a new draft when an approved
 * plan changes, submit → return with comments → resubmit → approve by the advisor's coordinator
 * (or the manager), a signed contract before approval, the inbox and the differences view.
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

async function snapshot() {
  return tenantSnapshot(tenant.id);
}

/** A path of a new client of `owner`, at PLAN. */
async function pathAtPlan(owner: TUserRow = advisor, approver: TContext = coordinatorCtx): Promise<string> {
  const client = await createClient(tenant, { keyAdvisorId: owner.id });
  return (await openPathAt(contextFor(owner), approver, client.id, "PLAN")).pathId;
}

function actions(prefix: string, count: number): TSavePlanInput["actions"] {
  return Array.from({ length: count }, (_, i) => planAction({ description: `${prefix} ${i + 1}`, expectedResult: `${prefix} wynik ${i + 1}` }));
}

async function versionRow(id: string) {
  const [row] = await ownerQuery<{ number: number; status: string; revision: number; summary: string | null; decided_by_id: string | null; decision_comment: string | null }>(
    `SELECT number, status::text AS status, revision, summary, decided_by_id, decision_comment FROM path_plan_version WHERE id = $1`,
    [id],
  );
  if (!row) throw new Error(`no version ${id}`);
  return row;
}

async function storedActions(versionId: string) {
  return ownerQuery<{ position: number; description: string; expected_result: string | null }>(
    `SELECT position, description, expected_result FROM path_plan_action WHERE plan_version_id = $1 ORDER BY position`,
    [versionId],
  );
}

/** Draft → submitted → approved by `approver`, with a signed contract in place. */
async function approveFirstPlan(pathId: string, approver: TContext = coordinatorCtx) {
  const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: "Plan 1", actions: actions("Wersja 1", 2) });
  await submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: draft.revision });
  await saveContract(advisorCtx, pathId, signedContract());
  await decidePlan(approver, pathId, draft.versionId, { decision: "APPROVE" });
  return { versionId: draft.versionId, revision: (await versionRow(draft.versionId)).revision };
}

describe("optimistic concurrency", () => {
  it("two parallel saves of one version from the same revision: exactly one wins, the other gets CONFLICT, the winner's text is stored whole (×8)", async () => {
    const pathId = await pathAtPlan();
    const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: "Szkic", actions: actions("Szkic", 1) });
    let revision = draft.revision;

    for (let round = 1; round <= 8; round++) {
      // Different lengths, so a mix of the two would show in the count as well as in the text.
      const anna = { baseRevision: revision, versionId: draft.versionId, summary: `Anna ${round}`, actions: actions(`Anna ${round}`, 3) };
      const piotr = { baseRevision: revision, versionId: draft.versionId, summary: `Piotr ${round}`, actions: actions(`Piotr ${round}`, 2) };
      const results = await Promise.allSettled([savePlan(advisorCtx, pathId, anna), savePlan(contextFor(manager), pathId, piotr)]);

      const won = results.findIndex((r) => r.status === "fulfilled");
      const lost = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(results.filter((r) => r.status === "fulfilled"), `round ${round}`).toHaveLength(1);
      expect(isAppError(lost?.reason) && lost.reason.code, `round ${round}`).toBe("CONFLICT");

      const winner = won === 0 ? anna : piotr;
      const row = await versionRow(draft.versionId);
      expect(row).toMatchObject({ revision: revision + 1, summary: winner.summary, status: "DRAFT" });
      expect(await storedActions(draft.versionId)).toEqual(
        winner.actions.map((a, position) => ({ position, description: a.description, expected_result: a.expectedResult })),
      );
      revision = row.revision;
    }
    // One version only, and one audit row per winning save.
    const [count] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM path_plan_version WHERE path_id = $1`, [pathId]);
    expect(count?.n).toBe(1);
    expect((await auditRows(tenant.id)).filter((r) => r.action === "plan.version_update")).toHaveLength(8);
  });

  it("a save from a stale revision is refused with CONFLICT and changes nothing; the loser's text can be saved again from the fresh revision", async () => {
    const pathId = await pathAtPlan();
    const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: "Szkic", actions: actions("Szkic", 1) });
    await savePlan(contextFor(manager), pathId, { baseRevision: draft.revision, versionId: draft.versionId, summary: "Kierownik", actions: actions("Kierownik", 1) });

    const mine = { baseRevision: draft.revision, versionId: draft.versionId, summary: "Moja wersja", actions: actions("Moje", 2) };
    const before = await snapshot();
    expect((await appErrorOf(savePlan(advisorCtx, pathId, mine))).code).toBe("CONFLICT");
    expect(await snapshot()).toEqual(before);

    const fresh = await getPathPlan(advisorCtx, pathId);
    const again = await savePlan(advisorCtx, pathId, { ...mine, baseRevision: fresh.versions[0]?.revision ?? 0 });
    expect(await storedActions(again.versionId)).toMatchObject([{ description: "Moje 1" }, { description: "Moje 2" }]);
  });

  it("two parallel first drafts of one path: one version 1, the other CONFLICT", async () => {
    const pathId = await pathAtPlan();
    const first = { baseRevision: null, versionId: null, summary: null, actions: actions("A", 1) };
    const results = await Promise.allSettled([savePlan(advisorCtx, pathId, first), savePlan(coordinatorCtx, pathId, { ...first, actions: actions("B", 2) })]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((r): r is PromiseRejectedResult => r.status === "rejected")?.reason).toMatchObject({ code: "CONFLICT" });
    const versions = await ownerQuery(`SELECT number FROM path_plan_version WHERE path_id = $1`, [pathId]);
    expect(versions).toEqual([{ number: 1 }]);
  });

});

describe("the plan step (plan work from PLAN on)", () => {
  const BEFORE_PLAN_STEP = { code: "INVALID_STATE", fieldErrors: { _form: "planBeforePlanStep" } };

  for (const step of ["IDENTIFICATION", "NEEDS"] as const) {
    it(`at ${step}: a plan is neither saved, submitted nor decided, nothing changes, and the page offers no editor`, async () => {
      const client = await createClient(tenant, { keyAdvisorId: advisor.id });
      const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, step);
      expect(await getPath(advisorCtx, pathId)).toMatchObject({ step, canWrite: true, canEditPlan: false });
      const firstDraft = await appErrorOf(savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: null, actions: actions("A", 1) }));
      expect(firstDraft).toMatchObject(BEFORE_PLAN_STEP);

      // Versions written before the rule existed (by the owner): a draft on this path, and a
      // submitted one with a signed contract on another path at the same step.
      const path = { id: pathId, tenantId: tenant.id, clientId: client.id };
      const draft = await insertPlanVersion(path, { number: 1, status: "DRAFT", createdById: advisor.id });
      const otherClient = await createClient(tenant, { keyAdvisorId: advisor.id });
      const otherPath = await insertPath(tenant, { clientId: otherClient.id, keyAdvisorId: advisor.id, createdById: advisor.id, step });
      await insertContract(otherPath);
      const submitted = await insertPlanVersion(otherPath, { number: 1, status: "SUBMITTED", createdById: advisor.id });
      const before = await snapshot();

      const edit = { baseRevision: draft.revision, versionId: draft.id, summary: "Za wcześnie", actions: actions("B", 1) };
      expect(await appErrorOf(savePlan(advisorCtx, pathId, edit))).toMatchObject(BEFORE_PLAN_STEP);
      expect(await appErrorOf(submitPlan(advisorCtx, pathId, { versionId: draft.id, baseRevision: draft.revision }))).toMatchObject(BEFORE_PLAN_STEP);
      expect(await appErrorOf(decidePlan(coordinatorCtx, otherPath.id, submitted.id, { decision: "APPROVE" }))).toMatchObject(BEFORE_PLAN_STEP);
      expect(await appErrorOf(decidePlan(contextFor(manager), otherPath.id, submitted.id, { decision: "RETURN", comment: "Uwagi" }))).toMatchObject(BEFORE_PLAN_STEP);
      expect(await snapshot()).toEqual(before);
      expect(await getPath(advisorCtx, pathId)).toMatchObject({ canEditPlan: false });
    });
  }

  it("at PLAN: the same calls work; the editor is offered except while a version waits for a decision", async () => {
    const pathId = await pathAtPlan();
    expect(await getPath(advisorCtx, pathId)).toMatchObject({ step: "PLAN", canEditPlan: true });
    const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: "Plan", actions: actions("A", 1) });
    const edited = await savePlan(advisorCtx, pathId, { baseRevision: draft.revision, versionId: draft.versionId, summary: "Plan poprawiony", actions: actions("A", 2) });
    await submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: edited.revision });
    expect(await getPath(advisorCtx, pathId)).toMatchObject({ canEditPlan: false });
    await saveContract(advisorCtx, pathId, signedContract());
    await decidePlan(coordinatorCtx, pathId, draft.versionId, { decision: "APPROVE" });
    expect(await versionRow(draft.versionId)).toMatchObject({ status: "APPROVED", summary: "Plan poprawiony" });
    expect(await getPath(advisorCtx, pathId)).toMatchObject({ canEditPlan: true });
    // Someone who may only read the path is never offered the editor.
    const animator = await createUser(tenant, { role: "ANIMATOR", partnerId: partner.id });
    await addTeamMember(contextFor(manager), (await getPath(advisorCtx, pathId)).clientId, { userId: animator.id, role: "ANIMATOR", startsOn: todayInPoland() });
    expect(await getPath(contextFor(animator), pathId)).toMatchObject({ canWrite: false, canEditPlan: false });
  });

  it("in implementation an approved plan is revised (a new version, approved again)", async () => {
    const client = await createClient(tenant, { keyAdvisorId: advisor.id });
    const { pathId, versionId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "IMPLEMENTATION");
    if (!versionId) throw new Error("setup");
    expect(await getPath(advisorCtx, pathId)).toMatchObject({ step: "IMPLEMENTATION", canEditPlan: true });
    const v2 = await savePlan(advisorCtx, pathId, { baseRevision: (await versionRow(versionId)).revision, versionId, summary: "Korekta", actions: actions("K", 1) });
    await submitPlan(advisorCtx, pathId, { versionId: v2.versionId, baseRevision: v2.revision });
    await decidePlan(coordinatorCtx, pathId, v2.versionId, { decision: "APPROVE" });
    expect(await versionRow(v2.versionId)).toMatchObject({ number: 2, status: "APPROVED" });
    expect(await versionRow(versionId)).toMatchObject({ status: "SUPERSEDED" });
  });
});

describe("versions", () => {
  it("editing an APPROVED version makes version n+1 a DRAFT; the approved one stays readable and unchanged", async () => {
    const pathId = await pathAtPlan();
    const v1 = await approveFirstPlan(pathId);
    const approvedBefore = await getPlanVersion(advisorCtx, pathId, v1.versionId);

    const v2 = await savePlan(advisorCtx, pathId, { baseRevision: v1.revision, versionId: v1.versionId, summary: "Plan 2", actions: actions("Wersja 2", 3) });

    expect(v2).toMatchObject({ number: 2, revision: 1 });
    expect(v2.versionId).not.toBe(v1.versionId);
    expect(await getPlanVersion(advisorCtx, pathId, v1.versionId)).toEqual(approvedBefore);
    expect(approvedBefore).toMatchObject({ number: 1, status: "APPROVED", summary: "Plan 1", actions: [{ description: "Wersja 1 1" }, { description: "Wersja 1 2" }] });
    expect(await getPlanVersion(advisorCtx, pathId, v2.versionId)).toMatchObject({ number: 2, status: "DRAFT", summary: "Plan 2", actions: [{}, {}, {}] });

    // Saving over the old version once a newer exists, or over an approved one from a stale revision: CONFLICT.
    const before = await snapshot();
    expect((await appErrorOf(savePlan(advisorCtx, pathId, { baseRevision: v1.revision, versionId: v1.versionId, summary: null, actions: actions("X", 1) }))).code).toBe("CONFLICT");
    expect(await snapshot()).toEqual(before);
  });

  it("a version under review cannot change; a previously approved version becomes SUPERSEDED when the next is approved", async () => {
    const pathId = await pathAtPlan();
    const v1 = await approveFirstPlan(pathId);
    const v2 = await savePlan(advisorCtx, pathId, { baseRevision: v1.revision, versionId: v1.versionId, summary: "Plan 2", actions: actions("Wersja 2", 1) });
    await submitPlan(advisorCtx, pathId, { versionId: v2.versionId, baseRevision: v2.revision });
    const submitted = await versionRow(v2.versionId);

    const underReview = await appErrorOf(
      savePlan(advisorCtx, pathId, { baseRevision: submitted.revision, versionId: v2.versionId, summary: null, actions: actions("X", 1) }),
    );
    expect(underReview).toMatchObject({ code: "INVALID_STATE", fieldErrors: { _form: "planUnderReview" } });
    expect((await versionRow(v1.versionId)).status).toBe("APPROVED");

    await decidePlan(contextFor(manager), pathId, v2.versionId, { decision: "APPROVE", comment: "OK" });
    expect(await versionRow(v1.versionId)).toMatchObject({ status: "SUPERSEDED" });
    expect(await versionRow(v2.versionId)).toMatchObject({ status: "APPROVED", decided_by_id: manager.id, decision_comment: "OK" });
    // An approved version cannot be decided again.
    expect(await appErrorOf(decidePlan(contextFor(manager), pathId, v2.versionId, { decision: "RETURN", comment: "Jednak nie" }))).toMatchObject({
      code: "INVALID_STATE",
      fieldErrors: { _form: "planNotSubmitted" },
    });
  });
});

describe("approval", () => {
  it("submit → return with a comment (required) → revise → resubmit → approve; the advisor sees the returned plan", async () => {
    const pathId = await pathAtPlan();
    await saveContract(advisorCtx, pathId, signedContract());
    const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: "Plan", actions: actions("Pierwsza", 1) });
    await submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: draft.revision });
    expect((await versionRow(draft.versionId)).status).toBe("SUBMITTED");

    const noComment = await appErrorOf(decidePlan(coordinatorCtx, pathId, draft.versionId, { decision: "RETURN", comment: "  " }));
    expect(noComment).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { comment: "returnNeedsComment" } });
    expect((await versionRow(draft.versionId)).status).toBe("SUBMITTED");

    await decidePlan(coordinatorCtx, pathId, draft.versionId, { decision: "RETURN", comment: "Dodaj doradztwo prawne" });
    expect(await versionRow(draft.versionId)).toMatchObject({ status: "RETURNED", decided_by_id: coordinator.id, decision_comment: "Dodaj doradztwo prawne" });
    expect(await findMyReturnedPlans(advisorCtx)).toMatchObject([{ id: draft.versionId, number: 1, decisionComment: "Dodaj doradztwo prawne", pathId }]);
    expect(await findMyReturnedPlans(contextFor(await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id })))).toEqual([]);

    const returned = await versionRow(draft.versionId);
    const revised = await savePlan(advisorCtx, pathId, {
      baseRevision: returned.revision,
      versionId: draft.versionId,
      summary: "Plan poprawiony",
      actions: [...actions("Pierwsza", 1), planAction({ supportType: "SPECIALIST_ADVISORY", specialistArea: "LEGAL", description: "Doradztwo prawne" })],
    });
    expect(revised.versionId).toBe(draft.versionId);
    expect((await versionRow(draft.versionId)).status).toBe("DRAFT");
    expect(await findMyReturnedPlans(advisorCtx)).toEqual([]);

    await submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: revised.revision });
    await decidePlan(coordinatorCtx, pathId, draft.versionId, { decision: "APPROVE", comment: null });
    expect(await versionRow(draft.versionId)).toMatchObject({ number: 1, status: "APPROVED", decided_by_id: coordinator.id });
    expect((await storedActions(draft.versionId)).map((a) => a.description)).toEqual(["Pierwsza 1", "Doradztwo prawne"]);
  });

  it("submitting from a stale revision, or a version that is not a draft, is CONFLICT", async () => {
    const pathId = await pathAtPlan();
    const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: null, actions: actions("A", 1) });
    await savePlan(advisorCtx, pathId, { baseRevision: draft.revision, versionId: draft.versionId, summary: null, actions: actions("B", 1) });
    expect((await appErrorOf(submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: draft.revision }))).code).toBe("CONFLICT");
    await submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: draft.revision + 1 });
    expect((await appErrorOf(submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: draft.revision + 2 }))).code).toBe("CONFLICT");
  });

  it("approval without a signed contract → CONTRACT_NOT_SIGNED, and nothing changes", async () => {
    const pathId = await pathAtPlan();
    const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: null, actions: actions("A", 1) });
    await submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: draft.revision });

    for (const contract of [null, { number: "UM/7/2026", status: "DRAFT" as const }]) {
      if (contract) await saveContract(advisorCtx, pathId, contract);
      const before = await snapshot();
      const error = await appErrorOf(decidePlan(coordinatorCtx, pathId, draft.versionId, { decision: "APPROVE" }));
      expect(error.code).toBe("CONTRACT_NOT_SIGNED");
      expect(await snapshot()).toEqual(before);
    }
    expect((await versionRow(draft.versionId)).status).toBe("SUBMITTED");
  });

  it("a coordinator of another partner cannot decide (the path is not theirs to see: NOT_FOUND, audited; the version stays SUBMITTED), nor can a key advisor", async () => {
    const pathId = await pathAtPlan();
    await saveContract(advisorCtx, pathId, signedContract());
    const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: null, actions: actions("A", 1) });
    await submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: draft.revision });
    const otherCoordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: (await createPartner(tenant)).id });
    const auditBefore = (await auditRows(tenant.id)).length;
    const before = await pathSnapshot(tenant.id);

    for (const decision of ["APPROVE", "RETURN"] as const) {
      const error = await appErrorOf(decidePlan(contextFor(otherCoordinator), pathId, draft.versionId, { decision, comment: "Nie mój partner" }));
      expect(error.code).toBe("NOT_FOUND");
    }
    const ownAdvisor = await appErrorOf(decidePlan(advisorCtx, pathId, draft.versionId, { decision: "APPROVE" }));
    expect(ownAdvisor.code).toBe("FORBIDDEN");

    expect(await pathSnapshot(tenant.id)).toEqual(before);
    expect((await versionRow(draft.versionId)).status).toBe("SUBMITTED");
    const audit = (await auditRows(tenant.id)).slice(auditBefore);
    expect(audit.map((r) => [r.action, r.actor_id, r.after])).toEqual([
      ["auth.forbidden", otherCoordinator.id, { role: "COORDINATOR", permission: "paths.approve_plan", pathId, reason: "needToKnow" }],
      ["auth.forbidden", otherCoordinator.id, { role: "COORDINATOR", permission: "paths.approve_plan", pathId, reason: "needToKnow" }],
      ["auth.forbidden", advisor.id, { role: "KEY_ADVISOR", permission: "paths.approve_plan" }],
    ]);
  });
});

describe("the coordinator's inbox", () => {
  it("counts the plans pending for the coordinator's own partner only; the manager sees all; a decision takes one out", async () => {
    const otherPartner = await createPartner(tenant);
    const otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: otherPartner.id });
    const otherCoordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: otherPartner.id });

    const submit = async (owner: TUserRow, approver: TContext) => {
      const pathId = await pathAtPlan(owner, approver);
      const ctx = contextFor(owner);
      await saveContract(ctx, pathId, signedContract());
      const draft = await savePlan(ctx, pathId, { baseRevision: null, versionId: null, summary: null, actions: actions("A", 1) });
      await submitPlan(ctx, pathId, { versionId: draft.versionId, baseRevision: draft.revision });
      return { pathId, versionId: draft.versionId };
    };
    const mine1 = await submit(advisor, coordinatorCtx);
    const mine2 = await submit(advisor, coordinatorCtx);
    const theirs = await submit(otherAdvisor, contextFor(otherCoordinator));
    // A draft that was never submitted is not pending.
    const drafting = await pathAtPlan();
    await savePlan(advisorCtx, drafting, { baseRevision: null, versionId: null, summary: null, actions: actions("A", 1) });

    const inbox = await findPlanInbox(coordinatorCtx, {});
    expect(inbox.total).toBe(2);
    expect(inbox.items.map((i) => i.id).sort()).toEqual([mine1.versionId, mine2.versionId].sort());
    expect(inbox.items[0]).toMatchObject({ advisorName: advisor.name, number: 1 });
    expect(await findPlanInbox(contextFor(otherCoordinator), {})).toMatchObject({ total: 1, items: [{ id: theirs.versionId }] });
    expect((await findPlanInbox(contextFor(manager), {})).total).toBe(3);
    expect((await appErrorOf(findPlanInbox(advisorCtx, {}))).code).toBe("FORBIDDEN");

    await decidePlan(coordinatorCtx, mine1.pathId, mine1.versionId, { decision: "APPROVE" });
    expect(await findPlanInbox(coordinatorCtx, {})).toMatchObject({ total: 1, items: [{ id: mine2.versionId }] });
  });
});

describe("differences between versions", () => {
  it("reports changed fields, added and removed actions, in plan order", async () => {
    const pathId = await pathAtPlan();
    const base = [
      planAction({ description: "Szkolenie", plannedFrom: "2026-11-01", plannedTo: "2026-11-30" }),
      planAction({ supportType: "ANIMATION", description: "Animacja" }),
      planAction({ supportType: "COACHING", description: "Coaching" }),
    ];
    const draft = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: "Plan 1", actions: base });
    await submitPlan(advisorCtx, pathId, { versionId: draft.versionId, baseRevision: draft.revision });
    await saveContract(advisorCtx, pathId, signedContract());
    await decidePlan(coordinatorCtx, pathId, draft.versionId, { decision: "APPROVE" });
    const v1 = await versionRow(draft.versionId);
    const v2 = await savePlan(advisorCtx, pathId, {
      baseRevision: v1.revision,
      versionId: draft.versionId,
      summary: "Plan 2",
      actions: [{ ...base[0], description: "Szkolenie rozszerzone", plannedTo: "2026-12-15", status: "IN_PROGRESS" } as (typeof base)[number], base[1] as (typeof base)[number]],
    });

    const forward = await comparePlanVersions(advisorCtx, pathId, draft.versionId, v2.versionId);
    expect(forward).toEqual({
      from: { id: draft.versionId, number: 1 },
      to: { id: v2.versionId, number: 2 },
      summaryChanged: true,
      changes: [
        {
          kind: "changed",
          position: 0,
          fields: [
            { field: "description", before: "Szkolenie", after: "Szkolenie rozszerzone" },
            { field: "plannedTo", before: "2026-11-30", after: "2026-12-15" },
            { field: "status", before: "PLANNED", after: "IN_PROGRESS" },
          ],
        },
        { kind: "removed", position: 2, action: expect.objectContaining({ supportType: "COACHING", description: "Coaching" }) },
      ],
    });
    const backward = await comparePlanVersions(advisorCtx, pathId, v2.versionId, draft.versionId);
    expect(backward.changes.map((c) => [c.kind, c.position])).toEqual([
      ["changed", 0],
      ["added", 2],
    ]);
    expect(await comparePlanVersions(advisorCtx, pathId, draft.versionId, draft.versionId)).toMatchObject({ summaryChanged: false, changes: [] });

    // Versions of two different paths are not comparable.
    const otherPath = await pathAtPlan();
    const other = await savePlan(advisorCtx, otherPath, { baseRevision: null, versionId: null, summary: null, actions: actions("A", 1) });
    expect((await appErrorOf(comparePlanVersions(advisorCtx, pathId, draft.versionId, other.versionId))).code).toBe("NOT_FOUND");
  });
});
