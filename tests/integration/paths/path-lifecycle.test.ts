import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { setAdvisorLimit } from "@/lib/domain/caseload/service";
import { addTeamMember, getClientHistory } from "@/lib/domain/clients/service";
import {
  addEvaluation,
  addMonitoringEntry,
  decidePlan,
  getPath,
  getPathPlan,
  listPathEvaluations,
  listPathMonitoring,
  movePath,
  openPath,
  saveContract,
  saveNeeds,
  savePlan,
  submitPlan,
} from "@/lib/domain/paths/service";
import type { TPathStep } from "@/lib/domain/paths/state-machine";
import { deleteService, logService } from "@/lib/domain/services/service";
import {
  auditRows,
  contextFor,
  createClient,
  createPartner,
  createTenant,
  createUser,
  ownerQuery,
  type TClientRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { polishDaysAgo, serviceInput } from "@/tests/factories/services";
import {
  clientState,
  EVALUATION_INPUT,
  loadOf,
  NEEDS_INPUT,
  OPEN_PATH_INPUT,
  openPathAt,
  pathRow,
  pathSnapshot,
  planAction,
  signedContract,
} from "@/tests/factories/paths";

/**
 * Issue 5: a path per client (at most one open), its six steps as a guarded state machine, and
 * closing/reopening moving the client off and back onto the advisor's load under the cap.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let coordinator: TUserRow;
let advisor: TUserRow;
let client: TClientRow;
let advisorCtx: TContext;
let coordinatorCtx: TContext;

beforeEach(async () => {
  tenant = await createTenant();
  const partner = await createPartner(tenant);
  manager = await createUser(tenant, { role: "MANAGER" });
  coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, name: "Anna Nowak" });
  client = await createClient(tenant, { keyAdvisorId: advisor.id, name: "Spółdzielnia Razem" });
  advisorCtx = contextFor(advisor);
  coordinatorCtx = contextFor(coordinator);
});

/** Everything the tenant owns, paths included: a refusal must leave all of it as it was. */
async function snapshot() {
  return tenantSnapshot(tenant.id);
}

async function transitions(pathId: string) {
  return ownerQuery<{ from_step: string | null; to_step: string; actor_id: string }>(
    `SELECT from_step::text AS from_step, to_step::text AS to_step, actor_id FROM path_transition WHERE path_id = $1 ORDER BY at, id`,
    [pathId],
  );
}

/** Moves and expects PATH_TRANSITION_REFUSED with exactly `missing`, changing nothing. */
async function expectRefused(pathId: string, from: TPathStep, to: TPathStep, missing: string[]) {
  const before = await snapshot();
  expect(before.support_path).toHaveLength(1);
  const error = await appErrorOf(movePath(advisorCtx, pathId, { to }));
  expect(error.code).toBe("PATH_TRANSITION_REFUSED");
  expect(error.params).toEqual({ from, to, missing: missing.join(",") });
  expect(await snapshot()).toEqual(before);
}

describe("opening a path", () => {
  it("opens at IDENTIFICATION for a client with a key advisor, and refuses a second open path for the same client", async () => {
    const { id } = await openPath(advisorCtx, client.id, { ...OPEN_PATH_INPUT, template: "LOCAL_GOVERNMENT" });

    const [row] = await ownerQuery(
      `SELECT step::text AS step, template::text AS template, direction::text AS direction, open_client_id, key_advisor_id, closed_at, created_by_id
       FROM support_path WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({
      step: "IDENTIFICATION",
      template: "LOCAL_GOVERNMENT",
      direction: "FOUNDING_BY_NATURAL_PERSONS",
      open_client_id: client.id,
      key_advisor_id: advisor.id,
      closed_at: null,
      created_by_id: advisor.id,
    });
    expect(await transitions(id)).toEqual([{ from_step: null, to_step: "IDENTIFICATION", actor_id: advisor.id }]);

    const before = await snapshot();
    const second = await appErrorOf(openPath(advisorCtx, client.id, OPEN_PATH_INPUT));
    expect(second).toMatchObject({ code: "ALREADY_EXISTS", fieldErrors: { _form: "pathAlreadyOpen" } });
    expect(await snapshot()).toEqual(before);
  });

  it("two parallel openings for one client: exactly one path opens", async () => {
    const results = await Promise.allSettled([openPath(advisorCtx, client.id, OPEN_PATH_INPUT), openPath(contextFor(manager), client.id, OPEN_PATH_INPUT)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "ALREADY_EXISTS", fieldErrors: { _form: "pathAlreadyOpen" } });
    const [count] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM support_path WHERE client_id = $1`, [client.id]);
    expect(count?.n).toBe(1);
  });

  it("needs a key advisor: a waiting client cannot have a path yet", async () => {
    const waiting = await createClient(tenant);
    const error = await appErrorOf(openPath(contextFor(manager), waiting.id, OPEN_PATH_INPUT));
    expect(error).toMatchObject({ code: "INVALID_STATE", fieldErrors: { _form: "pathNeedsKeyAdvisor" } });
    expect(await pathSnapshot(tenant.id)).toMatchObject({ support_path: [] });
  });

  it("refuses a key advisor of another client and a coordinator of another partner (NOT_FOUND: the client is not theirs to see; audited, no path)", async () => {
    const otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: advisor.partnerId });
    const otherCoordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: (await createPartner(tenant)).id });

    for (const intruder of [otherAdvisor, otherCoordinator]) {
      const error = await appErrorOf(openPath(contextFor(intruder), client.id, OPEN_PATH_INPUT));
      expect(error.code).toBe("NOT_FOUND");
    }

    const audit = await auditRows(tenant.id);
    expect(audit.map((r) => [r.action, r.actor_id, r.after])).toEqual([
      ["auth.forbidden", otherAdvisor.id, { role: "KEY_ADVISOR", permission: "paths.write", clientId: client.id, reason: "needToKnow" }],
      ["auth.forbidden", otherCoordinator.id, { role: "COORDINATOR", permission: "paths.write", clientId: client.id, reason: "needToKnow" }],
    ]);
    expect(await pathSnapshot(tenant.id)).toMatchObject({ support_path: [], path_transition: [] });
    // The client's own coordinator may open it.
    await expect(openPath(coordinatorCtx, client.id, OPEN_PATH_INPUT)).resolves.toMatchObject({ id: expect.any(String) });
  });
});

describe("the six steps", () => {
  it("goes IDENTIFICATION → … → CLOSED with needs, contract, an approved plan, monitoring and an evaluation (jobs created: 3); closing drops the advisor's load by one", async () => {
    await createCaseloadClients(tenant, 3, { status: "ACTIVE", keyAdvisorId: advisor.id });
    expect(await loadOf(advisor.id)).toBe(4);

    const { id } = await openPath(advisorCtx, client.id, OPEN_PATH_INPUT);
    await saveNeeds(advisorCtx, id, NEEDS_INPUT);
    await movePath(advisorCtx, id, { to: "NEEDS" });
    await movePath(advisorCtx, id, { to: "PLAN" });
    const plan = await savePlan(advisorCtx, id, { baseRevision: null, versionId: null, summary: "Założenie spółdzielni", actions: [planAction()] });
    await submitPlan(advisorCtx, id, { versionId: plan.versionId, baseRevision: plan.revision });
    await saveContract(advisorCtx, id, signedContract());
    await decidePlan(coordinatorCtx, id, plan.versionId, { decision: "APPROVE", comment: "Zatwierdzam" });
    await movePath(advisorCtx, id, { to: "IMPLEMENTATION" });
    await addMonitoringEntry(advisorCtx, id, { progress: "Szkolenie ukończone", risks: "Brak lokalu", nextSteps: "Rejestracja" });
    await movePath(advisorCtx, id, { to: "MONITORING" });
    await movePath(advisorCtx, id, { to: "EVALUATION" });
    await addEvaluation(advisorCtx, id, EVALUATION_INPUT);
    const closed = await movePath(advisorCtx, id, { to: "CLOSED" });

    expect(closed).toEqual({ step: "CLOSED" });
    expect((await transitions(id)).map((t) => [t.from_step, t.to_step])).toEqual([
      [null, "IDENTIFICATION"],
      ["IDENTIFICATION", "NEEDS"],
      ["NEEDS", "PLAN"],
      ["PLAN", "IMPLEMENTATION"],
      ["IMPLEMENTATION", "MONITORING"],
      ["MONITORING", "EVALUATION"],
      ["EVALUATION", "CLOSED"],
    ]);
    const path = await getPath(advisorCtx, id);
    expect(path).toMatchObject({ step: "CLOSED", closedAt: expect.any(Date), advisorId: advisor.id, advisorName: "Anna Nowak", nextSteps: [{ to: "IMPLEMENTATION", missing: [] }] });
    const evaluations = await listPathEvaluations(advisorCtx, id);
    expect(evaluations).toHaveLength(1);
    expect(evaluations[0]?.results).toMatchObject([{ type: "JOBS_CREATED", quantity: 3, evidenceKind: "umowy o pracę", evidenceReference: "UP/1-3/2026" }]);
    expect((await getPathPlan(advisorCtx, id)).versions).toMatchObject([{ status: "APPROVED", decisionComment: "Zatwierdzam" }]);
    expect(await listPathMonitoring(advisorCtx, id)).toMatchObject([{ progress: "Szkolenie ukończone", risks: "Brak lokalu", nextSteps: "Rejestracja" }]);

    // Closing released the client: no key advisor, the assignment row closed, one fewer on the load.
    expect(await pathRow(id)).toMatchObject({ step: "CLOSED", open_client_id: null, key_advisor_id: advisor.id });
    expect(await clientState(client.id)).toEqual({ status: "CLOSED", key_advisor_id: null, open_assignments: 0 });
    const [assignment] = await ownerQuery(`SELECT released_at, released_by_id, release_reason FROM client_assignment WHERE client_id = $1`, [client.id]);
    expect(assignment).toEqual({ released_at: expect.any(Date), released_by_id: advisor.id, release_reason: "path.closed" });
    expect(await loadOf(advisor.id)).toBe(3);
  });

  it("refuses each guarded move with what is missing, and changes nothing", async () => {
    const { id } = await openPath(advisorCtx, client.id, OPEN_PATH_INPUT);
    await expectRefused(id, "IDENTIFICATION", "PLAN", ["notAllowed"]);
    await expectRefused(id, "IDENTIFICATION", "CLOSED", ["notAllowed"]);
    await movePath(advisorCtx, id, { to: "NEEDS" });

    // Leaving NEEDS: a need without an expected effect does not count.
    await expectRefused(id, "NEEDS", "PLAN", ["needWithExpectedEffect"]);
    await saveNeeds(advisorCtx, id, { needs: [{ area: "ADVISORY", description: "Doradztwo prawne", expectedEffects: ["", "  "] }] });
    await expectRefused(id, "NEEDS", "PLAN", ["needWithExpectedEffect"]);
    await saveNeeds(advisorCtx, id, NEEDS_INPUT);
    await movePath(advisorCtx, id, { to: "PLAN" });

    // IMPLEMENTATION needs an approved plan and a signed contract.
    await expectRefused(id, "PLAN", "IMPLEMENTATION", ["approvedPlan", "signedContract"]);
    await saveContract(advisorCtx, id, signedContract({ number: "UM/1/2026" }));
    const plan = await savePlan(advisorCtx, id, { baseRevision: null, versionId: null, summary: null, actions: [planAction()] });
    await expectRefused(id, "PLAN", "IMPLEMENTATION", ["approvedPlan"]);
    await submitPlan(advisorCtx, id, { versionId: plan.versionId, baseRevision: plan.revision });
    await expectRefused(id, "PLAN", "IMPLEMENTATION", ["approvedPlan"]);
    await decidePlan(coordinatorCtx, id, plan.versionId, { decision: "APPROVE" });
    await saveContract(advisorCtx, id, { number: "UM/1/2026", signedOn: "2026-01-15", status: "TERMINATED" });
    await expectRefused(id, "PLAN", "IMPLEMENTATION", ["signedContract"]);
    await saveContract(advisorCtx, id, { number: "UM/1/2026", signedOn: "2026-01-15", status: "SIGNED" });
    await movePath(advisorCtx, id, { to: "IMPLEMENTATION" });

    await expectRefused(id, "IMPLEMENTATION", "CLOSED", ["notAllowed"]);
    await expectRefused(id, "IMPLEMENTATION", "EVALUATION", ["notAllowed"]);
    await movePath(advisorCtx, id, { to: "MONITORING" });
    // The return for a revised plan, and back.
    await movePath(advisorCtx, id, { to: "PLAN" });
    await movePath(advisorCtx, id, { to: "IMPLEMENTATION" });
    await movePath(advisorCtx, id, { to: "MONITORING" });
    await movePath(advisorCtx, id, { to: "EVALUATION" });

    // CLOSED needs an evaluation.
    await expectRefused(id, "EVALUATION", "CLOSED", ["evaluation"]);
    // The return when results fall short.
    await movePath(advisorCtx, id, { to: "IMPLEMENTATION" });
    expect(await pathRow(id)).toMatchObject({ step: "IMPLEMENTATION", closed_at: null });
  });

  it("the local-government template reaches EVALUATION only once the service log holds ANIMATION and SPECIALIST_ADVISORY for the path", async () => {
    const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "MONITORING", { template: "LOCAL_GOVERNMENT" });
    await expectRefused(pathId, "MONITORING", "EVALUATION", ["obligatoryMethod.ANIMATION", "obligatoryMethod.SPECIALIST_ADVISORY"]);

    // An animator's session with the local government (on its team) counts for animation.
    const animator = await createUser(tenant, { role: "ANIMATOR" });
    await addTeamMember(coordinatorCtx, client.id, { userId: animator.id, role: "ANIMATOR", startsOn: polishDaysAgo(0) });
    await logService(contextFor(animator), { ...serviceInput([client.id]), supportType: "ANIMATION" });
    await expectRefused(pathId, "MONITORING", "EVALUATION", ["obligatoryMethod.SPECIALIST_ADVISORY"]);

    // Specialist advisory for another client does not count for this path, nor does a deleted record.
    const other = await createClient(tenant, { keyAdvisorId: advisor.id });
    await logService(advisorCtx, { ...serviceInput([other.id]), supportType: "SPECIALIST_ADVISORY", specialistArea: "LEGAL" });
    const deleted = await logService(advisorCtx, { ...serviceInput([client.id]), supportType: "SPECIALIST_ADVISORY", specialistArea: "LEGAL" });
    await deleteService(advisorCtx, deleted.id, { reason: "Wpisane omyłkowo" });
    await expectRefused(pathId, "MONITORING", "EVALUATION", ["obligatoryMethod.SPECIALIST_ADVISORY"]);

    await logService(advisorCtx, { ...serviceInput([client.id]), supportType: "SPECIALIST_ADVISORY", specialistArea: "FINANCIAL" });
    await expect(movePath(advisorCtx, pathId, { to: "EVALUATION" })).resolves.toEqual({ step: "EVALUATION" });
  });

  it("takes monitoring from IMPLEMENTATION on and an evaluation only in EVALUATION", async () => {
    const { id } = await openPath(advisorCtx, client.id, OPEN_PATH_INPUT);
    const monitoring = { progress: "Postęp", risks: null, nextSteps: null };

    for (const step of ["IDENTIFICATION", "NEEDS", "PLAN"] as const) {
      if (step !== "IDENTIFICATION") await movePath(advisorCtx, id, { to: step });
      else await saveNeeds(advisorCtx, id, NEEDS_INPUT);
      const before = await snapshot();
      const error = await appErrorOf(addMonitoringEntry(advisorCtx, id, monitoring));
      expect(error, step).toMatchObject({ code: "INVALID_STATE", fieldErrors: { _form: "monitoringFromImplementation" } });
      const evaluation = await appErrorOf(addEvaluation(advisorCtx, id, EVALUATION_INPUT));
      expect(evaluation, step).toMatchObject({ code: "INVALID_STATE", fieldErrors: { _form: "evaluationInEvaluationStep" } });
      expect(await snapshot()).toEqual(before);
    }

    const plan = await savePlan(advisorCtx, id, { baseRevision: null, versionId: null, summary: null, actions: [planAction()] });
    await submitPlan(advisorCtx, id, { versionId: plan.versionId, baseRevision: plan.revision });
    await saveContract(advisorCtx, id, signedContract());
    await decidePlan(coordinatorCtx, id, plan.versionId, { decision: "APPROVE" });
    await movePath(advisorCtx, id, { to: "IMPLEMENTATION" });
    await addMonitoringEntry(advisorCtx, id, monitoring);
    expect((await appErrorOf(addEvaluation(advisorCtx, id, EVALUATION_INPUT))).code).toBe("INVALID_STATE");
    await movePath(advisorCtx, id, { to: "MONITORING" });
    await addMonitoringEntry(advisorCtx, id, monitoring);
    expect((await appErrorOf(addEvaluation(advisorCtx, id, EVALUATION_INPUT))).code).toBe("INVALID_STATE");
    await movePath(advisorCtx, id, { to: "EVALUATION" });
    await addMonitoringEntry(advisorCtx, id, monitoring);
    await addEvaluation(advisorCtx, id, EVALUATION_INPUT);
    await movePath(advisorCtx, id, { to: "CLOSED" });

    // A closed path takes nothing more.
    const before = await snapshot();
    expect(await appErrorOf(addMonitoringEntry(advisorCtx, id, monitoring))).toMatchObject({ code: "INVALID_STATE" });
    expect(await appErrorOf(addEvaluation(advisorCtx, id, EVALUATION_INPUT))).toMatchObject({ code: "INVALID_STATE" });
    expect(await snapshot()).toEqual(before);

    const [counts] = await ownerQuery(
      `SELECT (SELECT count(*)::int FROM path_monitoring_entry WHERE path_id = $1) AS monitoring,
              (SELECT count(*)::int FROM path_evaluation WHERE path_id = $1) AS evaluations`,
      [id],
    );
    expect(counts).toEqual({ monitoring: 3, evaluations: 1 });
  });
});

describe("closing and reopening", () => {
  it("reopening (CLOSED → IMPLEMENTATION) takes the client back onto the advisor: ACTIVE, a new assignment row, load + 1", async () => {
    const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "CLOSED");
    expect(await loadOf(advisor.id)).toBe(0);

    await expect(movePath(advisorCtx, pathId, { to: "IMPLEMENTATION" })).resolves.toEqual({ step: "IMPLEMENTATION" });

    expect(await pathRow(pathId)).toMatchObject({ step: "IMPLEMENTATION", closed_at: null, open_client_id: client.id });
    expect(await clientState(client.id)).toEqual({ status: "ACTIVE", key_advisor_id: advisor.id, open_assignments: 1 });
    const [assignment] = await ownerQuery(`SELECT advisor_id, assigned_by_id, reason FROM client_assignment WHERE client_id = $1 AND released_at IS NULL`, [
      client.id,
    ]);
    expect(assignment).toEqual({ advisor_id: advisor.id, assigned_by_id: advisor.id, reason: "path.reopened" });
    expect(await loadOf(advisor.id)).toBe(1);
    // The reopened path works again: monitoring goes on.
    await addMonitoringEntry(advisorCtx, pathId, { progress: "Wznowione wsparcie", risks: null, nextSteps: null });
  });

  it("refuses reopening with CASELOAD_LIMIT_REACHED when the advisor filled up meanwhile, changing nothing", async () => {
    const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "CLOSED");
    await setAdvisorLimit(contextFor(manager), advisor.id, { limit: 2 });
    await createCaseloadClients(tenant, 2, { status: "ACTIVE", keyAdvisorId: advisor.id });

    const before = await snapshot();
    const error = await appErrorOf(movePath(advisorCtx, pathId, { to: "IMPLEMENTATION" }));
    expect(error).toMatchObject({ code: "CASELOAD_LIMIT_REACHED", params: { advisor: "Anna Nowak", load: 2, limit: 2 } });
    expect(await snapshot()).toEqual(before);
    expect(await clientState(client.id)).toEqual({ status: "CLOSED", key_advisor_id: null, open_assignments: 0 });

    // A place frees up: the reopening goes through.
    await setAdvisorLimit(contextFor(manager), advisor.id, { limit: 3 });
    await expect(movePath(advisorCtx, pathId, { to: "IMPLEMENTATION" })).resolves.toEqual({ step: "IMPLEMENTATION" });
    expect(await loadOf(advisor.id)).toBe(3);
  });

  it("closing and reopening move the client like any assignment: client.close / client.reopen audited on the client and in their history", async () => {
    const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "EVALUATION");
    await addEvaluation(advisorCtx, pathId, EVALUATION_INPUT);
    await movePath(advisorCtx, pathId, { to: "CLOSED" });
    await movePath(advisorCtx, pathId, { to: "IMPLEMENTATION" });

    const history = await getClientHistory(contextFor(manager), client.id);
    const moves = history.auditEntries.filter((e) => /^audit\.actions\.client\.(close|reopen)$/.test(e.description.actionKey));
    const advisorName = { kind: "text", text: advisor.name };
    const none = { kind: "none" };
    const label = (key: string) => ({ kind: "label", key });
    expect(moves.map(({ description, actor }) => ({ action: description.actionKey, actor: actor?.id, changes: description.changes }))).toEqual([
      {
        action: "audit.actions.client.reopen",
        actor: advisor.id,
        changes: [
          { labelKey: "audit.fields.keyAdvisorId", before: none, after: advisorName },
          { labelKey: "audit.fields.status", before: label("clients.statuses.CLOSED"), after: label("clients.statuses.ACTIVE") },
          { labelKey: "audit.fields.reason", before: none, after: label("audit.reasons.path_reopened") },
        ],
      },
      {
        action: "audit.actions.client.close",
        actor: advisor.id,
        changes: [
          { labelKey: "audit.fields.keyAdvisorId", before: advisorName, after: none },
          { labelKey: "audit.fields.status", before: label("clients.statuses.ACTIVE"), after: label("clients.statuses.CLOSED") },
          { labelKey: "audit.fields.reason", before: none, after: label("audit.reasons.path_closed") },
        ],
      },
    ]);
    // The assignment history, newest first: back with the advisor, and the row the close ended.
    expect(history.assignments.slice(0, 2)).toMatchObject([
      { advisor: { id: advisor.id }, fromAdvisor: null, assignedBy: { id: advisor.id }, reason: label("audit.reasons.path_reopened"), releasedAt: null },
      { advisor: { id: advisor.id }, releasedAt: expect.any(Date), releasedBy: { id: advisor.id }, releaseReason: label("audit.reasons.path_closed") },
    ]);
    expect(history.assignments).toHaveLength(2);
    // The path's own trail stays the path's.
    const pathAudit = (await auditRows(tenant.id)).filter((r) => r.entity_id === pathId).map((r) => r.action);
    expect(pathAudit.slice(-2)).toEqual(["path.close", "path.reopen"]);
  });

  it("another key advisor cannot close or reopen the path (NOT_FOUND outside the team, FORBIDDEN on it), its own advisor can", async () => {
    const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "EVALUATION");
    const strangerUser = await createUser(tenant, { role: "KEY_ADVISOR" });
    const stranger = contextFor(strangerUser);
    await addEvaluation(advisorCtx, pathId, EVALUATION_INPUT);

    expect((await appErrorOf(movePath(stranger, pathId, { to: "CLOSED" }))).code).toBe("NOT_FOUND");
    // On the client's team they read the path, and still may not work on it.
    await addTeamMember(coordinatorCtx, client.id, { userId: strangerUser.id, role: "ADVISOR", startsOn: polishDaysAgo(0) });
    expect((await appErrorOf(movePath(stranger, pathId, { to: "CLOSED" }))).code).toBe("FORBIDDEN");
    await movePath(advisorCtx, pathId, { to: "CLOSED" });
    expect((await appErrorOf(movePath(stranger, pathId, { to: "IMPLEMENTATION" }))).code).toBe("FORBIDDEN");
    expect(await pathRow(pathId)).toMatchObject({ step: "CLOSED" });
  });
});
