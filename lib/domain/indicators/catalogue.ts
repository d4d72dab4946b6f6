import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertId, parseInput } from "@/lib/validation";
import { ZIndicatorInput, ZIndicatorUpdateInput, type TIndicatorInput, type TIndicatorUpdateInput, type TParsedIndicatorUpdateInput } from "./schemas";

/*
 * The manager's edits of the tenant's indicator catalogue (indicators.manage, checked first): add
 * an indicator, edit it, retire and restore it. Each is one transaction, audited as
 * "indicator.*". An indicator is never deleted: retired, it leaves the reports, and its evidence
 * stays. What an indicator counts (its source and result type) changes only while no evidence
 * would count toward it — otherwise the actuals already reported would silently change meaning.
 */

export const INDICATOR_FIELDS = {
  id: true,
  code: true,
  name: true,
  nameEn: true,
  unit: true,
  evidenceKind: true,
  source: true,
  resultType: true,
  description: true,
  position: true,
  active: true,
} as const;

type TIndicatorRow = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  unit: string;
  evidenceKind: string;
  source: string;
  resultType: string | null;
  description: string | null;
  position: number;
  active: boolean;
};

/** What the audit trail keeps of an indicator (lib/domain/audit/fields.ts Indicator). */
function auditState({ id: _id, ...row }: TIndicatorRow) {
  return row;
}

/** One indicator of the caller's tenant, locked for a change; another tenant's or a made-up id is NOT_FOUND. */
export async function lockIndicator(tx: TTx, ctx: TContext, indicatorId: string): Promise<TIndicatorRow> {
  assertId(indicatorId, "Indicator");
  await tx.$queryRaw`SELECT id FROM indicator WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${indicatorId}::uuid FOR UPDATE`;
  const row = await tx.indicator.findFirst({ where: { tenantId: ctx.tenantId, id: indicatorId }, select: INDICATOR_FIELDS });
  if (!row) throw notFound("Indicator");
  return row;
}

/**
 * Whether any evidence counts (or counted) toward the indicator: a record registered for it by
 * hand (withdrawn ones too: they are listed under it), or evidence of its source in the system.
 */
export async function indicatorHasEvidence(tx: TTx, ctx: TContext, indicator: { id: string; source: string; resultType: string | null }): Promise<boolean> {
  const [row] = await tx.$queryRaw<{ has: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM indicator_evidence_record m WHERE m.tenant_id = ${ctx.tenantId}::uuid AND m.indicator_id = ${indicator.id}::uuid)
      OR (${indicator.source} <> 'MANUAL' AND EXISTS (
        SELECT 1 FROM indicator_evidence v
        WHERE v.tenant_id = ${ctx.tenantId}::uuid AND v.source::text = ${indicator.source}
          AND (${indicator.resultType}::text IS NULL OR v.result_type::text = ${indicator.resultType}::text))) AS has`;
  return row?.has ?? false;
}

/** The code is unique in the tenant (a field error, not a database failure). */
async function assertCodeFree(tx: TTx, ctx: TContext, code: string) {
  const taken = await tx.indicator.findFirst({ where: { tenantId: ctx.tenantId, code }, select: { id: true } });
  if (taken) throw new AppError("ALREADY_EXISTS", { fieldErrors: { code: "codeTaken" } });
}

function dataOf(input: TParsedIndicatorUpdateInput) {
  return {
    name: input.name,
    nameEn: input.nameEn,
    unit: input.unit,
    evidenceKind: input.evidenceKind,
    source: input.source,
    resultType: input.resultType,
    description: input.description,
    position: input.position,
  };
}

/** Adds an indicator to the tenant's catalogue (any source; a PATH_RESULT one names its result type). Audited `indicator.create`. */
export async function createIndicator(ctx: TContext, rawInput: TIndicatorInput): Promise<{ id: string }> {
  await assertCan(ctx, "indicators.manage");
  const input = parseInput(ZIndicatorInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    // Two managers adding the same code: the second waits here and then finds it taken.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`indicator:${ctx.tenantId}:${input.code}`}, 0))`;
    await assertCodeFree(tx, ctx, input.code);
    const created = await tx.indicator.create({ data: { tenantId: ctx.tenantId, code: input.code, ...dataOf(input) }, select: INDICATOR_FIELDS });
    await recordAudit(tx, auditActor(ctx), { action: "indicator.create", entityType: "Indicator", entityId: created.id, after: auditState(created) });
    return { id: created.id };
  });
}

/**
 * Edits an indicator. Its source and result type change only while no evidence counts toward it
 * (field error "sourceHasEvidence" otherwise); its code never. Audited `indicator.update`.
 */
export async function updateIndicator(ctx: TContext, indicatorId: string, rawInput: TIndicatorUpdateInput): Promise<{ id: string }> {
  await assertCan(ctx, "indicators.manage");
  assertId(indicatorId, "Indicator");
  const input = parseInput(ZIndicatorUpdateInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const before = await lockIndicator(tx, ctx, indicatorId);
    const countsOtherwise = before.source !== input.source || before.resultType !== input.resultType;
    if (countsOtherwise && (await indicatorHasEvidence(tx, ctx, before))) {
      throw new AppError("VALIDATION_FAILED", { fieldErrors: { source: "sourceHasEvidence" } });
    }
    const after = await tx.indicator.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: indicatorId } }, data: dataOf(input), select: INDICATOR_FIELDS });
    await recordAudit(tx, auditActor(ctx), {
      action: "indicator.update",
      entityType: "Indicator",
      entityId: indicatorId,
      before: auditState(before),
      after: auditState(after),
    });
    return { id: indicatorId };
  });
}

/**
 * Retires an indicator (`active: false`: it leaves the reports, its evidence and targets stay) or
 * restores it. Audited `indicator.retire` / `indicator.restore`; a no-op writes nothing.
 */
export async function setIndicatorActive(ctx: TContext, indicatorId: string, active: boolean): Promise<{ active: boolean }> {
  await assertCan(ctx, "indicators.manage");
  assertId(indicatorId, "Indicator");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const before = await lockIndicator(tx, ctx, indicatorId);
    if (before.active === active) return { active };
    await tx.indicator.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: indicatorId } }, data: { active }, select: { id: true } });
    await recordAudit(tx, auditActor(ctx), {
      action: active ? "indicator.restore" : "indicator.retire",
      entityType: "Indicator",
      entityId: indicatorId,
      before: { active: before.active },
      after: { active },
    });
    return { active };
  });
}
