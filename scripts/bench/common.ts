/**
 * What the benchmark scripts share: their own local database (created from the migrations,
 * dropped afterwards), a seeded random source, bulk inserts, percentiles, plan summaries and the
 * figures blocks in docs/benchmarks.md (or another document).
 */
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { BENCH_DATABASE_NAME, throwawayDatabase } from "../lib/throwaway-db.mjs";

export const ROOT = path.resolve(__dirname, "../..");

/**
 * The benchmark's database: BENCH_DATABASE_URL or the given default name on the local server
 * (scripts/lib/throwaway-db.mjs refuses any other host, and any name not starting with
 * `owes_bench`, since the script drops it). Points DATABASE_URL and APP_DATABASE_URL at it:
 * lib/env.ts reads them once, when the services are first imported, so call this before importing
 * them (dynamically).
 */
export function benchDatabase(defaultName: string) {
  const database = throwawayDatabase(process.env.BENCH_DATABASE_URL ?? `postgresql://postgres@127.0.0.1:5432/${defaultName}`, BENCH_DATABASE_NAME);
  process.env.DATABASE_URL = database.ownerUrl;
  process.env.APP_DATABASE_URL = database.appUrl;

  return {
    ownerUrl: database.ownerUrl,
    appUrl: database.appUrl,
    dbName: database.name,
    /** Drops and creates the database, applies the migrations and lets the app role sign in. */
    create: database.recreate,
    drop: database.drop,
  };
}

/**
 * Creates the benchmark's database from the migrations, runs `work` and drops the database after
 * it, unless `keep` (`--keep`) asks otherwise; a run that fails keeps it for inspection.
 */
export async function inBenchDatabase<T>(database: ReturnType<typeof benchDatabase>, keep: boolean, work: () => Promise<T>): Promise<T> {
  console.log(`Creating ${database.dbName} and migrating… (load average ${os.loadavg()[0]?.toFixed(1) ?? "?"})`);
  await database.create();
  let failed = false;
  try {
    return await work();
  } catch (error) {
    failed = true;
    console.error(`Failed; keeping ${database.dbName} for inspection.`);
    throw error;
  } finally {
    if (!keep && !failed) await database.drop();
  }
}

export async function withClient<T>(url: string | URL, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A small seeded random source: the same seed gives the same data on every run. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Inserts `rows` (objects with the same keys) into `table` in chunks, one statement per chunk via unnest. */
export async function bulkInsert(db: pg.Client, table: string, columns: Record<string, string>, rows: Record<string, unknown>[]) {
  const names = Object.keys(columns);
  for (let start = 0; start < rows.length; start += 10_000) {
    const chunk = rows.slice(start, start + 10_000);
    const arrays = names.map((name) => chunk.map((row) => row[name] ?? null));
    const list = names.map((name) => `"${name}"`).join(", ");
    const unnest = names.map((name, i) => `$${i + 1}::${columns[name]}[]`).join(", ");
    await db.query(`INSERT INTO "${table}" (${list}) SELECT * FROM unnest(${unnest})`, arrays);
  }
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

/** The scans of an EXPLAIN (ANALYZE) plan and its execution time, on one line. */
export function planSummary(plan: string[]): string {
  const nodes = plan
    .map((line) => line.match(/(?:->\s+)?((?:Parallel )?(?:Index Only Scan|Index Scan|Bitmap Index Scan|Bitmap Heap Scan|Seq Scan)(?: using| on)? [\w"]+(?: on \w+)?)/)?.[1])
    .filter((node): node is string => Boolean(node));
  const time = plan.find((line) => line.startsWith("Execution Time"));
  return `${[...new Set(nodes)].join("; ")} — ${time ?? ""}`;
}

/**
 * Replaces the figures between `<!-- bench:<name>:start -->` and `…:end -->` in `file` (relative to
 * the repository; docs/benchmarks.md unless a benchmark reports elsewhere, e.g. into a decision
 * record). The prose around them stays.
 */
export function writeFigures(name: string, figures: string, file = "docs/benchmarks.md") {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const doc = readFileSync(path.join(ROOT, file), "utf8");
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from === -1 || to === -1) throw new Error(`${file} lacks the ${start} … ${end} markers`);
  writeFileSync(path.join(ROOT, file), `${doc.slice(0, from + start.length)}\n${figures}\n${doc.slice(to)}`);
  console.log(`Figures written to ${file}.`);
}
