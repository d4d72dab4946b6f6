import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROLES } from "@/lib/auth/permissions";
import { pool } from "@/lib/db/client";
import { findAuditEntries } from "@/lib/domain/audit/find-audit";
import { FAILED_JOBS_PAGE_SIZE, getFailedJobsPage, retryFailedJob } from "@/lib/domain/jobs/service";
import { jobSender } from "@/lib/jobs/boss";
import { QUEUES, type TQueueName } from "@/lib/jobs/queues";
import type { TWorker } from "@/lib/jobs/worker";
import { auditRows, contextFor, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { pageStatements } from "@/tests/support/statement-counter";
import { eventually } from "@/tests/support/eventually";

/**
 * Issue 15, the admin's dead-letter view (lib/domain/jobs/service.ts) over pg-boss's own job table:
 * a tenant's failed jobs only — not another tenant's, not the tenant-less cron fan-outs, not jobs
 * still waiting — with their queue, times, attempts and error; and the retry that sends one back
 * to its queue (state `retry`), audited, for a job of the caller's tenant only. Jobs fail through
 * pg-boss itself (its `fail`, and a real worker whose handler throws), never by hand-written rows.
 */

let tenant: TTenantRow;
let other: TTenantRow;
let admin: TUserRow;
let otherAdmin: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  other = await createTenant();
  admin = await createUser(tenant, { role: "ADMIN" });
  otherAdmin = await createUser(other, { role: "ADMIN" });
});

const workers: TWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

/** A job of `queue` with these data, sent with no retries left, failed by pg-boss with `error` (an Error, or what pg-boss stores for a plain value). */
async function failedJob(queue: TQueueName, data: Record<string, unknown>, error: object = new Error("SMTP 550: mailbox unavailable")): Promise<string> {
  const boss = jobSender(pool);
  const id = await boss.send(queue, data, { retryLimit: 0 });
  if (!id) throw new Error("setup: no job sent");
  await boss.fail(queue, id, error);
  return id;
}

type TJobRow = { state: string; retry_limit: number; retry_count: number };
const jobRow = async (id: string) => (await ownerQuery<TJobRow>(`SELECT state::text AS state, retry_limit, retry_count FROM pgboss.job WHERE id = $1`, [id]))[0];


describe("the list", () => {
  it("shows the tenant's failed jobs only, the latest failure first, with queue, times, attempts and the error's message", async () => {
    const email = await failedJob(QUEUES.notificationEmail, { tenantId: tenant.id, notificationId: randomUUID() });
    const nightly = await failedJob(QUEUES.tenantNightly, { tenantId: tenant.id, day: "2026-12-03" }, { value: "plain failure text" });
    await jobSender(pool).send(QUEUES.tenantNightly, { tenantId: tenant.id, day: "2026-12-04" });
    const foreign = await failedJob(QUEUES.notificationEmail, { tenantId: other.id, notificationId: randomUUID() });
    await failedJob(QUEUES.cronNightly, {});

    const { result } = await getFailedJobsPage(contextFor(admin));
    expect(result.total).toBe(2);
    expect(result.items.map((job) => job.id)).toEqual([nightly, email]);
    expect(result.items[0]).toMatchObject({ queue: "tenant.nightly", queueLabelKey: "jobs.queues.tenantNightly", attempts: 1, error: "plain failure text" });
    expect(result.items[1]).toMatchObject({ queue: "notification.email", queueLabelKey: "jobs.queues.notificationEmail", error: "SMTP 550: mailbox unavailable" });
    expect(result.items[1]?.createdAt).toBeInstanceOf(Date);
    expect(result.items[1]?.failedAt?.getTime()).toBeGreaterThanOrEqual(result.items[1]?.createdAt.getTime() ?? Infinity);

    expect((await getFailedJobsPage(contextFor(otherAdmin))).result.items.map((job) => job.id)).toEqual([foreign]);
  });

  it("pages through them, and shows nothing to a tenant with none", async () => {
    for (let i = 0; i < FAILED_JOBS_PAGE_SIZE + 2; i++) await failedJob(QUEUES.accountEmail, { tenantId: tenant.id, n: i });
    expect((await getFailedJobsPage(contextFor(admin), { page: "2" })).result).toMatchObject({ page: 2, pageCount: 2, total: FAILED_JOBS_PAGE_SIZE + 2 });
    expect((await getFailedJobsPage(contextFor(admin), { page: "2" })).result.items).toHaveLength(2);
    expect((await getFailedJobsPage(contextFor(otherAdmin))).result).toMatchObject({ items: [], total: 0 });
  });

  it("costs the session check and one short transaction (the page budget is 10)", async () => {
    await failedJob(QUEUES.notificationEmail, { tenantId: tenant.id, notificationId: randomUUID() });
    const statements = await pageStatements(admin, (ctx) => getFailedJobsPage(ctx));
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(6);
  });
});

describe("retry", () => {
  it("moves the job back to its queue (state retry, one more attempt allowed), audited, and off the list", async () => {
    const id = await failedJob(QUEUES.notificationEmail, { tenantId: tenant.id, notificationId: randomUUID() });

    expect(await retryFailedJob(contextFor(admin), id)).toEqual({ id, queue: "notification.email" });
    expect(await jobRow(id)).toMatchObject({ state: "retry", retry_limit: 1 });
    expect((await getFailedJobsPage(contextFor(admin))).result.total).toBe(0);
    const audit = await auditRows(tenant.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "job.retry", entity_type: "BackgroundJob", entity_id: id, actor_id: admin.id, after: { queue: "notification.email", attempts: 1 } });
    // The trail names the job by its queue, in words.
    const [entry] = (await findAuditEntries(contextFor(admin), { entityType: "BackgroundJob" })).items;
    expect(entry?.entity).toEqual({ kind: "label", key: "jobs.queues.notificationEmail" });

    // Retried already: no longer a failed job.
    expect((await appErrorOf(retryFailedJob(contextFor(admin), id))).code).toBe("NOT_FOUND");
  });

  it("retries a job once when two admins press retry at the same moment", async () => {
    const id = await failedJob(QUEUES.notificationEmail, { tenantId: tenant.id, notificationId: randomUUID() });
    const second = contextFor(await createUser(tenant, { role: "ADMIN" }));
    const outcomes = await Promise.allSettled([retryFailedJob(contextFor(admin), id), retryFailedJob(second, id)]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await jobRow(id)).toMatchObject({ state: "retry", retry_limit: 1 });
    expect((await auditRows(tenant.id)).filter((row) => row.action === "job.retry")).toHaveLength(1);
  });

  it("answers NOT_FOUND for another tenant's job, a tenant-less job, a job still waiting, a missing and a malformed id alike, changing nothing", async () => {
    const foreign = await failedJob(QUEUES.notificationEmail, { tenantId: other.id, notificationId: randomUUID() });
    const cron = await failedJob(QUEUES.cronNightly, {});
    const waiting = await jobSender(pool).send(QUEUES.tenantNightly, { tenantId: tenant.id, day: "2026-12-04" });
    if (!waiting) throw new Error("setup");
    const before = await Promise.all([foreign, cron, waiting].map(jobRow));

    const answers = [];
    for (const id of [foreign, cron, waiting, randomUUID(), "not-a-uuid", `${randomUUID()}' OR '1'='1`]) {
      const error = await appErrorOf(retryFailedJob(contextFor(admin), id));
      answers.push({ code: error.code, message: error.message });
    }
    expect(answers).toEqual(Array.from({ length: 6 }, () => ({ code: "NOT_FOUND", message: "Job not found" })));
    expect(await Promise.all([foreign, cron, waiting].map(jobRow))).toEqual(before);
    expect(await auditRows(tenant.id)).toEqual([]);
    // Its own tenant's admin may retry it.
    expect((await retryFailedJob(contextFor(otherAdmin), foreign)).id).toBe(foreign);
  });

  it("sends a job that a worker failed back to the worker, which runs it again to completion", async () => {
    const { startWorker } = await import("@/lib/jobs/worker");
    let fixed = false;
    let runs = 0;
    workers.push(
      await startWorker({
        pool,
        pollingIntervalSeconds: 0.5,
        schedule: false,
        queues: [QUEUES.tenantDigestDaily],
        handlers: {
          [QUEUES.tenantDigestDaily]: async () => {
            runs += 1;
            if (!fixed) throw new Error("SMTP server unreachable");
          },
        },
      }),
    );
    const id = await jobSender(pool).send(QUEUES.tenantDigestDaily, { tenantId: tenant.id, day: "2026-12-03" }, { retryLimit: 0 });
    if (!id) throw new Error("setup");

    await eventually(() => jobRow(id), (row) => row?.state === "failed");
    const [listed] = (await getFailedJobsPage(contextFor(admin))).result.items;
    expect(listed).toMatchObject({ id, queueLabelKey: "jobs.queues.tenantDigestDaily", attempts: 1, error: "SMTP server unreachable" });

    fixed = true;
    await retryFailedJob(contextFor(admin), id);
    await eventually(() => jobRow(id), (row) => row?.state === "completed");
    expect(runs).toBe(2);
  });
});

describe("permission", () => {
  it("is the admin's alone: every other role is refused both the list and the retry, audited, before any lookup", async () => {
    const id = await failedJob(QUEUES.notificationEmail, { tenantId: tenant.id, notificationId: randomUUID() });
    const refused = ROLES.filter((role) => role !== "ADMIN");
    for (const role of refused) {
      const ctx = contextFor(await createUser(tenant, { role }));
      expect((await appErrorOf(getFailedJobsPage(ctx))).code, role).toBe("FORBIDDEN");
      for (const jobId of [id, randomUUID(), "not-a-uuid"]) expect((await appErrorOf(retryFailedJob(ctx, jobId))).code, role).toBe("FORBIDDEN");
    }
    expect(await jobRow(id)).toMatchObject({ state: "failed" });
    const audit = await auditRows(tenant.id);
    expect(audit.map((row) => row.action)).toEqual(Array.from({ length: refused.length * 4 }, () => "auth.forbidden"));
  });
});
