import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope, isCentreWide } from "@/lib/auth/scope";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { todayInPoland } from "@/lib/dates";
import { Prisma, type ExchangeChannel, type ExchangeDirection, type InstitutionKind } from "@/lib/generated/prisma/client";
import { loadClientRelations } from "@/lib/domain/clients/access";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { LOG_SCOPES, mayChangeExchange } from "./policy";
import { ZCooperationLogInput, type TCooperationLogInput } from "./schemas";

/**
 * The cooperation log for managers (cooperation.list): exchanges newest first, filtered by period,
 * institution, kind of institution, direction, client and due follow-ups. A manager and an auditor
 * see the centre's; a coordinator those about clients of their partner's advisors or written by
 * their partner's staff (policy.ts LOG_SCOPES). A client's name shows only to a viewer who may read
 * that client (need-to-know); other rows say the client is outside their scope.
 */

export type TLogFilters = {
  from?: string;
  to?: string;
  institutionId?: string;
  kind?: InstitutionKind;
  direction?: ExchangeDirection;
  clientId?: string;
  followUpDue: boolean;
};

export type TLogRow = {
  id: string;
  date: Date;
  institution: { id: string; name: string; kind: InstitutionKind };
  direction: ExchangeDirection;
  channel: ExchangeChannel;
  subject: string;
  contactPerson: string | null;
  documentReference: string | null;
  followUpOn: Date | null;
  authorName: string | null;
  /** The client the exchange concerns: named only if the viewer may read them (need-to-know). */
  client: { kind: "none" } | { kind: "readable"; id: string; name: string } | { kind: "outOfScope" };
  canEdit: boolean;
};

export type TCooperationLogPage = TPage<TLogRow> & {
  filters: TLogFilters;
  /** The institution filter's choices: the whole directory, retired ones included (old exchanges name them). */
  institutions: { id: string; name: string; kind: InstitutionKind; retired: boolean }[];
  /** The client the list is filtered by, named (the filter is kept only for a client the viewer may read). */
  client: { id: string; name: string } | null;
};

/**
 * The caller's part of the log on `information_exchange x`: everything for a centre-wide viewer; for
 * a coordinator the exchanges about clients of the partner's advisors, written by the partner's
 * staff, or written by themself; nothing for a role not in LOG_SCOPES.
 */
function scopeSql(ctx: TContext): Prisma.Sql {
  const scope = LOG_SCOPES[ctx.role];
  if (scope === "centre") return Prisma.sql`TRUE`;
  if (scope !== "partner") return Prisma.sql`FALSE`;
  const tenant = Prisma.sql`${ctx.tenantId}::uuid`;
  if (ctx.partnerId === null) return Prisma.sql`x.author_id = ${ctx.userId}::uuid`;
  const partner = Prisma.sql`${ctx.partnerId}::uuid`;
  return Prisma.sql`(x.author_id = ${ctx.userId}::uuid
    OR x.author_id IN (SELECT u.id FROM "user" u WHERE u.tenant_id = ${tenant} AND u.partner_id = ${partner})
    OR x.client_id IN (SELECT c.id FROM client c JOIN "user" ka ON ka.tenant_id = c.tenant_id AND ka.id = c.key_advisor_id
                       WHERE c.tenant_id = ${tenant} AND ka.partner_id = ${partner}))`;
}

/**
 * The log's condition on `information_exchange x`. Every filter narrows the tenant's index on date
 * (or on institution, or on client, each with the date); a due follow-up is one whose date has come
 * with no later exchange with the same institution about the same client (the answer came).
 */
function logWhereSql(ctx: TContext, filters: TLogFilters): Prisma.Sql {
  const tenant = Prisma.sql`${ctx.tenantId}::uuid`;
  const conditions = [
    Prisma.sql`x.tenant_id = ${tenant}`,
    scopeSql(ctx),
    ...(filters.from ? [Prisma.sql`x.date >= ${filters.from}::date`] : []),
    ...(filters.to ? [Prisma.sql`x.date <= ${filters.to}::date`] : []),
    ...(filters.institutionId ? [Prisma.sql`x.institution_id = ${filters.institutionId}::uuid`] : []),
    ...(filters.kind ? [Prisma.sql`x.institution_id IN (SELECT k.id FROM institution k WHERE k.tenant_id = ${tenant} AND k.kind = ${filters.kind}::"InstitutionKind")`] : []),
    ...(filters.direction ? [Prisma.sql`x.direction = ${filters.direction}::"ExchangeDirection"`] : []),
    ...(filters.clientId ? [Prisma.sql`x.client_id = ${filters.clientId}::uuid`] : []),
    ...(filters.followUpDue
      ? [
          Prisma.sql`x.follow_up_on <= ${todayInPoland()}::date`,
          Prisma.sql`NOT EXISTS (SELECT 1 FROM information_exchange y
            WHERE y.tenant_id = x.tenant_id AND y.institution_id = x.institution_id AND y.client_id IS NOT DISTINCT FROM x.client_id
              AND (y.date > x.date OR (y.date = x.date AND y.created_at > x.created_at)))`,
        ]
      : []),
  ];
  return Prisma.join(conditions, " AND ");
}

type TLogSqlRow = Omit<TLogRow, "institution" | "client" | "canEdit"> & {
  institutionId: string;
  institutionName: string;
  institutionKind: InstitutionKind;
  clientId: string | null;
  clientName: string | null;
  authorId: string;
};

async function loadInstitutionChoices(tx: TTx, ctx: TContext) {
  const rows = await tx.institution.findMany({
    where: { tenantId: ctx.tenantId },
    select: { id: true, name: true, kind: true, retiredAt: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  return rows.map(({ retiredAt, ...i }) => ({ ...i, retired: retiredAt !== null }));
}

/** The log's page in one transaction: the institution choices, the filter's client, one page of exchanges and the total. */
export async function getCooperationLogPage(ctx: TContext, rawInput: TCooperationLogInput): Promise<TCooperationLogPage> {
  await assertCan(ctx, "cooperation.list");
  const input = parseInput(ZCooperationLogInput, rawInput);
  const { skip, take } = toSkipTake(input);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const institutions = await loadInstitutionChoices(tx, ctx);
    // The client filter and the page's clients in one lookup of relations, after the rows.
    const filterClient = input.clientId ? (await loadClientRelations(tx, ctx, [input.clientId])).get(input.clientId) : undefined;
    const readable = (relation: Parameters<typeof inScope>[2]) => inScope(ctx, "clients.read", relation);
    const client = filterClient && readable(filterClient.relation) ? { id: filterClient.id, name: filterClient.name } : null;
    const filters: TLogFilters = {
      ...(input.from ? { from: input.from } : {}),
      ...(input.to ? { to: input.to } : {}),
      ...(input.institutionId && institutions.some((i) => i.id === input.institutionId) ? { institutionId: input.institutionId } : {}),
      ...(input.kind ? { kind: input.kind } : {}),
      ...(input.direction ? { direction: input.direction } : {}),
      ...(client ? { clientId: client.id } : {}),
      followUpDue: input.followUpDue,
    };
    const where = logWhereSql(ctx, filters);
    const rows = await tx.$queryRaw<TLogSqlRow[]>`
      SELECT x.id, x.date, x.direction::text AS direction, x.channel::text AS channel, x.subject,
             x.contact_person AS "contactPerson", x.document_reference AS "documentReference", x.follow_up_on AS "followUpOn",
             x.client_id AS "clientId", c.name AS "clientName", x.author_id AS "authorId", u.name AS "authorName",
             i.id AS "institutionId", i.name AS "institutionName", i.kind::text AS "institutionKind"
      FROM information_exchange x
      JOIN institution i ON i.tenant_id = x.tenant_id AND i.id = x.institution_id
      LEFT JOIN "user" u ON u.tenant_id = x.tenant_id AND u.id = x.author_id
      LEFT JOIN client c ON c.tenant_id = x.tenant_id AND c.id = x.client_id
      WHERE ${where}
      ORDER BY x.date DESC, x.created_at DESC, x.id DESC
      LIMIT ${take} OFFSET ${skip}`;
    const [count] = await tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM information_exchange x WHERE ${where}`;
    // A viewer who reads every client of the centre needs no relations; anyone else, one lookup for the page.
    const centreWide = isCentreWide(ctx, "clients.read");
    const clientIds = centreWide ? [] : [...new Set(rows.flatMap((r) => (r.clientId ? [r.clientId] : [])))];
    const relations = await loadClientRelations(tx, ctx, clientIds);
    const mayRead = (clientId: string) => {
      const access = relations.get(clientId);
      return centreWide || (access !== undefined && readable(access.relation));
    };
    const items: TLogRow[] = rows.map((row) => ({
      id: row.id,
      date: row.date,
      institution: { id: row.institutionId, name: row.institutionName, kind: row.institutionKind },
      direction: row.direction,
      channel: row.channel,
      subject: row.subject,
      contactPerson: row.contactPerson,
      documentReference: row.documentReference,
      followUpOn: row.followUpOn,
      authorName: row.authorName,
      client:
        row.clientId === null ? { kind: "none" } : mayRead(row.clientId) ? { kind: "readable", id: row.clientId, name: row.clientName ?? "" } : { kind: "outOfScope" },
      canEdit: mayChangeExchange(ctx, row),
    }));
    return { ...toPage(items, count?.total ?? 0, input), filters, institutions, client };
  });
}

/** The log's URL for some filters (the client page's link, pagination). */
export function cooperationLogHref(filters: Partial<TLogFilters>, page?: number): string {
  const query = new URLSearchParams();
  if (filters.from) query.set("from", filters.from);
  if (filters.to) query.set("to", filters.to);
  if (filters.institutionId) query.set("institutionId", filters.institutionId);
  if (filters.kind) query.set("kind", filters.kind);
  if (filters.direction) query.set("direction", filters.direction);
  if (filters.clientId) query.set("clientId", filters.clientId);
  if (filters.followUpDue) query.set("followUpDue", "1");
  if (page && page > 1) query.set("page", String(page));
  const search = query.toString();
  return search ? `/cooperation?${search}` : "/cooperation";
}
