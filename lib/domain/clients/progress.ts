import "server-only";
import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { Prisma, type PathStep } from "@/lib/generated/prisma/client";
import { monitoringOverdueSql } from "@/lib/domain/paths/overdue";

/** What a client's people do next on the open path, with its date. */
export type TNextDue = {
  /** MONITORING: a monitoring note falls due (overdue policy); PLAN_ACTION: an approved plan action ends. */
  kind: "MONITORING" | "PLAN_ACTION";
  date: Date;
  overdue: boolean;
  pathId: string;
  actionDescription?: string;
};

/** Where a client stands: the open path's step, the last contact, what falls due next. */
export type TClientProgress = {
  clientId: string;
  /** The open path (a client has at most one). */
  pathId: string | null;
  step: PathStep | null;
  /** The date of the latest service with the client that is not deleted. */
  lastContact: Date | null;
  nextDue: TNextDue | null;
};

type TProgressRow = {
  clientId: string;
  pathId: string | null;
  step: PathStep | null;
  lastContact: Date | null;
  monitoringDue: Date | null;
  monitoringOverdue: boolean | null;
  actionDue: Date | null;
  actionDescription: string | null;
};

/**
 * The progress of the given clients in one statement, however many: each client's open path
 * (support_path.open_client_id), the newest non-deleted service from the client's participations
 * (newest first on (tenant_id, client_id, date)), the monitoring due date by the tenant's policy
 * (the rule of lib/domain/paths/overdue.ts) and the next planned or running action of the path's
 * approved plan. No permission check: the caller has checked its scope over these clients.
 */
export async function loadClientProgress(tx: TTx, ctx: TContext, clientIds: readonly string[]): Promise<Map<string, TClientProgress>> {
  if (clientIds.length === 0) return new Map();
  const rows = await tx.$queryRaw<TProgressRow[]>`
    SELECT c.id AS "clientId", sp.id AS "pathId", sp.step::text AS step,
           (SELECT p.date FROM service_participation p
              JOIN service_record r ON r.tenant_id = p.tenant_id AND r.id = p.service_id
             WHERE p.tenant_id = c.tenant_id AND p.client_id = c.id AND r.deleted_at IS NULL
             ORDER BY p.date DESC LIMIT 1) AS "lastContact",
           CASE WHEN sp.step IN ('IMPLEMENTATION', 'MONITORING', 'EVALUATION')
                THEN COALESCE(sp.last_monitoring_at, sp.opened_at) + make_interval(days => t.monitoring_overdue_days) END AS "monitoringDue",
           CASE WHEN sp.id IS NOT NULL THEN ${monitoringOverdueSql("sp", Prisma.raw("t.monitoring_overdue_days"))} END AS "monitoringOverdue",
           na.due AS "actionDue", na.description AS "actionDescription"
    FROM unnest(${[...clientIds]}::uuid[]) AS x(id)
    JOIN client c ON c.tenant_id = ${ctx.tenantId}::uuid AND c.id = x.id
    JOIN tenant t ON t.id = c.tenant_id
    LEFT JOIN support_path sp ON sp.tenant_id = c.tenant_id AND sp.open_client_id = c.id
    LEFT JOIN LATERAL (
      SELECT COALESCE(a.planned_to, a.planned_from) AS due, a.description
      FROM path_plan_version v
      JOIN path_plan_action a ON a.tenant_id = v.tenant_id AND a.plan_version_id = v.id
      WHERE v.tenant_id = sp.tenant_id AND v.path_id = sp.id AND v.status = 'APPROVED'
        AND a.status IN ('PLANNED', 'IN_PROGRESS') AND COALESCE(a.planned_to, a.planned_from) IS NOT NULL
      ORDER BY 1, a.position LIMIT 1) na ON true`;
  const today = new Date();
  return new Map(
    rows.map((row) => [row.clientId, { clientId: row.clientId, pathId: row.pathId, step: row.step, lastContact: row.lastContact, nextDue: nextDueOf(row, today) }]),
  );
}

function nextDueOf(row: TProgressRow, now: Date): TNextDue | null {
  if (!row.pathId) return null;
  const monitoring: TNextDue | null = row.monitoringDue
    ? { kind: "MONITORING", date: row.monitoringDue, overdue: row.monitoringOverdue === true, pathId: row.pathId }
    : null;
  const action: TNextDue | null = row.actionDue
    ? { kind: "PLAN_ACTION", date: row.actionDue, overdue: endOfDay(row.actionDue) < now.getTime(), pathId: row.pathId, actionDescription: row.actionDescription ?? "" }
    : null;
  if (!monitoring) return action;
  if (!action) return monitoring;
  return action.date.getTime() < monitoring.date.getTime() ? action : monitoring;
}

/** A plan action's date is a calendar day: it is overdue only once that day is over. */
function endOfDay(day: Date): number {
  return day.getTime() + 24 * 60 * 60 * 1000;
}
