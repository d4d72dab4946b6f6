import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { dateOnly, isoDateOr } from "@/lib/dates";
import { notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { parseInput } from "@/lib/validation";
import { ZProjectSettingsInput, type TProjectSettingsInput } from "./schemas";

/** The project period (the "PROJECT" targets' span) and the durability check months, as shown and audited. */
export type TProjectSettings = { projectStartsOn: string | null; projectEndsOn: string | null; jobCheckMonths: number[] };

/** The tenant's project settings inside the caller's transaction. */
export async function loadProjectSettings(tx: TTx, ctx: TContext): Promise<TProjectSettings> {
  const tenant = await tx.tenant.findFirst({ where: { id: ctx.tenantId }, select: { projectStartsOn: true, projectEndsOn: true, jobCheckMonths: true } });
  if (!tenant) throw notFound("Tenant");
  return {
    projectStartsOn: isoDateOr(tenant.projectStartsOn, "") || null,
    projectEndsOn: isoDateOr(tenant.projectEndsOn, "") || null,
    jobCheckMonths: tenant.jobCheckMonths,
  };
}

/**
 * Sets the project period and the months after a job's start when its durability is checked
 * (indicators.manage). The months apply to jobs recorded afterwards; checks already planned keep
 * their dates. Audited `tenant.project_settings` with before and after; a no-op writes nothing.
 */
export async function updateProjectSettings(ctx: TContext, rawInput: TProjectSettingsInput): Promise<TProjectSettings> {
  await assertCan(ctx, "indicators.manage");
  const input = parseInput(ZProjectSettingsInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    await tx.$queryRaw`SELECT id FROM tenant WHERE id = ${ctx.tenantId}::uuid FOR UPDATE`;
    const before = await loadProjectSettings(tx, ctx);
    const after: TProjectSettings = { projectStartsOn: input.projectStartsOn, projectEndsOn: input.projectEndsOn, jobCheckMonths: input.jobCheckMonths };
    if (JSON.stringify(before) === JSON.stringify(after)) return after;
    await tx.tenant.update({
      where: { id: ctx.tenantId },
      data: {
        projectStartsOn: after.projectStartsOn ? dateOnly(after.projectStartsOn) : null,
        projectEndsOn: after.projectEndsOn ? dateOnly(after.projectEndsOn) : null,
        jobCheckMonths: after.jobCheckMonths,
      },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), { action: "tenant.project_settings", entityType: "Tenant", entityId: ctx.tenantId, before, after });
    return after;
  });
}
