import "server-only";
import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { auditActor, recordAuditMany } from "@/lib/domain/audit/service";
import { countActiveClients } from "./load";
import { lockAdvisors } from "./locks";
import { capacityShortfall, type TAdvisorLoad } from "./policy";

/**
 * The caseload side of a spreadsheet import (lib/domain/imports): the advisors a file names, with
 * their loads and limits, and the assignment of the imported clients — through the same lock as
 * every other load change (lockAdvisors), never over a limit.
 */

export type TImportAdvisors = { advisors: Map<string, TAdvisorLoad>; tenantMax: number };

/**
 * The advisors of `advisorIds` with their loads. `lock`: under the advisors' row locks
 * (lockAdvisors), as the import itself reads them; without: as the dry run does, blocking nobody.
 */
export async function readImportAdvisors(tx: TTx, tenantId: string, advisorIds: string[], { lock }: { lock: boolean }): Promise<TImportAdvisors> {
  const ids = [...new Set(advisorIds)];
  if (lock) return lockAdvisors(tx, tenantId, ids);
  const rows = await tx.user.findMany({
    where: { tenantId, id: { in: ids } },
    select: { id: true, name: true, role: true, active: true, partnerId: true, caseloadLimit: true },
  });
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { maxClientsPerAdvisor: true } });
  const loads = await countActiveClients(tx, tenantId, ids);
  return {
    advisors: new Map(rows.map((row) => [row.id, { ...row, load: loads.get(row.id) ?? 0 }])),
    tenantMax: tenant.maxClientsPerAdvisor,
  };
}

/** Each advisor whose limit the clients `adding` (advisor id → rows of the file) would pass. */
export function importCapacityProblems(read: TImportAdvisors, adding: Map<string, number[]>) {
  return [...adding].flatMap(([advisorId, rows]) => {
    const advisor = read.advisors.get(advisorId);
    const shortfall = advisor ? capacityShortfall(advisor, read.tenantMax, rows.length) : null;
    return advisor && shortfall ? [{ advisor, rows, ...shortfall }] : [];
  });
}

/**
 * Assigns newly imported clients (still WAITING, just created in this transaction) to their key
 * advisors: under the advisors' locks, refused with CASELOAD_LIMIT_REACHED if any would pass their
 * limit; an assignment row, the client's key advisor and ACTIVE status, and a "client.assign"
 * audit entry each — like a manager's assignment, without a notification per client (the import's
 * advisors see them on their list).
 */
export async function assignImportedClients(tx: TTx, ctx: TContext, assignments: { clientId: string; advisorId: string; rowNumber: number }[], importId: string): Promise<void> {
  if (assignments.length === 0) return;
  const byAdvisor = new Map<string, number[]>();
  for (const { advisorId, rowNumber } of assignments) byAdvisor.set(advisorId, [...(byAdvisor.get(advisorId) ?? []), rowNumber]);
  const read = await readImportAdvisors(tx, ctx.tenantId, [...byAdvisor.keys()], { lock: true });
  const [problem] = importCapacityProblems(read, byAdvisor);
  if (problem) {
    throw new AppError("CASELOAD_LIMIT_REACHED", {
      message: `${problem.advisor.name} carries ${problem.load} of ${problem.limit}`,
      params: { advisor: problem.advisor.name, load: problem.load, limit: problem.limit },
    });
  }
  const now = new Date();
  for (let start = 0; start < assignments.length; start += 1000) {
    const batch = assignments.slice(start, start + 1000);
    await tx.clientAssignment.createMany({
      data: batch.map(({ clientId, advisorId }) => ({ tenantId: ctx.tenantId, clientId, advisorId, assignedById: ctx.userId, assignedAt: now, reason: null })),
    });
  }
  for (const [advisorId] of byAdvisor) {
    const clientIds = assignments.filter((a) => a.advisorId === advisorId).map((a) => a.clientId);
    for (let start = 0; start < clientIds.length; start += 5000) {
      await tx.client.updateMany({
        where: { tenantId: ctx.tenantId, id: { in: clientIds.slice(start, start + 5000) } },
        data: { keyAdvisorId: advisorId, status: "ACTIVE", waitingSince: null },
      });
    }
  }
  await recordAuditMany(
    tx,
    auditActor(ctx),
    assignments.map(({ clientId, advisorId }) => ({
      action: "client.assign",
      entityType: "Client",
      entityId: clientId,
      before: { keyAdvisorId: null, status: "WAITING" },
      after: { keyAdvisorId: advisorId, status: "ACTIVE", importId },
    })),
  );
}
