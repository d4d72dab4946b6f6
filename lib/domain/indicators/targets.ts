import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { parseInput } from "@/lib/validation";
import { PROJECT_PERIOD, ZTargetsInput, type TTargetsInput } from "./schemas";

/*
 * The targets grid: one form saves a year's targets and the project's for every indicator, in one
 * transaction — one value that fails validation saves nothing (its field error says which box). A
 * cleared box deletes the target. Each indicator whose targets changed gets one audit row
 * ("indicator.targets_set") with its targets before and after.
 */

type TTargets = Record<string, number>;

/** Saves the grid of `year` (indicators.manage). Another tenant's or a made-up indicator id is NOT_FOUND. Returns how many indicators changed. */
export async function saveTargets(ctx: TContext, rawInput: TTargetsInput): Promise<{ changed: number }> {
  await assertCan(ctx, "indicators.manage");
  const input = parseInput(ZTargetsInput, rawInput);
  const ids = Object.keys(input.targets);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    if (ids.length === 0) return { changed: 0 };
    // The indicators are locked: two managers saving the grid at once apply one after the other.
    const known = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM indicator WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
    if (known.length !== ids.length) throw notFound("Indicator");
    const current = await tx.indicatorTarget.findMany({
      where: { tenantId: ctx.tenantId, indicatorId: { in: ids }, period: { in: [input.year, PROJECT_PERIOD] } },
      select: { indicatorId: true, period: true, value: true },
    });
    const before = new Map<string, TTargets>(ids.map((id) => [id, {}]));
    for (const t of current) (before.get(t.indicatorId) as TTargets)[t.period] = t.value;

    const upserts: { indicatorId: string; period: string; value: number }[] = [];
    const deletes: { indicatorId: string; period: string }[] = [];
    const changes: { indicatorId: string; before: TTargets; after: TTargets }[] = [];
    for (const [indicatorId, values] of Object.entries(input.targets)) {
      const was = before.get(indicatorId) ?? {};
      const now: TTargets = {};
      for (const [period, value] of [[input.year, values.year] as const, [PROJECT_PERIOD, values.project] as const]) {
        if (value !== null) now[period] = value;
        if (value === was[period]) continue;
        if (value === null) deletes.push({ indicatorId, period });
        else upserts.push({ indicatorId, period, value });
      }
      if (JSON.stringify(Object.entries(was).sort()) !== JSON.stringify(Object.entries(now).sort())) changes.push({ indicatorId, before: was, after: now });
    }
    if (deletes.length > 0) {
      await tx.indicatorTarget.deleteMany({ where: { tenantId: ctx.tenantId, OR: deletes } });
    }
    if (upserts.length > 0) {
      await tx.$executeRaw`
        INSERT INTO indicator_target (tenant_id, indicator_id, period, value, updated_at)
        SELECT ${ctx.tenantId}::uuid, v.indicator_id, v.period, v.value, now()
        FROM unnest(${upserts.map((u) => u.indicatorId)}::uuid[], ${upserts.map((u) => u.period)}::text[], ${upserts.map((u) => u.value)}::int[]) AS v(indicator_id, period, value)
        ON CONFLICT (tenant_id, indicator_id, period) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`;
    }
    for (const change of changes) {
      await recordAudit(tx, auditActor(ctx), {
        action: "indicator.targets_set",
        entityType: "Indicator",
        entityId: change.indicatorId,
        before: { targets: change.before },
        after: { targets: change.after },
      });
    }
    return { changed: changes.length };
  });
}
