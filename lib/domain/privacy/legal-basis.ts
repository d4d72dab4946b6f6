import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { dateOnly, isoDate, isoDateOr } from "@/lib/dates";
import { AppError, notFound } from "@/lib/errors";
import type { ProcessingBasis } from "@/lib/generated/prisma/client";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertClientInScope } from "@/lib/domain/clients/access";
import { assertId, parseInput } from "@/lib/validation";
import { ZLegalBasisInput, type TLegalBasisInput } from "./consent-schemas";
import { assertNotRestricted } from "./restriction";

/**
 * A client's legal basis of processing and the information clause they were given (issue 17 §3).
 * The old free-text consent fields of the client form (consentDate, consentScope,
 * consentLegalBasis) stay as they were; these are the structured record.
 */

/** What a privacy write needs of the client, read under a lock on its row. */
export type TPrivacyClientRow = {
  id: string;
  processingBasis: ProcessingBasis | null;
  clauseId: string | null;
  clauseGivenOn: Date | null;
  restrictedAt: Date | null;
  anonymisedAt: Date | null;
};

/**
 * Locks the client's row for a privacy write (one writer at a time per client: the audit's
 * "before" is what the write replaces, and two consents for one purpose cannot race) and checks
 * the caller may write it (clients.write in scope; out of scope answers like a missing client).
 */
export async function lockClientForPrivacy(tx: TTx, ctx: TContext, clientId: string): Promise<TPrivacyClientRow> {
  const [row] = await tx.$queryRaw<TPrivacyClientRow[]>`
    SELECT id, processing_basis::text AS "processingBasis", clause_id AS "clauseId", clause_given_on AS "clauseGivenOn",
      restricted_at AS "restrictedAt", anonymised_at AS "anonymisedAt"
    FROM client WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${clientId}::uuid FOR UPDATE`;
  if (!row) throw notFound("Client");
  await assertClientInScope(tx, ctx, clientId, "clients.write");
  assertPrivacyRecordOpen(row);
  return row;
}

/**
 * An anonymised person's record is closed for good, a restricted one (art. 18) until the IOD
 * lifts the restriction (restriction.ts): their basis and consents are not changed.
 */
export function assertPrivacyRecordOpen(client: Pick<TPrivacyClientRow, "restrictedAt" | "anonymisedAt">): void {
  if (client.anonymisedAt) throw new AppError("CLIENT_ANONYMISED");
  assertNotRestricted(client);
}

/**
 * A clause version named by a form, in the caller's tenant, given on `givenOn` (YYYY-MM-DD): not
 * before the version applied. Returns its version number; an unknown id is a field error.
 */
export async function assertClauseGivable(tx: TTx, ctx: TContext, clauseId: string, givenOn: string, field: string): Promise<number> {
  const clause = await tx.informationClause.findFirst({ where: { tenantId: ctx.tenantId, id: clauseId }, select: { version: true, effectiveFrom: true } });
  if (!clause) throw new AppError("VALIDATION_FAILED", { fieldErrors: { clauseId: "unknownClause" } });
  if (givenOn < isoDate(clause.effectiveFrom)) throw new AppError("VALIDATION_FAILED", { fieldErrors: { [field]: "givenBeforeClause" } });
  return clause.version;
}

type TLegalBasisState = { processingBasis: ProcessingBasis | null; clauseId: string | null; clauseGivenOn: string | null };

/**
 * Sets the client's legal basis of processing and the clause version given with its day
 * (clients.write in scope; refused for an anonymised or restricted person). Audited
 * `client.legal_basis_set` on the client with what changed; a no-op writes nothing.
 */
export async function setLegalBasis(ctx: TContext, clientId: string, rawInput: TLegalBasisInput): Promise<TLegalBasisState> {
  await assertCan(ctx, "clients.write");
  assertId(clientId, "Client");
  const input = parseInput(ZLegalBasisInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const row = await lockClientForPrivacy(tx, ctx, clientId);
      if (input.clauseId && input.clauseGivenOn) await assertClauseGivable(tx, ctx, input.clauseId, input.clauseGivenOn, "clauseGivenOn");
      const before: TLegalBasisState = {
        processingBasis: row.processingBasis,
        clauseId: row.clauseId,
        clauseGivenOn: isoDateOr(row.clauseGivenOn, "") || null,
      };
      const after: TLegalBasisState = { processingBasis: input.processingBasis, clauseId: input.clauseId, clauseGivenOn: input.clauseGivenOn };
      const changed = (Object.keys(after) as (keyof TLegalBasisState)[]).filter((key) => before[key] !== after[key]);
      if (changed.length === 0) return after;
      await tx.client.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: clientId } },
        data: { processingBasis: after.processingBasis, clauseId: after.clauseId, clauseGivenOn: after.clauseGivenOn ? dateOnly(after.clauseGivenOn) : null },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "client.legal_basis_set",
        entityType: "Client",
        entityId: clientId,
        before: Object.fromEntries(changed.map((key) => [key, before[key]])),
        after: Object.fromEntries(changed.map((key) => [key, after[key]])),
      });
      return after;
    }),
  );
}
