/**
 * Benchmark (issue 16), not a test: the yearly indicator report on a big tenant — the dashboards'
 * 50,000-client tenant (scripts/bench/dashboards.ts: paths, plans, a million service records,
 * audit) plus three years of indicator evidence (scripts/bench/seeders/indicators.ts): ~15,000 path
 * results with spheres, their jobs and durability checks, ~400 trainings with their attendance,
 * staff records and manual evidence.
 *
 *   npm run bench:indicators -- [--runs 100] [--records 1000000] [--results 15000] [--trainings 400] [--keep] [--write-doc]
 *
 * Builds its own database (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/owes_bench_indicators;
 * only a local server is accepted) from the migrations, seeds with set-based statements,
 * VACUUM ANALYZEs, then calls the report's services through the app role (row-level security on)
 * as the manager: getIndicatorReport for 2026 without a cut and with each cut, for the whole
 * project, and the drill-down's first page (getIndicatorEvidencePage) of two indicators; prints
 * p50/p95/mean/max server time and the statements per call. `--write-doc` replaces the figures in
 * docs/benchmarks.md; `--keep` keeps the database.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { benchDatabase, inBenchDatabase, percentile, withClient, writeFigures } from "./common";
import { seedCaseloadTenant } from "./seeders/caseload";
import { seedIndicatorEvidence } from "./seeders/indicators";
import { seedPathsAndAudit } from "./seeders/paths";
import { seedServiceHistory } from "./seeders/service-log";
import { todayInPoland } from "@/lib/dates";
import type { TContext } from "@/lib/auth/context";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "100" },
    records: { type: "string", default: "1000000" },
    results: { type: "string", default: "15000" },
    trainings: { type: "string", default: "400" },
    keep: { type: "boolean", default: false },
    "write-doc": { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
const RECORDS = Number(args.records);
const WARMUP = 10;
const YEAR = "2026";

const database = benchDatabase("owes_bench_indicators");
const { ownerUrl: OWNER_URL } = database;

type TResult = { name: string; p50: number; p95: number; mean: number; max: number; statements: number };

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]?.toFixed(1) ?? "?";
  await inBenchDatabase(database, args.keep, async () => {
    const seedStart = Date.now();
    const lastDay = todayInPoland();
    const seeded = await withClient(OWNER_URL, async (db) => {
      await db.query(`SET synchronous_commit = off`);
      await db.query(`SET work_mem = '64MB'`);
      const tenant = await seedCaseloadTenant(db, { slug: "owes-bench" });
      await seedPathsAndAudit(db, tenant.tenantId);
      await seedServiceHistory(db, tenant.tenantId, RECORDS, lastDay);
      await seedIndicatorEvidence(db, tenant.tenantId, { results: Number(args.results), trainings: Number(args.trainings), lastDay });
      const start = Date.now();
      await db.query(`VACUUM ANALYZE`);
      await db.query(`CHECKPOINT`);
      console.log(`  VACUUM ANALYZE and CHECKPOINT: ${((Date.now() - start) / 1000).toFixed(1)} s`);
      const [counts] = (
        await db.query<Record<string, number>>(
          `SELECT (SELECT count(*)::int FROM client WHERE tenant_id = $1) AS clients,
                  (SELECT count(*)::int FROM service_record WHERE tenant_id = $1) AS services,
                  (SELECT count(*)::int FROM path_result WHERE tenant_id = $1) AS results,
                  (SELECT count(*)::int FROM job_record WHERE tenant_id = $1) AS jobs,
                  (SELECT count(*)::int FROM job_check WHERE tenant_id = $1) AS checks,
                  (SELECT count(*)::int FROM event WHERE tenant_id = $1 AND kind = 'TRAINING') AS trainings,
                  (SELECT count(*)::int FROM event_registration WHERE tenant_id = $1) AS registrations,
                  (SELECT count(*)::int FROM event_attendance WHERE tenant_id = $1) AS attendance,
                  (SELECT count(*)::int FROM indicator_evidence_record WHERE tenant_id = $1) AS manual,
                  (SELECT count(*)::int FROM indicator_evidence WHERE tenant_id = $1) AS evidence,
                  (SELECT count(*)::int FROM indicator_evidence WHERE tenant_id = $1 AND valid_from <= '${YEAR}-12-31' AND coalesce(valid_to, '${YEAR}-12-31') >= '${YEAR}-01-01') AS "evidenceInYear"`,
          [tenant.tenantId],
        )
      ).rows;
      const indicators = (await db.query<{ code: string; id: string }>(`SELECT code, id FROM indicator WHERE tenant_id = $1`, [tenant.tenantId])).rows;
      if (!counts) throw new Error("no counts");
      return { tenant, counts, indicatorIds: new Map(indicators.map((i) => [i.code, i.id])) };
    });
    const seedSeconds = (Date.now() - seedStart) / 1000;
    console.log(`Seeded in ${seedSeconds.toFixed(0)} s:`, seeded.counts);

    const { getIndicatorReport } = await import("@/lib/domain/indicators/report/report");
    const { getIndicatorEvidencePage } = await import("@/lib/domain/indicators/report/pages");
    const { prisma } = await import("@/lib/db/client");
    const { captureStatements } = await import("@/tests/support/statement-counter");
    const { tenant, indicatorIds } = seeded;
    const manager: TContext = { userId: tenant.managerId, tenantId: tenant.tenantId, role: "MANAGER", partnerId: null, requestId: "bench" };
    const idOf = (code: string) => {
      const id = indicatorIds.get(code);
      if (!id) throw new Error(`no indicator ${code}`);
      return id;
    };
    const cases: { name: string; call: () => Promise<unknown> }[] = [
      { name: `Yearly report ${YEAR}`, call: () => getIndicatorReport(manager, { period: YEAR }) },
      { name: `… cut by KPRES sphere`, call: () => getIndicatorReport(manager, { period: YEAR, cut: "SPHERE" }) },
      { name: `… cut by partner`, call: () => getIndicatorReport(manager, { period: YEAR, cut: "PARTNER" }) },
      { name: `… cut by office`, call: () => getIndicatorReport(manager, { period: YEAR, cut: "OFFICE" }) },
      { name: `… cut by county`, call: () => getIndicatorReport(manager, { period: YEAR, cut: "COUNTY" }) },
      { name: "Whole-project report (2024–2026)", call: () => getIndicatorReport(manager, { period: "PROJECT" }) },
      { name: `Drill-down, first page: jobs created ${YEAR}`, call: () => getIndicatorEvidencePage(manager, idOf("JOBS_CREATED"), { period: YEAR }) },
      {
        name: `Drill-down, first page: training participants ${YEAR}`,
        call: () => getIndicatorEvidencePage(manager, idOf("TRAINING_PARTICIPANTS"), { period: YEAR }),
      },
    ];
    const results: TResult[] = [];
    try {
      for (const { name, call } of cases) {
        for (let i = 0; i < WARMUP; i++) await call();
        const times: number[] = [];
        for (let i = 0; i < RUNS; i++) {
          const start = performance.now();
          await call();
          times.push(performance.now() - start);
        }
        times.sort((a, b) => a - b);
        const statements = (await captureStatements(call)).statements.length;
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
    const n = (key: string) => seeded.counts[key]?.toLocaleString("en") ?? "?";
    const totalSeconds = (Date.now() - started) / 1000;
    const figures = [
      `Measured ${new Date().toISOString().slice(0, 10)} on ${os.cpus().length} vCPU (${os.cpus()[0]?.model ?? "?"}), load average ${loadAtStart} at the start, ` +
        `${os.loadavg()[0]?.toFixed(1)} at the end. Tenant: ${n("clients")} clients, ${n("services")} service records; ${n("results")} path results, ` +
        `${n("jobs")} job records with ${n("checks")} checks, ${n("trainings")} trainings with ${n("registrations")} registrations and ${n("attendance")} attendance rows, ` +
        `${n("manual")} manual evidence records: ${n("evidence")} rows in the indicator_evidence view, ${n("evidenceInYear")} of them in ${YEAR}. ` +
        `${RUNS} calls per case after ${WARMUP} warm-up calls, as the manager; seeding ${fmt(seedSeconds)} s, the whole run ${fmt(totalSeconds / 60)} min.`,
      "",
      "| call | statements | p50 ms | p95 ms | mean ms | max ms |",
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      ...results.map((r) => `| ${r.name} | ${r.statements} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.mean)} | ${fmt(r.max)} |`),
    ].join("\n");
    console.log(`\n${figures}`);
    if (args["write-doc"]) writeFigures("indicators", figures);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
