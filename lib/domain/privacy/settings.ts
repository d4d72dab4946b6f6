import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { dateOnly, isoDateOr } from "@/lib/dates";
import { notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { parseInput } from "@/lib/validation";
import { loadClauseVersions, type TClauseVersion } from "./clauses";
import { ZPrivacySettingsInput, type TPrivacySettingsInput } from "./consent-schemas";
import { retentionEndsOn } from "./retention-policy";

/** The tenant's retention rules as the form shows them and the trail records them (dates as YYYY-MM-DD). */
export type TPrivacySettings = { lastPaymentOn: string | null; retentionYears: number; accessLogRetentionMonths: number };

/** The rules with what follows from them: the last day project documents are kept (null: retention has not started). */
export type TPrivacySettingsView = TPrivacySettings & { retentionEndsOn: Date | null };

function viewOf(settings: TPrivacySettings): TPrivacySettingsView {
  const lastPaymentOn = settings.lastPaymentOn ? dateOnly(settings.lastPaymentOn) : null;
  return { ...settings, retentionEndsOn: retentionEndsOn({ lastPaymentOn, retentionYears: settings.retentionYears }) };
}

async function loadPrivacySettings(tx: TTx, ctx: TContext): Promise<TPrivacySettings> {
  const tenant = await tx.tenant.findFirst({
    where: { id: ctx.tenantId },
    select: { lastPaymentOn: true, retentionYears: true, accessLogRetentionMonths: true },
  });
  if (!tenant) throw notFound("Tenant");
  return {
    lastPaymentOn: isoDateOr(tenant.lastPaymentOn, "") || null,
    retentionYears: tenant.retentionYears,
    accessLogRetentionMonths: tenant.accessLogRetentionMonths,
  };
}

/**
 * Sets the retention rules (privacy.settings): the last payment to the beneficiary, the years
 * documents are kept after its year, the months access-log entries are kept. Audited
 * `tenant.privacy_settings` with before and after; a no-op writes nothing.
 */
export async function updatePrivacySettings(ctx: TContext, rawInput: TPrivacySettingsInput): Promise<TPrivacySettingsView> {
  await assertCan(ctx, "privacy.settings");
  const input = parseInput(ZPrivacySettingsInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    // One writer at a time: the audit's "before" is what this write replaces.
    await tx.$queryRaw`SELECT id FROM tenant WHERE id = ${ctx.tenantId}::uuid FOR UPDATE`;
    const before = await loadPrivacySettings(tx, ctx);
    const after: TPrivacySettings = {
      lastPaymentOn: input.lastPaymentOn,
      retentionYears: input.retentionYears,
      accessLogRetentionMonths: input.accessLogRetentionMonths,
    };
    if (JSON.stringify(before) === JSON.stringify(after)) return viewOf(after);
    await tx.tenant.update({
      where: { id: ctx.tenantId },
      data: {
        lastPaymentOn: after.lastPaymentOn ? dateOnly(after.lastPaymentOn) : null,
        retentionYears: after.retentionYears,
        accessLogRetentionMonths: after.accessLogRetentionMonths,
      },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), { action: "tenant.privacy_settings", entityType: "Tenant", entityId: ctx.tenantId, before, after });
    return viewOf(after);
  });
}

export type TPrivacySettingsPage = {
  settings: TPrivacySettingsView;
  /** The information clause's versions, newest first. */
  clauses: TClauseVersion[];
  /** The latest version's title and text: the next version starts from them (null: none published yet). */
  latest: { title: string; body: string } | null;
};

/** The privacy settings page (privacy.settings): the retention rules with the computed end, and the clause versions. */
export async function getPrivacySettingsPage(ctx: TContext): Promise<TPrivacySettingsPage> {
  await assertCan(ctx, "privacy.settings");
  return tenantTransaction(ctx.tenantId, async (tx) => ({
    settings: viewOf(await loadPrivacySettings(tx, ctx)),
    clauses: await loadClauseVersions(tx, ctx),
    latest: await tx.informationClause.findFirst({ where: { tenantId: ctx.tenantId }, orderBy: { version: "desc" }, select: { title: true, body: true } }),
  }));
}
