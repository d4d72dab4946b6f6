import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { monthRange } from "@/lib/dates";
import { deleteService, getTimesheet, getTimesheetPage, listTimesheetUsers, logService, updateService } from "@/lib/domain/services/service";
import { loadSessionContext } from "@/lib/domain/sessions/session";
import {
  contextFor,
  createClient,
  createPartner,
  createTenant,
  createUser,
  ownerQuery,
  type TClientRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { sessionClaimsFor } from "@/tests/factories/sessions";
import { polishDaysAgo, serviceInput } from "@/tests/factories/services";
import { recordStatements } from "@/tests/support/statement-counter";

/**
 * Issue 12: the timesheet's team list totals a month from provider rows alone, each carrying a copy
 * of its record's duration and tombstone kept by database triggers
 * (prisma/migrations/20261130190000_provider_month_totals). These tests write through the real
 * services — as the app role, under forced row-level security — and through plain SQL as other
 * writers do, and check the copies and the totals against the records themselves. The timesheet
 * page is one service call: its statements are counted.
 */

const TODAY = polishDaysAgo(0);
const MONTH = TODAY.slice(0, 7);

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let animator: TUserRow;
let clients: TClientRow[];
let advisorCtx: TContext;

beforeEach(async () => {
  tenant = await createTenant();
  const partner = await createPartner(tenant);
  manager = await createUser(tenant, { role: "MANAGER" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, name: "Anna Doradczyni" });
  animator = await createUser(tenant, { role: "ANIMATOR", partnerId: partner.id, name: "Adam Animator" });
  clients = [];
  for (let i = 0; i < 3; i++) clients.push(await createClient(tenant, { keyAdvisorId: advisor.id, name: `Klient ${i + 1}` }));
  advisorCtx = contextFor(advisor);
});

/** Every provider row of the tenant whose copies differ from its record: none, ever. */
async function staleCopies(tenantId: string) {
  return ownerQuery(
    `SELECT p.id, p.duration_minutes, p.deleted_at, r.duration_minutes AS record_minutes, r.deleted_at AS record_deleted_at
     FROM service_provider p JOIN service_record r ON r.tenant_id = p.tenant_id AND r.id = p.service_id
     WHERE p.tenant_id = $1 AND (p.duration_minutes <> r.duration_minutes OR p.deleted_at IS DISTINCT FROM r.deleted_at)`,
    [tenantId],
  );
}

/** A user's month the long way: their provider rows joined to the live records. */
async function monthFromRecords(userId: string, month = MONTH) {
  const { from, to } = monthRange(month);
  const [row] = await ownerQuery<{ count: number; minutes: number }>(
    `SELECT count(*)::int AS count, coalesce(sum(r.duration_minutes), 0)::int AS minutes
     FROM service_provider p JOIN service_record r ON r.tenant_id = p.tenant_id AND r.id = p.service_id
     WHERE p.tenant_id = $1 AND p.user_id = $2 AND r.date >= $3 AND r.date < $4 AND r.deleted_at IS NULL`,
    [tenant.id, userId, from, to],
  );
  return row ?? { count: 0, minutes: 0 };
}

/** What the manager's team list shows for each of the given users (null: not listed). */
async function teamTotals(users: TUserRow[], month = MONTH) {
  const list = await listTimesheetUsers(contextFor(manager), month);
  return Object.fromEntries(
    users.map((u) => {
      const row = list.find((r) => r.id === u.id);
      return [u.name, row ? { count: row.count, minutes: row.minutes } : null];
    }),
  );
}

describe("the provider rows' copies of duration and tombstone", () => {
  it("keep the team list right through logging, an edit of the duration, a group session with two providers and a soft delete", async () => {
    const [c1, c2, c3] = clients.map((c) => c.id) as [string, string, string];
    const expectTeam = async (advisorTotals: { count: number; minutes: number }, animatorTotals: { count: number; minutes: number } | null) => {
      expect(await teamTotals([advisor, animator])).toEqual({ [advisor.name]: advisorTotals, [animator.name]: animatorTotals });
      expect(await monthFromRecords(advisor.id)).toEqual(advisorTotals);
      expect(await staleCopies(tenant.id)).toEqual([]);
    };
    await expectTeam({ count: 0, minutes: 0 }, { count: 0, minutes: 0 });

    const { id: single } = await logService(advisorCtx, serviceInput([c1], { durationMinutes: 45 }));
    await expectTeam({ count: 1, minutes: 45 }, { count: 0, minutes: 0 });

    await updateService(advisorCtx, single, serviceInput([c1], { durationMinutes: 90 }));
    await expectTeam({ count: 1, minutes: 90 }, { count: 0, minutes: 0 });

    // A group session delivered by two: it counts in full for each of them.
    const { id: group } = await logService(advisorCtx, serviceInput([c1, c2, c3], { durationMinutes: 120, providerIds: [advisor.id, animator.id] }));
    await expectTeam({ count: 2, minutes: 210 }, { count: 1, minutes: 120 });
    const copies = await ownerQuery(`SELECT user_id, duration_minutes, deleted_at FROM service_provider WHERE tenant_id = $1 AND service_id = $2 ORDER BY user_id`, [tenant.id, group]);
    expect(copies).toEqual([advisor.id, animator.id].sort().map((userId) => ({ user_id: userId, duration_minutes: 120, deleted_at: null })));

    // Editing the group session's duration reaches both providers' rows.
    await updateService(advisorCtx, group, serviceInput([c1, c2, c3], { durationMinutes: 60, providerIds: [advisor.id, animator.id] }));
    await expectTeam({ count: 2, minutes: 150 }, { count: 1, minutes: 60 });

    // A soft delete takes the record out of both providers' totals; the rows stay, marked.
    await deleteService(advisorCtx, group, { reason: "Wpisane dwa razy" });
    await expectTeam({ count: 1, minutes: 90 }, { count: 0, minutes: 0 });
    const [record] = await ownerQuery<{ deleted_at: Date }>(`SELECT deleted_at FROM service_record WHERE id = $1`, [group]);
    const marked = await ownerQuery<{ deleted_at: Date }>(`SELECT deleted_at FROM service_provider WHERE tenant_id = $1 AND service_id = $2`, [tenant.id, group]);
    expect(marked.map((m) => m.deleted_at)).toEqual([record?.deleted_at, record?.deleted_at]);

    await deleteService(advisorCtx, single, { reason: "Pomyłka" });
    await expectTeam({ count: 0, minutes: 0 }, { count: 0, minutes: 0 });
    // The user's own sheet agrees with the list.
    expect(await getTimesheet(advisorCtx, { month: MONTH })).toMatchObject({ count: 0, minutes: 0 });
  });

  it("are copied from the record whatever another writer gives, and follow the record when changed by SQL", async () => {
    const { id } = await logService(advisorCtx, serviceInput([clients[0]?.id ?? ""], { durationMinutes: 30 }));
    // A writer that gives wrong copies (or none, as the benchmark seeders do) gets the record's.
    await ownerQuery(`INSERT INTO service_provider (id, tenant_id, service_id, user_id, date, duration_minutes, deleted_at) VALUES ($1, $2, $3, $4, $5, 999, now())`, [
      randomUUID(),
      tenant.id,
      id,
      animator.id,
      TODAY,
    ]);
    // So does a provider row moved to another record (its key changed).
    const { id: other } = await logService(advisorCtx, serviceInput([clients[1]?.id ?? ""], { durationMinutes: 20, startTime: "15:00" }));
    const move = (from: string, to: string) =>
      ownerQuery(`UPDATE service_provider SET service_id = $3 WHERE tenant_id = $1 AND service_id = $2 AND user_id = $4`, [tenant.id, from, to, animator.id]);
    await move(id, other);
    expect(await staleCopies(tenant.id)).toEqual([]);
    await move(other, id);
    expect(await staleCopies(tenant.id)).toEqual([]);
    expect(await teamTotals([advisor, animator])).toEqual({ [advisor.name]: { count: 2, minutes: 50 }, [animator.name]: { count: 1, minutes: 30 } });

    // An operator's SQL on the record reaches its providers too.
    await ownerQuery(`UPDATE service_record SET duration_minutes = 75 WHERE id = $1`, [id]);
    expect(await teamTotals([advisor, animator])).toEqual({ [advisor.name]: { count: 2, minutes: 95 }, [animator.name]: { count: 1, minutes: 75 } });
    await ownerQuery(`UPDATE service_record SET deleted_at = now(), deleted_by_id = author_id, delete_reason = 'x' WHERE id = $1`, [id]);
    expect(await teamTotals([advisor, animator])).toEqual({ [advisor.name]: { count: 1, minutes: 20 }, [animator.name]: { count: 0, minutes: 0 } });
    expect(await staleCopies(tenant.id)).toEqual([]);

    // A writer inserting a record and its provider in ONE statement (as some test factories do):
    // the BEFORE trigger cannot see the record yet, the AFTER one copies once the statement is in.
    const sameStatement = randomUUID();
    await ownerQuery(
      `WITH record AS (
         INSERT INTO service_record (id, tenant_id, date, duration_minutes, form, channel, support_type, author_id, idempotency_key, updated_at)
         VALUES ($1, $2, $3, 105, 'INDIVIDUAL', 'IN_PERSON', 'ADVISORY', $4, gen_random_uuid(), now()))
       INSERT INTO service_provider (id, tenant_id, service_id, user_id, date) VALUES (gen_random_uuid(), $2, $1, $4, $3)`,
      [sameStatement, tenant.id, TODAY, advisor.id],
    );
    expect(await staleCopies(tenant.id)).toEqual([]);
    expect(await teamTotals([advisor])).toEqual({ [advisor.name]: { count: 2, minutes: 125 } });
    // A provider row for a missing record is still refused by its foreign key.
    const missing = await ownerQuery(`INSERT INTO service_provider (id, tenant_id, service_id, user_id, date) VALUES ($1, $2, $3, $4, $5)`, [
      randomUUID(),
      tenant.id,
      randomUUID(),
      advisor.id,
      TODAY,
    ]).then(
      () => null,
      (error: { code?: string }) => error.code,
    );
    expect(missing).toBe("23503");
  });

  it("are kept by the triggers as the app role under row-level security, and never across tenants", async () => {
    const { id } = await logService(advisorCtx, serviceInput([clients[0]?.id ?? ""], { durationMinutes: 40 }));
    const other = await createTenant();
    const otherAdvisor = await createUser(other, { role: "KEY_ADVISOR" });
    const app = new pg.Client({ connectionString: process.env.APP_DATABASE_URL });
    await app.connect();
    try {
      const [{ role }] = (await app.query<{ role: string }>("SELECT current_user AS role")).rows as [{ role: string }];
      expect(role).toBe("owes_app");
      // As the record's tenant: a plain insert and a plain update, each trigger doing its part.
      await app.query("BEGIN");
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
      await app.query(`INSERT INTO service_provider (id, tenant_id, service_id, user_id, date) VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), tenant.id, id, animator.id, TODAY]);
      await app.query(`UPDATE service_record SET duration_minutes = 50 WHERE tenant_id = $1 AND id = $2`, [tenant.id, id]);
      await app.query("COMMIT");
      expect(await staleCopies(tenant.id)).toEqual([]);
      expect(await teamTotals([advisor, animator])).toEqual({ [advisor.name]: { count: 1, minutes: 50 }, [animator.name]: { count: 1, minutes: 50 } });

      // As another tenant the record is invisible: no copy is read from it, and the row is refused.
      await app.query("BEGIN");
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [other.id]);
      const refused = await app
        .query(`INSERT INTO service_provider (id, tenant_id, service_id, user_id, date) VALUES ($1, $2, $3, $4, $5)`, [randomUUID(), other.id, id, otherAdvisor.id, TODAY])
        .then(() => null, (error: { code?: string }) => error.code);
      await app.query("ROLLBACK");
      expect(refused).toBe("23503"); // foreign_key_violation: the record is not the other tenant's
    } finally {
      await app.end();
    }
  });
});

describe("the timesheet page", () => {
  /** The page's statements: the session check (loadSessionContext), then getTimesheetPage. */
  async function pageStatements(user: TUserRow, userId?: string) {
    const claims = await sessionClaimsFor(user);
    return recordStatements(async () => {
      const ctx = await loadSessionContext(claims);
      if (!ctx) throw new Error("session");
      return getTimesheetPage(ctx, { month: MONTH, userId });
    });
  }

  beforeEach(async () => {
    const [c1, c2] = clients.map((c) => c.id) as [string, string];
    await logService(advisorCtx, serviceInput([c1], { durationMinutes: 45 }));
    await logService(advisorCtx, serviceInput([c1, c2], { durationMinutes: 90, startTime: "12:00", providerIds: [advisor.id, animator.id] }));
  });

  it("costs a manager at most 10 statements with the session check, and shows the list and the chosen user's month", async () => {
    const { result, statements } = await pageStatements(manager, animator.id);
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(10);
    expect(result.sheet).toMatchObject({ user: { id: animator.id }, count: 1, minutes: 90 });
    expect(result.users.map((u) => [u.id, u.count, u.minutes])).toEqual(
      expect.arrayContaining([
        [animator.id, 1, 90],
        [advisor.id, 2, 135],
        [manager.id, 0, 0],
      ]),
    );
    // The page is what the two separate services answer.
    expect(result.users).toEqual(await listTimesheetUsers(contextFor(manager), MONTH));
    expect(result.sheet).toEqual(await getTimesheet(contextFor(manager), { month: MONTH, userId: animator.id }));
  });

  it("costs an advisor at most 10 statements with the session check, on their own month", async () => {
    const { result, statements } = await pageStatements(advisor);
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(10);
    expect(result.users.map((u) => u.id)).toEqual([advisor.id]);
    expect(result.sheet).toMatchObject({ user: { id: advisor.id }, count: 2, minutes: 135 });
    expect(result.sheet).toEqual(await getTimesheet(advisorCtx, { month: MONTH }));
  });

  it("opens the caller's own month for a user not on their list — out of scope, missing, or another centre's", async () => {
    const other = await createTenant();
    const foreign = await createUser(other, { role: "KEY_ADVISOR" });
    const own = await getTimesheetPage(advisorCtx, { month: MONTH });
    for (const userId of [animator.id, randomUUID(), foreign.id]) {
      expect(await getTimesheetPage(advisorCtx, { month: MONTH, userId })).toEqual(own);
    }
    // An auditor delivers nothing: their page opens on the first user of the list.
    const auditor = await createUser(tenant, { role: "AUDITOR" });
    const page = await getTimesheetPage(contextFor(auditor), { month: MONTH, userId: foreign.id });
    expect(page.sheet?.user.id).toBe(page.users[0]?.id);
  });

  it("opens on the team view for whoever sees others' hours, and on the own month for anyone else", async () => {
    const coordinator = await createUser(tenant, { role: "COORDINATOR" });
    const auditor = await createUser(tenant, { role: "AUDITOR" });
    for (const user of [manager, coordinator, auditor]) {
      const { result, statements } = await pageStatements(user);
      expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(10);
      expect(result.sheet, user.role).toBeNull();
      expect(result.users, user.role).toEqual(await listTimesheetUsers(contextFor(user), MONTH));
    }
    // The manager's own month is one click away: asked for by id.
    expect((await getTimesheetPage(contextFor(manager), { month: MONTH, userId: manager.id })).sheet?.user.id).toBe(manager.id);
    for (const user of [advisor, animator]) expect((await getTimesheetPage(contextFor(user), { month: MONTH })).sheet?.user.id).toBe(user.id);
  });
});
