import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { todayInPoland } from "@/lib/dates";
import { notFound } from "@/lib/errors";
import type { InstitutionKind } from "@/lib/generated/prisma/client";
import { assertAccessInScope, clientScopeWhere, clientTeamWhere, loadClientRelations } from "@/lib/domain/clients/access";
import { findClients } from "@/lib/domain/clients/find-clients";
import { parseInput } from "@/lib/validation";
import { exchangeFormValues, loadExchangeForChange } from "./exchanges";
import { ZNewExchangeQuery, type TNewExchangeQuery } from "./schemas";

/** The exchange form's choices: the directory's active institutions and the clients to pick from. */
export type TExchangeFormOptions = {
  institutions: { id: string; name: string; kind: InstitutionKind; town: string | null; retired: boolean }[];
  /** The caller's own clients (key advisor or team), and the one the form is about; search adds others. */
  clients: { id: string; name: string }[];
  today: string;
};

/** The clients a form offers without a search: those whose team the caller is on, by name (a caseload is small). */
const OFFERED_CLIENTS = 100;

/**
 * The form's lists in two statements: active institutions (and those in `keep`, retired or not: an
 * edited exchange keeps its own), and the caller's team clients they may read (and `keepClient`).
 */
async function loadFormOptions(tx: TTx, ctx: TContext, keep: { institutionId?: string; client?: { id: string; name: string } }): Promise<TExchangeFormOptions> {
  const institutions = await tx.institution.findMany({
    where: { tenantId: ctx.tenantId, OR: [{ retiredAt: null }, ...(keep.institutionId ? [{ id: keep.institutionId }] : [])] },
    select: { id: true, name: true, kind: true, town: true, retiredAt: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const scope = clientScopeWhere(ctx, "clients.read");
  const own =
    scope === null
      ? []
      : await tx.client.findMany({
          where: { tenantId: ctx.tenantId, AND: [scope, clientTeamWhere(ctx)] },
          select: { id: true, name: true },
          orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
          take: OFFERED_CLIENTS,
        });
  const clients = keep.client && !own.some((c) => c.id === keep.client?.id) ? [keep.client, ...own] : own;
  return {
    institutions: institutions.map(({ retiredAt, ...i }) => ({ ...i, retired: retiredAt !== null })),
    clients,
    today: todayInPoland(),
  };
}

export type TNewExchangePage = TExchangeFormOptions & {
  /** The client the form was opened for (the client page's link), prefilled; null for none. */
  client: { id: string; name: string } | null;
};

/**
 * The new-exchange form: its choices, and the client it was opened for. That client must be one
 * the caller may read (need-to-know): another, a missing or another tenant's id is NOT_FOUND.
 */
export async function getNewExchangePage(ctx: TContext, rawQuery: TNewExchangeQuery): Promise<TNewExchangePage> {
  await assertCan(ctx, "cooperation.write");
  const query = parseInput(ZNewExchangeQuery, rawQuery);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      let client: { id: string; name: string } | null = null;
      if (query.clientId) {
        const access = (await loadClientRelations(tx, ctx, [query.clientId])).get(query.clientId);
        if (!access) throw notFound("Client");
        assertAccessInScope(ctx, access, "clients.read");
        client = { id: access.id, name: access.name };
      }
      return { ...(await loadFormOptions(tx, ctx, client ? { client } : {})), client };
    }),
  );
}

export type TExchangeForEdit = {
  id: string;
  values: ReturnType<typeof exchangeFormValues>;
  options: TExchangeFormOptions;
  clientId: string | null;
  pathId: string | null;
};

/** An exchange for its edit form (its author or a manager; anyone else: NOT_FOUND, audited). */
export async function getExchangeForEdit(ctx: TContext, exchangeId: string): Promise<TExchangeForEdit> {
  await assertCan(ctx, "cooperation.write");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const exchange = await loadExchangeForChange(tx, ctx, exchangeId, false);
      const client = exchange.clientId
        ? await tx.client.findFirst({ where: { tenantId: ctx.tenantId, id: exchange.clientId }, select: { id: true, name: true } })
        : null;
      const options = await loadFormOptions(tx, ctx, { institutionId: exchange.institutionId, ...(client ? { client } : {}) });
      return { id: exchange.id, values: exchangeFormValues(exchange), options, clientId: exchange.clientId, pathId: exchange.pathId };
    }),
  );
}

/** The form's client search: clients the caller may read, by a fragment of the name or an identifier. */
export async function findClientsForExchange(ctx: TContext, query: string): Promise<{ id: string; name: string; town: string | null }[]> {
  await assertCan(ctx, "cooperation.write");
  const page = await findClients(ctx, { q: query, pageSize: 10 }, { scopedTo: "clients.read" });
  return page.items.map((c) => ({ id: c.id, name: c.name, town: c.town }));
}
