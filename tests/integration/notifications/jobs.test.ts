import { afterEach, describe, expect, it } from "vitest";
import { createTenant, ownerQuery } from "@/tests/factories";
import type { TWorker } from "@/lib/jobs/worker";
import { eventually } from "@/tests/support/eventually";

/**
 * The job machinery itself (lib/jobs): the cron fan-out, retries into the failed state, and many
 * workers sharing the queues. The work the handlers do is tested with its domain.
 */

const workers: TWorker[] = [];
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
});

async function start(options: Omit<Parameters<typeof import("@/lib/jobs/worker").startWorker>[0], "pool">) {
  const { startWorker } = await import("@/lib/jobs/worker");
  const { pool } = await import("@/lib/db/client");
  const worker = await startWorker({ pool, pollingIntervalSeconds: 0.5, ...options });
  workers.push(worker);
  return worker;
}


const jobsOf = (name: string) =>
  ownerQuery<{ id: string; data: { tenantId: string; day?: string }; state: string; retry_count: number; output: unknown }>(
    `SELECT id, data, state, retry_count, output FROM pgboss.job WHERE name = $1 ORDER BY created_on`,
    [name],
  );

describe("the cron fan-out", () => {
  it("queues one job per tenant per day, however often the slot fires", async () => {
    const [a, b] = [await createTenant(), await createTenant()];
    const { fanOutToTenants } = await import("@/lib/jobs/fan-out");
    const { jobSender } = await import("@/lib/jobs/boss");
    const { pool } = await import("@/lib/db/client");
    const now = new Date("2026-12-03T01:30:00Z");
    await fanOutToTenants(jobSender(pool), "tenant.nightly", now);
    await fanOutToTenants(jobSender(pool), "tenant.nightly", now);
    const jobs = await jobsOf("tenant.nightly");
    expect(jobs.map((j) => j.data.tenantId).sort()).toEqual([a.id, b.id].sort());
    expect(new Set(jobs.map((j) => j.data.day))).toEqual(new Set(["2026-12-03"]));
  });
});

describe("workers", () => {
  it("register the schedules once, however many start", async () => {
    await start({ queues: [] });
    await start({ queues: [] });
    const schedules = await ownerQuery<{ name: string; timezone: string }>(`SELECT name, timezone FROM pgboss.schedule ORDER BY name`);
    expect(schedules).toEqual([
      { name: "cron.digest.daily", timezone: "Europe/Warsaw" },
      { name: "cron.digest.weekly", timezone: "Europe/Warsaw" },
      { name: "cron.nightly", timezone: "Europe/Warsaw" },
    ]);
  });

  it("retry a failing job with backoff, then leave it failed with its error for the dead-letter view", async () => {
    const tenant = await createTenant();
    const { jobSender } = await import("@/lib/jobs/boss");
    const { pool } = await import("@/lib/db/client");
    await jobSender(pool).send("tenant.nightly", { tenantId: tenant.id }, { retryLimit: 2, retryDelay: 1, retryBackoff: true });
    let attempts = 0;
    await start({
      schedule: false,
      queues: ["tenant.nightly"],
      handlers: {
        "tenant.nightly": async () => {
          attempts += 1;
          throw new Error(`SMTP said no (${attempts})`);
        },
      },
    });
    const [job] = await eventually(() => jobsOf("tenant.nightly"), (jobs) => jobs[0]?.state === "failed");
    expect(attempts).toBe(3);
    expect(job?.retry_count).toBe(2);
    expect(JSON.stringify(job?.output)).toContain("SMTP said no (3)");
  });

  it("share the queue: two workers run each of 40 jobs exactly once", async () => {
    const tenant = await createTenant();
    const { jobSender } = await import("@/lib/jobs/boss");
    const { pool } = await import("@/lib/db/client");
    await jobSender(pool).insert(Array.from({ length: 40 }, (_, i) => ({ name: "tenant.nightly", data: { tenantId: tenant.id, n: i } })));
    const runs: { worker: string; n: number }[] = [];
    const handlerFor = (worker: string) => async (data: Record<string, unknown>) => {
      runs.push({ worker, n: data.n as number });
      // Hold the job a moment, as real work does, so both workers are busy at once.
      await ownerQuery(`SELECT pg_sleep(0.02)`);
    };
    await Promise.all([
      start({ schedule: false, queues: ["tenant.nightly"], handlers: { "tenant.nightly": handlerFor("a") } }),
      start({ schedule: false, queues: ["tenant.nightly"], handlers: { "tenant.nightly": handlerFor("b") } }),
    ]);
    await eventually(() => jobsOf("tenant.nightly"), (jobs) => jobs.every((j) => j.state === "completed"));
    expect(runs.map((r) => r.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(new Set(runs.map((r) => r.worker)).size).toBe(2);
  });
});
