import "server-only";
import { assertCan, recordScopeRefusals, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope, relationToStaff, staffFilter } from "@/lib/auth/scope";
import { dateOnly, isoDate, monthRange } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import type { SupportType } from "@/lib/generated/prisma/enums";
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
  supportType: SupportType;
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
  const { from, to } = monthRange(input.month);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const user = await loadUser(tx, ctx, input.userId || ctx.userId);
      const range = { gte: dateOnly(from), lt: dateOnly(to) };
      const rows = await tx.serviceRecord.findMany({
        where: { tenantId: ctx.tenantId, deletedAt: null, date: range, providers: { some: { userId: user.id, date: range } } },
        // Only what the timesheet shows (no notes).
        select: {
          id: true,
          date: true,
          startTime: true,
          durationMinutes: true,
          form: true,
          channel: true,
          supportType: true,
          topic: true,
          participations: { select: { client: { select: { id: true, name: true } } }, orderBy: { client: { nameNormalized: "asc" } } },
        },
        orderBy: [{ date: "asc" }, { startTime: { sort: "asc", nulls: "first" } }, { createdAt: "asc" }],
      });
      const byClient = new Map<string, { clientId: string; name: string; count: number; minutes: number }>();
      const byType = new Map<SupportType, { supportType: SupportType; count: number; minutes: number }>();
      for (const row of rows) {
        for (const { client } of row.participations) {
          const entry = byClient.get(client.id) ?? { clientId: client.id, name: client.name, count: 0, minutes: 0 };
          entry.count += 1;
          entry.minutes += row.durationMinutes;
          byClient.set(client.id, entry);
        }
        const entry = byType.get(row.supportType) ?? { supportType: row.supportType, count: 0, minutes: 0 };
        entry.count += 1;
        entry.minutes += row.durationMinutes;
        byType.set(row.supportType, entry);
      }
      const records: TTimesheetRecord[] = rows.map(({ participations, ...r }) => ({ ...r, clients: participations.map((p) => p.client.name) }));
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
        month: input.month,
        user: { id: user.id, name: user.name, role: user.role },
        count: rows.length,
        minutes: records.reduce((sum, r) => sum + r.durationMinutes, 0),
        byClient: [...byClient.values()].sort((a, b) => b.minutes - a.minutes || a.name.localeCompare(b.name, "pl")),
        byType: [...byType.values()].sort((a, b) => b.minutes - a.minutes || b.count - a.count),
        byDay: [...byDay.values()],
        records,
      };
    }),
  );
}

/** The users whose month the caller may open, each with their services and minutes that month. */
export async function listTimesheetUsers(ctx: TContext, month: string) {
  await assertCan(ctx, "services.timesheet");
  const parsed = parseInput(ZMonth, month);
  const { from, to } = monthRange(parsed);
  return tenantTransaction(ctx.tenantId, async (tx) => {
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
    // Only the listed users' month (the (tenant, user, date) index), never the whole centre's.
    const totals = await tx.$queryRaw<{ user_id: string; count: number; minutes: number }[]>`
      SELECT sp.user_id, count(*)::int AS count, coalesce(sum(sr.duration_minutes), 0)::int AS minutes
      FROM service_provider sp
      JOIN service_record sr ON sr.tenant_id = sp.tenant_id AND sr.id = sp.service_id
      WHERE sp.tenant_id = ${ctx.tenantId}::uuid AND sp.user_id = ANY(${users.map((u) => u.id)}::uuid[])
        AND sp.date >= ${from}::date AND sp.date < ${to}::date AND sr.deleted_at IS NULL
      GROUP BY sp.user_id`;
    const byUser = new Map(totals.map((t) => [t.user_id, t]));
    return users
      .map((u) => ({ ...u, count: byUser.get(u.id)?.count ?? 0, minutes: byUser.get(u.id)?.minutes ?? 0 }))
      .filter((u) => u.active || u.count > 0);
  });
}
