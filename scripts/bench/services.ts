/**
 * Benchmark (issue 6), not a test: the service log with a million records — logging throughput of
 * 20 key advisors writing at once, and the advisor's day view, week view and monthly timesheet.
 *
 *   npm run bench:services -- [--seconds 20] [--runs 200] [--records 1000000] [--keep] [--write-doc]
 *
 * Builds its own database (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/owes_bench_services;
 * only a local server is accepted) from the migrations, seeds three years of history with a few
 * large INSERT … SELECT statements, VACUUM ANALYZEs, then calls the real services through the app
 * role (row-level security on), as signed-in key advisors would: `logService` from 20 concurrent
 * writers for a fixed time, then `listOwnServices` (day and week) and `getTimesheet`. Prints the
 * figures and the plans of the day view's queries. `--write-doc` replaces the figures in
 * docs/benchmarks.md; `--keep` keeps the database.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchDatabase, inBenchDatabase, percentile, planSummary, withClient, writeFigures } from "./common";
import { CLIENTS_PER_ADVISOR, OFFICES, seedServiceHistory, seedServiceTenant, TOPICS, type TAdvisor, type TTenantSeed } from "./seeders/service-log";
import { addDays, startOfWeek, todayInPoland } from "@/lib/dates";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "20" },
    runs: { type: "string", default: "200" },
    records: { type: "string", default: "1000000" },
    keep: { type: "boolean", default: false },
    "write-doc": { type: "boolean", default: false },
  },
});
const SECONDS = Number(args.seconds);
const RUNS = Number(args.runs);
const RECORDS = Number(args.records);
const WARMUP = 20;
const WRITERS = 20;

const database = benchDatabase("owes_bench_services");
const { ownerUrl: OWNER_URL, appUrl } = database;
// One pooled connection per writer, so the writers wait on the database, not on the pool.
process.env.DATABASE_POOL_SIZE = String(WRITERS);

const ADVISORS = 200;
/** The second tenant: small, so row-level security and the tenant_id index prefixes have something to filter. */
const OTHER_ADVISORS = 10;
const OTHER_RECORDS = 20_000;

// ── database ──────────────────────────────────────────────────────────────────────────────────

async function seed(lastDay: string): Promise<{ main: TTenantSeed; other: TTenantSeed }> {
  return withClient(OWNER_URL, async (db) => {
    // Bulk load: no wait for the WAL flush at each commit (the data is rebuilt on every run anyway).
    await db.query(`SET synchronous_commit = off`);
    await db.query(`SET work_mem = '64MB'`);
    const main = await seedServiceTenant(db, "owes-bench", "OWES Benchmark", ADVISORS);
    const other = await seedServiceTenant(db, "owes-other", "Inny OWES", OTHER_ADVISORS);
    await seedServiceHistory(db, main.tenantId, RECORDS, lastDay);
    await seedServiceHistory(db, other.tenantId, OTHER_RECORDS, lastDay);
    // VACUUM too: a steady-state table has its visibility map set (index-only scans skip the heap);
    // CHECKPOINT so the load's dirty pages are not written back during the timed runs.
    const start = Date.now();
    await db.query(`VACUUM ANALYZE`);
    await db.query(`CHECKPOINT`);
    console.log(`  VACUUM ANALYZE and CHECKPOINT: ${((Date.now() - start) / 1000).toFixed(1)} s`);
    return { main, other };
  });
}

// ── measurement ───────────────────────────────────────────────────────────────────────────────

type TResult = { name: string; runs: number; p50: number; p95: number; mean: number; max: number; rows: string };


/** Times `run` RUNS times after WARMUP untimed runs; `count` says how many records a call returned. */
async function measure(name: string, run: (i: number) => Promise<unknown>, count: (result: unknown) => number): Promise<TResult> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = await run(i);
    times.push(performance.now() - start);
    counts.push(count(result));
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const [low, high] = [Math.min(...counts), Math.max(...counts)];
  const rows = low === high ? `${low}` : `${low}–${high} (mean ${(counts.reduce((a, b) => a + b, 0) / counts.length).toFixed(1)})`;
  return { name, runs: RUNS, p50: percentile(times, 50), p95: percentile(times, 95), mean, max: times[times.length - 1] ?? Number.NaN, rows };
}

/** EXPLAIN (ANALYZE, BUFFERS) as the app role, with the tenant set as the services set it. */
async function explain(tenantId: string, sql: string, params: unknown[]): Promise<string[]> {
  return withClient(appUrl, async (db) => {
    await db.query("BEGIN");
    try {
      await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const result = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      return result.rows.map((r) => r["QUERY PLAN"]);
    } finally {
      await db.query("ROLLBACK");
    }
  });
}

type TStatement = { text: string; values: unknown[] };

/**
 * The statements `work` sends through the app's pool, as sent (SQL and bound values): the pool's
 * connections are `pg.Client`s, so their `query` is wrapped for the duration of the call.
 */
async function captureStatements(work: () => Promise<unknown>): Promise<TStatement[]> {
  const statements: TStatement[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...callArgs: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...callArgs: unknown[]) {
    const [config, values] = callArgs;
    if (typeof config === "string") statements.push({ text: config, values: Array.isArray(values) ? values : [] });
    else if (config && typeof config === "object" && "text" in config) {
      const c = config as { text: string; values?: unknown[] };
      statements.push({ text: c.text, values: c.values ?? (Array.isArray(values) ? values : []) });
    }
    return original.apply(this, callArgs);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return statements;
}

/** The day view's record query written out by hand, in case capturing Prisma's own statement fails. */
const DAY_VIEW_SQL = `
  SELECT r.id, r.date, r.start_time, r.duration_minutes, r.form, r.channel, r.support_type, r.topic, r.author_id, r.created_at
  FROM service_record r
  WHERE r.tenant_id = $1::uuid AND r.deleted_at IS NULL AND r.date >= $2::date AND r.date < $3::date
    AND (EXISTS (SELECT 1 FROM service_provider p WHERE p.tenant_id = r.tenant_id AND p.service_id = r.id AND p.user_id = $4::uuid) OR r.author_id = $4::uuid)
  ORDER BY r.date, r.start_time NULLS LAST, r.created_at`;


/** CPU time of all cores since boot (ms): busy and total, to tell how loaded the machine was during the writes. */
function machineCpu(): { busy: number; total: number } {
  return os.cpus().reduce(
    (sum, { times }) => {
      const busy = times.user + times.nice + times.sys + times.irq;
      return { busy: sum.busy + busy, total: sum.total + busy + times.idle };
    },
    { busy: 0, total: 0 },
  );
}

/** A short name for a captured statement: the table it reads. */
function statementTable(text: string): string {
  return text.match(/FROM\s+"public"\."(\w+)"/)?.[1] ?? text.match(/FROM\s+"?(\w+)"?/i)?.[1] ?? "?";
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]?.toFixed(1) ?? "?";
  const today = todayInPoland();
  const yesterday = addDays(today, -1);
  // A past day from the seeded history: the Wednesday two weeks back; its week; the last whole month.
  const pastDay = addDays(startOfWeek(addDays(today, -14)), 2);
  const pastMonth = addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);

  await inBenchDatabase(database, args.keep, async () => {
    const seedStart = Date.now();
    const { main: data, other } = await seed(yesterday);
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const countsSql = `SELECT (SELECT count(*)::int FROM service_record WHERE tenant_id = $1) AS records,
                              (SELECT count(*)::int FROM service_record WHERE tenant_id = $1 AND form = 'GROUP') AS groups,
                              (SELECT count(*)::int FROM service_record WHERE tenant_id = $1 AND deleted_at IS NOT NULL) AS deleted,
                              (SELECT count(*)::int FROM service_participation WHERE tenant_id = $1) AS participations,
                              (SELECT count(*)::int FROM service_provider WHERE tenant_id = $1) AS providers,
                              (SELECT min(date)::text FROM service_record WHERE tenant_id = $1) AS first,
                              (SELECT max(date)::text FROM service_record WHERE tenant_id = $1) AS last,
                              (SELECT pg_size_pretty(pg_total_relation_size('service_record') + pg_total_relation_size('service_participation')
                                                     + pg_total_relation_size('service_provider'))) AS size`;
    type TCounts = { records: number; groups: number; deleted: number; participations: number; providers: number; first: string; last: string; size: string };
    const [counts, otherCounts] = await withClient(OWNER_URL, async (db) => [
      (await db.query<TCounts>(countsSql, [data.tenantId])).rows[0],
      (await db.query<TCounts>(countsSql, [other.tenantId])).rows[0],
    ]);
    console.log(`Seeded in ${seedSeconds.toFixed(1)} s (including VACUUM ANALYZE and CHECKPOINT):`, counts, `other tenant: ${otherCounts?.records} records`);

    const { logService, listOwnServices, getTimesheet } = await import("@/lib/domain/services/service");
    const { prisma } = await import("@/lib/db/client");
    const advisorCtx = (advisor: TAdvisor) => ({ userId: advisor.id, tenantId: data.tenantId, role: "KEY_ADVISOR" as const, partnerId: advisor.partnerId, requestId: "bench" });
    const advisorAt = (i: number): TAdvisor => {
      const advisor = data.advisors[i % data.advisors.length];
      if (!advisor) throw new Error("no advisors");
      return advisor;
    };

    // ── throughput: 20 advisors logging at once ──
    const writers = data.advisors.slice(0, WRITERS);
    const supportTypes = ["ADVISORY", "ADVISORY", "INFORMATION", "COACHING", "ANIMATION"] as const;
    const inputFor = (writer: TAdvisor, i: number) => {
      const group = i % 5 === 4;
      const first = (i * 7) % CLIENTS_PER_ADVISOR;
      const clientIds = group
        ? [0, 1, 2].map((k) => writer.clientIds[(first + k) % CLIENTS_PER_ADVISOR] ?? "")
        : [writer.clientIds[first] ?? ""];
      return {
        idempotencyKey: randomUUID(),
        date: todayInPoland(),
        startTime: `${String(8 + (i % 9)).padStart(2, "0")}:${i % 2 === 0 ? "00" : "30"}`,
        durationMinutes: group ? 120 : 60,
        form: group ? ("GROUP" as const) : ("INDIVIDUAL" as const),
        channel: "IN_PERSON" as const,
        supportType: group ? ("TRAINING" as const) : (supportTypes[i % supportTypes.length] ?? "ADVISORY"),
        topic: TOPICS[i % TOPICS.length],
        notes: i % 3 === 0 ? "Omówiono stan przygotowań i dokumenty do uzupełnienia." : null,
        clientIds,
        // The generator repeats the same facts every few calls; a real user confirms such a save.
        confirmPossibleDuplicate: true,
      };
    };
    let created = 0;
    let groupsCreated = 0;
    let errors = 0;
    let firstError: unknown = null;
    const latencies: number[] = [];
    // Warm-up: every pooled connection opened, every statement prepared once.
    await Promise.all(writers.map(async (writer) => {
      for (let i = 0; i < 3; i++) await logService(advisorCtx(writer), inputFor(writer, i + 1000));
    }));
    const loadBeforeWrites = os.loadavg()[0]?.toFixed(1) ?? "?";
    console.log(`\nThroughput: ${WRITERS} writers for ${SECONDS} s (pool ${process.env.DATABASE_POOL_SIZE}, load average ${loadBeforeWrites})…`);
    const cpuBefore = process.cpuUsage();
    const machineBefore = machineCpu();
    const writeStart = performance.now();
    const deadline = writeStart + SECONDS * 1000;
    await Promise.all(
      writers.map(async (writer) => {
        for (let i = 0; performance.now() < deadline; i++) {
          const input = inputFor(writer, i);
          const start = performance.now();
          try {
            const result = await logService(advisorCtx(writer), input);
            latencies.push(performance.now() - start);
            if (result.created) created++;
            if (input.clientIds.length > 1) groupsCreated++;
          } catch (error) {
            errors++;
            firstError ??= error;
          }
        }
      }),
    );
    const writeSeconds = (performance.now() - writeStart) / 1000;
    const nodeCpu = process.cpuUsage(cpuBefore);
    const machineAfter = machineCpu();
    // Of one core, the benchmark's own Node process (the services, Prisma, zod); of all cores, everything on the machine.
    const nodeCpuPercent = ((nodeCpu.user + nodeCpu.system) / 1e6 / writeSeconds) * 100;
    const machineBusyPercent = ((machineAfter.busy - machineBefore.busy) / (machineAfter.total - machineBefore.total)) * 100;
    latencies.sort((a, b) => a - b);
    const throughput = {
      created,
      groups: groupsCreated,
      errors,
      perSecond: created / writeSeconds,
      seconds: writeSeconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies[latencies.length - 1] ?? Number.NaN,
    };
    const [stored] = await withClient(OWNER_URL, async (db) =>
      (await db.query<{ records: number; audit: number }>(
        `SELECT (SELECT count(*)::int FROM service_record WHERE tenant_id = $1 AND date = $2::date) AS records,
                (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1 AND action = 'service.create') AS audit`,
        [data.tenantId, today],
      )).rows,
    );
    console.log(
      `${created} records (${groupsCreated} group sessions of 3) in ${writeSeconds.toFixed(1)} s = ${throughput.perSecond.toFixed(1)} records/s; ` +
        `${errors} errors; per call p50 ${throughput.p50.toFixed(1)} ms, p95 ${throughput.p95.toFixed(1)} ms, p99 ${throughput.p99.toFixed(1)} ms, max ${throughput.max.toFixed(1)} ms. ` +
        `Stored for today (with ${WRITERS * 3} warm-up calls): ${stored?.records} records, ${stored?.audit} audit rows. ` +
        `CPU during the writes: Node ${nodeCpuPercent.toFixed(0)}% of one core, the machine ${machineBusyPercent.toFixed(0)}% busy (all ${os.cpus().length} cores, all processes).`,
    );
    if (firstError) console.error("First error:", firstError);

    // ── reads ──
    const dayCount = (r: unknown) => (r as { count: number }).count;
    const results: TResult[] = [];
    try {
      results.push(await measure(`listOwnServices — day view, today (the ${WRITERS} writers)`, (i) => listOwnServices(advisorCtx(advisorAt(i % WRITERS)), { view: "day", date: today }), dayCount));
      results.push(await measure(`listOwnServices — day view, past day ${pastDay} (${ADVISORS} advisors in turn)`, (i) => listOwnServices(advisorCtx(advisorAt(i)), { view: "day", date: pastDay }), dayCount));
      results.push(await measure(`listOwnServices — week view, week of ${pastDay}`, (i) => listOwnServices(advisorCtx(advisorAt(i)), { view: "week", date: pastDay }), dayCount));
      results.push(await measure(`getTimesheet — own month ${pastMonth}`, (i) => getTimesheet(advisorCtx(advisorAt(i)), { month: pastMonth }), dayCount));
      results.push(await measure(`getTimesheet — own month ${pastMonth}, one advisor`, () => getTimesheet(advisorCtx(advisorAt(WRITERS)), { month: pastMonth }), dayCount));
    } catch (error) {
      await prisma.$disconnect();
      throw error;
    }

    // The day view's statements as Prisma sends them, to EXPLAIN each one that reads the service log.
    const planAdvisor = advisorAt(WRITERS + 1);
    const captured = await captureStatements(() => listOwnServices(advisorCtx(planAdvisor), { view: "day", date: pastDay }));
    const capturedToday = await captureStatements(() => listOwnServices(advisorCtx(advisorAt(0)), { view: "day", date: today }));
    await prisma.$disconnect();
    const reads = captured.filter((s) => /^\s*SELECT/i.test(s.text) && /service_(record|participation|provider)/.test(s.text));
    console.log(`\nThe day view sends ${captured.length} statements (with BEGIN/COMMIT and set_config); ${reads.length} read the service log.`);
    const plans: { label: string; sql: string; plan: string[] }[] = [];
    for (const [i, statement] of reads.entries()) {
      plans.push({ label: `day view ${pastDay}, statement ${i + 1} (${statementTable(statement.text)})`, sql: statement.text, plan: await explain(data.tenantId, statement.text, statement.values) });
    }
    const todayMain = capturedToday.find((s) => /FROM\s+"public"\."service_record"/.test(s.text));
    if (todayMain) plans.push({ label: `day view today (a writer), statement 1 (service_record)`, sql: todayMain.text, plan: await explain(data.tenantId, todayMain.text, todayMain.values) });
    if (reads.length === 0) {
      plans.push({ label: "day view (hand-written SQL)", sql: DAY_VIEW_SQL, plan: await explain(data.tenantId, DAY_VIEW_SQL, [data.tenantId, pastDay, addDays(pastDay, 1), planAdvisor.id]) });
    }
    for (const p of plans) console.log(`\n${p.label}:\n${p.sql}\n\nEXPLAIN (ANALYZE, BUFFERS):\n${p.plan.join("\n")}`);

    const fmt = (ms: number) => ms.toFixed(1);
    const table = [
      "| query | records returned | p50 ms | p95 ms | mean ms | max ms |",
      "| --- | --- | ---: | ---: | ---: | ---: |",
      ...results.map((r) => `| ${r.name} | ${r.rows} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.mean)} | ${fmt(r.max)} |`),
    ].join("\n");
    const throughputLine =
      `**Logging:** ${WRITERS} key advisors calling \`logService\` at once for ${throughput.seconds.toFixed(1)} s (app pool ${process.env.DATABASE_POOL_SIZE} connections, ` +
      `every 5th call a group session of 3 clients): **${throughput.perSecond.toFixed(1)} records/s** (${created} records, ${errors} errors); ` +
      `per call p50 ${fmt(throughput.p50)} ms, p95 ${fmt(throughput.p95)} ms, p99 ${fmt(throughput.p99)} ms, max ${fmt(throughput.max)} ms. ` +
      `CPU meanwhile: this Node process ${nodeCpuPercent.toFixed(0)}% of one core, the machine ${machineBusyPercent.toFixed(0)}% busy (all ${os.cpus().length} cores, every process); ` +
      `load average before the writes ${loadBeforeWrites}.`;
    console.log(`\n${throughputLine}\n\n${RUNS} timed runs each after ${WARMUP} warm-up runs, end to end through the services (one transaction each, app role, RLS on):\n\n${table}`);
    const mainPlan = plans[0];
    const planLines = plans.map((p) => `- ${p.label}: ${planSummary(p.plan)}`).join("\n");
    console.log(`\n${planLines}`);

    const version = await withClient(OWNER_URL, async (db) => (await db.query<{ version: string }>(`SELECT current_setting('server_version') AS version`)).rows[0]?.version ?? "?");
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const figures = [
      `Measured ${todayInPoland()} on ${os.cpus().length} vCPU (${cpu}), ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, ` +
        `PostgreSQL ${version} (default settings, same machine), Node ${process.version}; load average at the start ${loadAtStart}. ` +
        `Data: ${counts?.records} service records of one tenant (${counts?.first} – ${counts?.last}, working days; ${counts?.groups} group sessions, ` +
        `${counts?.deleted} deleted), ${counts?.participations} participations, ${counts?.providers} provider rows; ${ADVISORS} key advisors with ` +
        `${CLIENTS_PER_ADVISOR} active clients each, 2 partners, ${OFFICES} offices; a second tenant with ${otherCounts?.records} records. ` +
        `Service log tables with indexes: ${counts?.size}. Seeding took ${seedSeconds.toFixed(0)} s.`,
      "",
      throughputLine,
      "",
      table,
      "",
      "Plans (EXPLAIN (ANALYZE, BUFFERS) of the statements Prisma sent, app role with the tenant set):",
      "",
      planLines,
      ...(mainPlan ? ["", `The day view's record query (${mainPlan.label}):`, "", "```sql", mainPlan.sql.trim(), "```", "", "```", ...mainPlan.plan, "```"] : []),
    ].join("\n");
    if (args["write-doc"]) writeFigures("services", figures);
    console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
