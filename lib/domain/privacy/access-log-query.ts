import "server-only";
import type { z } from "zod";
import type { TContext } from "@/lib/auth/context";
import { addDays, startOfPolishDay } from "@/lib/dates";
import type { TTx } from "@/lib/db/transaction";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { notFound } from "@/lib/errors";
import { Prisma, type AccessView, type Role } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/validation";
import type { TAccessLogFilters, ZAccessLogQuery } from "./access-log-schemas";

/**
 * How the IOD's screen and its export read the access log: the same filters, resolved against the
 * tenant the same way, and the same rows. Every query is driven by one of the table's indexes —
 * (tenant, client, at), (tenant, user, at) or (tenant, at) — newest first.
 */

export type TAccessLogUser = { id: string; name: string; role: Role };

export type TAccessLogRow = {
  id: string;
  at: Date;
  /** Null for an id no user of the tenant has (defensive: the log keeps ids, users are deactivated, not deleted). */
  user: TAccessLogUser | null;
  client: { id: string; name: string };
  view: AccessView;
  detail: string | null;
  ip: string | null;
};

type TRawRow = { id: string; at: Date; userId: string; clientId: string; clientName: string; view: AccessView; detail: string | null; ip: string | null };

export type TResolvedFilters = {
  filters: TAccessLogFilters;
  users: TAccessLogUser[];
  /** The person the log is narrowed to (`client`), by name. */
  client: { id: string; name: string } | null;
  /** The user the log is narrowed to (`user`). */
  user: TAccessLogUser | null;
};

/** A whole PESEL (spaces allowed): the person filter then matches the identifier, not the name. */
const PESEL_QUERY_RE = /^\d{11}$/;

/**
 * The filters checked against the tenant, in at most two statements: the tenant's users (the user
 * filter's choices, and the names the rows show) and, for `clientId`, that client's name. A client
 * or user id that is not the tenant's — or not an id at all — is NOT_FOUND, exactly like a missing one.
 */
export async function resolveAccessLogFilters(tx: TTx, ctx: TContext, input: z.output<typeof ZAccessLogQuery>): Promise<TResolvedFilters> {
  if (input.clientId !== undefined) assertId(input.clientId, "Client");
  if (input.userId !== undefined) assertId(input.userId, "User");
  const users = await tx.user.findMany({
    where: { tenantId: ctx.tenantId },
    select: { id: true, name: true, role: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const user = input.userId === undefined ? null : (users.find((u) => u.id === input.userId) ?? null);
  if (input.userId !== undefined && user === null) throw notFound("User");
  const client =
    input.clientId === undefined
      ? null
      : await tx.client.findFirst({ where: { tenantId: ctx.tenantId, id: input.clientId }, select: { id: true, name: true } });
  if (input.clientId !== undefined && client === null) throw notFound("Client");
  const filters: TAccessLogFilters = {
    ...(client ? { client: client.id } : {}),
    ...(user ? { user: user.id } : {}),
    ...(input.person ? { person: input.person } : {}),
    ...(input.view ? { view: input.view } : {}),
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: input.to } : {}),
  };
  return { filters, users, client, user };
}

/** The persons a `person` filter names: by their whole PESEL, or by a fragment of their (folded) name. */
function personSql(ctx: TContext, person: string): Prisma.Sql {
  const compact = person.replace(/\s+/g, "");
  if (PESEL_QUERY_RE.test(compact)) return Prisma.sql`SELECT p.id FROM client p WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.pesel = ${compact}`;
  // The search function serves the name through the trigram index under row-level security (decision 011).
  return Prisma.sql`SELECT m.id FROM client_name_search(${foldForSearch(person)}) m`;
}

/** The WHERE of the log's rows (`a`) for resolved filters; a person filter that names nobody matches no row. */
export function accessLogWhereSql(ctx: TContext, filters: TAccessLogFilters): Prisma.Sql {
  const conditions = [
    Prisma.sql`a.tenant_id = ${ctx.tenantId}::uuid`,
    ...(filters.client ? [Prisma.sql`a.client_id = ${filters.client}::uuid`] : []),
    ...(filters.user ? [Prisma.sql`a.user_id = ${filters.user}::uuid`] : []),
    ...(filters.view ? [Prisma.sql`a.view = ${filters.view}::"AccessView"`] : []),
    ...(filters.from ? [Prisma.sql`a.at >= ${startOfPolishDay(filters.from)}`] : []),
    ...(filters.to ? [Prisma.sql`a.at < ${startOfPolishDay(addDays(filters.to, 1))}`] : []),
    ...(filters.person && foldForSearch(filters.person) ? [Prisma.sql`a.client_id IN (${personSql(ctx, filters.person)})`] : []),
  ];
  return Prisma.join(conditions, " AND ");
}

/**
 * Rows of the log, newest first: a page (`skip`), or the next batch after `after` (keyset on the
 * time and id, for the export). Selects only what is shown; the person's name by the client's key.
 */
export async function loadAccessLogRows(
  tx: TTx,
  where: Prisma.Sql,
  users: TAccessLogUser[],
  window: { take: number; skip?: number; after?: { at: Date; id: string } },
): Promise<TAccessLogRow[]> {
  const after = window.after ? Prisma.sql`AND (a.at, a.id) < (${window.after.at}, ${window.after.id}::uuid)` : Prisma.empty;
  const rows = await tx.$queryRaw<TRawRow[]>`
    SELECT a.id, a.at, a.user_id AS "userId", a.client_id AS "clientId", c.name AS "clientName", a.view::text AS view, a.detail, a.ip
    FROM access_log a
    JOIN client c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
    WHERE ${where} ${after}
    ORDER BY a.at DESC, a.id DESC
    LIMIT ${window.take} OFFSET ${window.skip ?? 0}`;
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    user: byId.get(row.userId) ?? null,
    client: { id: row.clientId, name: row.clientName },
    view: row.view,
    detail: row.detail,
    ip: row.ip,
  }));
}

/** How many rows match. */
export async function countAccessLogRows(tx: TTx, where: Prisma.Sql): Promise<number> {
  const [row] = await tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM access_log a WHERE ${where}`;
  return row?.total ?? 0;
}
