import "server-only";
import { assertCan, recordScopeRefusals, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope } from "@/lib/auth/scope";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { dateOnly, isoDate } from "@/lib/dates";
import { AppError, notFound } from "@/lib/errors";
import type { KpresSphere } from "@/lib/generated/prisma/enums";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertAccessInScope, loadClientRelations } from "@/lib/domain/clients/access";
import { assertId, parseInput } from "@/lib/validation";
import { ZEvidenceInput, ZWithdrawInput, type TEvidenceInput, type TParsedEvidenceInput, type TWithdrawInput } from "./schemas";

/*
 * Evidence registered by hand (indicators.evidence) for indicators whose source is MANUAL — the
 * others' evidence comes from the system (path results, attendance, staff records, durability
 * checks). A record counts toward its indicator in the period holding its document date, by its
 * quantity, through the indicator_evidence view; withdrawn, it stays listed but no longer counts.
 * Need-to-know: a record about a client is seen and changed only by those who may read the
 * client's full record (clients.read scope); anyone else gets NOT_FOUND (audited).
 */

export const EVIDENCE_FIELDS = {
  id: true,
  indicatorId: true,
  documentKind: true,
  documentDate: true,
  reference: true,
  quantity: true,
  clientId: true,
  kpresSpheres: true,
  description: true,
  withdrawnAt: true,
  withdrawReason: true,
} as const;

type TEvidenceRow = {
  id: string;
  indicatorId: string;
  documentKind: string;
  documentDate: Date;
  reference: string;
  quantity: number;
  clientId: string | null;
  kpresSpheres: KpresSphere[];
  description: string | null;
  withdrawnAt: Date | null;
  withdrawReason: string | null;
};

/** What the audit trail keeps of a record (lib/domain/audit/fields.ts IndicatorEvidence). */
function auditState(row: Omit<TEvidenceRow, "id" | "withdrawnAt" | "withdrawReason">) {
  return {
    indicatorId: row.indicatorId,
    documentKind: row.documentKind,
    documentDate: isoDate(row.documentDate),
    reference: row.reference,
    quantity: row.quantity,
    clientId: row.clientId,
    kpresSpheres: row.kpresSpheres,
    description: row.description,
  };
}

/**
 * A record the caller may see (a missing, foreign or made-up id is NOT_FOUND; one about a client
 * the caller may not read is refused like a missing one, audited after rollback).
 */
export async function loadEvidenceForCaller(tx: TTx, ctx: TContext, evidenceId: string, lock: boolean): Promise<TEvidenceRow> {
  assertId(evidenceId, "IndicatorEvidence");
  if (lock) await tx.$queryRaw`SELECT id FROM indicator_evidence_record WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${evidenceId}::uuid FOR UPDATE`;
  const row = await tx.indicatorEvidence.findFirst({ where: { tenantId: ctx.tenantId, id: evidenceId }, select: EVIDENCE_FIELDS });
  if (!row) throw notFound("IndicatorEvidence");
  if (row.clientId !== null) {
    const access = (await loadClientRelations(tx, ctx, [row.clientId])).get(row.clientId);
    if (!access || !inScope(ctx, "clients.read", access.relation)) {
      throw new ScopeRefusal("indicators.evidence", { evidenceId, reason: "needToKnow" }, "IndicatorEvidence");
    }
  }
  return row;
}

/**
 * Checks a record's references: the indicator is the tenant's (else NOT_FOUND), its source MANUAL
 * and — unless the record already had it — active; a client is one the caller may read unless the
 * record already named it. Returns the spheres to store (the client's when asked for).
 */
async function resolveReferences(tx: TTx, ctx: TContext, input: TParsedEvidenceInput, kept: TEvidenceRow | null): Promise<KpresSphere[]> {
  const indicator = await tx.indicator.findFirst({ where: { tenantId: ctx.tenantId, id: input.indicatorId }, select: { source: true, active: true } });
  if (!indicator) throw notFound("Indicator");
  if (indicator.source !== "MANUAL") throw new AppError("VALIDATION_FAILED", { fieldErrors: { indicatorId: "notManualIndicator" } });
  if (!indicator.active && input.indicatorId !== kept?.indicatorId)
    throw new AppError("VALIDATION_FAILED", { fieldErrors: { indicatorId: "indicatorRetired" } });
  if (input.clientId === null) return input.kpresSpheres;
  const access = (await loadClientRelations(tx, ctx, [input.clientId])).get(input.clientId);
  if (!access) throw notFound("Client");
  if (input.clientId !== kept?.clientId) assertAccessInScope(ctx, access, "clients.read");
  if (!input.spheresFromClient) return input.kpresSpheres;
  const client = await tx.client.findFirst({ where: { tenantId: ctx.tenantId, id: input.clientId }, select: { kpresSpheres: true } });
  return client?.kpresSpheres ?? [];
}

function dataOf(input: TParsedEvidenceInput, kpresSpheres: KpresSphere[]) {
  return {
    indicatorId: input.indicatorId,
    documentKind: input.documentKind,
    documentDate: dateOnly(input.documentDate),
    reference: input.reference,
    quantity: input.quantity,
    clientId: input.clientId,
    kpresSpheres,
    description: input.description,
  };
}

/** Registers a piece of evidence for a MANUAL indicator. Audited `evidence.register`. */
export async function registerEvidence(ctx: TContext, rawInput: TEvidenceInput): Promise<{ id: string }> {
  await assertCan(ctx, "indicators.evidence");
  const input = parseInput(ZEvidenceInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const spheres = await resolveReferences(tx, ctx, input, null);
      const data = dataOf(input, spheres);
      const created = await tx.indicatorEvidence.create({ data: { ...data, tenantId: ctx.tenantId, createdById: ctx.userId }, select: { id: true } });
      await recordAudit(tx, auditActor(ctx), { action: "evidence.register", entityType: "IndicatorEvidence", entityId: created.id, after: auditState(data) });
      return { id: created.id };
    }),
  );
}

/**
 * Corrects a record (the same fields as registering; a client the caller no longer reads stays if
 * the record named it). A corrected date moves it to the period of the new date. A withdrawn
 * record is not corrected (INVALID_STATE). Audited `evidence.correct` with before and after.
 */
export async function correctEvidence(ctx: TContext, evidenceId: string, rawInput: TEvidenceInput): Promise<{ id: string }> {
  await assertCan(ctx, "indicators.evidence");
  assertId(evidenceId, "IndicatorEvidence");
  const input = parseInput(ZEvidenceInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const before = await loadEvidenceForCaller(tx, ctx, evidenceId, true);
      if (before.withdrawnAt) throw new AppError("INVALID_STATE", { message: "Evidence withdrawn" });
      const spheres = await resolveReferences(tx, ctx, input, before);
      const data = dataOf(input, spheres);
      await tx.indicatorEvidence.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: evidenceId } }, data, select: { id: true } });
      await recordAudit(tx, auditActor(ctx), {
        action: "evidence.correct",
        entityType: "IndicatorEvidence",
        entityId: evidenceId,
        before: auditState(before),
        after: auditState(data),
      });
      return { id: evidenceId };
    }),
  );
}

/**
 * Withdraws a record with a reason: it stays listed (as withdrawn, with who, when and why) and no
 * longer counts. Withdrawing twice is INVALID_STATE. Audited `evidence.withdraw`.
 */
export async function withdrawEvidence(ctx: TContext, evidenceId: string, rawInput: TWithdrawInput): Promise<{ id: string }> {
  await assertCan(ctx, "indicators.evidence");
  assertId(evidenceId, "IndicatorEvidence");
  const { reason } = parseInput(ZWithdrawInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const before = await loadEvidenceForCaller(tx, ctx, evidenceId, true);
      if (before.withdrawnAt) throw new AppError("INVALID_STATE", { message: "Evidence already withdrawn" });
      await tx.indicatorEvidence.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: evidenceId } },
        data: { withdrawnAt: new Date(), withdrawnById: ctx.userId, withdrawReason: reason },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "evidence.withdraw",
        entityType: "IndicatorEvidence",
        entityId: evidenceId,
        before: { withdrawn: false },
        after: { withdrawn: true, withdrawReason: reason },
      });
      return { id: evidenceId };
    }),
  );
}
