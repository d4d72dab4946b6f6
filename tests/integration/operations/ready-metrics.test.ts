import { afterEach, describe, expect, it, vi } from "vitest";
import { GET as ready } from "@/app/api/ready/route";
import { pool } from "@/lib/db/client";
import { signInWithPassword, signInWithSecondFactor } from "@/lib/domain/sessions/sign-in";
import { jobSender } from "@/lib/jobs/boss";
import { QUEUES } from "@/lib/jobs/queues";
import { checkReadiness, readinessResponse, shippedMigrations } from "@/lib/system/ready";
import { createTenant, createUser, ownerQuery } from "@/tests/factories";

/**
 * The operator's endpoints: /api/ready for the load balancer, /api/metrics for Prometheus. The
 * route handlers are called as Next.js calls them, against the migrated test database.
 */

const TOKEN = "metrics-token-for-the-tests-0123456789";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("/api/ready", () => {
  it("is 200 on a database with every shipped migration applied, and is never cached", async () => {
    const response = await ready();
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ ok: true, checks: { database: "ok", migrations: "ok" } });
  });

  it("is 503 naming the migrations check when the app ships a migration the database lacks", async () => {
    const expected = [...(await shippedMigrations()), "20991231000000_not_yet_applied"];
    const response = readinessResponse(await checkReadiness(expected));
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ ok: false, checks: { database: "ok", migrations: "pending" } });
  });

  it("is 503 when a shipped migration was rolled back", async () => {
    const [last] = await ownerQuery<{ name: string }>(`SELECT migration_name AS name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`);
    expect(last?.name).toBe((await shippedMigrations()).at(-1));
    await ownerQuery(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1`, [last?.name]);
    try {
      const response = await ready();
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ ok: false, checks: { database: "ok", migrations: "pending" } });
    } finally {
      await ownerQuery(`UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE migration_name = $1`, [last?.name]);
    }
    expect((await ready()).status).toBe(200);
  });

  it("does not count against readiness a migration applied by a newer release that this one does not ship", async () => {
    const shipped = await shippedMigrations();
    expect((await checkReadiness(shipped.slice(0, -1))).ok).toBe(true);
  });
});

/** The metrics route as loaded in a process whose environment has (or lacks) METRICS_TOKEN: env is read once, at load. */
async function metricsRoute(token: string | null) {
  vi.stubEnv("METRICS_TOKEN", token ?? "");
  vi.resetModules();
  return (await import("@/app/api/metrics/route")).GET;
}

function scrape(authorization?: string) {
  return new Request("http://localhost/api/metrics", { headers: authorization ? { Authorization: authorization } : {} });
}

/** One sample's value in a Prometheus text body; undefined when the series is absent. */
function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe("/api/metrics", () => {
  it("does not exist while no METRICS_TOKEN is configured, whatever the request sends", async () => {
    const GET = await metricsRoute(null);
    expect((await GET(scrape())).status).toBe(404);
    const guessed = await GET(scrape("Bearer "));
    expect(guessed.status).toBe(404);
    expect(await guessed.text()).toBe("");
  });

  it("refuses a request without the configured token", async () => {
    const GET = await metricsRoute(TOKEN);
    for (const authorization of [undefined, `Bearer ${TOKEN.slice(0, -1)}`, `Bearer ${TOKEN}x`, `Basic ${TOKEN}`, TOKEN, "Bearer "]) {
      const response = await GET(scrape(authorization));
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect(await response.text()).toBe("");
    }
  });

  it("serves Prometheus's text format with the configured token: request durations, pool, queues, sign-in failures, process", async () => {
    const GET = await metricsRoute(TOKEN);
    const response = await GET(scrape(`Bearer ${TOKEN}`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.text();
    for (const name of [
      "owes_http_request_duration_seconds",
      "owes_db_pool_connections",
      "owes_db_pool_idle_connections",
      "owes_db_pool_waiting_requests",
      "owes_job_queue_depth",
      "owes_sign_in_failures_total",
      "process_cpu_user_seconds_total",
      "nodejs_eventloop_lag_seconds",
    ]) {
      expect(body).toContain(`# TYPE ${name} `);
    }
    // The pool answered the queue query during this very scrape: it holds at least that connection.
    expect(sample(body, "owes_db_pool_connections")).toBeGreaterThanOrEqual(1);
    expect(sample(body, "owes_db_pool_waiting_requests")).toBe(0);
    // Every queue reports, at zero when empty.
    for (const queue of Object.values(QUEUES)) expect(sample(body, `owes_job_queue_depth{queue="${queue}",state="created"}`)).toBe(0);
  });

  it("reports the jobs waiting in each queue, read at the scrape", async () => {
    const GET = await metricsRoute(TOKEN);
    const tenant = await createTenant();
    await jobSender(pool).send(QUEUES.accountEmail, { tenantId: tenant.id });
    await jobSender(pool).send(QUEUES.accountEmail, { tenantId: tenant.id });
    await jobSender(pool).send(QUEUES.tenantNightly, { tenantId: tenant.id });
    await ownerQuery(`UPDATE pgboss.job SET state = 'completed' WHERE name = $1`, [QUEUES.tenantNightly]);

    const body = await (await GET(scrape(`Bearer ${TOKEN}`))).text();
    expect(sample(body, `owes_job_queue_depth{queue="${QUEUES.accountEmail}",state="created"}`)).toBe(2);
    expect(sample(body, `owes_job_queue_depth{queue="${QUEUES.tenantNightly}",state="created"}`)).toBe(0);
    expect(sample(body, `owes_job_queue_depth{queue="${QUEUES.notificationEmail}",state="created"}`)).toBe(0);
  });

  it("counts refused sign-ins by reason, without the e-mail or the address", async () => {
    const GET = await metricsRoute(TOKEN);
    const tenant = await createTenant();
    const user = await createUser(tenant, { email: "ewa.metryka@example.test" });
    const ip = "203.0.113.99";
    const series = (reason: string) => `owes_sign_in_failures_total{reason="${reason}"}`;
    const before = await (await GET(scrape(`Bearer ${TOKEN}`))).text();

    expect(await signInWithPassword({ tenantSlug: tenant.slug, email: user.email, password: "wrong-password", ip })).toBeNull();
    expect(await signInWithPassword({ tenantSlug: tenant.slug, email: user.email, password: "wrong-password", ip })).toBeNull();
    expect(await signInWithPassword({ tenantSlug: tenant.slug, email: "nobody@example.test", password: "whatever", ip })).toBeNull();
    expect(await signInWithSecondFactor({ pendingToken: "not.signed", code: "123456", ip })).toBeNull();

    const after = await (await GET(scrape(`Bearer ${TOKEN}`))).text();
    const added = (reason: string) => (sample(after, series(reason)) ?? 0) - (sample(before, series(reason)) ?? 0);
    expect(added("wrong_password")).toBe(2);
    expect(added("unknown_account")).toBe(1);
    expect(added("forged_token")).toBe(1);
    expect(after).not.toContain(user.email);
    expect(after).not.toContain("nobody@example.test");
    expect(after).not.toContain(ip);
  });
});
