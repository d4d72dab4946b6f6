import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { todayInPoland } from "@/lib/dates";
import { tenantTransaction } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { AppError } from "@/lib/errors";
import { assertId } from "@/lib/validation";
import { assertRequestOpen, loadRequestForUpdate, requestClient } from "./requests";

/**
 * Restriction of processing (GDPR art. 18): on a restriction request the IOD marks the person's
 * record restricted (Client.restrictedAt) and later lifts it. While restricted the record is kept
 * and may be read, but not changed, and nothing new is recorded for the person —
 * {@link assertNotRestricted} is the one rule, called by the writers of a client's data.
 */

/** Refuses a change to a restricted person's data with PROCESSING_RESTRICTED (params: since, the Polish day). */
export function assertNotRestricted(client: { restrictedAt: Date | null }): void {
  if (client.restrictedAt) throw new AppError("PROCESSING_RESTRICTED", { params: { since: todayInPoland(client.restrictedAt) } });
}

/**
 * Restricts (`restricted: true`, while the request is open) or lifts (`false`, whenever restricted)
 * the processing of the person of a restriction request; audited on the person as client.restrict
 * or client.lift_restriction, naming the request. Setting what is already set is refused.
 */
export async function setRestriction(ctx: TContext, requestId: string, { restricted }: { restricted: boolean }): Promise<void> {
  await assertCan(ctx, "privacy.requests");
  assertId(requestId, "SubjectRequest");
  await tenantTransaction(ctx.tenantId, async (tx) => {
    const request = await loadRequestForUpdate(tx, ctx, requestId);
    if (request.kind !== "RESTRICTION") throw new AppError("INVALID_STATE", { fieldErrors: { _form: "notRestrictionRequest" } });
    const client = requestClient(request);
    if (restricted) assertRequestOpen(request);
    // Lock the person's row: a concurrent edit either lands before the restriction or is refused by it.
    await tx.$queryRaw`SELECT id FROM client WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${client.id}::uuid FOR UPDATE`;
    const current = await tx.client.findFirst({ where: { tenantId: ctx.tenantId, id: client.id }, select: { restrictedAt: true, anonymisedAt: true } });
    if (!current || current.anonymisedAt) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "personAnonymised" } });
    if ((current.restrictedAt !== null) === restricted) {
      throw new AppError("INVALID_STATE", { fieldErrors: { _form: restricted ? "alreadyRestricted" : "notRestricted" } });
    }
    await tx.client.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: client.id } },
      data: { restrictedAt: restricted ? new Date() : null },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: restricted ? "client.restrict" : "client.lift_restriction",
      entityType: "Client",
      entityId: client.id,
      before: { restricted: !restricted },
      after: { restricted, subjectRequestId: requestId },
    });
  });
}
