/**
 * Benchmark (issue 4), not a test: client search and the caseload board on a tenant with 300 key
 * advisors and 50,000 clients (`--clients 500000`: the seeded clients copied up to that many).
 *
 *   npm run bench:caseload -- [--runs 200] [--clients 50000] [--keep] [--write-doc]
 *
 * Builds its own database (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/owes_bench;
 * only a local server is accepted) from the migrations, seeds it with bulk inserts, ANALYZEs, then
 * times the real service functions through the app role (row-level security on), as a signed-in
 * manager would call them. Prints p50/p95/mean per query and the plans of the board query (the very
 * statement getCaseloadBoard runs, from lib/domain/caseload/board.ts) and the name search. The
 * seed's own load figures use the app's one definition of load (lib/domain/caseload/load.ts). `--write-doc` replaces the figures in docs/benchmarks.md; `--keep` keeps the database.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import type pg from "pg";
import { benchDatabase, inBenchDatabase, percentile, planSummary, withClient, writeFigures } from "./common";
import { CLIENTS as SEEDED_CLIENTS, seedCaseloadTenant, type TCaseloadSeed } from "./seeders/caseload";
import { todayInPoland } from "@/lib/dates";
import { advisorRowLoadSql } from "@/lib/domain/caseload/load";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    /** Clients in the tenant; `--clients 500000` is the scale of docs/decisions/011. */
    clients: { type: "string", default: "50000" },
    keep: { type: "boolean", default: false },
    "write-doc": { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
const CLIENTS = Number(args.clients);
if (!Number.isInteger(CLIENTS) || CLIENTS < SEEDED_CLIENTS) throw new Error(`--clients must be a whole number ≥ ${SEEDED_CLIENTS}, not ${args.clients}`);
const WARMUP = 20;

const database = benchDatabase("owes_bench");
const { ownerUrl: OWNER_URL, appUrl } = database;
process.env.DATABASE_POOL_SIZE ??= "10";

// ── database ──────────────────────────────────────────────────────────────────────────────────

async function seed(): Promise<TCaseloadSeed> {
  return withClient(OWNER_URL, async (db) => {
    const data = await seedCaseloadTenant(db);
    if (CLIENTS > SEEDED_CLIENTS) await scaleClients(db, data.tenantId, CLIENTS);
    // VACUUM too: a steady-state table has its visibility map set (index-only scans skip the heap).
    await db.query(`VACUUM ANALYZE`);
    return data;
  });
}

/**
 * Grows the seeded tenant to `target` clients by copying its clients pass by pass (so copies
 * interleave in the heap as the originals do): same names, kinds, towns and offices, new ids, no
 * identifiers (they are unique), and closed instead of active (the advisors' caseloads stay as
 * seeded). Fragment totals grow in proportion.
 */
async function scaleClients(db: pg.Client, tenantId: string, target: number) {
  await db.query(`CREATE TEMP TABLE bench_original_client AS SELECT * FROM client WHERE tenant_id = $1`, [tenantId]);
  for (let have = SEEDED_CLIENTS; have < target; have += SEEDED_CLIENTS) {
    await db.query(
      `INSERT INTO client (id, tenant_id, kind, subtype, name, name_normalized, status, email, phone, voivodeship, county, commune, town,
                           town_normalized, office_id, waiting_since, at_risk_of_exclusion, created_at, updated_at)
       SELECT gen_random_uuid(), tenant_id, kind, subtype, name, name_normalized,
              CASE WHEN status = 'ACTIVE' THEN 'CLOSED'::"ClientStatus" ELSE status END, email, phone, voivodeship, county, commune, town,
              town_normalized, office_id, waiting_since, at_risk_of_exclusion, created_at, updated_at
       FROM bench_original_client LIMIT $1`,
      [Math.min(SEEDED_CLIENTS, target - have)],
    );
  }
  await db.query(`DROP TABLE bench_original_client`);
}

// ── measurement ───────────────────────────────────────────────────────────────────────────────

type TResult = { name: string; runs: number; p50: number; p95: number; mean: number; max: number; rows: string };

/** Times `run` RUNS times after WARMUP untimed runs; `describeRows` says what the calls returned (distinct answers joined). */
async function measure(name: string, run: (i: number) => Promise<unknown>, describeRows: (result: unknown) => string): Promise<TResult> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times: number[] = [];
  const answers = new Set<string>();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = await run(i);
    times.push(performance.now() - start);
    answers.add(describeRows(result));
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const rows = answers.size <= 2 ? [...answers].join(", ") : `${answers.size} different answers`;
  return { name, runs: RUNS, p50: percentile(times, 50), p95: percentile(times, 95), mean, max: times[times.length - 1] ?? Number.NaN, rows };
}

/** EXPLAIN (ANALYZE, BUFFERS) as the app role, with the tenant set as the services set it. */
async function explain(tenantId: string, sql: string, params: unknown[], as: string | URL = appUrl): Promise<string[]> {
  return withClient(as, async (db) => {
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
 * Times statements in the database alone: one app-role connection, each run in its own transaction
 * with the tenant set (not timed), `statementsFor(i)` run in turn and timed from the first sent to
 * the last answered. `perRun` receives each run's time (per-fragment breakdowns).
 */
async function measureInDatabase(name: string, tenantId: string, statementsFor: (i: number) => TStatement[], perRun?: (i: number, ms: number) => void): Promise<TResult> {
  return withClient(appUrl, async (db) => {
    const times: number[] = [];
    for (let i = -WARMUP; i < RUNS; i++) {
      await db.query("BEGIN");
      await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const start = performance.now();
      for (const statement of statementsFor(Math.max(i, 0))) await db.query(statement.text, statement.values);
      const ms = performance.now() - start;
      await db.query("COMMIT");
      if (i < 0) continue;
      times.push(ms);
      perRun?.(i, ms);
    }
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    return { name, runs: RUNS, p50: percentile(times, 50), p95: percentile(times, 95), mean, max: times[times.length - 1] ?? Number.NaN, rows: "" };
  });
}

/**
 * The plans of a statement and of the statements nested in it (auto_explain: the body of
 * client_name_search, which EXPLAIN shows only as a Function Scan), run as the app role with the
 * tenant set. Loading auto_explain takes the owner (a superuser here); SET ROLE then drops to the app role.
 */
async function explainNested(tenantId: string, statement: TStatement): Promise<string[]> {
  return withClient(OWNER_URL, async (db) => {
    const notices: string[] = [];
    db.on("notice", (notice) => notices.push(notice.message ?? ""));
    await db.query(`LOAD 'auto_explain'`);
    await db.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_analyze = on;
                    SET auto_explain.log_buffers = on; SET auto_explain.log_level = 'notice'; SET ROLE owes_app`);
    await db.query("BEGIN");
    try {
      await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      notices.length = 0;
      await db.query(statement.text, statement.values);
    } finally {
      await db.query("ROLLBACK");
    }
    // The outer statement is logged last; its duration stands in for EXPLAIN's execution time.
    const duration = notices.at(-1)?.match(/^duration: ([\d.]+ ms)/)?.[1] ?? "?";
    return [...notices.join("\n").split("\n"), `Execution Time: ${duration} (auto_explain, with ANALYZE)`];
  });
}

/** What findClients asks for a name fragment (Prisma's `contains` is LIKE '%…%'), written out for EXPLAIN. */
const NAME_SEARCH_SQL = `
  SELECT id, name, kind, status, town, key_advisor_id, office_id FROM client
  WHERE tenant_id = $1::uuid AND name_normalized LIKE '%' || $2 || '%'
  ORDER BY name_normalized, id LIMIT 25 OFFSET 0`;
/** What findClients asks for a whole identifier (any of the four, exact). */
const IDENTIFIER_SEARCH_SQL = `
  SELECT id, name, kind, status, town, key_advisor_id, office_id FROM client
  WHERE tenant_id = $1::uuid AND (pesel = $2 OR nip = $2 OR regon = $2 OR krs = $2)
  ORDER BY name_normalized, id LIMIT 25 OFFSET 0`;
const NAME_COUNT_SQL = `SELECT count(*) FROM client WHERE tenant_id = $1::uuid AND name_normalized LIKE '%' || $2 || '%'`;

// ── main ──────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]?.toFixed(1) ?? "?";
  await inBenchDatabase(database, args.keep, async () => {
    const seedStart = Date.now();
    const data = await seed();
    const [counts] = await withClient(OWNER_URL, async (db) =>
      (
        await db.query<{ clients: number; active: number; waiting: number; closed: number; advisors: number; over: number }>(
          `SELECT (SELECT count(*)::int FROM client) AS clients,
                  (SELECT count(*)::int FROM client WHERE status = 'ACTIVE') AS active,
                  (SELECT count(*)::int FROM client WHERE status = 'WAITING') AS waiting,
                  (SELECT count(*)::int FROM client WHERE status = 'CLOSED') AS closed,
                  (SELECT count(*)::int FROM "user" WHERE role = 'KEY_ADVISOR') AS advisors,
                  (SELECT count(*)::int FROM "user" u WHERE caseload_limit < (${advisorRowLoadSql.text})) AS over`,
        )
      ).rows,
    );
    console.log(`Seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s:`, counts);

    const { findClients } = await import("@/lib/domain/clients/service");
    const { getCaseloadBoard, listAssignableAdvisors } = await import("@/lib/domain/caseload/service");
    const { caseloadBoardStatements } = await import("@/lib/domain/caseload/board");
    const { clientNameSearchStatements } = await import("@/lib/domain/clients/find-clients");
    const { foldForSearch } = await import("@/lib/domain/clients/normalize");
    const { prisma } = await import("@/lib/db/client");
    const ctx = { userId: data.managerId, tenantId: data.tenantId, role: "MANAGER" as const, partnerId: null, requestId: "bench" };
    const coordinatorCtx = { ...ctx, userId: data.coordinatorId, role: "COORDINATOR" as const, partnerId: data.partnerIds[0] ?? null };
    const fragments = ["kowal", "nowak", "wiśniew", "spółdz", "fundacja", "horyzont", "lodz", "zielin", "gmina kiel", "zofia zajac", "dąbrow", "pod debem"];
    const page = (r: unknown) => {
      const p = r as { items: unknown[]; total: number };
      return `${p.items.length} of ${p.total}`;
    };
    const totals: number[] = [];
    const pageOfMany = (r: unknown) => {
      const p = r as { items: unknown[]; total: number };
      totals.push(p.total);
      return "";
    };

    const results: TResult[] = [];
    try {
      const byName = await measure("findClients — name fragment (12 fragments, first page)", (i) => findClients(ctx, { q: fragments[i % fragments.length] }), pageOfMany);
      results.push({ ...byName, rows: `≤ 25 of ${Math.min(...totals)}–${Math.max(...totals)}` });
      // The same searches in the database alone (docs/decisions/011): the page and count statements
      // of LIKE under row-level security (the path before client_name_search, still the one for
      // fragments under three letters), and the statement of client_name_search that findClients runs now.
      const perFragment = new Map<string, { like: number[]; fn: number[] }>(fragments.map((f) => [f, { like: [], fn: [] }]));
      const fragmentOf = (i: number) => fragments[i % fragments.length] ?? "";
      const escapedLike = (f: string) => foldForSearch(f).replace(/[\\%_]/g, "\\$&");
      results.push({
        ...(await measureInDatabase(
          "in the database: name fragment, LIKE under row-level security (page + count)",
          data.tenantId,
          (i) => [
            { text: NAME_SEARCH_SQL, values: [data.tenantId, escapedLike(fragmentOf(i))] },
            { text: NAME_COUNT_SQL, values: [data.tenantId, escapedLike(fragmentOf(i))] },
          ],
          (i, ms) => perFragment.get(fragmentOf(i))?.like.push(ms),
        )),
        rows: "the same",
      });
      results.push({
        ...(await measureInDatabase(
          "in the database: name fragment, client_name_search (page with total)",
          data.tenantId,
          (i) => [clientNameSearchStatements(foldForSearch(fragmentOf(i)), {}, { page: 1, pageSize: 25 }).rows],
          (i, ms) => perFragment.get(fragmentOf(i))?.fn.push(ms),
        )),
        rows: "the same",
      });
      const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50).toFixed(1);
      console.log("\nPer fragment, in the database (p50 ms): LIKE under RLS (page + count) → client_name_search");
      for (const [i, [fragment, t]] of [...perFragment].entries()) console.log(`  ${fragment.padEnd(12)} ${String(totals[i] ?? "").padStart(6)} matches  ${median(t.like).padStart(7)} → ${median(t.fn).padStart(7)}`);
      results.push(await measure("findClients — whole NIP", (i) => findClients(ctx, { q: data.nips[(i * 97) % data.nips.length] }), page));
      results.push(await measure("findClients — waiting, no query (page 1)", () => findClients(ctx, { status: "WAITING" }), page));
      results.push(await measure("getCaseloadBoard — first page (25)", () => getCaseloadBoard(ctx, {}), page));
      results.push(await measure("getCaseloadBoard — partner filter", (i) => getCaseloadBoard(ctx, { partnerId: data.partnerIds[i % 2] }), page));
      results.push(await measure("getCaseloadBoard — over limit only", () => getCaseloadBoard(ctx, { overLimitOnly: true }), page));
      results.push(await measure("listAssignableAdvisors — manager (all 300)", () => listAssignableAdvisors(ctx), (r) => `${(r as unknown[]).length}`));
      results.push(await measure("listAssignableAdvisors — coordinator (own partner)", () => listAssignableAdvisors(coordinatorCtx), (r) => `${(r as unknown[]).length}`));
    } finally {
      await prisma.$disconnect();
    }

    const fmt = (ms: number) => ms.toFixed(1);
    const table = [
      "| query | rows returned | p50 ms | p95 ms | mean ms | max ms |",
      "| --- | --- | ---: | ---: | ---: | ---: |",
      ...results.map((r) => `| ${r.name} | ${r.rows} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.mean)} | ${fmt(r.max)} |`),
    ].join("\n");
    console.log(`\n${RUNS} timed runs each after ${WARMUP} warm-up runs, end to end through the services (one transaction each, app role, RLS on):\n`);
    console.log(table);

    // The statements getCaseloadBoard ran above (first page, no filters; the coordinator's scoped one).
    const board = caseloadBoardStatements(ctx, {}).rows;
    const coordinatorBoard = caseloadBoardStatements(coordinatorCtx, {}).rows;
    const plans = {
      board: await explain(data.tenantId, board.text, board.values),
      coordinatorBoard: await explain(data.tenantId, coordinatorBoard.text, coordinatorBoard.values),
      name: await explain(data.tenantId, NAME_SEARCH_SQL, [data.tenantId, "kowal"]),
      nameCount: await explain(data.tenantId, NAME_COUNT_SQL, [data.tenantId, "kowal"]),
      nip: await explain(data.tenantId, IDENTIFIER_SEARCH_SQL, [data.tenantId, data.nips[0]]),
      nameCountNoRls: await explain(data.tenantId, NAME_COUNT_SQL, [data.tenantId, "kowal"], OWNER_URL),
      nameRare: await explain(data.tenantId, NAME_SEARCH_SQL, [data.tenantId, "zofia zajac"]),
      nameViaFunction: await explainNested(data.tenantId, clientNameSearchStatements("kowal", {}, { page: 1, pageSize: 25 }).rows),
      nameRareViaFunction: await explainNested(data.tenantId, clientNameSearchStatements("zofia zajac", {}, { page: 1, pageSize: 25 }).rows),
    };
    for (const [name, plan] of Object.entries(plans)) console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${name}:\n${plan.join("\n")}`);
    const planLines = [
      `- board, first page: ${planSummary(plans.board)}`,
      `- board of a coordinator (own partner), first page: ${planSummary(plans.coordinatorBoard)}`,
      `- whole NIP: ${planSummary(plans.nip)}`,
      `- name search "kowal", page: ${planSummary(plans.name)}`,
      `- name search "kowal", count: ${planSummary(plans.nameCount)}`,
      `- name search "zofia zajac" (few matches), page: ${planSummary(plans.nameRare)}`,
      `- the same count as the database owner (no row-level security): ${planSummary(plans.nameCountNoRls)}`,
      `- name search "kowal" through client_name_search (page with total; its body, as auto_explain shows it): ${planSummary(plans.nameViaFunction)}`,
      `- name search "zofia zajac" through client_name_search: ${planSummary(plans.nameRareViaFunction)}`,
    ].join("\n");
    console.log(`\n${planLines}`);

    const machine = await withClient(OWNER_URL, async (db) => (await db.query<{ version: string }>(`SELECT current_setting('server_version') AS version`)).rows[0]?.version ?? "?");
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const figures = [
      `Measured ${todayInPoland()} on ${os.cpus().length} vCPU (${cpu}), ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, ` +
        `PostgreSQL ${machine} (default settings, same machine), Node ${process.version}; load average at the start ${loadAtStart}. Data: ${counts?.clients} clients ` +
        `(${counts?.active} active, ${counts?.waiting} waiting, ${counts?.closed} closed), ${counts?.advisors} key advisors ` +
        `(${counts?.over} over their limit), 2 partners, 3 offices. ${RUNS} timed runs per query after ${WARMUP} warm-up runs.`,
      "",
      table,
      "",
      "Plans (EXPLAIN (ANALYZE, BUFFERS), app role with the tenant set):",
      "",
      planLines,
    ].join("\n");
    if (args["write-doc"]) writeFigures("caseload", figures);
    console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
