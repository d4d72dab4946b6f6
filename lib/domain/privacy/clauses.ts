import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { dateOnly, isoDate } from "@/lib/dates";
import { AppError, notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertClientInScope } from "@/lib/domain/clients/access";
import { assertId, parseInput } from "@/lib/validation";
import { ZClauseInput, type TClauseInput } from "./consent-schemas";

/**
 * The centre's information clause (GDPR art. 13/14) as versioned tenant data (issue 17 §3). A
 * version is never edited — the table grants the app only SELECT and INSERT — so each person's
 * record can name the exact text they were given; a change is published as the next version.
 */

/** A version as lists show it. */
export type TClauseVersion = {
  id: string;
  version: number;
  title: string;
  effectiveFrom: Date;
  createdAt: Date;
  /** Who published it (null: the account is gone, or it was seeded). */
  createdByName: string | null;
};

/** One version with its text. */
export type TClause = TClauseVersion & { body: string };

type TClauseRow = { id: string; version: number; title: string; body?: string; effectiveFrom: Date; createdAt: Date; createdByName: string | null };

/** The tenant's clause versions, newest first, with who published each (one statement). */
export async function loadClauseVersions(tx: TTx, ctx: TContext): Promise<TClauseVersion[]> {
  return tx.$queryRaw<TClauseRow[]>`
    SELECT c.id, c.version, c.title, c.effective_from AS "effectiveFrom", c.created_at AS "createdAt", u.name AS "createdByName"
    FROM information_clause c
    LEFT JOIN "user" u ON u.tenant_id = c.tenant_id AND u.id = c.created_by_id
    WHERE c.tenant_id = ${ctx.tenantId}::uuid
    ORDER BY c.version DESC`;
}

async function loadClause(tx: TTx, ctx: TContext, clauseId: string): Promise<TClause> {
  assertId(clauseId, "InformationClause");
  const [row] = await tx.$queryRaw<(TClauseRow & { body: string })[]>`
    SELECT c.id, c.version, c.title, c.body, c.effective_from AS "effectiveFrom", c.created_at AS "createdAt", u.name AS "createdByName"
    FROM information_clause c
    LEFT JOIN "user" u ON u.tenant_id = c.tenant_id AND u.id = c.created_by_id
    WHERE c.tenant_id = ${ctx.tenantId}::uuid AND c.id = ${clauseId}::uuid`;
  if (!row) throw notFound("InformationClause");
  return row;
}

/**
 * Publishes the next version of the clause (privacy.settings). Versions are numbered 1, 2, … per
 * tenant under a lock on the tenant row, so two publishers never take the same number; a version
 * cannot apply from before the one it follows. Audited `clause.publish` (the text itself stays in
 * the clause, which is never edited).
 */
export async function publishClause(ctx: TContext, rawInput: TClauseInput): Promise<TClauseVersion> {
  await assertCan(ctx, "privacy.settings");
  const input = parseInput(ZClauseInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    await tx.$queryRaw`SELECT id FROM tenant WHERE id = ${ctx.tenantId}::uuid FOR UPDATE`;
    const latest = await tx.informationClause.findFirst({
      where: { tenantId: ctx.tenantId },
      orderBy: { version: "desc" },
      select: { version: true, effectiveFrom: true },
    });
    if (latest && input.effectiveFrom < isoDate(latest.effectiveFrom)) {
      throw new AppError("VALIDATION_FAILED", { fieldErrors: { effectiveFrom: "beforePreviousVersion" } });
    }
    const created = await tx.informationClause.create({
      data: {
        tenantId: ctx.tenantId,
        version: (latest?.version ?? 0) + 1,
        title: input.title,
        body: input.body,
        effectiveFrom: dateOnly(input.effectiveFrom),
        createdById: ctx.userId,
      },
      select: { id: true, version: true, title: true, effectiveFrom: true, createdAt: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "clause.publish",
      entityType: "InformationClause",
      entityId: created.id,
      after: { version: created.version, title: created.title, effectiveFrom: input.effectiveFrom },
    });
    return { ...created, createdByName: null };
  });
}

/** One version with its text, for the privacy settings (privacy.settings). */
export async function getClause(ctx: TContext, clauseId: string): Promise<TClause> {
  await assertCan(ctx, "privacy.settings");
  assertId(clauseId, "InformationClause");
  return tenantTransaction(ctx.tenantId, (tx) => loadClause(tx, ctx, clauseId));
}

/**
 * A version's text read from a client's privacy tab (clients.read, the client in the caller's
 * scope): the clause the person was given, or the one a consent names.
 */
export async function getClientClause(ctx: TContext, clientId: string, clauseId: string): Promise<{ client: { id: string; name: string }; clause: TClause }> {
  await assertCan(ctx, "clients.read");
  assertId(clauseId, "InformationClause");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const access = await assertClientInScope(tx, ctx, clientId, "clients.read");
      return { client: { id: access.id, name: access.name }, clause: await loadClause(tx, ctx, clauseId) };
    }),
  );
}
