import { randomUUID } from "node:crypto";
import type { TPathStep } from "@/lib/domain/paths/state-machine";
import type { TPathTemplate } from "@/lib/domain/paths/templates";
import { ownerQuery } from "./db";

/*
 * Support-path rows inserted by the owner: setup that leaves no audit trail and loads no app
 * module (tests that must import the app's database client themselves can use these).
 */

// ── rows written directly by the owner (setup that must leave no audit trail) ─────────────────

export type TInsertedPath = { id: string; tenantId: string; clientId: string };

/**
 * A support path inserted as the owner, consistent with the CHECK constraints: open unless at
 * CLOSED (then the client should be CLOSED too, as closing would have left it).
 */
export async function insertPath(
  tenant: { id: string },
  overrides: { clientId: string; keyAdvisorId: string | null; createdById: string; step?: TPathStep; template?: TPathTemplate },
): Promise<TInsertedPath> {
  const id = randomUUID();
  const step = overrides.step ?? "IDENTIFICATION";
  const closed = step === "CLOSED";
  await ownerQuery(
    `INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, template, step, key_advisor_id,
                               closed_at, created_by_id, updated_at)
     VALUES ($1, $2, $3, $4, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', $5::text, $6::"PathStep", $7,
             CASE WHEN $8 THEN now() END, $9, now())`,
    [id, tenant.id, overrides.clientId, closed ? null : overrides.clientId, overrides.template ?? "DEFAULT", step, overrides.keyAdvisorId, closed, overrides.createdById],
  );
  await ownerQuery(
    `INSERT INTO path_transition (id, tenant_id, path_id, from_step, to_step, actor_id) VALUES ($1, $2, $3, NULL, $4::"PathStep", $5)`,
    [randomUUID(), tenant.id, id, step, overrides.createdById],
  );
  return { id, tenantId: tenant.id, clientId: overrides.clientId };
}

export async function insertContract(path: TInsertedPath, status: "DRAFT" | "SIGNED" = "SIGNED"): Promise<void> {
  await ownerQuery(
    `INSERT INTO path_contract (id, tenant_id, path_id, number, signed_on, status, updated_at)
     VALUES ($1, $2, $3, $4, CASE WHEN $5 = 'SIGNED' THEN current_date - 10 END, $5::"ContractStatus", now())`,
    [randomUUID(), path.tenantId, path.id, `UM/${randomUUID().slice(0, 8)}`, status],
  );
}

export async function insertNeed(path: TInsertedPath): Promise<void> {
  await ownerQuery(
    `INSERT INTO path_need (id, tenant_id, path_id, area, description, priority, expected_effects)
     VALUES ($1, $2, $3, 'TRAINING', 'Wiedza o spółdzielniach', 1, ARRAY['Ukończone szkolenie'])`,
    [randomUUID(), path.tenantId, path.id],
  );
}

/** A plan version with one action, by the owner. */
export async function insertPlanVersion(
  path: TInsertedPath,
  overrides: { number: number; status: "DRAFT" | "SUBMITTED" | "RETURNED" | "APPROVED" | "SUPERSEDED"; createdById: string; supportType?: string },
): Promise<{ id: string; revision: number }> {
  const id = randomUUID();
  await ownerQuery(
    `INSERT INTO path_plan_version (id, tenant_id, path_id, number, status, created_by_id, updated_at, submitted_at, submitted_by_id, decided_at)
     VALUES ($1, $2, $3, $4, $5::"PlanStatus", $6, now(),
             CASE WHEN $5 <> 'DRAFT' THEN now() END, CASE WHEN $5 <> 'DRAFT' THEN $6::uuid END,
             CASE WHEN $5 IN ('RETURNED', 'APPROVED', 'SUPERSEDED') THEN now() END)`,
    [id, path.tenantId, path.id, overrides.number, overrides.status, overrides.createdById],
  );
  await ownerQuery(
    `INSERT INTO path_plan_action (id, tenant_id, plan_version_id, position, support_type, description, status)
     VALUES ($1, $2, $3, 0, $4::text, 'Szkolenie', 'PLANNED')`,
    [randomUUID(), path.tenantId, id, overrides.supportType ?? "TRAINING"],
  );
  return { id, revision: 1 };
}

export async function insertEvaluation(path: TInsertedPath, authorId: string): Promise<void> {
  const id = randomUUID();
  await ownerQuery(`INSERT INTO path_evaluation (id, tenant_id, path_id, author_id, assessment) VALUES ($1, $2, $3, $4, 'Cele osiągnięte')`, [
    id,
    path.tenantId,
    path.id,
    authorId,
  ]);
  await ownerQuery(
    `INSERT INTO path_result (id, tenant_id, evaluation_id, type, quantity, achieved_on, evidence_kind) VALUES ($1, $2, $3, 'JOBS_CREATED', 1, current_date, 'umowa')`,
    [randomUUID(), path.tenantId, id],
  );
}

