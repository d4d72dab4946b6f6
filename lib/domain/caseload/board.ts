import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { inScope, staffFilter, type TScopedPermission } from "@/lib/auth/scope";
import { loadClientRelations } from "@/lib/domain/clients/access";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { loadPolicyAndChoices, type TOrganisationChoice } from "@/lib/domain/tenancy/service";
import { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, ZPageInput, type TPage, type TPageInput } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { advisorRowLoadSql } from "./load";
import { effectiveLimit } from "./policy";
import { ZCaseloadBoardInput, type TCaseloadBoardInput } from "./schemas";

export type TAdvisorCaseload = {
  id: string;
  name: string;
  partnerName: string | null;
  officeName: string | null;
  load: number;
  limit: number;
  /** Over the limit (the limit was lowered below the load): receives nothing new. */
  overLimit: boolean;
  /** At or over the limit: cannot take another client. */
  full: boolean;
};

type TRow = { id: string; name: string; partner_name: string | null; office_name: string | null; caseload_limit: number | null; load: number; max: number };

type TBoardFilters = { partnerId?: string; officeId?: string; overLimitOnly?: boolean; /** At or over the limit (the dashboard's "full" count). */ fullOnly?: boolean };

export type TAdvisorLoadsStatements = { rows: Prisma.Sql; count: Prisma.Sql; page: TPageInput | null };

/**
 * Active key advisors with their load (advisorLoadSql, per advisor in an index-backed lateral
 * subquery) and limit, within the caller's scope of `permission` (a coordinator: their own
 * partner's advisors): `rows` is one page (every row when `page` is null), `count` the total.
 */
function advisorLoadsStatements(
  ctx: TContext,
  permission: TScopedPermission,
  filters: TBoardFilters,
  page: TPageInput | null,
): TAdvisorLoadsStatements {
  const scope = staffFilter(ctx, permission);
  const conditions = [
    Prisma.sql`u.tenant_id = ${ctx.tenantId}::uuid`,
    Prisma.sql`u.role = 'KEY_ADVISOR'`,
    Prisma.sql`u.active`,
    ...(scope === "all" ? [] : [Prisma.sql`(u.id = ANY(${scope.userIds}::uuid[]) OR u.partner_id = ANY(${scope.partnerIds}::uuid[]))`]),
    ...(filters.partnerId ? [Prisma.sql`u.partner_id = ${filters.partnerId}::uuid`] : []),
    ...(filters.officeId ? [Prisma.sql`u.office_id = ${filters.officeId}::uuid`] : []),
    ...(filters.overLimitOnly ? [Prisma.sql`l.load > LEAST(COALESCE(u.caseload_limit, t.max_clients_per_advisor), t.max_clients_per_advisor)`] : []),
    ...(filters.fullOnly ? [Prisma.sql`l.load >= LEAST(COALESCE(u.caseload_limit, t.max_clients_per_advisor), t.max_clients_per_advisor)`] : []),
  ];
  const from = Prisma.sql`
    FROM "user" u
    JOIN tenant t ON t.id = u.tenant_id
    LEFT JOIN partner p ON p.tenant_id = u.tenant_id AND p.id = u.partner_id
    LEFT JOIN office o ON o.tenant_id = u.tenant_id AND o.id = u.office_id
    CROSS JOIN LATERAL (${advisorRowLoadSql}) l
    WHERE ${Prisma.join(conditions, " AND ")}`;
  const window = page ? Prisma.sql`LIMIT ${toSkipTake(page).take} OFFSET ${toSkipTake(page).skip}` : Prisma.empty;
  return {
    rows: Prisma.sql`
      SELECT u.id, u.name, p.name AS partner_name, o.name AS office_name, u.caseload_limit, l.load,
             t.max_clients_per_advisor AS max
      ${from}
      ORDER BY u.name, u.id
      ${window}`,
    count: Prisma.sql`SELECT count(*)::int AS n ${from}`,
    page,
  };
}

function queryAdvisorLoads(ctx: TContext, statements: TAdvisorLoadsStatements): Promise<{ rows: TAdvisorCaseload[]; total: number }> {
  return tenantTransaction(ctx.tenantId, (tx) => runAdvisorLoads(tx, statements));
}

async function runAdvisorLoads(tx: TTx, statements: TAdvisorLoadsStatements): Promise<{ rows: TAdvisorCaseload[]; total: number }> {
  const rows = await tx.$queryRaw<TRow[]>(statements.rows);
  const total = statements.page ? ((await tx.$queryRaw<{ n: number }[]>(statements.count))[0]?.n ?? 0) : rows.length;
  return {
    total,
    rows: rows.map((r) => {
      const limit = effectiveLimit(r.caseload_limit, r.max);
      return { id: r.id, name: r.name, partnerName: r.partner_name, officeName: r.office_name, load: r.load, limit, overLimit: r.load > limit, full: r.load >= limit };
    }),
  };
}

/** The manager's caseload board: advisors with load and limit, over-limit ones flagged, filterable, paginated. */
export async function getCaseloadBoard(ctx: TContext, rawInput: TCaseloadBoardInput): Promise<TPage<TAdvisorCaseload>> {
  await assertCan(ctx, "caseload.board.view");
  const input = parseInput(ZCaseloadBoardInput, rawInput);
  const { rows, total } = await queryAdvisorLoads(ctx, caseloadBoardStatements(ctx, input));
  return toPage(rows, total, input);
}

export type TCaseloadBoardPage = {
  board: TPage<TAdvisorCaseload>;
  policy: { maxClientsPerAdvisor: number };
  /** The partner filter's choices (null: not offered — a coordinator's board is their own partner's). */
  partners: TOrganisationChoice[] | null;
  /** The office filter's choices (null: not offered). */
  offices: TOrganisationChoice[] | null;
  /** The filters applied: a partner or office that is not one of the choices is ignored. */
  filters: { partnerId?: string; officeId?: string; overLimitOnly: boolean; fullOnly: boolean };
};

/**
 * The caseload board's page in one transaction: the board (getCaseloadBoard), the tenant's
 * maximum and the filters' choices (one statement), the filters kept only when they name an
 * offered choice (so a foreign id is ignored exactly like a missing one).
 */
export async function getCaseloadBoardPage(
  ctx: TContext,
  rawInput: { page?: number; partnerId?: string; officeId?: string; overLimitOnly?: boolean; fullOnly?: boolean },
): Promise<TCaseloadBoardPage> {
  await assertCan(ctx, "caseload.board.view");
  const mayReadOrganisation = can(ctx.role, "organisation.read");
  const want = { partners: mayReadOrganisation && ctx.role !== "COORDINATOR", offices: mayReadOrganisation };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const { policy, partners, offices } = await loadPolicyAndChoices(tx, ctx, want);
    const filters = {
      partnerId: partners.find((p) => p.id === rawInput.partnerId)?.id,
      officeId: offices.find((o) => o.id === rawInput.officeId)?.id,
      overLimitOnly: rawInput.overLimitOnly ?? false,
      fullOnly: rawInput.fullOnly ?? false,
    };
    const input = parseInput(ZCaseloadBoardInput, { page: rawInput.page, ...filters });
    const { rows, total } = await runAdvisorLoads(tx, advisorLoadsStatements(ctx, "caseload.board.view", { ...input, fullOnly: filters.fullOnly }, input));
    return {
      board: toPage(rows, total, input),
      policy: { maxClientsPerAdvisor: policy.maxClientsPerAdvisor },
      partners: want.partners ? partners : null,
      offices: want.offices ? offices : null,
      filters,
    };
  });
}

/**
 * The statements getCaseloadBoard runs for `rawInput` (no permission check: it runs nothing).
 * The benchmark explains these very statements instead of a copy that could drift.
 */
export function caseloadBoardStatements(ctx: TContext, rawInput: TCaseloadBoardInput): TAdvisorLoadsStatements {
  const input = parseInput(ZCaseloadBoardInput, rawInput);
  return advisorLoadsStatements(ctx, "caseload.board.view", input, input);
}

/** Advisors the caller may assign a client to, with load and limit (full ones are shown, disabled). */
export async function listAssignableAdvisors(ctx: TContext): Promise<TAdvisorCaseload[]> {
  await assertCan(ctx, "clients.assign");
  return (await queryAdvisorLoads(ctx, advisorLoadsStatements(ctx, "clients.assign", {}, null))).rows;
}

/** listAssignableAdvisors inside the caller's transaction, for a caller that has already checked clients.assign (the client page). */
export async function loadAssignableAdvisors(tx: TTx, ctx: TContext): Promise<TAdvisorCaseload[]> {
  return (await runAdvisorLoads(tx, advisorLoadsStatements(ctx, "clients.assign", {}, null))).rows;
}

export type TQueuedClient = {
  id: string;
  name: string;
  kind: string;
  town: string | null;
  officeName: string | null;
  waitingSince: Date | null;
  /** The caller may open the client's full record (need-to-know; the queue itself is for all staff). */
  canOpen: boolean;
};

/** The unassigned queue (lista oczekujących), oldest first. */
export async function findQueue(ctx: TContext, rawInput: { page?: number; pageSize?: number }): Promise<TPage<TQueuedClient>> {
  await assertCan(ctx, "clients.read");
  const input = parseInput(ZPageInput, rawInput);
  return tenantTransaction(ctx.tenantId, (tx) => loadQueue(tx, ctx, input));
}

/**
 * The queue's page in one transaction: the queue (findQueue) and, for a caller who may assign,
 * the advisors to assign to (listAssignableAdvisors), with what the caller may do there.
 */
export async function getQueuePage(
  ctx: TContext,
  rawInput: { page?: number },
): Promise<{ queue: TPage<TQueuedClient>; advisors: TAdvisorCaseload[] | null; canAssign: boolean; canTake: boolean }> {
  await assertCan(ctx, "clients.read");
  const input = parseInput(ZPageInput, rawInput);
  const canAssign = can(ctx.role, "clients.assign");
  return tenantTransaction(ctx.tenantId, async (tx) => ({
    queue: await loadQueue(tx, ctx, input),
    advisors: canAssign ? await loadAssignableAdvisors(tx, ctx) : null,
    canAssign,
    canTake: can(ctx.role, "clients.take_from_queue"),
  }));
}

async function loadQueue(tx: TTx, ctx: TContext, input: TPageInput): Promise<TPage<TQueuedClient>> {
  const where = { tenantId: ctx.tenantId, status: "WAITING" as const };
  const items = await tx.client.findMany({
    where,
    select: { id: true, name: true, kind: true, town: true, waitingSince: true, office: { select: { name: true } } },
    orderBy: [{ waitingSince: "asc" }, { id: "asc" }],
    ...toSkipTake(input),
  });
  const total = await tx.client.count({ where });
  const relations = await loadClientRelations(tx, ctx, items.map((c) => c.id));
  const canOpen = (id: string) => {
    const access = relations.get(id);
    return access !== undefined && inScope(ctx, "clients.read", access.relation);
  };
  return toPage(
    items.map((c) => ({ id: c.id, name: c.name, kind: c.kind, town: c.town, officeName: c.office?.name ?? null, waitingSince: c.waitingSince, canOpen: canOpen(c.id) })),
    total,
    input,
  );
}
