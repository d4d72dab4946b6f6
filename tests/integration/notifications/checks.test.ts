import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pool } from "@/lib/db/client";
import { CHECK_BATCH, handleNightlyChecksJob, runNightlyChecks } from "@/lib/domain/notifications/checks";
import { addMonitoringEntry } from "@/lib/domain/paths/service";
import { fanOutToTenants } from "@/lib/jobs/fan-out";
import { JOB_HANDLERS } from "@/lib/jobs/handlers";
import { QUEUES } from "@/lib/jobs/queues";
import { startWorker, type TWorker } from "@/lib/jobs/worker";
import { contextFor, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { recordStatements } from "@/tests/support/statement-counter";
import { insertPathAt, insertReturnedPlan } from "../attention/support";
import { eventually } from "@/tests/support/eventually";

/**
 * Issue 15, the nightly checks (lib/domain/notifications/checks.ts) against the rules of issue 13,
 * with a fixed `now` instead of waiting. The tenant's policy is N = 10 days. Partner A has an
 * active coordinator (and an inactive one); partner B only an inactive one, so its advisor's
 * escalations go to the active managers. Another tenant has the same kinds of overdue work.
 */

const N = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;

let tenant: TTenantRow;
let other: TTenantRow;
let manager: TUserRow;
let coordinatorA: TUserRow;
let advisorA: TUserRow;
let advisorB: TUserRow;

type TNotificationRow = { user_id: string; kind: string; href: string; params: Record<string, unknown>; dedupe_key: string | null; email_status: string };

function notificationsOf(tenantId: string): Promise<TNotificationRow[]> {
  return ownerQuery<TNotificationRow>(
    `SELECT user_id, kind, href, params, dedupe_key, email_status::text AS email_status FROM notification WHERE tenant_id = $1 ORDER BY created_at, kind, user_id`,
    [tenantId],
  );
}

/** Who got which kind, as "kind→user" strings, sorted. */
async function deliveries(tenantId: string): Promise<string[]> {
  return (await notificationsOf(tenantId)).map((n) => `${n.kind}→${n.user_id}`).sort();
}

const emailJobs = async () => (await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'notification.email'`))[0]?.n ?? 0;

async function clientOf(t: { id: string }, advisor: TUserRow, name: string) {
  const [row] = await createCaseloadClients(t, 1, { status: "ACTIVE", keyAdvisorId: advisor.id, namePrefix: name });
  if (!row) throw new Error("setup");
  return row;
}

/** An IMPLEMENTATION path of `advisor`'s new client, opened at exactly `openedAt`, never monitored. */
async function overduePath(advisor: TUserRow, name: string, openedAt: Date, t: { id: string } = tenant): Promise<string> {
  const id = await insertPathAt(t, await clientOf(t, advisor, name), "IMPLEMENTATION", { openedDaysAgo: 0 });
  await ownerQuery(`UPDATE support_path SET opened_at = $2 WHERE id = $1`, [id, openedAt]);
  return id;
}

const after = (at: Date, ms: number) => new Date(at.getTime() + ms);

beforeEach(async () => {
  tenant = await createTenant();
  await ownerQuery(`UPDATE tenant SET monitoring_overdue_days = $2 WHERE id = $1`, [tenant.id, N]);
  const [partnerA, partnerB] = [await createPartner(tenant), await createPartner(tenant)];
  manager = await createUser(tenant, { role: "MANAGER" });
  await createUser(tenant, { role: "MANAGER", active: false });
  coordinatorA = await createUser(tenant, { role: "COORDINATOR", partnerId: partnerA.id });
  await createUser(tenant, { role: "COORDINATOR", partnerId: partnerA.id, active: false });
  await createUser(tenant, { role: "COORDINATOR", partnerId: partnerB.id, active: false });
  advisorA = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerA.id });
  advisorB = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partnerB.id });

  // Another centre: a path overdue for a year and a plan returned a month ago.
  other = await createTenant();
  await ownerQuery(`UPDATE tenant SET monitoring_overdue_days = $2 WHERE id = $1`, [other.id, N]);
  const otherAdvisor = await createUser(other, { role: "KEY_ADVISOR" });
  await createUser(other, { role: "MANAGER" });
  await overduePath(otherAdvisor, "Obca", new Date(Date.now() - 365 * DAY_MS), other);
  const otherPlanPath = await insertPathAt(other, await clientOf(other, otherAdvisor, "Obcy plan"), "PLAN", { openedDaysAgo: 60 });
  await insertReturnedPlan(other, otherPlanPath, { daysAgo: 30, decidedById: otherAdvisor.id, comment: "Do poprawy" });
});

describe("paths overdue for monitoring", () => {
  it("notify the advisor after N days and the partner's coordinator after 2N, nobody before, and no other centre", async () => {
    const openedAt = new Date(Date.now() - DAY_MS);
    const pathId = await overduePath(advisorA, "Bez monitoringu", openedAt);

    await runNightlyChecks(tenant.id, after(openedAt, N * DAY_MS - MINUTE_MS));
    expect(await deliveries(tenant.id)).toEqual([]);

    await runNightlyChecks(tenant.id, after(openedAt, N * DAY_MS + MINUTE_MS));
    const [advised, ...rest] = await notificationsOf(tenant.id);
    expect(rest).toEqual([]);
    expect(advised).toEqual({
      user_id: advisorA.id,
      kind: "path_overdue",
      href: `/paths/${pathId}?tab=monitoring`,
      params: { clientName: "Bez monitoringu 1", days: N, since: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
      dedupe_key: `path_overdue:${pathId}:${openedAt.toISOString()}`,
      email_status: "PENDING",
    });
    expect(await emailJobs(), "its e-mail is queued with it").toBe(1);

    await runNightlyChecks(tenant.id, after(openedAt, 2 * N * DAY_MS - MINUTE_MS));
    expect(await deliveries(tenant.id)).toEqual([`path_overdue→${advisorA.id}`]);

    await runNightlyChecks(tenant.id, after(openedAt, 2 * N * DAY_MS + MINUTE_MS));
    expect(await deliveries(tenant.id)).toEqual([`path_overdue_escalated→${coordinatorA.id}`, `path_overdue→${advisorA.id}`].sort());
    const escalated = (await notificationsOf(tenant.id)).find((n) => n.kind === "path_overdue_escalated");
    expect(escalated).toMatchObject({ href: `/paths/${pathId}?tab=monitoring`, params: { clientName: "Bez monitoringu 1", days: 2 * N } });

    expect(await deliveries(other.id), "another centre is not checked by this tenant's job").toEqual([]);
  });

  it("escalate to the managers when the advisor's partner has no active coordinator", async () => {
    await overduePath(advisorB, "Partnera B", new Date(Date.now() - (2 * N + 1) * DAY_MS));
    await runNightlyChecks(tenant.id);
    expect(await deliveries(tenant.id)).toEqual([`path_overdue_escalated→${manager.id}`, `path_overdue→${advisorB.id}`].sort());
  });

  it("notify once however often the check runs", async () => {
    await overduePath(advisorA, "Dwa razy", new Date(Date.now() - (2 * N + 1) * DAY_MS));
    const first = await runNightlyChecks(tenant.id);
    const jobs = await emailJobs();
    const second = await runNightlyChecks(tenant.id);
    await runNightlyChecks(tenant.id, after(new Date(), DAY_MS));
    expect(first.notified).toBe(2);
    expect(second.notified).toBe(0);
    expect(await deliveries(tenant.id)).toEqual([`path_overdue_escalated→${coordinatorA.id}`, `path_overdue→${advisorA.id}`].sort());
    expect(await emailJobs()).toBe(jobs);
  });

  it("notify again after a new monitoring entry and a new lapse, not before", async () => {
    const pathId = await overduePath(advisorA, "Nowy okres", new Date(Date.now() - (N + 1) * DAY_MS));
    await runNightlyChecks(tenant.id);
    await addMonitoringEntry(contextFor(advisorA), pathId, { progress: "Spotkanie odbyte", risks: null, nextSteps: "Rejestracja w KRS" });
    const [{ last_monitoring_at: monitoredAt } = { last_monitoring_at: new Date(0) }] = await ownerQuery<{ last_monitoring_at: Date }>(
      `SELECT last_monitoring_at FROM support_path WHERE id = $1`,
      [pathId],
    );

    await runNightlyChecks(tenant.id, after(monitoredAt, N * DAY_MS - MINUTE_MS));
    expect(await deliveries(tenant.id)).toEqual([`path_overdue→${advisorA.id}`]);

    await runNightlyChecks(tenant.id, after(monitoredAt, N * DAY_MS + MINUTE_MS));
    const keys = (await notificationsOf(tenant.id)).map((n) => n.dedupe_key);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(`path_overdue:${pathId}:${monitoredAt.toISOString()}`);
  });

  it("read the paths in batches, a few statements each, and notify every one of more than a batch once", async () => {
    const count = CHECK_BATCH + 1;
    const clients = await createCaseloadClients(tenant, count, { status: "ACTIVE", keyAdvisorId: advisorA.id, namePrefix: "Wielu" });
    await ownerQuery(
      `INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, step, key_advisor_id, opened_at, created_by_id, updated_at)
       SELECT gen_random_uuid(), $1, c, c, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', 'IMPLEMENTATION', $2, now() - make_interval(days => $3), $2, now()
       FROM unnest($4::uuid[]) AS c`,
      [tenant.id, advisorA.id, N + 1, clients.map((c) => c.id)],
    );
    const { result, statements } = await recordStatements(() => runNightlyChecks(tenant.id));
    expect(result.notified).toBe(count);
    expect(statements.length, "statements do not grow with the paths").toBeLessThan(50);
    const rows = await notificationsOf(tenant.id);
    expect(new Set(rows.map((r) => r.href)).size).toBe(count);
    expect(await emailJobs()).toBe(count);
    expect((await runNightlyChecks(tenant.id)).notified).toBe(0);
  });

  it("skip paths that are closed or not yet in a monitored step", async () => {
    const longAgo = (step: "PLAN" | "CLOSED", name: string) => clientOf(tenant, advisorA, name).then((c) => insertPathAt(tenant, c, step, { openedDaysAgo: 5 * N }));
    await longAgo("PLAN", "Na etapie planu");
    await longAgo("CLOSED", "Zamknięta");
    await runNightlyChecks(tenant.id);
    expect(await deliveries(tenant.id)).toEqual([]);
  });
});

describe("plans returned and not resubmitted", () => {
  it("notify the advisor once a plan has waited 7 days, once per return", async () => {
    const pathId = await insertPathAt(tenant, await clientOf(tenant, advisorA, "Zwrócony"), "PLAN", { openedDaysAgo: 30 });
    const versionId = await insertReturnedPlan(tenant, pathId, { daysAgo: 6.9, decidedById: coordinatorA.id, comment: "Uzupełnić harmonogram" });
    const now = new Date();

    await runNightlyChecks(tenant.id, now);
    expect(await deliveries(tenant.id)).toEqual([]);

    await runNightlyChecks(tenant.id, after(now, 0.2 * DAY_MS));
    await runNightlyChecks(tenant.id, after(now, 0.3 * DAY_MS));
    const rows = await notificationsOf(tenant.id);
    expect(rows).toEqual([
      expect.objectContaining({
        user_id: advisorA.id,
        kind: "plan_not_resubmitted",
        href: `/paths/${pathId}?tab=plan`,
        params: { clientName: "Zwrócony 1", versionNumber: 1, days: 7, returnedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
        dedupe_key: expect.stringContaining(`plan_not_resubmitted:${versionId}:`),
      }),
    ]);

    // Resubmitted and returned again: a new return, notified after its own 7 days.
    await ownerQuery(`UPDATE path_plan_version SET decided_at = now() - interval '8 days' WHERE id = $1`, [versionId]);
    await runNightlyChecks(tenant.id);
    expect(await deliveries(tenant.id)).toEqual([`plan_not_resubmitted→${advisorA.id}`, `plan_not_resubmitted→${advisorA.id}`]);
  });
});

describe("retention", () => {
  async function insertNotification(t: { id: string }, user: TUserRow, daysAgo: number) {
    const id = randomUUID();
    await ownerQuery(
      `INSERT INTO notification (id, tenant_id, user_id, kind, href, params, email_status, created_at)
       VALUES ($1, $2, $3, 'plan_submitted', '/plans', '{}', 'SENT', now() - make_interval(days => $4))`,
      [id, t.id, user.id, daysAgo],
    );
    return id;
  }

  it("deletes notifications older than 90 days, of this centre only", async () => {
    await insertNotification(tenant, advisorA, 91);
    const kept = await insertNotification(tenant, advisorA, 89);
    const othersOld = await insertNotification(other, await createUser(other, { role: "KEY_ADVISOR" }), 200);

    const result = await runNightlyChecks(tenant.id);

    expect(result).toMatchObject({ deletedNotifications: 1 });
    const left = await ownerQuery<{ id: string }>(`SELECT id FROM notification`);
    expect(left.map((n) => n.id).sort()).toEqual([kept, othersOld].sort());
  });

  it("deletes account links a day after they expired or were used, of this centre only", async () => {
    async function insertToken(t: { id: string }, user: TUserRow, expiresInHours: number, usedHoursAgo: number | null) {
      const id = randomUUID();
      await ownerQuery(
        `INSERT INTO account_token (id, tenant_id, user_id, purpose, token_hash, expires_at, used_at)
         VALUES ($1, $2, $3, 'RESET', $4, now() + make_interval(hours => $5), CASE WHEN $6::int IS NULL THEN NULL ELSE now() - make_interval(hours => $6::int) END)`,
        [id, t.id, user.id, randomUUID(), expiresInHours, usedHoursAgo],
      );
      return id;
    }
    await insertToken(tenant, advisorA, -48, null); // expired two days ago
    await insertToken(tenant, advisorA, 1, 48); // used two days ago
    const expiredLately = await insertToken(tenant, advisorA, -1, null);
    const usedLately = await insertToken(tenant, advisorA, 1, 2);
    const valid = await insertToken(tenant, advisorA, 72, null);
    const othersOld = await insertToken(other, await createUser(other, { role: "KEY_ADVISOR" }), -100, null);

    await runNightlyChecks(tenant.id);

    const left = await ownerQuery<{ id: string }>(`SELECT id FROM account_token`);
    expect(left.map((t) => t.id).sort()).toEqual([expiredLately, usedLately, valid, othersOld].sort());
  });
});

describe("the nightly job", () => {
  let worker: TWorker | null = null;
  afterEach(async () => {
    await worker?.stop();
    worker = null;
  });

  it("is the tenant.nightly handler and refuses data without a tenant id", async () => {
    expect(JOB_HANDLERS[QUEUES.tenantNightly]).toBe(handleNightlyChecksJob);
    await expect(handleNightlyChecksJob({ day: "2026-12-03" })).rejects.toThrow();
  });

  it("runs from the cron fan-out through a worker and notifies the advisor", async () => {
    await overduePath(advisorA, "Przez kolejkę", new Date(Date.now() - (N + 1) * DAY_MS));
    worker = await startWorker({ pool, pollingIntervalSeconds: 0.5, schedule: false, queues: [QUEUES.tenantNightly] });
    await fanOutToTenants(worker.boss, QUEUES.tenantNightly);

    // Waits for what a user would see arrive, bounded so a broken run fails instead of hanging.
    const mine = await eventually(() => deliveries(tenant.id), (found) => found.length > 0).catch(() => deliveries(tenant.id));
    expect(mine).toEqual([`path_overdue→${advisorA.id}`]);
    // The fan-out queued one job per tenant: the other centre's ran on its own data.
    const jobs = await ownerQuery<{ tenant_id: string }>(`SELECT data->>'tenantId' AS tenant_id FROM pgboss.job WHERE name = 'tenant.nightly'`);
    expect(jobs.map((j) => j.tenant_id).sort()).toEqual([tenant.id, other.id].sort());
  });
});
