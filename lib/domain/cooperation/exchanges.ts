import "server-only";
import { assertCan, recordScopeRefusals, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { dateOnly, isoDate, isoDateOr, TIME_ZONE } from "@/lib/dates";
import { AppError, notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertAccessInScope, loadClientRelations } from "@/lib/domain/clients/access";
import { assertId, parseInput } from "@/lib/validation";
import { mayChangeExchange } from "./policy";
import { ZExchangeInput, type TExchangeInput, type TParsedExchangeInput } from "./schemas";

/**
 * The cooperation log's writes (seed 000: the key advisor exchanges information with labour-market
 * and social-assistance institutions and the ODR about the client's support). An exchange names an
 * active institution of the directory and, optionally, a client the caller may read; it is shown on
 * the timeline of that client's path open on its date. Exchanges are edited, never deleted.
 */

/** What an exchange refers to, as stored before a change (an edit may keep what is no longer offered). */
type TKept = { institutionId: string; clientId: string | null; pathId: string | null; date: string };

/**
 * The client's path open on `date` (a Polish calendar date): opened on or before that day and not
 * closed before it; of several (a path closed that day, another opened), the latest opened.
 */
async function pathOpenOn(tx: TTx, ctx: TContext, clientId: string, date: string): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT p.id FROM support_path p
    WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.client_id = ${clientId}::uuid
      AND (p.opened_at AT TIME ZONE ${TIME_ZONE})::date <= ${date}::date
      AND (p.closed_at IS NULL OR (p.closed_at AT TIME ZONE ${TIME_ZONE})::date >= ${date}::date)
    ORDER BY p.opened_at DESC
    LIMIT 1`;
  return row?.id ?? null;
}

/**
 * Checks an exchange's references inside the caller's transaction: the institution must be the
 * tenant's (a foreign id is NOT_FOUND) and active unless the exchange already named it; a client
 * must be the tenant's and one the caller may read (need-to-know: otherwise answered like a
 * missing one, and audited) unless the exchange already named it. Returns the path to show it on.
 */
async function resolveReferences(tx: TTx, ctx: TContext, input: TParsedExchangeInput, kept: TKept | null): Promise<{ pathId: string | null }> {
  if (input.institutionId !== kept?.institutionId) {
    const institution = await tx.institution.findFirst({ where: { tenantId: ctx.tenantId, id: input.institutionId }, select: { retiredAt: true } });
    if (!institution) throw notFound("Institution");
    if (institution.retiredAt) throw new AppError("VALIDATION_FAILED", { fieldErrors: { institutionId: "institutionRetired" } });
  }
  if (input.clientId === null) return { pathId: null };
  if (input.clientId !== kept?.clientId) {
    const access = (await loadClientRelations(tx, ctx, [input.clientId])).get(input.clientId);
    if (!access) throw notFound("Client");
    assertAccessInScope(ctx, access, "clients.read");
  } else if (input.date === kept.date) {
    return { pathId: kept.pathId };
  }
  return { pathId: await pathOpenOn(tx, ctx, input.clientId, input.date) };
}

function exchangeData(input: TParsedExchangeInput, pathId: string | null) {
  return {
    date: dateOnly(input.date),
    institutionId: input.institutionId,
    contactPerson: input.contactPerson,
    direction: input.direction,
    channel: input.channel,
    subject: input.subject,
    clientId: input.clientId,
    pathId,
    documentReference: input.documentReference,
    followUpOn: input.followUpOn ? dateOnly(input.followUpOn) : null,
  };
}

/** What the audit trail keeps of an exchange: every field a user typed or chose, and the path it landed on. */
function auditState(input: TParsedExchangeInput, pathId: string | null) {
  return { ...exchangeData(input, pathId), date: input.date, followUpOn: input.followUpOn };
}

export type TLoggedExchange = { id: string; clientId: string | null; pathId: string | null };

/** Logs an exchange with an institution (cooperation.write), audited as `exchange.create`. */
export async function logExchange(ctx: TContext, rawInput: TExchangeInput): Promise<TLoggedExchange> {
  await assertCan(ctx, "cooperation.write");
  const input = parseInput(ZExchangeInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const { pathId } = await resolveReferences(tx, ctx, input, null);
      const created = await tx.informationExchange.create({
        data: { ...exchangeData(input, pathId), tenantId: ctx.tenantId, authorId: ctx.userId },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), { action: "exchange.create", entityType: "InformationExchange", entityId: created.id, after: auditState(input, pathId) });
      return { id: created.id, clientId: input.clientId, pathId };
    }),
  );
}

const EXCHANGE_FIELDS = {
  id: true,
  authorId: true,
  date: true,
  institutionId: true,
  contactPerson: true,
  direction: true,
  channel: true,
  subject: true,
  clientId: true,
  pathId: true,
  documentReference: true,
  followUpOn: true,
} as const;

/**
 * An exchange the caller may change (its author, or a manager); for anyone else it answers exactly
 * like a missing one (audited), so an id reveals nothing about the exchange or whom it concerns.
 */
export async function loadExchangeForChange(tx: TTx, ctx: TContext, exchangeId: string, lock: boolean) {
  assertId(exchangeId, "InformationExchange");
  if (lock) await tx.$queryRaw`SELECT id FROM information_exchange WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${exchangeId}::uuid FOR UPDATE`;
  const exchange = await tx.informationExchange.findFirst({ where: { tenantId: ctx.tenantId, id: exchangeId }, select: EXCHANGE_FIELDS });
  if (!exchange) throw notFound("InformationExchange");
  if (!mayChangeExchange(ctx, exchange)) throw new ScopeRefusal("cooperation.write", { exchangeId, reason: "notAuthor" }, "InformationExchange");
  return exchange;
}

/** An exchange as the form edits it (its values as a form holds them). */
export function exchangeFormValues(exchange: Awaited<ReturnType<typeof loadExchangeForChange>>) {
  return {
    date: isoDate(exchange.date),
    institutionId: exchange.institutionId,
    contactPerson: exchange.contactPerson ?? "",
    direction: exchange.direction,
    channel: exchange.channel,
    subject: exchange.subject,
    clientId: exchange.clientId ?? "",
    documentReference: exchange.documentReference ?? "",
    followUpOn: isoDateOr(exchange.followUpOn),
  };
}

/**
 * Edits an exchange (its author or a manager), audited as `exchange.update` with before and after.
 * A retired institution or a client the editor no longer reads stays if the exchange named it;
 * the path follows the client and the date.
 */
export async function updateExchange(ctx: TContext, exchangeId: string, rawInput: TExchangeInput): Promise<TLoggedExchange> {
  await assertCan(ctx, "cooperation.write");
  assertId(exchangeId, "InformationExchange");
  const input = parseInput(ZExchangeInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const before = await loadExchangeForChange(tx, ctx, exchangeId, true);
      const kept: TKept = { institutionId: before.institutionId, clientId: before.clientId, pathId: before.pathId, date: isoDate(before.date) };
      const { pathId } = await resolveReferences(tx, ctx, input, kept);
      await tx.informationExchange.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: exchangeId } },
        data: exchangeData(input, pathId),
        select: { id: true },
      });
      const { id: _id, authorId: _author, ...beforeState } = before;
      await recordAudit(tx, auditActor(ctx), {
        action: "exchange.update",
        entityType: "InformationExchange",
        entityId: exchangeId,
        before: { ...beforeState, date: kept.date, followUpOn: before.followUpOn ? isoDate(before.followUpOn) : null },
        after: auditState(input, pathId),
      });
      return { id: exchangeId, clientId: input.clientId, pathId };
    }),
  );
}
