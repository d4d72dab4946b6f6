import { randomUUID } from "node:crypto";
import type { TContext } from "@/lib/auth/context";
import type { TContractInput, TEvaluationInput, TNeedsInput, TOpenPathInput, TSavePlanInput } from "@/lib/domain/paths/schemas";
import { decidePlan, movePath, openPath, saveContract, saveNeeds, savePlan, submitPlan, addEvaluation, addMonitoringEntry } from "@/lib/domain/paths/service";
import type { TPathStep } from "@/lib/domain/paths/state-machine";
import type { TPathTemplate } from "@/lib/domain/paths/templates";
import { tenantSnapshot } from "./assertions";
import { createCaseloadClients } from "./caseload";
import { ownerQuery } from "./db";

// ── inputs as a form would send them ──────────────────────────────────────────────────────────

/** A calendar date `days` before today, as a form sends it (YYYY-MM-DD). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export const OPEN_PATH_INPUT = {
  direction: "FOUNDING_BY_NATURAL_PERSONS",
  workForm: "INDIVIDUAL",
  identification: "Osoba bezrobotna planująca założenie spółdzielni socjalnej.",
} as const satisfies TOpenPathInput;

export const NEEDS_INPUT = {
  needs: [
    {
      area: "TRAINING",
      description: "Wiedza o zakładaniu spółdzielni socjalnej",
      priority: 1,
      expectedEffects: ["Ukończone szkolenie z prawa spółdzielczego"],
    },
  ],
} as const satisfies TNeedsInput;

let contractSequence = 0;
/** A signed contract with a number unique within the run. */
export function signedContract(overrides: Partial<TContractInput> = {}): TContractInput {
  contractSequence += 1;
  return { number: `UM/${contractSequence}/${randomUUID().slice(0, 6)}`, signedOn: daysAgo(10), status: "SIGNED", scope: "Wsparcie w założeniu PS", ...overrides };
}

type TActionInput = TSavePlanInput["actions"][number];

export function planAction(overrides: Partial<TActionInput> = {}): TActionInput {
  return { supportType: "TRAINING", description: "Szkolenie z prawa spółdzielczego", plannedFrom: daysAgo(5), plannedTo: daysAgo(1), status: "PLANNED", ...overrides };
}

export const EVALUATION_INPUT = {
  assessment: "Cele osiągnięte: spółdzielnia założona, zatrudniono trzy osoby.",
  results: [{ type: "JOBS_CREATED", quantity: 3, achievedOn: "2026-10-01", evidenceKind: "umowy o pracę", evidenceReference: "UP/1-3/2026" }],
} as const satisfies TEvaluationInput;

// ── driving a path through the services ───────────────────────────────────────────────────────

/**
 * Takes a freshly opened path (at IDENTIFICATION) forward to `target` through the services, the
 * way staff would: needs, a signed contract, a submitted and approved plan, monitoring, an
 * evaluation. `advisor` works on the path, `approver` (a coordinator or manager) approves the plan.
 */
export async function advancePath(
  advisor: TContext,
  approver: TContext,
  pathId: string,
  target: Exclude<TPathStep, "IDENTIFICATION">,
  options: { actions?: TActionInput[] } = {},
): Promise<{ versionId: string | null }> {
  let versionId: string | null = null;
  await saveNeeds(advisor, pathId, NEEDS_INPUT);
  await movePath(advisor, pathId, { to: "NEEDS" });
  if (target === "NEEDS") return { versionId };
  await movePath(advisor, pathId, { to: "PLAN" });
  if (target === "PLAN") return { versionId };
  const saved = await savePlan(advisor, pathId, { baseRevision: null, versionId: null, summary: "Plan", actions: options.actions ?? [planAction()] });
  versionId = saved.versionId;
  await submitPlan(advisor, pathId, { versionId, baseRevision: saved.revision });
  await saveContract(advisor, pathId, signedContract());
  await decidePlan(approver, pathId, versionId, { decision: "APPROVE", comment: null });
  await movePath(advisor, pathId, { to: "IMPLEMENTATION" });
  if (target === "IMPLEMENTATION") return { versionId };
  await addMonitoringEntry(advisor, pathId, { progress: "Szkolenie w toku", risks: null, nextSteps: "Rejestracja w KRS" });
  await movePath(advisor, pathId, { to: "MONITORING" });
  if (target === "MONITORING") return { versionId };
  await movePath(advisor, pathId, { to: "EVALUATION" });
  if (target === "EVALUATION") return { versionId };
  await addEvaluation(advisor, pathId, EVALUATION_INPUT);
  await movePath(advisor, pathId, { to: "CLOSED" });
  return { versionId };
}

/** Opens a path for `clientId` and advances it to `target` (see advancePath). */
export async function openPathAt(
  advisor: TContext,
  approver: TContext,
  clientId: string,
  target: TPathStep,
  options: { template?: TPathTemplate; actions?: TActionInput[] } = {},
): Promise<{ pathId: string; versionId: string | null }> {
  const { id } = await openPath(advisor, clientId, { ...OPEN_PATH_INPUT, template: options.template ?? "DEFAULT" });
  if (target === "IDENTIFICATION") return { pathId: id, versionId: null };
  const { versionId } = await advancePath(advisor, approver, id, target, options);
  return { pathId: id, versionId };
}

export { insertContract, insertEvaluation, insertNeed, insertPath, insertPlanVersion, type TInsertedPath } from "./path-rows";

// ── inspecting ────────────────────────────────────────────────────────────────────────────────

/**
 * Every path row of a tenant, as the owner sees it (timestamps included): `support_path` and every
 * `path_*` table, found in the catalogue by tenantSnapshot, so a new path table is covered unasked.
 */
export async function pathSnapshot(tenantId: string): Promise<Record<string, unknown[]>> {
  const rows = await tenantSnapshot(tenantId);
  return Object.fromEntries(Object.entries(rows).filter(([table]) => table === "support_path" || table.startsWith("path_")));
}

export async function pathRow(pathId: string) {
  const [row] = await ownerQuery<{ step: TPathStep; closed_at: Date | null; open_client_id: string | null; key_advisor_id: string | null; last_monitoring_at: Date | null }>(
    `SELECT step::text AS step, closed_at, open_client_id, key_advisor_id, last_monitoring_at FROM support_path WHERE id = $1`,
    [pathId],
  );
  if (!row) throw new Error(`no path ${pathId}`);
  return row;
}

export async function clientState(clientId: string) {
  const [row] = await ownerQuery<{ status: string; key_advisor_id: string | null; open_assignments: number }>(
    `SELECT status::text AS status, key_advisor_id,
            (SELECT count(*)::int FROM client_assignment a WHERE a.client_id = c.id AND a.released_at IS NULL) AS open_assignments
     FROM client c WHERE id = $1`,
    [clientId],
  );
  if (!row) throw new Error(`no client ${clientId}`);
  return row;
}

/** Active clients an advisor carries, as stored. */
export async function loadOf(advisorId: string): Promise<number> {
  const [row] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM client WHERE key_advisor_id = $1 AND status = 'ACTIVE'`, [advisorId]);
  return row?.n ?? 0;
}

// ── the cross-tenant targets ──────────────────────────────────────────────────────────────────

export type TPathTargets = {
  /** An ACTIVE client with a key advisor and no path yet (to open one). */
  activeClient: { id: string };
  /** The client of `path`. */
  pathClient: { id: string };
  /** A path at EVALUATION: needs, a signed contract, plan 1 APPROVED and plan 2 a DRAFT, an annotation. */
  path: { id: string };
  /** Version 2 of `path`, a DRAFT at revision 1. */
  draftPlan: { id: string };
  /** A SUBMITTED version 1 of `planPath` (with a signed contract), waiting for a decision. */
  planVersion: { id: string };
  /** The path of `planVersion`, at PLAN. */
  planPath: { id: string };
  /** The action of `path`'s APPROVED plan (version 1). */
  planAction: { id: string };
  /** The annotation on `path` (its first revision's id). */
  annotation: { id: string };
};

/**
 * One of everything the path services take an id of, for clients of `advisorId` (a key advisor of
 * `tenant`), written by the owner so that the tenant's audit trail stays empty (the cross-tenant
 * cases count the rows a call leaves).
 */
export async function createPathTargets(tenant: { id: string }, advisorId: string): Promise<TPathTargets> {
  const [active, withPath, withSubmitted] = await createCaseloadClients(tenant, 3, { status: "ACTIVE", keyAdvisorId: advisorId, namePrefix: "Ścieżka" });
  if (!active || !withPath || !withSubmitted) throw new Error("setup");
  const [path, other, approved, draft, submitted, annotation, approvedAction] = Array.from({ length: 7 }, () => randomUUID());
  // One statement (this runs before every cross-tenant case): the foreign keys are checked at its end.
  await ownerQuery(
    `WITH paths AS (
       INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, step, key_advisor_id, created_by_id, updated_at)
       VALUES ($2, $1, $8, $8, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', 'EVALUATION', $10, $10, now()),
              ($3, $1, $9, $9, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', 'PLAN', $10, $10, now())),
     transitions AS (
       INSERT INTO path_transition (id, tenant_id, path_id, from_step, to_step, actor_id)
       VALUES (gen_random_uuid(), $1, $2, NULL, 'EVALUATION', $10), (gen_random_uuid(), $1, $3, NULL, 'PLAN', $10)),
     needs AS (
       INSERT INTO path_need (id, tenant_id, path_id, area, description, priority, expected_effects)
       SELECT gen_random_uuid(), $1, p, 'TRAINING', 'Wiedza o spółdzielniach', 1, ARRAY['Ukończone szkolenie'] FROM unnest(ARRAY[$2, $3]::uuid[]) AS p),
     contracts AS (
       INSERT INTO path_contract (id, tenant_id, path_id, number, signed_on, status, updated_at)
       SELECT gen_random_uuid(), $1, p, 'UM/' || p, current_date - 10, 'SIGNED', now() FROM unnest(ARRAY[$2, $3]::uuid[]) AS p),
     versions AS (
       INSERT INTO path_plan_version (id, tenant_id, path_id, number, status, created_by_id, updated_at, submitted_at, submitted_by_id, decided_at)
       VALUES ($4, $1, $2, 1, 'APPROVED', $10, now(), now(), $10, now()),
              ($5, $1, $2, 2, 'DRAFT', $10, now(), NULL, NULL, NULL),
              ($6, $1, $3, 1, 'SUBMITTED', $10, now(), now(), $10, NULL)),
     actions AS (
       INSERT INTO path_plan_action (id, tenant_id, plan_version_id, position, support_type, description, status)
       SELECT CASE WHEN v = $4::uuid THEN $11::uuid ELSE gen_random_uuid() END, $1, v, 0, 'TRAINING', 'Szkolenie', 'PLANNED' FROM unnest(ARRAY[$4, $5, $6]::uuid[]) AS v)
     INSERT INTO path_annotation (id, tenant_id, path_id, annotation_id, revision, step, text, author_id)
     VALUES ($7, $1, $2, $7, 1, 'EVALUATION', 'Klient zmotywowany', $10)`,
    [tenant.id, path, other, approved, draft, submitted, annotation, withPath.id, withSubmitted.id, advisorId, approvedAction],
  );
  return {
    activeClient: { id: active.id },
    pathClient: { id: withPath.id },
    path: { id: path as string },
    draftPlan: { id: draft as string },
    planVersion: { id: submitted as string },
    planPath: { id: other as string },
    planAction: { id: approvedAction as string },
    annotation: { id: annotation as string },
  };
}
