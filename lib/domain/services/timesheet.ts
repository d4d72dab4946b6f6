import "server-only";
import { assertCan, recordScopeRefusals, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope, relationToStaff, scopesOf, staffFilter } from "@/lib/auth/scope";
import { dateOnly, isoDate, monthRange } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import type { TEntryNames } from "@/lib/domain/catalogue/names";
import { accessOfEach, recordAccess } from "@/lib/domain/privacy/access-log";
import { parseInput } from "@/lib/validation";
import { DELIVERING_ROLES } from "./policy";
import { ZMonth, ZTimesheetInput, type TTimesheetInput } from "./schemas";

async function loadUser(tx: TTx, ctx: TContext, userId: string) {
  const user = await tx.user.findFirst({ where: { tenantId: ctx.tenantId, id: userId }, select: { id: true, name: true, role: true, partnerId: true } });
  if (!user) throw notFound("User");
  // Whose hours the caller may see: lib/auth/scope.ts (a manager's or auditor's whole centre, a
  // coordinator's own partner, anyone else only their own).
  if (!inScope(ctx, "services.timesheet", relationToStaff(ctx, user))) throw new ScopeRefusal("services.timesheet", { userId });
  return user;
}

export type TTimesheetRecord = {
  id: string;
  date: Date;
  startTime: string | null;
  durationMinutes: number;
  form: string;
  channel: string;
  supportType: string;
  /** The support type's names in the tenant's catalogue. */
  supportTypeNames: TEntryNames;
  topic: string | null;
  clients: string[];
};

/**
 * One user's month, the basis of an EU timesheet: every service they delivered, the total, and the
 * minutes by client and by support type. A group session counts once in the user's total and in
 * full for each client who took part (so the by-client minutes may add up to more than the total).
 */
export async function getTimesheet(ctx: TContext, rawInput: TTimesheetInput) {
  await assertCan(ctx, "services.timesheet");
  const input = parseInput(ZTimesheetInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const sheet = await loadTimesheet(tx, ctx, await loadUser(tx, ctx, input.userId || ctx.userId), input.month);
      // The download (a file that leaves the system) names clients: each is logged (issue 17).
      await recordAccess(tx, ctx, accessOfEach(sheet.byClient.map((c) => c.clientId), "EXPORT", `services.timesheet:${sheet.month}:${sheet.user.id}`));
      return sheet;
    }),
  );
}

export type TTimesheet = Awaited<ReturnType<typeof loadTimesheet>>;

/** getTimesheet's month of a user the caller may see (already checked), in the caller's transaction. */
async function loadTimesheet(tx: TTx, ctx: TContext, user: { id: string; name: string; role: Role }, month: string) {
  const { from, to } = monthRange(month);
  // The user's month from their own provider rows (the (tenant, user, date) index), then those
  // records by key: never the centre's month filtered down to the user (docs/benchmarks.md).
  const provided = await tx.serviceProvider.findMany({
    where: { tenantId: ctx.tenantId, userId: user.id, date: { gte: dateOnly(from), lt: dateOnly(to) } },
    select: { serviceId: true },
  });
  const serviceIds = provided.map((p) => p.serviceId);
  const rows = serviceIds.length === 0 ? [] : await tx.serviceRecord.findMany({
    where: { tenantId: ctx.tenantId, id: { in: serviceIds }, deletedAt: null },
    // Only what the timesheet shows (no notes).
    select: {
      id: true,
      date: true,
      startTime: true,
      durationMinutes: true,
      form: true,
      channel: true,
      supportType: true,
      // The type's names, joined by the same statement (relationJoins).
      supportTypeEntry: { select: { name: true, nameEn: true } },
      topic: true,
    },
    orderBy: [{ date: "asc" }, { startTime: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
  });
  // Their clients by the records' keys, the tenant given once (a nested Prisma read repeats it
  // per record, and the planner then prefers a sequential scan of every participation).
  const clients = serviceIds.length === 0 ? [] : await tx.$queryRaw<{ serviceId: string; id: string; name: string }[]>`
    SELECT p.service_id AS "serviceId", c.id, c.name
    FROM service_participation p JOIN client c ON c.tenant_id = p.tenant_id AND c.id = p.client_id
    WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.service_id = ANY(${serviceIds}::uuid[])
    ORDER BY c.name_normalized, c.id`;
  const clientsOf = new Map<string, { id: string; name: string }[]>();
  for (const { serviceId, id, name } of clients) clientsOf.set(serviceId, [...(clientsOf.get(serviceId) ?? []), { id, name }]);
  const byClient = new Map<string, { clientId: string; name: string; count: number; minutes: number }>();
  const byType = new Map<string, { supportType: string; supportTypeNames: TEntryNames; count: number; minutes: number }>();
  for (const row of rows) {
    for (const client of clientsOf.get(row.id) ?? []) {
      const entry = byClient.get(client.id) ?? { clientId: client.id, name: client.name, count: 0, minutes: 0 };
      entry.count += 1;
      entry.minutes += row.durationMinutes;
      byClient.set(client.id, entry);
    }
    const entry = byType.get(row.supportType) ?? { supportType: row.supportType, supportTypeNames: row.supportTypeEntry, count: 0, minutes: 0 };
    entry.count += 1;
    entry.minutes += row.durationMinutes;
    byType.set(row.supportType, entry);
  }
  const records: TTimesheetRecord[] = rows.map(({ supportTypeEntry, ...r }) => ({ ...r, supportTypeNames: supportTypeEntry, clients: (clientsOf.get(r.id) ?? []).map((c) => c.name) }));
  // EU timesheets are kept per day: the minutes of each day the user delivered services.
  const byDay = new Map<string, { date: string; count: number; minutes: number }>();
  for (const r of records) {
    const day = isoDate(r.date);
    const entry = byDay.get(day) ?? { date: day, count: 0, minutes: 0 };
    entry.count += 1;
    entry.minutes += r.durationMinutes;
    byDay.set(day, entry);
  }
  return {
    month,
    user: { id: user.id, name: user.name, role: user.role },
    count: rows.length,
    minutes: records.reduce((sum, r) => sum + r.durationMinutes, 0),
    byClient: [...byClient.values()].sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name, "pl")),
    byType: [...byType.values()].sort((a, b) => b.minutes - a.minutes || b.count - a.count),
    byDay: [...byDay.values()],
    records,
  };
}

/** The users whose month the caller may open, each with their services and minutes that month. */
export async function listTimesheetUsers(ctx: TContext, month: string) {
  await assertCan(ctx, "services.timesheet");
  const parsed = parseInput(ZMonth, month);
  return tenantTransaction(ctx.tenantId, (tx) => loadTimesheetUsers(tx, ctx, parsed));
}

export type TTimesheetUser = Awaited<ReturnType<typeof loadTimesheetUsers>>[number];

async function loadTimesheetUsers(tx: TTx, ctx: TContext, month: string) {
  const { from, to } = monthRange(month);
  const scope = staffFilter(ctx, "services.timesheet");
  const users = await tx.user.findMany({
    where: {
      tenantId: ctx.tenantId,
      role: { in: [...DELIVERING_ROLES] },
      ...(scope === "all" ? {} : { OR: [{ id: { in: scope.userIds } }, { partnerId: { in: scope.partnerIds } }] }),
    },
    select: { id: true, name: true, role: true, active: true },
    orderBy: { name: "asc" },
  });
  // The listed users' month from their provider rows alone: each carries its record's duration and
  // tombstone (copied by database triggers, prisma/migrations/20261130190000_provider_month_totals),
  // so the live rows of the month are counted and summed from one index, without the heap and
  // without reading a single record (docs/benchmarks.md).
  const totals = users.length === 0 ? [] : await tx.$queryRaw<{ user_id: string; count: number; minutes: number }[]>`
    SELECT user_id, count(*)::int AS count, coalesce(sum(duration_minutes), 0)::int AS minutes
    FROM service_provider
    WHERE tenant_id = ${ctx.tenantId}::uuid AND user_id = ANY(${users.map((u) => u.id)}::uuid[])
      AND date >= ${from}::date AND date < ${to}::date AND deleted_at IS NULL
    GROUP BY user_id`;
  const byUser = new Map(totals.map((t) => [t.user_id, t]));
  return users
    .map((u) => ({ ...u, count: byUser.get(u.id)?.count ?? 0, minutes: byUser.get(u.id)?.minutes ?? 0 }))
    .filter((u) => u.active || u.count > 0);
}

/** Whether the caller sees other people's timesheets (a manager, an auditor, a coordinator), not only their own. */
function seesTeamTimesheets(ctx: Pick<TContext, "role">): boolean {
  return scopesOf(ctx.role, "services.timesheet").some((scope) => scope !== "own");
}

/**
 * The timesheet page in one transaction: the users the caller may open with their month's totals
 * (listTimesheetUsers) and one user's month (getTimesheet). With no `userId`, a caller who sees
 * others' timesheets gets the team view — the list alone, `sheet` null — and anyone else their own
 * month. A `userId` not on the list opens the caller's own month, or — for a caller who delivers
 * nothing (an auditor) — the first user of the list.
 */
export async function getTimesheetPage(ctx: TContext, rawInput: TTimesheetInput): Promise<{ users: TTimesheetUser[]; sheet: TTimesheet | null }> {
  await assertCan(ctx, "services.timesheet");
  const input = parseInput(ZTimesheetInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const users = await loadTimesheetUsers(tx, ctx, input.month);
      if (!input.userId && seesTeamTimesheets(ctx)) return { users, sheet: null };
      // The list holds only users in the caller's scope (staffFilter is the same rule as inScope):
      // a listed user needs no second lookup.
      const listed = users.find((u) => u.id === input.userId) ?? users.find((u) => u.id === ctx.userId) ?? users[0];
      const user = listed ?? (await loadUser(tx, ctx, ctx.userId));
      return { users, sheet: await loadTimesheet(tx, ctx, user, input.month) };
    }),
  );
}
