import "server-only";
import { randomUUID } from "node:crypto";
import type { TContext } from "@/lib/auth/context";
import { isCentreWide } from "@/lib/auth/scope";
import { dateOnly, todayInPoland } from "@/lib/dates";
import type { TTx } from "@/lib/db/transaction";
import { auditActor, recordAuditMany, type TAuditEntry } from "@/lib/domain/audit/service";
import { assignImportedClients } from "@/lib/domain/caseload/import-assignments";
import { auditView, changedFields, clientData, insertClients } from "@/lib/domain/clients/repository";
import type { TClientPlan } from "./client-rows";

const BATCH = 1000;

/**
 * Writes a client file's plan inside the import's transaction: new clients in batches (registered
 * like the form registers them — waiting in the queue, audited "client.create"), then their key
 * advisors through the caseload's import assignment (the advisors' locks, the cap), then the
 * updates of existing clients, each audited with what changed. Every audit entry names the import.
 */
export async function writeClientPlans(tx: TTx, ctx: TContext, plans: TClientPlan[], importId: string, onProgress: (rows: number) => Promise<void>): Promise<void> {
  const now = new Date();
  const creates = plans.filter((plan): plan is Extract<TClientPlan, { action: "create" }> => plan.action === "create").map((plan) => ({ ...plan, id: randomUUID() }));
  let done = plans.length - creates.length - plans.filter((plan) => plan.action === "update").length;
  const registrarJoins = !isCentreWide(ctx, "clients.read");
  for (let start = 0; start < creates.length; start += BATCH) {
    const batch = creates.slice(start, start + BATCH);
    await insertClients(
      tx,
      ctx.tenantId,
      batch.map((plan) => ({ id: plan.id, state: plan.state, status: plan.status === "CLOSED" ? "CLOSED" : "WAITING" })),
      now,
    );
    if (registrarJoins) {
      await tx.clientTeamMember.createMany({
        data: batch.map((plan) => ({ tenantId: ctx.tenantId, clientId: plan.id, userId: ctx.userId, role: "ADVISOR" as const, startsOn: dateOnly(todayInPoland()), addedById: ctx.userId })),
      });
    }
    await recordAuditMany(
      tx,
      auditActor(ctx),
      batch.map((plan) => ({ action: "client.create", entityType: "Client", entityId: plan.id, after: { ...auditView(plan.state), status: plan.status, importId } })),
    );
    done += batch.length;
    await onProgress(done);
  }
  await assignImportedClients(
    tx,
    ctx,
    creates.flatMap((plan) => (plan.advisorId && plan.status === "ACTIVE" ? [{ clientId: plan.id, advisorId: plan.advisorId, rowNumber: plan.rowNumber }] : [])),
    importId,
  );

  const entries: TAuditEntry[] = [];
  for (const plan of plans) {
    if (plan.action !== "update") continue;
    const { changed, before, after } = changedFields(plan.before, plan.state);
    if (changed.length > 0) {
      await tx.client.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: plan.clientId } }, data: clientData(plan.state), select: { id: true } });
      entries.push({ action: "client.update", entityType: "Client", entityId: plan.clientId, before, after: { ...after, importId } });
    }
    done += 1;
    if (done % BATCH === 0) await onProgress(done);
  }
  await recordAuditMany(tx, auditActor(ctx), entries);
  await onProgress(done);
}
