import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import {
  addAnnotation,
  addEvaluation,
  addMonitoringEntry,
  decidePlan,
  getPath,
  getPathTimeline,
  listPathAnnotations,
  movePath,
  openPath,
  reviseAnnotation,
  saveContract,
  saveNeeds,
  savePlan,
  submitPlan,
  updateIdentification,
} from "@/lib/domain/paths/service";
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
import { updateTenantPolicy } from "@/lib/domain/tenancy/service";
import { appErrorOf } from "@/tests/factories/assertions";
import { EVALUATION_INPUT, NEEDS_INPUT, OPEN_PATH_INPUT, openPathAt, planAction, signedContract } from "@/tests/factories/paths";

/**
 * Issue 5: annotations are append-only (an edit adds a revision; the database refuses UPDATE and
 * DELETE, even by SQL); every change leaves one audit row; the timeline and the step header.
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
  manager = await createUser(tenant, { role: "MANAGER", name: "Maria Kierownik" });
  coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id, name: "Karol Koordynator" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, name: "Anna Nowak" });
  client = await createClient(tenant, { keyAdvisorId: advisor.id });
  advisorCtx = contextFor(advisor);
  coordinatorCtx = contextFor(coordinator);
});

async function annotationRows(annotationId: string) {
  return ownerQuery<{ id: string; revision: number; step: string; text: string; author_id: string; created_at: Date }>(
    `SELECT id, revision, step::text AS step, text, author_id, created_at FROM path_annotation WHERE annotation_id = $1 ORDER BY revision`,
    [annotationId],
  );
}

describe("annotations", () => {
  it("a revision is appended: revision 1 keeps its text, author and time; only the author or a manager may revise", async () => {
    const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "NEEDS");
    const { annotationId } = await addAnnotation(advisorCtx, pathId, { step: "NEEDS", text: "Klient potrzebuje doradztwa prawnego" });
    const [first] = await annotationRows(annotationId);

    await expect(reviseAnnotation(advisorCtx, pathId, annotationId, { text: "Klient potrzebuje doradztwa prawnego i księgowego" })).resolves.toEqual({ revision: 2 });

    const rows = await annotationRows(annotationId);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(first);
    expect(rows[0]).toMatchObject({ revision: 1, step: "NEEDS", text: "Klient potrzebuje doradztwa prawnego", author_id: advisor.id });
    expect(rows[1]).toMatchObject({ revision: 2, step: "NEEDS", text: "Klient potrzebuje doradztwa prawnego i księgowego", author_id: advisor.id });

    // Neither another advisor nor the coordinator may rewrite the advisor's note…
    const otherAdvisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: advisor.partnerId });
    // (another advisor is not on the client's team: for them the path does not exist)
    expect((await appErrorOf(reviseAnnotation(contextFor(otherAdvisor), pathId, annotationId, { text: "Nadpisane" }))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(reviseAnnotation(coordinatorCtx, pathId, annotationId, { text: "Nadpisane" }))).code).toBe("FORBIDDEN");
    expect(await annotationRows(annotationId)).toHaveLength(2);
    // …a manager may, and that is a third revision by the manager.
    await expect(reviseAnnotation(contextFor(manager), pathId, annotationId, { text: "Uzupełnione przez kierownika" })).resolves.toEqual({ revision: 3 });
    expect((await annotationRows(annotationId)).map((r) => [r.revision, r.author_id, r.text])).toEqual([
      [1, advisor.id, "Klient potrzebuje doradztwa prawnego"],
      [2, advisor.id, "Klient potrzebuje doradztwa prawnego i księgowego"],
      [3, manager.id, "Uzupełnione przez kierownika"],
    ]);

    const annotations = await listPathAnnotations(advisorCtx, pathId);
    expect(annotations.map((a) => [a.annotationId, a.revision, a.authorId, a.text])).toEqual(
      (await annotationRows(annotationId)).map((r) => [annotationId, r.revision, r.author_id, r.text]),
    );
  });

  describe("in the database", () => {
    let app: pg.Client | null = null;
    let owner: pg.Client | null = null;

    afterEach(async () => {
      await app?.end();
      await owner?.end();
      app = null;
      owner = null;
    });

    it("UPDATE and DELETE fail as the app role (the grant, with the row visible under RLS) and as the owner (the trigger)", async () => {
      const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "IDENTIFICATION");
      const { annotationId } = await addAnnotation(advisorCtx, pathId, { step: "IDENTIFICATION", text: "Pierwsze spotkanie" });
      const original = await annotationRows(annotationId);

      app = new pg.Client({ connectionString: process.env.APP_DATABASE_URL });
      await app.connect();
      await app.query(`SELECT set_config('app.tenant_id', $1, false)`, [tenant.id]);
      // The row is visible to the app role, so a refusal cannot be RLS hiding it.
      const visible = await app.query(`SELECT text FROM path_annotation WHERE annotation_id = $1`, [annotationId]);
      expect(visible.rows).toEqual([{ text: "Pierwsze spotkanie" }]);
      // And the app role can write other tables under the same setting (the connection is sound).
      await expect(app.query(`UPDATE support_path SET identification = identification WHERE id = $1`, [pathId])).resolves.toMatchObject({ rowCount: 1 });

      await expect(app.query(`UPDATE path_annotation SET text = 'Zmienione' WHERE annotation_id = $1`, [annotationId])).rejects.toMatchObject({
        code: "42501",
        message: expect.stringContaining("permission denied"),
      });
      await expect(app.query(`DELETE FROM path_annotation WHERE annotation_id = $1`, [annotationId])).rejects.toMatchObject({
        code: "42501",
        message: expect.stringContaining("permission denied"),
      });

      owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await owner.connect();
      await expect(owner.query(`UPDATE path_annotation SET text = 'Zmienione' WHERE annotation_id = $1`, [annotationId])).rejects.toMatchObject({
        code: "42501",
        message: expect.stringContaining("append-only: UPDATE refused"),
      });
      await expect(owner.query(`DELETE FROM path_annotation WHERE annotation_id = $1`, [annotationId])).rejects.toMatchObject({
        code: "42501",
        message: expect.stringContaining("append-only: DELETE refused"),
      });

      expect(await annotationRows(annotationId)).toEqual(original);
    });
  });
});

describe("the audit trail", () => {
  it("every change to a path leaves exactly one audit row with its action (closing and reopening also move the client: one row on the client)", async () => {
    let seen = 0;
    /** Runs `change` and expects exactly the new audit rows `actions` by `actor`, the last of them (the path's own) on `entityId`. */
    async function audited<T>(actions: string | string[], actor: TUserRow, change: () => Promise<T>, entityId?: (result: T) => string): Promise<T> {
      const expected = typeof actions === "string" ? [actions] : actions;
      const action = expected.join(" + ");
      const result = await change();
      const rows = await auditRows(tenant.id);
      const fresh = rows.slice(seen);
      seen = rows.length;
      expect(fresh.map((r) => r.action), action).toEqual(expected);
      expect(fresh.map((r) => r.actor_id), action).toEqual(expected.map(() => actor.id));
      if (entityId) expect(fresh.at(-1)?.entity_id, action).toBe(entityId(result));
      return result;
    }
    const ctx = advisorCtx;

    const { id } = await audited("path.open", advisor, () => openPath(ctx, client.id, OPEN_PATH_INPUT), (r) => r.id);
    const onPath = () => id;
    await audited("path.identification_update", advisor, () => updateIdentification(ctx, id, { ...OPEN_PATH_INPUT, identification: "Uzupełniona" }), onPath);
    await audited("path.move", advisor, () => movePath(ctx, id, { to: "NEEDS" }), onPath);
    await audited("path.needs_update", advisor, () => saveNeeds(ctx, id, NEEDS_INPUT), onPath);
    await audited("path.move", advisor, () => movePath(ctx, id, { to: "PLAN" }), onPath);
    await audited("path.contract_save", advisor, () => saveContract(ctx, id, signedContract()), onPath);
    const v1 = await audited("plan.version_create", advisor, () => savePlan(ctx, id, { baseRevision: null, versionId: null, summary: null, actions: [planAction()] }), (r) => r.versionId);
    const v1b = await audited("plan.version_update", advisor, () => savePlan(ctx, id, { baseRevision: v1.revision, versionId: v1.versionId, summary: "Poprawiony", actions: [planAction()] }), (r) => r.versionId);
    await audited("plan.submit", advisor, () => submitPlan(ctx, id, { versionId: v1.versionId, baseRevision: v1b.revision }), () => v1.versionId);
    await audited("plan.return", coordinator, () => decidePlan(coordinatorCtx, id, v1.versionId, { decision: "RETURN", comment: "Uzupełnij terminy" }), () => v1.versionId);
    await audited("plan.submit", advisor, () => submitPlan(ctx, id, { versionId: v1.versionId, baseRevision: v1b.revision + 2 }), () => v1.versionId);
    await audited("plan.approve", coordinator, () => decidePlan(coordinatorCtx, id, v1.versionId, { decision: "APPROVE" }), () => v1.versionId);
    await audited("path.move", advisor, () => movePath(ctx, id, { to: "IMPLEMENTATION" }), onPath);
    await audited("path.monitoring_add", advisor, () => addMonitoringEntry(ctx, id, { progress: "W toku" }), onPath);
    await audited("path.move", advisor, () => movePath(ctx, id, { to: "MONITORING" }), onPath);
    await audited("path.move", advisor, () => movePath(ctx, id, { to: "EVALUATION" }), onPath);
    await audited("path.evaluation_add", advisor, () => addEvaluation(ctx, id, EVALUATION_INPUT), onPath);
    const note = await audited("annotation.add", advisor, () => addAnnotation(ctx, id, { step: "EVALUATION", text: "Ocena pozytywna" }), (r) => r.annotationId);
    await audited("annotation.revise", advisor, () => reviseAnnotation(ctx, id, note.annotationId, { text: "Ocena bardzo pozytywna" }), () => note.annotationId);
    // The client's side of closing and reopening is a caseload move, audited on the client.
    await audited(["client.close", "path.close"], advisor, () => movePath(ctx, id, { to: "CLOSED" }), onPath);
    await audited(["client.reopen", "path.reopen"], advisor, () => movePath(ctx, id, { to: "IMPLEMENTATION" }), onPath);

    // A refused change leaves no row of its own.
    await appErrorOf(movePath(ctx, id, { to: "CLOSED" }));
    expect(await auditRows(tenant.id)).toHaveLength(seen);

    const rows = await auditRows(tenant.id);
    expect(rows.find((r) => r.action === "plan.return")?.after).toEqual({ status: "RETURNED", comment: "Uzupełnij terminy" });
    expect(rows.find((r) => r.action === "path.close")).toMatchObject({ before: { step: "EVALUATION" }, after: { step: "CLOSED" } });
    expect(rows.find((r) => r.action === "path.reopen")).toMatchObject({ before: { step: "CLOSED" }, after: { step: "IMPLEMENTATION" } });
    expect(rows.find((r) => r.action === "client.close")).toMatchObject({ entity_type: "Client", entity_id: client.id, after: { status: "CLOSED", reason: "path.closed" } });
    expect(rows.find((r) => r.action === "client.reopen")).toMatchObject({ entity_type: "Client", entity_id: client.id, after: { status: "ACTIVE", reason: "path.reopened" } });
  });
});

describe("the timeline and the step header", () => {
  it("lists transitions, plan decisions, annotations, monitoring and evaluations in time order, with who did them", async () => {
    const ctx = advisorCtx;
    const { id } = await openPath(ctx, client.id, OPEN_PATH_INPUT);
    await addAnnotation(ctx, id, { step: "IDENTIFICATION", text: "Pierwsze spotkanie" });
    await saveNeeds(ctx, id, NEEDS_INPUT);
    await movePath(ctx, id, { to: "NEEDS" });
    await movePath(ctx, id, { to: "PLAN" });
    const plan = await savePlan(ctx, id, { baseRevision: null, versionId: null, summary: null, actions: [planAction()] });
    await submitPlan(ctx, id, { versionId: plan.versionId, baseRevision: plan.revision });
    await saveContract(ctx, id, signedContract());
    await decidePlan(coordinatorCtx, id, plan.versionId, { decision: "APPROVE", comment: "Zatwierdzam" });
    await movePath(ctx, id, { to: "IMPLEMENTATION" });
    await addMonitoringEntry(ctx, id, { progress: "Szkolenie ukończone" });
    await movePath(ctx, id, { to: "MONITORING" });
    await movePath(ctx, id, { to: "EVALUATION" });
    await addEvaluation(ctx, id, EVALUATION_INPUT);
    await addAnnotation(contextFor(manager), id, { step: "EVALUATION", text: "Wzorcowa ścieżka" });

    const timeline = await getPathTimeline(ctx, id);
    expect(timeline.map((e) => [e.kind, e.step ?? e.planNumber, e.planStatus, e.actorName])).toEqual([
      ["transition", "IDENTIFICATION", null, "Anna Nowak"],
      ["annotation", "IDENTIFICATION", null, "Anna Nowak"],
      ["transition", "NEEDS", null, "Anna Nowak"],
      ["transition", "PLAN", null, "Anna Nowak"],
      ["plan_created", 1, null, "Anna Nowak"],
      ["plan_submitted", 1, null, "Anna Nowak"],
      ["plan_decided", 1, "APPROVED", "Karol Koordynator"],
      ["transition", "IMPLEMENTATION", null, "Anna Nowak"],
      ["monitoring", null, null, "Anna Nowak"],
      ["transition", "MONITORING", null, "Anna Nowak"],
      ["transition", "EVALUATION", null, "Anna Nowak"],
      ["evaluation", null, null, "Anna Nowak"],
      ["annotation", "EVALUATION", null, "Maria Kierownik"],
    ]);
    const times = timeline.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(timeline.find((e) => e.kind === "plan_decided")?.text).toBe("Zatwierdzam");
    expect(timeline.find((e) => e.kind === "monitoring")?.text).toBe("Szkolenie ukończone");
  });

  it("keeps a returned plan's decision and comment on the timeline after the plan is resubmitted and approved", async () => {
    const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "PLAN");
    await saveContract(advisorCtx, pathId, signedContract());
    const plan = await savePlan(advisorCtx, pathId, { baseRevision: null, versionId: null, summary: null, actions: [planAction()] });
    await submitPlan(advisorCtx, pathId, { versionId: plan.versionId, baseRevision: plan.revision });
    await decidePlan(coordinatorCtx, pathId, plan.versionId, { decision: "RETURN", comment: "Dodaj harmonogram" });
    const revised = await savePlan(advisorCtx, pathId, { baseRevision: plan.revision + 2, versionId: plan.versionId, summary: "Z harmonogramem", actions: [planAction()] });
    await submitPlan(advisorCtx, pathId, { versionId: plan.versionId, baseRevision: revised.revision });
    await decidePlan(coordinatorCtx, pathId, plan.versionId, { decision: "APPROVE", comment: "Teraz dobrze" });

    const decisions = (await getPathTimeline(advisorCtx, pathId)).filter((e) => e.kind === "plan_submitted" || e.kind === "plan_decided");
    expect(decisions.map((e) => [e.kind, e.planNumber, e.planStatus, e.text, e.actorName])).toEqual([
      ["plan_submitted", 1, null, null, "Anna Nowak"],
      ["plan_decided", 1, "RETURNED", "Dodaj harmonogram", "Karol Koordynator"],
      ["plan_submitted", 1, null, null, "Anna Nowak"],
      ["plan_decided", 1, "APPROVED", "Teraz dobrze", "Karol Koordynator"],
    ]);
  });

  it("getPath reports the next steps with what each still lacks", async () => {
    const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "PLAN");
    expect((await getPath(advisorCtx, pathId)).nextSteps).toEqual([{ to: "IMPLEMENTATION", missing: ["approvedPlan", "signedContract"] }]);
    await saveContract(advisorCtx, pathId, signedContract());
    expect((await getPath(advisorCtx, pathId)).nextSteps).toEqual([{ to: "IMPLEMENTATION", missing: ["approvedPlan"] }]);

    const lg = await createClient(tenant, { keyAdvisorId: advisor.id });
    const { pathId: lgPath } = await openPathAt(advisorCtx, coordinatorCtx, lg.id, "MONITORING", { template: "LOCAL_GOVERNMENT" });
    const path = await getPath(advisorCtx, lgPath);
    expect(path).toMatchObject({ step: "MONITORING", template: "LOCAL_GOVERNMENT", canWrite: true, canApprove: false, canAnnotate: true });
    expect(path.nextSteps).toEqual([
      { to: "PLAN", missing: [] },
      { to: "EVALUATION", missing: ["obligatoryMethod.ANIMATION", "obligatoryMethod.SPECIALIST_ADVISORY"] },
    ]);
    expect(await getPath(coordinatorCtx, lgPath)).toMatchObject({ canWrite: true, canApprove: true });
    expect(await getPath(contextFor(await createUser(tenant, { role: "AUDITOR" })), lgPath)).toMatchObject({ canWrite: false, canApprove: false, canAnnotate: false });
  });

  it("flags monitoring overdue when the last entry is older than the tenant's monitoringOverdueDays", async () => {
    const { pathId } = await openPathAt(advisorCtx, coordinatorCtx, client.id, "IMPLEMENTATION");
    const overdue = async () => (await getPath(advisorCtx, pathId)).monitoringOverdue;
    const monitoredDaysAgo = (days: number) =>
      ownerQuery(`UPDATE support_path SET last_monitoring_at = now() - make_interval(days => $2) WHERE id = $1`, [pathId, days]);

    expect(await overdue()).toBe(false);
    await monitoredDaysAgo(29);
    expect(await overdue()).toBe(false);
    await monitoredDaysAgo(31);
    expect(await overdue()).toBe(true);

    // The tenant's setting decides; the manager changes it on the policy page.
    const managerCtx = contextFor(manager);
    await updateTenantPolicy(managerCtx, { maxClientsPerAdvisor: 15, monitoringOverdueDays: 60 });
    expect(await overdue()).toBe(false);
    await updateTenantPolicy(managerCtx, { maxClientsPerAdvisor: 15, monitoringOverdueDays: 10 });
    await monitoredDaysAgo(11);
    expect(await overdue()).toBe(true);
    await expect(updateTenantPolicy(managerCtx, { maxClientsPerAdvisor: 15, monitoringOverdueDays: 0 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { monitoringOverdueDays: "overdueDaysRange" },
    });

    // A new entry clears the flag.
    await addMonitoringEntry(advisorCtx, pathId, { progress: "Spotkanie kontrolne" });
    expect(await overdue()).toBe(false);

    // Never monitored: counted from the opening.
    const other = await createClient(tenant, { keyAdvisorId: advisor.id });
    const { pathId: fresh } = await openPathAt(advisorCtx, coordinatorCtx, other.id, "IMPLEMENTATION");
    await ownerQuery(`UPDATE support_path SET opened_at = now() - interval '11 days', last_monitoring_at = NULL WHERE id = $1`, [fresh]);
    expect((await getPath(advisorCtx, fresh)).monitoringOverdue).toBe(true);
    // Before implementation nothing is due.
    await ownerQuery(`UPDATE support_path SET step = 'PLAN' WHERE id = $1`, [fresh]);
    expect((await getPath(advisorCtx, fresh)).monitoringOverdue).toBe(false);
  });
});
