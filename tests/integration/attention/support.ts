import { randomUUID } from "node:crypto";
import type { TPathStep } from "@/lib/domain/paths/state-machine";
import { ownerQuery } from "@/tests/factories";

const DAY_SECONDS = 24 * 60 * 60;

/**
 * A support path inserted by the owner at `step`, opened `openedDaysAgo` days ago and last
 * monitored `monitoredDaysAgo` days ago (null: never), or at exactly `monitoredAt`. A CLOSED path
 * is closed now, as the CHECK constraints require.
 */
export async function insertPathAt(
  tenant: { id: string },
  client: { id: string; keyAdvisorId: string | null },
  step: TPathStep,
  times: { openedDaysAgo: number; monitoredDaysAgo?: number | null; monitoredAt?: Date },
): Promise<string> {
  const id = randomUUID();
  const advisorId = client.keyAdvisorId;
  if (!advisorId) throw new Error("the client needs a key advisor");
  await ownerQuery(
    `INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, step, key_advisor_id,
                               opened_at, last_monitoring_at, closed_at, created_by_id, updated_at)
     VALUES ($1, $2, $3, CASE WHEN $4 = 'CLOSED' THEN NULL ELSE $3::uuid END, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', $4::"PathStep", $5,
             now() - make_interval(secs => $6::float8),
             COALESCE($8::timestamptz, CASE WHEN $7::float8 IS NOT NULL THEN now() - make_interval(secs => $7::float8) END),
             CASE WHEN $4 = 'CLOSED' THEN now() END, $5, now())`,
    [
      id,
      tenant.id,
      client.id,
      step,
      advisorId,
      times.openedDaysAgo * DAY_SECONDS,
      times.monitoredDaysAgo == null ? null : times.monitoredDaysAgo * DAY_SECONDS,
      times.monitoredAt ?? null,
    ],
  );
  return id;
}

/** A plan version of `pathId` RETURNED `daysAgo` days ago by `decidedById` with `comment`. */
export async function insertReturnedPlan(
  tenant: { id: string },
  pathId: string,
  { daysAgo, decidedById, comment, number = 1 }: { daysAgo: number; decidedById: string; comment: string; number?: number },
): Promise<string> {
  const id = randomUUID();
  await ownerQuery(
    `INSERT INTO path_plan_version (id, tenant_id, path_id, number, status, created_by_id, updated_at, submitted_at, submitted_by_id,
                                    decided_at, decided_by_id, decision_comment)
     SELECT $1, $2, p.id, $3, 'RETURNED', p.created_by_id, now(), now() - make_interval(secs => $4::float8 + 3600), p.created_by_id,
            now() - make_interval(secs => $4::float8), $5, $6
     FROM support_path p WHERE p.id = $7`,
    [id, tenant.id, number, daysAgo * DAY_SECONDS, decidedById, comment, pathId],
  );
  return id;
}
