import "server-only";

import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope, type TScopedPermission } from "@/lib/auth/scope";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, type TPage, type TPageInput } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { clientScopeWhere, loadClientRelations } from "./access";
import { normalizeNip } from "./identifiers";
import { foldForSearch } from "./normalize";
import { ZFindClientsInput, type TFindClientsInput } from "./schemas";

const CLIENT_LIST_SELECT = {
  id: true,
  name: true,
  kind: true,
  status: true,
  town: true,
  keyAdvisor: { select: { id: true, name: true } },
  office: { select: { id: true, name: true } },
} satisfies Prisma.ClientSelect;

type TClientListRow = Prisma.ClientGetPayload<{ select: typeof CLIENT_LIST_SELECT }>;

/** A search result: minimal data for everyone, and whether the caller may open the full record. */
export type TClientListItem = TClientListRow & { canOpen: boolean };

/** Prisma passes `contains` to LIKE as it is: "%" and "_" typed by the user must match only themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** Digits only and 9–14 long after dropping spaces, dashes and "PL": a PESEL, NIP, REGON or KRS. */
const IDENTIFIER_QUERY_RE = /^\d{9,14}$/;

/**
 * A fragment the trigram index can serve: one with a run of three letters or digits (pg_trgm takes
 * its trigrams from such words; with none, an index scan would read the whole index).
 */
const TRIGRAM_FRAGMENT_RE = /[\p{L}\p{N}]{3}/u;

type TFindClientsFilters = Pick<TFindClientsInput, "kind" | "status" | "officeId" | "advisorId" | "step" | "sort" | "dir">;

/**
 * The list's order (CLIENT_LIST_SORTS): the column, then the name and the id to break ties, all in
 * the same direction so that one index, read forwards or backwards, yields the page. A client
 * without a town comes last going up and first going down (PostgreSQL's NULLS LAST/FIRST, which
 * the index gives).
 */
function listOrderBy({ sort, dir }: Pick<TFindClientsFilters, "sort" | "dir">): Prisma.ClientOrderByWithRelationInput[] {
  const direction = dir === "desc" ? "desc" : "asc";
  const tail: Prisma.ClientOrderByWithRelationInput[] = [{ nameNormalized: direction }, { id: direction }];
  if (sort === "town") return [{ townNormalized: direction }, ...tail];
  if (sort === "status") return [{ status: direction }, ...tail];
  return tail;
}

/** listOrderBy for the name search's rows (`m`, the function's; `c`, the client row joined for its town). */
function listOrderSql({ sort, dir }: Pick<TFindClientsFilters, "sort" | "dir">): Prisma.Sql {
  const direction = dir === "desc" ? Prisma.raw("DESC") : Prisma.raw("ASC");
  const column = sort === "town" ? Prisma.raw("c.town_normalized") : sort === "status" ? Prisma.raw("m.status") : null;
  return column
    ? Prisma.sql`${column} ${direction}, m.name_normalized ${direction}, m.id ${direction}`
    : Prisma.sql`m.name_normalized ${direction}, m.id ${direction}`;
}

/**
 * A name search through `client_name_search` (docs/decisions/011): the tenant's clients whose
 * folded name contains `folded` — found with the trigram index although row-level security is on,
 * because the function applies the transaction's tenant itself — then the list's filters, its
 * order and the page. `rows` is the page's ids, each with the total of the filtered matches (a
 * window, so one statement usually answers both); `count` is the total alone, for a page past the
 * last one.
 */
export function clientNameSearchStatements(folded: string, filters: TFindClientsFilters, page: TPageInput): { rows: Prisma.Sql; count: Prisma.Sql } {
  const conditions = [
    ...(filters.kind ? [Prisma.sql`m.kind = ${filters.kind}::"ClientKind"`] : []),
    ...(filters.status ? [Prisma.sql`m.status = ${filters.status}::"ClientStatus"`] : []),
    ...(filters.officeId ? [Prisma.sql`m.office_id = ${filters.officeId}::uuid`] : []),
    ...(filters.advisorId === "none" ? [Prisma.sql`m.key_advisor_id IS NULL`] : filters.advisorId ? [Prisma.sql`m.key_advisor_id = ${filters.advisorId}::uuid`] : []),
    // The step filter's condition (paths: { some: { closedAt: null, step } }), read under row-level
    // security through the open-path key (support_path_tenant_id_open_client_id_key).
    ...(filters.step
      ? [Prisma.sql`EXISTS (SELECT 1 FROM support_path p WHERE p.open_client_id = m.id AND p.closed_at IS NULL AND p.step = ${filters.step}::"PathStep")`]
      : []),
  ];
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const from = Prisma.sql`FROM client_name_search(${folded}) m ${where}`;
  // The function returns no town: sorting by it reads the matches' rows by key, under row-level security.
  const rowsFrom = filters.sort === "town" ? Prisma.sql`FROM client_name_search(${folded}) m JOIN client c ON c.id = m.id ${where}` : from;
  const { skip, take } = toSkipTake(page);
  return {
    rows: Prisma.sql`SELECT m.id, count(*) OVER ()::int AS total ${rowsFrom} ORDER BY ${listOrderSql(filters)} LIMIT ${take} OFFSET ${skip}`,
    count: Prisma.sql`SELECT count(*)::int AS total ${from}`,
  };
}

/**
 * The client list: filters, and `q` as either a whole identifier (exact match) or a fragment of
 * the name, folded like the stored key so "lodz" finds "Łódź". A fragment the trigram index can
 * serve goes through {@link clientNameSearchStatements} unless the caller is narrowed to a scope;
 * shorter fragments and scoped searches use LIKE under row-level security.
 */
export async function findClients(
  ctx: TContext,
  rawInput: TFindClientsInput,
  options: { scopedTo?: TScopedPermission } = {},
): Promise<TPage<TClientListItem>> {
  await assertCan(ctx, "clients.read");
  const input = parseInput(ZFindClientsInput, rawInput);
  // A server-side narrowing (e.g. the service form offers only clients one may log for).
  if (options.scopedTo && clientScopeWhere(ctx, options.scopedTo) === null) return toPage([], 0, input);
  return tenantTransaction(ctx.tenantId, (tx) => loadClients(tx, ctx, input, options));
}

/** findClients inside the caller's transaction, for a caller that has already checked clients.read (the client list's page). */
export async function loadClients(
  tx: TTx,
  ctx: TContext,
  rawInput: TFindClientsInput,
  options: { scopedTo?: TScopedPermission } = {},
): Promise<TPage<TClientListItem>> {
  const input = parseInput(ZFindClientsInput, rawInput);
  const scope = options.scopedTo ? clientScopeWhere(ctx, options.scopedTo) : {};
  if (scope === null) return toPage([], 0, input);
  const identifier = input.q ? normalizeNip(input.q) : "";
  const folded = input.q ? foldForSearch(input.q) : "";
  const isIdentifier = IDENTIFIER_QUERY_RE.test(identifier);
  // The scope is a Prisma filter and cannot join the function's rows; a scoped caller's clients are few.
  if (!isIdentifier && TRIGRAM_FRAGMENT_RE.test(folded) && Object.keys(scope).length === 0) {
    return findClientsByName(tx, ctx, folded, input);
  }
  const where: Prisma.ClientWhereInput = {
    tenantId: ctx.tenantId,
    ...(options.scopedTo ? { AND: [scope] } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.officeId ? { officeId: input.officeId } : {}),
    ...(input.advisorId ? { keyAdvisorId: input.advisorId === "none" ? null : input.advisorId } : {}),
    ...(input.step ? { paths: { some: { closedAt: null, step: input.step } } } : {}),
    ...(isIdentifier
      ? { OR: [{ pesel: identifier }, { nip: identifier }, { regon: identifier }, { krs: identifier }] }
      : folded
        ? { nameNormalized: { contains: escapeLike(folded) } }
        : {}),
  };
  // One connection runs a transaction's queries one at a time anyway; awaiting them in turn avoids
  // overlapping queries on one pg client (deprecated by node-postgres).
  const items = await tx.client.findMany({
    where,
    select: CLIENT_LIST_SELECT,
    orderBy: listOrderBy(input),
    ...toSkipTake(input),
  });
  const total = await tx.client.count({ where });
  return toPage(await withCanOpen(tx, ctx, items), total, input);
}

/** A name fragment through the search function: the page's ids and the total, then the page read under row-level security. */
async function findClientsByName(tx: TTx, ctx: TContext, folded: string, input: TFindClientsFilters & TPageInput): Promise<TPage<TClientListItem>> {
  const statements = clientNameSearchStatements(folded, input, input);
  const matches = await tx.$queryRaw<{ id: string; total: number }[]>(statements.rows);
  // Past the last page no row carries the total.
  const total = matches[0]?.total ?? (await tx.$queryRaw<{ total: number }[]>(statements.count))[0]?.total ?? 0;
  if (matches.length === 0) return toPage([], total, input);
  const rows = await tx.client.findMany({ where: { tenantId: ctx.tenantId, id: { in: matches.map((m) => m.id) } }, select: CLIENT_LIST_SELECT });
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = matches.flatMap((m) => byId.get(m.id) ?? []);
  return toPage(await withCanOpen(tx, ctx, items), total, input);
}

/** Adds to each listed client whether the caller may open its full record (one query for the page). */
async function withCanOpen(tx: TTx, ctx: TContext, items: TClientListRow[]): Promise<TClientListItem[]> {
  const relations = await loadClientRelations(tx, ctx, items.map((item) => item.id));
  return items.map((item) => {
    const access = relations.get(item.id);
    return { ...item, canOpen: access !== undefined && inScope(ctx, "clients.read", access.relation) };
  });
}
