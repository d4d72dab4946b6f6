/**
 * Benchmark (issue 13), not a test: each role's dashboard on a big tenant — 50,000 clients (the
 * caseload benchmark's tenant: 300 key advisors, ~4,000 active clients), their open and closed
 * support paths with plans, a million service records over three years and 300,000 audit entries.
 *
 *   npm run bench:dashboards -- [--runs 200] [--records 1000000] [--keep] [--write-doc]
 *
 * Builds its own database (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/owes_bench_dashboards;
 * only a local server is accepted) from the migrations, seeds with set-based statements,
 * VACUUM ANALYZEs, then calls the dashboard's page service through the app role (row-level
 * security on) as each role would, and prints p50/p95 server time and the statements per call.
 * `--write-doc` replaces the figures in docs/benchmarks.md; `--keep` keeps the database.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { benchDatabase, inBenchDatabase, percentile, withClient, writeFigures } from "./common";
import { seedCaseloadTenant } from "./seeders/caseload";
import { seedPathsAndAudit } from "./seeders/paths";
import { seedServiceHistory } from "./seeders/service-log";
import { addDays, todayInPoland } from "@/lib/dates";
import type { TContext } from "@/lib/auth/context";
import type { TRole } from "@/lib/auth/permissions";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    records: { type: "string", default: "1000000" },
    keep: { type: "boolean", default: false },
    "write-doc": { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
const RECORDS = Number(args.records);
const WARMUP = 20;

const database = benchDatabase("owes_bench_dashboards");
const { ownerUrl: OWNER_URL } = database;

type TResult = { name: string; p50: number; p95: number; mean: number; max: number; statements: number };

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]?.toFixed(1) ?? "?";
  await inBenchDatabase(database, args.keep, async () => {
    const seedStart = Date.now();
    const seeded = await withClient(OWNER_URL, async (db) => {
      await db.query(`SET synchronous_commit = off`);
      await db.query(`SET work_mem = '64MB'`);
      const tenant = await seedCaseloadTenant(db, { slug: "owes-bench" });
      await seedPathsAndAudit(db, tenant.tenantId);
      await seedServiceHistory(db, tenant.tenantId, RECORDS, addDays(todayInPoland(), 0));
      const start = Date.now();
      await db.query(`VACUUM ANALYZE`);
      await db.query(`CHECKPOINT`);
      console.log(`  VACUUM ANALYZE and CHECKPOINT: ${((Date.now() - start) / 1000).toFixed(1)} s`);
      // The people whose dashboards are measured: the busiest key advisor (their services also
      // stand for an animator's and a specialist's, whose dashboards read the same way).
      const [people] = (
        await db.query<{ advisorId: string; advisorPartnerId: string; auditorId: string | null }>(
          `SELECT (SELECT p.user_id FROM service_provider p WHERE p.tenant_id = $1 GROUP BY p.user_id ORDER BY count(*) DESC LIMIT 1) AS "advisorId",
                  (SELECT u.partner_id FROM "user" u WHERE u.id = (SELECT p.user_id FROM service_provider p WHERE p.tenant_id = $1 GROUP BY p.user_id ORDER BY count(*) DESC LIMIT 1)) AS "advisorPartnerId",
                  NULL AS "auditorId"`,
          [tenant.tenantId],
        )
      ).rows;
      const [counts] = (
        await db.query<Record<string, number>>(
          `SELECT (SELECT count(*)::int FROM client WHERE tenant_id = $1) AS clients,
                  (SELECT count(*)::int FROM client WHERE tenant_id = $1 AND status = 'ACTIVE') AS active,
                  (SELECT count(*)::int FROM support_path WHERE tenant_id = $1) AS paths,
                  (SELECT count(*)::int FROM path_plan_version WHERE tenant_id = $1) AS plans,
                  (SELECT count(*)::int FROM service_record WHERE tenant_id = $1) AS services,
                  (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1) AS audit`,
          [tenant.tenantId],
        )
      ).rows;
      if (!counts) throw new Error("no counts");
      return { tenant, people, counts };
    });
    const seedSeconds = (Date.now() - seedStart) / 1000;
    console.log(`Seeded in ${seedSeconds.toFixed(0)} s:`, seeded.counts);
    if (!seeded.people?.advisorId) throw new Error("no advisor with services");

    const { getDashboard } = await import("@/lib/domain/dashboard/service");
    const { prisma } = await import("@/lib/db/client");
    const { captureStatements } = await import("@/tests/support/statement-counter");
    const { tenant, people } = seeded;
    const ctxOf = (role: TRole, userId: string, partnerId: string | null): TContext => ({ userId, tenantId: tenant.tenantId, role, partnerId, requestId: "bench" });
    const cases: { name: string; ctx: TContext }[] = [
      { name: "Manager (the whole centre)", ctx: ctxOf("MANAGER", tenant.managerId, null) },
      { name: "Coordinator (one partner: 150 advisors)", ctx: ctxOf("COORDINATOR", tenant.coordinatorId, tenant.partnerIds[0] ?? null) },
      { name: "Key advisor (the busiest)", ctx: ctxOf("KEY_ADVISOR", people.advisorId, people.advisorPartnerId) },
      { name: "Animator (same history)", ctx: ctxOf("ANIMATOR", people.advisorId, people.advisorPartnerId) },
      { name: "Specialist (same history)", ctx: ctxOf("SPECIALIST", people.advisorId, people.advisorPartnerId) },
      { name: "Auditor (the whole centre)", ctx: ctxOf("AUDITOR", tenant.managerId, null) },
    ];
    const results: TResult[] = [];
    try {
      for (const { name, ctx } of cases) {
        for (let i = 0; i < WARMUP; i++) await getDashboard(ctx);
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const start = performance.now();
          await getDashboard(ctx);
          times.push(performance.now() - start);
        }
        times.sort((a, b) => a - b);
        const statements = (await captureStatements(() => getDashboard(ctx))).statements.length;
        const result = {
          name,
          p50: percentile(times, 50),
          p95: percentile(times, 95),
          mean: times.reduce((a, b) => a + b, 0) / times.length,
          max: times[times.length - 1] ?? Number.NaN,
          statements,
        };
        results.push(result);
        console.log(`${name}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, max ${result.max.toFixed(1)} ms, ${statements} statements`);
      }
    } finally {
      await prisma.$disconnect();
    }

    const fmt = (ms: number) => ms.toFixed(1);
    const totalSeconds = (Date.now() - started) / 1000;
    const figures = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} vCPU (${os.cpus()[0]?.model ?? "?"}), load average ${loadAtStart} at the start, ` +
        `${os.loadavg()[0]?.toFixed(1)} at the end. Tenant: ${seeded.counts.clients?.toLocaleString("en")} clients (${seeded.counts.active?.toLocaleString("en")} active), ` +
        `${seeded.counts.paths?.toLocaleString("en")} support paths, ${seeded.counts.plans?.toLocaleString("en")} plan versions, ` +
        `${seeded.counts.services?.toLocaleString("en")} service records, ${seeded.counts.audit?.toLocaleString("en")} audit entries. ` +
        `${RUNS} calls per role after ${WARMUP} warm-up calls; seeding ${fmt(seedSeconds)} s, the whole run ${fmt(totalSeconds / 60)} min.`,
      "",
      "| dashboard | statements | p50 ms | p95 ms | mean ms | max ms |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      ...results.map((r) => `| ${r.name} | ${r.statements} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.mean)} | ${fmt(r.max)} |`),
    ].join("\n");
    console.log(`\n${figures}`);
    if (args["write-doc"]) writeFigures("dashboards", figures);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
