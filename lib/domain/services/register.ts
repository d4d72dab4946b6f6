import "server-only";
import { z } from "zod";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { staffFilter } from "@/lib/auth/scope";
import { addDays, isoDate, monthRange, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { loadCatalogue, type TCatalogue } from "@/lib/domain/catalogue/read";
import { toPage, toSkipTake, ZPageInput, type TPage } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { DELIVERING_ROLES } from "./policy";

/**
 * The services register: service records whose providers are within the caller's TIMESHEET scope
 * (lib/auth/scope.ts: a manager's or auditor's whole centre, a coordinator's own partner and
 * themself, anyone else only their own), for a period, a support type and a provider. A record
 * counts once however many of its providers are in scope, and a deleted record never counts.
 *
 * One rule, three reads, chosen by what each must return:
 *
 * - The list (a page of records): service_record under {@link serviceRegisterWhereSql} — the
 *   records' own columns, their providers' scope as a semi-join.
 * - The totals per day and type ({@link loadServiceRegisterDays}: the register's total, every
 *   dashboard's weeks and months), never reading a record:
 *   - centre-wide scope and no provider chosen → service_day_total, the centre's live records per
 *     day and type (a few hundred rows for a dashboard's window);
 *   - otherwise → the in-scope providers' live rows of the period (service_provider, index-only
 *     through service_provider_live_scope_idx), each record counted once (DISTINCT service_id).
 *
 * Why they agree: both total sources are kept by the database from service_record itself, for
 * every writer (migration 20261201170000_service_day_totals): service_day_total by a trigger adding
 * a live record's count and minutes and subtracting them when it is edited or deleted; a provider
 * row's date, type, duration and tombstone by triggers copying the record's. The provider rows in
 * scope are the semi-join's, so "records with an in-scope provider" and "distinct records of the
 * in-scope provider rows" are the same set; with no provider condition the semi-join holds for
 * every record and the rollup is that set's sum. tests/integration/services/day-totals.test.ts
 * proves the rollup equals the records' aggregate after every kind of write, and the dashboard's
 * tests that the register's list, its total and the dashboard's figures match.
 */

/** The longest period one register query reads: a year (a longer one is cut at its start + 366 days). */
export const REGISTER_MAX_DAYS = 366;

const ZIsoDate = z.iso.date();

export const ZServiceRegisterInput = ZPageInput.extend({
  /** First day (YYYY-MM-DD, a Polish calendar date); default: the first of the current month. */
  from: ZIsoDate.optional().catch(undefined),
  /** Last day, inclusive; default: the last day of `from`'s month. */
  to: ZIsoDate.optional().catch(undefined),
  /** A support type code; one the tenant's catalogue does not hold is dropped (getServiceRegisterPage). */
  type: z.string().trim().min(1).max(64).optional().catch(undefined),
  providerId: z.uuid().optional().catch(undefined),
});
/** As the query string gives it: anything unparsable is dropped (a bad date, an unknown type). */
export type TServiceRegisterInput = { from?: string; to?: string; type?: string; providerId?: string; page?: number; pageSize?: number };

/** A register query: the period (both days inclusive), optionally one support type and one provider. */
export type TRegisterFilters = { from: string; to: string; type?: string; providerId?: string };

/** The period asked for, completed and bounded: a missing start is this month's first day, a missing end the start's month's last, at most a year. */
export function registerPeriod(input: { from?: string; to?: string }, today = todayInPoland()): { from: string; to: string } {
  const from = input.from ?? monthRange(today.slice(0, 7)).from;
  const monthEnd = addDays(monthRange(from.slice(0, 7)).to, -1);
  const asked = input.to ?? monthEnd;
  const latest = addDays(from, REGISTER_MAX_DAYS - 1);
  const to = asked < from ? from : asked > latest ? latest : asked;
  return { from, to };
}

/**
 * The providers' part of the register's rule, on `service_provider sp`: in the caller's timesheet
 * scope, and the chosen provider. Empty for a centre-wide caller who chose nobody (every record
 * qualifies). The list's semi-join and the scoped totals share it, so both read the same rows.
 */
function providerConditionsSql(ctx: TContext, filters: TRegisterFilters): Prisma.Sql[] {
  const scope = staffFilter(ctx, "services.timesheet");
  return [
    ...(scope === "all"
      ? []
      : [
          Prisma.sql`sp.user_id IN (SELECT u.id FROM "user" u WHERE u.tenant_id = ${ctx.tenantId}::uuid
            AND (u.id = ANY(${scope.userIds}::uuid[]) OR u.partner_id = ANY(${scope.partnerIds}::uuid[])))`,
        ]),
    ...(filters.providerId ? [Prisma.sql`sp.user_id = ${filters.providerId}::uuid`] : []),
  ];
}

/**
 * The register's condition on `service_record r` for `filters` in the caller's timesheet scope.
 * The provider rows carry the record's date (a trigger's copy), so the scope's semi-join reads the
 * in-scope staff's own rows of the period from `service_provider (tenant_id, user_id, date)`, never
 * the centre's history.
 */
export function serviceRegisterWhereSql(ctx: TContext, filters: TRegisterFilters): Prisma.Sql {
  const tenant = Prisma.sql`${ctx.tenantId}::uuid`;
  const from = Prisma.sql`${filters.from}::date`;
  const end = Prisma.sql`${addDays(filters.to, 1)}::date`;
  const providerConditions = providerConditionsSql(ctx, filters);
  const conditions = [
    Prisma.sql`r.tenant_id = ${tenant}`,
    Prisma.sql`r.deleted_at IS NULL`,
    Prisma.sql`r.date >= ${from}`,
    Prisma.sql`r.date < ${end}`,
    ...(filters.type ? [Prisma.sql`r.support_type = ${filters.type}`] : []),
    ...(providerConditions.length
      ? [
          Prisma.sql`r.id IN (SELECT sp.service_id FROM service_provider sp
            WHERE sp.tenant_id = ${tenant} AND sp.date >= ${from} AND sp.date < ${end} AND ${Prisma.join(providerConditions, " AND ")})`,
        ]
      : []),
  ];
  return Prisma.join(conditions, " AND ");
}

/**
 * A day's total of one support type, with the type's names and place in the tenant's catalogue
 * (joined by the totals' own statement, so a dashboard names its chart's types without another).
 */
export type TRegisterDay = { date: string; type: string; count: number; minutes: number; name: string; nameEn: string | null; position: number };

type TRegisterDayRow = { date: Date; type: string; count: number; minutes: number; name: string | null; nameEn: string | null; position: number };

/**
 * The register's totals per day and support type for `filters` (one aggregate statement: at most
 * days × types rows whatever the number of records), for its total and the dashboard's weeks and
 * months. Read from the rollup or the provider rows, never from the records (see the top of this
 * file for which answers when, and why both equal the list's records).
 */
export async function loadServiceRegisterDays(tx: TTx, ctx: TContext, filters: TRegisterFilters): Promise<TRegisterDay[]> {
  const tenant = Prisma.sql`${ctx.tenantId}::uuid`;
  const from = Prisma.sql`${filters.from}::date`;
  const end = Prisma.sql`${addDays(filters.to, 1)}::date`;
  const providerConditions = providerConditionsSql(ctx, filters);
  const rows =
    providerConditions.length === 0
      ? await tx.$queryRaw<TRegisterDayRow[]>`
          SELECT d.*, st.name, st.name_en AS "nameEn", coalesce(st.position, 0) AS position
          FROM (
            SELECT t.day AS date, t.support_type AS type, t.services AS count, t.minutes
            FROM service_day_total t
            WHERE t.tenant_id = ${tenant} AND t.day >= ${from} AND t.day < ${end} AND t.services <> 0
              ${filters.type ? Prisma.sql`AND t.support_type = ${filters.type}` : Prisma.empty}
          ) d
          LEFT JOIN support_type st ON st.tenant_id = ${tenant} AND st.code = d.type`
      : await tx.$queryRaw<TRegisterDayRow[]>`
          SELECT d.*, st.name, st.name_en AS "nameEn", coalesce(st.position, 0) AS position
          FROM (
            SELECT s.date, s.support_type AS type, count(*)::int AS count, coalesce(sum(s.duration_minutes), 0)::int AS minutes
            FROM (
              SELECT DISTINCT sp.service_id, sp.date, sp.support_type, sp.duration_minutes
              FROM service_provider sp
              WHERE sp.tenant_id = ${tenant} AND sp.deleted_at IS NULL AND sp.date >= ${from} AND sp.date < ${end}
                ${filters.type ? Prisma.sql`AND sp.support_type = ${filters.type}` : Prisma.empty}
                AND ${Prisma.join(providerConditions, " AND ")}
            ) s
            GROUP BY s.date, s.support_type
          ) d
          LEFT JOIN support_type st ON st.tenant_id = ${tenant} AND st.code = d.type`;
  return rows.map((row) => ({ ...row, date: isoDate(row.date), name: row.name ?? row.type }));
}

/** The number of distinct clients of the register's services in each of `periods` (one statement; the periods lie within `filters`). */
export async function countServiceRegisterClients(
  tx: TTx,
  ctx: TContext,
  filters: TRegisterFilters,
  periods: readonly { from: string; to: string }[],
): Promise<number[]> {
  if (periods.length === 0) return [];
  const columns = periods.map(
    (period, i) =>
      Prisma.sql`count(DISTINCT p.client_id) FILTER (WHERE r.date >= ${period.from}::date AND r.date <= ${period.to}::date)::int AS ${Prisma.raw(`c${i}`)}`,
  );
  const [row] = await tx.$queryRaw<Record<string, number>[]>`
    SELECT ${Prisma.join(columns, ", ")}
    FROM service_record r
    JOIN service_participation p ON p.tenant_id = r.tenant_id AND p.service_id = r.id
    WHERE ${serviceRegisterWhereSql(ctx, filters)}`;
  return periods.map((_, i) => row?.[`c${i}`] ?? 0);
}

export type TRegisterRow = {
  id: string;
  date: Date;
  startTime: string | null;
  /** A support type code (named from the page's `catalogue`). */
  supportType: string;
  topic: string | null;
  durationMinutes: number;
  providers: string[];
  /** How many clients took part (names are on the pages of the clients the caller may read). */
  clientCount: number;
};

export type TRegisterProvider = { id: string; name: string; role: Role; active: boolean };

export type TServiceRegisterPage = TPage<TRegisterRow> & {
  /** The filters applied: the period completed and bounded, a provider kept only when offered. */
  filters: TRegisterFilters;
  /** The records and minutes of the whole filtered register (every page). */
  minutes: number;
  /** The provider filter's choices: the staff whose services the caller may see. */
  providers: TRegisterProvider[];
  /** The tenant's catalogue: the type filter's choices and the rows' names. */
  catalogue: TCatalogue;
};

/**
 * The register's page in one transaction: the provider choices (the caller's timesheet scope), the
 * tenant's catalogue (the type filter's choices, retired types included: old records have them),
 * one page of records newest first, and the filtered total. A provider that is not one of the
 * choices (another partner's, another tenant's, made up) is ignored, exactly like a missing one,
 * and so is a type the catalogue does not hold.
 */
export async function getServiceRegisterPage(ctx: TContext, rawInput: TServiceRegisterInput): Promise<TServiceRegisterPage> {
  await assertCan(ctx, "services.timesheet");
  const input = parseInput(ZServiceRegisterInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const providers = await loadRegisterProviders(tx, ctx);
    const catalogue = await loadCatalogue(tx, ctx.tenantId);
    const filters: TRegisterFilters = {
      ...registerPeriod(input),
      ...(input.type && catalogue.supportTypes.some((t) => t.code === input.type) ? { type: input.type } : {}),
      ...(providers.some((p) => p.id === input.providerId) && input.providerId ? { providerId: input.providerId } : {}),
    };
    const where = serviceRegisterWhereSql(ctx, filters);
    const { skip, take } = toSkipTake(input);
    const rows = await tx.$queryRaw<{ id: string; date: Date; start_time: string | null; type: string; topic: string | null; minutes: number; providers: string[]; clients: number }[]>`
      SELECT r.id, r.date, r.start_time, r.support_type AS type, r.topic, r.duration_minutes AS minutes,
             ARRAY(SELECT u.name FROM service_provider sp JOIN "user" u ON u.tenant_id = sp.tenant_id AND u.id = sp.user_id
                   WHERE sp.tenant_id = r.tenant_id AND sp.service_id = r.id ORDER BY u.name) AS providers,
             (SELECT count(*)::int FROM service_participation p WHERE p.tenant_id = r.tenant_id AND p.service_id = r.id) AS clients
      FROM service_record r
      WHERE ${where}
      ORDER BY r.date DESC, r.start_time DESC NULLS LAST, r.created_at DESC, r.id DESC
      LIMIT ${take} OFFSET ${skip}`;
    // The whole filtered register's total: the same day totals the dashboard shows, summed.
    const days = await loadServiceRegisterDays(tx, ctx, filters);
    const totals = days.reduce((sum, d) => ({ count: sum.count + d.count, minutes: sum.minutes + d.minutes }), { count: 0, minutes: 0 });
    const items: TRegisterRow[] = rows.map((r) => ({
      id: r.id,
      date: r.date,
      startTime: r.start_time,
      supportType: r.type,
      topic: r.topic,
      durationMinutes: r.minutes,
      providers: r.providers,
      clientCount: r.clients,
    }));
    return { ...toPage(items, totals.count, input), filters, minutes: totals.minutes, providers, catalogue };
  });
}

/** The staff whose services the caller may see (timesheet scope), delivering roles, by name. */
async function loadRegisterProviders(tx: TTx, ctx: TContext): Promise<TRegisterProvider[]> {
  const scope = staffFilter(ctx, "services.timesheet");
  return tx.user.findMany({
    where: {
      tenantId: ctx.tenantId,
      role: { in: [...DELIVERING_ROLES] },
      ...(scope === "all" ? {} : { OR: [{ id: { in: scope.userIds } }, { partnerId: { in: scope.partnerIds } }] }),
    },
    select: { id: true, name: true, role: true, active: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** The register's URL for a period, a type and a provider (the dashboard's links). */
export function registerHref(filters: Partial<TRegisterFilters>): string {
  const query = new URLSearchParams();
  if (filters.from) query.set("from", filters.from);
  if (filters.to) query.set("to", filters.to);
  if (filters.type) query.set("type", filters.type);
  if (filters.providerId) query.set("providerId", filters.providerId);
  return `/services/register?${query}`;
}
