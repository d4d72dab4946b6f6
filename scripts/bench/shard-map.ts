/**
 * Simulation (issue 19, docs/decisions/018-distribution-by-tenant.md), not a test: where the
 * centres' data would land if every tenant table were distributed by tenant_id on a Citus cluster,
 * all colocated — first the benchmark tenants, then a national installation of synthetic centres
 * sized like them.
 *
 *   npm run bench:shard-map -- [--records 200000] [--audit 100000] [--big-records 150000] [--other-records 20000]
 *                              [--centres 64] [--mix 10,30,60] [--jitter 0.5] [--seed 19] [--shards 32]
 *                              [--workers 2,4,8] [--isolate-above 5] [--keep] [--write-doc]
 *
 * Builds its own database (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/owes_bench_shards;
 * only a local server is accepted) from the migrations and seeds three tenants with the other
 * benchmarks' seeders: the caseload benchmark's (50,000 clients, 300 key advisors, paths, audit
 * trail, `--records` services), the service benchmark's big tenant (200 key advisors,
 * `--big-records`) and its small one (10 key advisors, `--other-records`). It then reads, from the
 * catalogue, every table that has tenant_id, counts its rows per tenant and spreads the table's
 * total size (heap, indexes, TOAST) over its rows, giving each tenant a profile in rows and bytes.
 *
 * Placement follows Citus's hash distribution (operations/create_shards.c): the value is hashed with
 * its type's hash function — for uuid `uuid_hash`, computed here by PostgreSQL itself — the int32
 * hash space is cut into `--shards` equal ranges (the last one ends at 2^31-1) and shard i is
 * placed on worker i mod W. Colocation keeps a tenant's rows of every table in one shard group.
 * `isolate_tenant_to_new_shard` (operations/isolate_shards.c) splits a shard into the range below
 * the tenant's hash, the hash alone and the range above, all on the source worker; the simulation
 * then moves each isolated shard to the least-loaded worker, as an operator would with
 * citus_move_shard_placement.
 *
 * Prints a Markdown block; `--write-doc` writes it between the bench:shard-map markers of the
 * decision record; `--keep` keeps the database.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import type pg from "pg";
import { benchDatabase, inBenchDatabase, mulberry32, withClient, writeFigures } from "./common";
import { seedCaseloadTenant } from "./seeders/caseload";
import { seedPathsAndAudit } from "./seeders/paths";
import { seedServiceHistory, seedServiceTenant } from "./seeders/service-log";
import { todayInPoland } from "@/lib/dates";
import { DISTRIBUTION_COLUMN, globalTableRole } from "@/lib/system/distribution.mjs";

const { values: args } = parseArgs({
  options: {
    records: { type: "string", default: "200000" },
    audit: { type: "string", default: "100000" },
    "big-records": { type: "string", default: "150000" },
    "other-records": { type: "string", default: "20000" },
    centres: { type: "string", default: "64" },
    mix: { type: "string", default: "10,30,60" },
    jitter: { type: "string", default: "0.5" },
    seed: { type: "string", default: "19" },
    shards: { type: "string", default: "32" },
    workers: { type: "string", default: "2,4,8" },
    "isolate-above": { type: "string", default: "5" },
    keep: { type: "boolean", default: false },
    "write-doc": { type: "boolean", default: false },
  },
});
const RECORDS = Number(args.records);
const AUDIT_ROWS = Number(args.audit);
const BIG_RECORDS = Number(args["big-records"]);
const OTHER_RECORDS = Number(args["other-records"]);
const CENTRES = Number(args.centres);
const MIX = args.mix.split(",").map(Number);
const JITTER = Number(args.jitter);
const SEED = Number(args.seed);
const SHARDS = Number(args.shards);
const WORKER_COUNTS = args.workers.split(",").map(Number);
const ISOLATE_ABOVE = Number(args["isolate-above"]);

const BIG_ADVISORS = 200;
const OTHER_ADVISORS = 10;
const DOC = "docs/decisions/018-distribution-by-tenant.md";
/** Where the block goes when the decision record (or its markers) is not there yet. */
const FALLBACK = "/tmp/shard-map.md";

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const HASH_TOKEN_COUNT = 2 ** 32;

const database = benchDatabase("owes_bench_shards");
const { ownerUrl: OWNER_URL } = database;

// ── seeding ───────────────────────────────────────────────────────────────────────────────────

/** The three benchmark tenants, by the profile name the report uses. */
type TSeeded = { caseload: string; big: string; other: string };

async function seed(db: pg.Client): Promise<TSeeded> {
  // Bulk load: no wait for the WAL flush at each commit (the data is rebuilt on every run anyway).
  await db.query(`SET synchronous_commit = off`);
  await db.query(`SET work_mem = '64MB'`);
  const lastDay = todayInPoland();
  console.log("Caseload tenant:");
  const caseload = await seedCaseloadTenant(db, { slug: "owes-caseload" });
  await seedPathsAndAudit(db, caseload.tenantId, { auditRows: AUDIT_ROWS });
  await seedServiceHistory(db, caseload.tenantId, RECORDS, lastDay);
  console.log("Service benchmark's tenants:");
  const big = await seedServiceTenant(db, "owes-services", "OWES Benchmark (usługi)", BIG_ADVISORS);
  const other = await seedServiceTenant(db, "owes-other", "Inny OWES", OTHER_ADVISORS);
  await seedServiceHistory(db, big.tenantId, BIG_RECORDS, lastDay);
  await seedServiceHistory(db, other.tenantId, OTHER_RECORDS, lastDay);
  return { caseload: caseload.tenantId, big: big.tenantId, other: other.tenantId };
}

// ── measuring ─────────────────────────────────────────────────────────────────────────────────

type TTable = { name: string; bytes: number; rows: number; rowsByTenant: Map<string, number> };

/** Every public table with the distribution column: its total size and its rows per tenant. */
async function readTables(db: pg.Client): Promise<{ tables: TTable[]; globals: string[] }> {
  const catalogue = (
    await db.query<{ name: string; distributed: boolean; bytes: string }>(
      `SELECT c.relname AS name, a.attname IS NOT NULL AS distributed,
              CASE WHEN c.relkind = 'p' -- a partitioned table's size is its partitions'
                   THEN (SELECT coalesce(sum(pg_total_relation_size(p.relid)), 0) FROM pg_partition_tree(c.oid) p)
                   ELSE pg_total_relation_size(c.oid) END::bigint AS bytes
         FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace
         LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = $1 AND NOT a.attisdropped
        WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        ORDER BY 1`,
      [DISTRIBUTION_COLUMN],
    )
  ).rows;
  const tables: TTable[] = [];
  for (const { name, bytes } of catalogue.filter((t) => t.distributed)) {
    const counts = (await db.query<{ tenant: string; rows: string }>(`SELECT ${DISTRIBUTION_COLUMN}::text AS tenant, count(*) AS rows FROM public."${name}" GROUP BY 1`)).rows;
    const rowsByTenant = new Map(counts.map((c) => [c.tenant, Number(c.rows)]));
    tables.push({ name, bytes: Number(bytes), rows: [...rowsByTenant.values()].reduce((a, b) => a + b, 0), rowsByTenant });
  }
  const globals = catalogue.filter((t) => !t.distributed).map((t) => `${t.name} (${globalTableRole(`public.${t.name}`) ?? "not in lib/system/distribution.mjs"})`);
  return { tables, globals };
}

/**
 * Rewrites the tenant tables the load itself updated (a rollup trigger updating one row per insert
 * leaves several dead versions per live row), so that their size per row is that of packed live
 * rows like every other table's. Returns their names.
 */
async function compactUpdatedTables(db: pg.Client): Promise<string[]> {
  // The load's own counters reach the shared statistics at the next flush; force it.
  await db.query(`SELECT pg_stat_force_next_flush()`);
  const updated = (
    await db.query<{ name: string }>(
      `SELECT s.relname AS name FROM pg_stat_user_tables s
         JOIN pg_attribute a ON a.attrelid = s.relid AND a.attname = $1 AND NOT a.attisdropped
        WHERE s.schemaname = 'public' AND s.n_dead_tup > 0.1 * s.n_live_tup
        ORDER BY 1`,
      [DISTRIBUTION_COLUMN],
    )
  ).rows.map((r) => r.name);
  for (const name of updated) await db.query(`VACUUM FULL public."${name}"`);
  return updated;
}

/** A tenant's size: rows, and bytes estimated as rows × (the table's total size ÷ its rows), per table. */
type TProfile = { rows: number; bytes: number; rowsByTable: Map<string, number> };

function profileOf(tenantId: string, tables: TTable[]): TProfile {
  const rowsByTable = new Map<string, number>();
  let rows = 0;
  let bytes = 0;
  for (const table of tables) {
    const count = table.rowsByTenant.get(tenantId) ?? 0;
    rowsByTable.set(table.name, count);
    rows += count;
    // An empty table's few pages (index roots) belong to no tenant.
    if (table.rows > 0) bytes += (count * table.bytes) / table.rows;
  }
  return { rows, bytes, rowsByTable };
}

/** uuid_hash of each id, as Citus hashes a uuid distribution value (the type's hash function). */
async function hashes(db: pg.Client, ids: string[]): Promise<Map<string, number>> {
  const result = await db.query<{ id: string; hash: number }>(`SELECT id::text AS id, uuid_hash(id) AS hash FROM unnest($1::uuid[]) AS id`, [ids]);
  return new Map(result.rows.map((r) => [r.id, r.hash]));
}

// ── placement ─────────────────────────────────────────────────────────────────────────────────

type TTenant = { name: string; kind: string; id: string; hash: number; rows: number; bytes: number };
/** A shard group: one hash range, placed on one worker, holding every colocated table's shard. */
type TShard = { label: string; min: number; max: number; worker: number; isolated: TTenant | null };

/** The shards create_distributed_table makes: equal hash ranges, placed round-robin on the sorted workers. */
function hashShards(shardCount: number, workerCount: number): TShard[] {
  const increment = Math.floor(HASH_TOKEN_COUNT / shardCount);
  return Array.from({ length: shardCount }, (_, i) => {
    const min = INT32_MIN + i * increment;
    return { label: `S${i}`, min, max: i === shardCount - 1 ? INT32_MAX : min + increment - 1, worker: i % workerCount, isolated: null };
  });
}

function shardOf(shards: TShard[], hash: number): TShard {
  const shard = shards.find((s) => s.min <= hash && hash <= s.max);
  if (!shard) throw new Error(`no shard covers hash ${hash}`);
  return shard;
}

type TShardLoad = { shard: TShard; tenants: TTenant[]; rows: number; bytes: number };
type TWorkerLoad = { worker: number; shards: number; tenants: TTenant[]; rows: number; bytes: number };

function loads(shards: TShard[], tenants: TTenant[], workerCount: number): { shards: TShardLoad[]; workers: TWorkerLoad[] } {
  const byShard = new Map(shards.map((shard): [TShard, TShardLoad] => [shard, { shard, tenants: [], rows: 0, bytes: 0 }]));
  for (const tenant of tenants) {
    const load = byShard.get(shardOf(shards, tenant.hash));
    if (!load) throw new Error("shard without a load");
    load.tenants.push(tenant);
    load.rows += tenant.rows;
    load.bytes += tenant.bytes;
  }
  const workers = Array.from({ length: workerCount }, (_, worker): TWorkerLoad => ({ worker, shards: 0, tenants: [], rows: 0, bytes: 0 }));
  for (const load of byShard.values()) {
    const worker = workers[load.shard.worker];
    if (!worker) throw new Error(`no worker ${load.shard.worker}`);
    worker.shards++;
    worker.tenants.push(...load.tenants);
    worker.rows += load.rows;
    worker.bytes += load.bytes;
  }
  return { shards: [...byShard.values()], workers };
}

/**
 * isolate_tenant_to_new_shard(…, 'CASCADE') for every tenant above `thresholdBytes`, biggest first:
 * its shard becomes [min, h-1], [h, h], [h+1, max] on the same worker. Then each isolated shard,
 * biggest first, moves to the worker with the least data (the other shards stay where they are).
 */
function isolateLargeTenants(shards: TShard[], tenants: TTenant[], thresholdBytes: number, workerCount: number): TShard[] {
  let result = shards.map((s) => ({ ...s }));
  const large = tenants.filter((t) => t.bytes > thresholdBytes).sort((a, b) => b.bytes - a.bytes);
  for (const tenant of large) {
    const source = shardOf(result, tenant.hash);
    if (source.min === source.max) continue; // a hash collision with a tenant already isolated
    const parts: TShard[] = [];
    if (source.min < tenant.hash) parts.push({ ...source, label: `${source.label}<`, max: tenant.hash - 1 });
    parts.push({ ...source, label: `${tenant.name} alone`, min: tenant.hash, max: tenant.hash, isolated: tenant });
    if (source.max > tenant.hash) parts.push({ ...source, label: `${source.label}>`, min: tenant.hash + 1 });
    result = result.flatMap((s) => (s === source ? parts : [s]));
  }
  for (const tenant of large) {
    const shard = result.find((s) => s.isolated === tenant);
    if (!shard) continue;
    const before = loads(result, tenants, workerCount).workers;
    const target = before
      .map((w) => ({ worker: w.worker, bytes: w.worker === shard.worker ? w.bytes - tenant.bytes : w.bytes }))
      .reduce((best, w) => (w.bytes < best.bytes ? w : best));
    shard.worker = target.worker;
  }
  return result;
}

// ── synthetic centres ─────────────────────────────────────────────────────────────────────────

/** A uuid v4 from the seeded source: the same seed gives the same ids, hence the same map. */
function uuidV4(random: () => number): string {
  const bytes = Array.from({ length: 16 }, () => Math.floor(random() * 256));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

type TKind = { kind: string; like: string; profile: TProfile; count: number };

/** How many centres of each kind: the mix's percentages rounded, the last kind takes the rest. */
function centreKinds(profiles: { kind: string; like: string; profile: TProfile }[]): TKind[] {
  let left = CENTRES;
  return profiles.map((p, i) => {
    const count = i === profiles.length - 1 ? left : Math.round((CENTRES * (MIX[i] ?? 0)) / 100);
    left -= count;
    return { ...p, count };
  });
}

function syntheticCentres(kinds: TKind[]): Omit<TTenant, "hash">[] {
  const random = mulberry32(SEED);
  const centres: Omit<TTenant, "hash">[] = [];
  for (const { kind, profile, count } of kinds) {
    for (let i = 0; i < count; i++) {
      // Same shape as the measured tenant, scaled by a factor in [1 - jitter, 1 + jitter].
      const factor = 1 - JITTER + 2 * JITTER * random();
      const id = uuidV4(random);
      centres.push({ name: `C${String(centres.length + 1).padStart(2, "0")}`, kind, id, rows: Math.round(profile.rows * factor), bytes: profile.bytes * factor });
    }
  }
  return centres;
}

// ── report ────────────────────────────────────────────────────────────────────────────────────

const int = (n: number) => Math.round(n).toLocaleString("en");
const pct = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)}%`;
function size(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
  return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
}

function summaryRow(workerCount: number, placement: string, shards: TShard[], tenants: TTenant[]): string {
  const load = loads(shards, tenants, workerCount);
  const total = tenants.reduce((a, t) => a + t.bytes, 0);
  const bytes = load.workers.map((w) => w.bytes);
  const rows = load.workers.map((w) => w.rows);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const largestShard = load.shards.reduce((a, b) => (b.bytes > a.bytes ? b : a));
  const perShard = load.shards.map((s) => s.tenants.length);
  // The tenant that weighs most on its own worker.
  const heaviest = load.workers
    .flatMap((w) => w.tenants.map((t) => ({ tenant: t, worker: w, share: t.bytes / w.bytes })))
    .reduce((a, b) => (b.share > a.share ? b : a));
  return (
    `| ${workerCount} | ${placement} | ${shards.length} | ${size(Math.min(...bytes))} – ${size(Math.max(...bytes))} | ${(Math.max(...bytes) / mean(bytes)).toFixed(2)} | ` +
    `${int(Math.min(...rows))} – ${int(Math.max(...rows))} | ${(Math.max(...rows) / mean(rows)).toFixed(2)} | ` +
    `${largestShard.shard.label}: ${pct(largestShard.bytes, total)} | ${Math.min(...perShard)} – ${Math.max(...perShard)} | ` +
    `${heaviest.tenant.name} (${heaviest.tenant.kind}): ${pct(heaviest.tenant.bytes, heaviest.worker.bytes)} of worker ${heaviest.worker.worker} |`
  );
}

function workerTable(workerCount: number, plain: TShard[], isolated: TShard[], tenants: TTenant[]): string[] {
  const total = tenants.reduce((a, t) => a + t.bytes, 0);
  const a = loads(plain, tenants, workerCount).workers;
  const b = loads(isolated, tenants, workerCount).workers;
  const largest = (w: TWorkerLoad) => {
    const t = w.tenants.reduce<TTenant | null>((x, y) => (!x || y.bytes > x.bytes ? y : x), null);
    return t ? `${t.name} ${pct(t.bytes, w.bytes)}` : "—";
  };
  return [
    `${workerCount} workers:`,
    "",
    "| worker | hash only: shards | centres | size | share | largest centre | with isolation: shards | centres | size | share | largest centre |",
    "| ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | --- |",
    ...a.map((w, i) => {
      const v = b[i];
      if (!v) throw new Error(`no worker ${i}`);
      return (
        `| ${i} | ${w.shards} | ${w.tenants.length} | ${size(w.bytes)} | ${pct(w.bytes, total)} | ${largest(w)} | ` +
        `${v.shards} | ${v.tenants.length} | ${size(v.bytes)} | ${pct(v.bytes, total)} | ${largest(v)} |`
      );
    }),
  ];
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]?.toFixed(1) ?? "?";
  await inBenchDatabase(database, args.keep, async () => {
    const measured = await withClient(OWNER_URL, async (db) => {
      const seedStart = Date.now();
      const seeded = await seed(db);
      const seedSeconds = (Date.now() - seedStart) / 1000;
      console.log(`Seeded in ${seedSeconds.toFixed(0)} s.`);
      const compacted = await compactUpdatedTables(db);
      console.log(`  VACUUM FULL of the tables the load updated: ${compacted.join(", ") || "none"}`);
      const { tables, globals } = await readTables(db);
      const ids = [seeded.caseload, seeded.big, seeded.other];
      const version = (await db.query<{ version: string }>(`SELECT current_setting('server_version') AS version`)).rows[0]?.version ?? "?";
      return { seeded, seedSeconds, compacted, tables, globals, hashes: await hashes(db, ids), version };
    });
    const { seeded, tables, globals } = measured;
    const hashOf = (id: string) => {
      const hash = measured.hashes.get(id);
      if (hash === undefined) throw new Error(`no hash for ${id}`);
      return hash;
    };

    // (a) The benchmark tenants.
    const benchmark = [
      { kind: "caseload", like: "the caseload benchmark's tenant (50,000 clients, 300 key advisors)", id: seeded.caseload },
      { kind: "big", like: `the service benchmark's big tenant (${BIG_ADVISORS} key advisors)`, id: seeded.big },
      { kind: "small", like: `the service benchmark's small tenant (${OTHER_ADVISORS} key advisors)`, id: seeded.other },
    ].map((t) => ({ ...t, profile: profileOf(t.id, tables) }));
    const benchTenants: TTenant[] = benchmark.map((t) => ({ name: t.kind, kind: t.kind, id: t.id, hash: hashOf(t.id), rows: t.profile.rows, bytes: t.profile.bytes }));
    const clientsOf = (p: TProfile) => p.rowsByTable.get("client") ?? 0;
    const servicesOf = (p: TProfile) => p.rowsByTable.get("service_record") ?? 0;
    const benchShards = hashShards(SHARDS, 1);
    const benchRows = benchmark.map((t, i) => {
      const tenant = benchTenants[i];
      if (!tenant) throw new Error("no tenant");
      const shard = shardOf(benchShards, tenant.hash);
      const index = benchShards.indexOf(shard);
      const workers = WORKER_COUNTS.map((w) => `${index % w}`).join(" | ");
      return (
        `| ${t.kind}: ${t.like} | ${int(clientsOf(t.profile))} | ${int(servicesOf(t.profile))} | ${int(t.profile.rows)} | ${size(t.profile.bytes)} | ` +
        `\`${t.id}\` | ${tenant.hash} | S${index} [${shard.min}, ${shard.max}] | ${workers} |`
      );
    });
    const heaviestTables = [...tables].sort((x, y) => y.bytes - x.bytes).slice(0, 10);
    const profileRows = heaviestTables.map(
      (t) => `| ${t.name} | ${t.rows > 0 ? int(t.bytes / t.rows) : "—"} | ${benchmark.map((b) => int(b.profile.rowsByTable.get(t.name) ?? 0)).join(" | ")} |`,
    );
    const restTables = tables.filter((t) => !heaviestTables.includes(t));
    const restBytes = restTables.reduce((a, t) => a + t.bytes, 0);

    // (b) A national installation.
    const kinds = centreKinds(benchmark.map((b) => ({ kind: b.kind, like: b.like, profile: b.profile })));
    const drafts = syntheticCentres(kinds);
    const centreHashes = await withClient(OWNER_URL, (db) => hashes(db, drafts.map((c) => c.id)));
    const centres: TTenant[] = drafts.map((c) => {
      const hash = centreHashes.get(c.id);
      if (hash === undefined) throw new Error(`no hash for ${c.id}`);
      return { ...c, hash };
    });
    const totalBytes = centres.reduce((a, c) => a + c.bytes, 0);
    const totalRows = centres.reduce((a, c) => a + c.rows, 0);
    const threshold = (totalBytes * ISOLATE_ABOVE) / 100;
    const isolatedCentres = centres.filter((c) => c.bytes > threshold).sort((x, y) => y.bytes - x.bytes);
    const summary: string[] = [];
    const details: string[] = [];
    for (const workerCount of WORKER_COUNTS) {
      const plain = hashShards(SHARDS, workerCount);
      const isolated = isolateLargeTenants(plain, centres, threshold, workerCount);
      summary.push(summaryRow(workerCount, "hash only", plain, centres), summaryRow(workerCount, `isolated > ${ISOLATE_ABOVE}%`, isolated, centres));
      details.push(...workerTable(workerCount, plain, isolated, centres), "");
    }

    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const totalSeconds = (Date.now() - started) / 1000;
    const figures = [
      `Simulated ${todayInPoland()} on ${os.cpus().length} vCPU (${cpu}), PostgreSQL ${measured.version}, load average ${loadAtStart} at the start; ` +
        `seeding ${measured.seedSeconds.toFixed(0)} s, the whole run ${(totalSeconds / 60).toFixed(1)} min. ` +
        `${tables.length} tables have ${DISTRIBUTION_COLUMN} (distributed, colocated); the others: ${globals.join(", ")}.`,
      "",
      `Placement as Citus does it for hash distribution: \`uuid_hash(${DISTRIBUTION_COLUMN})\` (computed by PostgreSQL), ` +
        `${SHARDS} shards (citus.shard_count) of equal int32 hash ranges, shard i on worker i mod W. ` +
        `A tenant's size is its rows in every table, and bytes estimated as rows × (the table's pg_total_relation_size ÷ its rows) ` +
        `right after the bulk load (heap, indexes and TOAST, packed: ` +
        (measured.compacted.length > 0 ? `${measured.compacted.join(", ")}, which the load's triggers updated, rewritten with VACUUM FULL first).` : "no table had dead rows)."),
      "",
      "**The benchmark tenants.** Their ids are random (the seeders call randomUUID), so their shards change from run to run; their sizes do not.",
      "",
      `| tenant | clients | service records | rows | size | tenant_id | uuid_hash | shard (of ${SHARDS}) [hash range] | ${WORKER_COUNTS.map((w) => `worker at W=${w}`).join(" | ")} |`,
      `| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | ${WORKER_COUNTS.map(() => "---:").join(" | ")} |`,
      ...benchRows,
      "",
      `The ten largest tables (bytes per row including indexes; rows per tenant). The other ${restTables.length} tables hold ${size(restBytes)} together.`,
      "",
      `| table | bytes/row | ${benchmark.map((b) => b.kind).join(" | ")} |`,
      `| --- | ---: | ${benchmark.map(() => "---:").join(" | ")} |`,
      ...profileRows,
      "",
      `**A national installation.** ${CENTRES} centres (Poland has about this many OWES/ŚOWES centres with their partners), ` +
        `ids drawn as uuid v4 from mulberry32(${SEED}). Assumed mix: ` +
        kinds.map((k) => `${k.count} × ${k.kind} (${MIX[kinds.indexOf(k)] ?? 0}%, like ${k.like}: ${size(k.profile.bytes)})`).join(", ") +
        `; each centre's rows and bytes scaled by a factor drawn uniformly from [${1 - JITTER}, ${1 + JITTER}]. ` +
        `Total ${int(totalRows)} rows, ${size(totalBytes)}. ` +
        (isolatedCentres.length > 0
          ? `Isolation: ${isolatedCentres.length} centre(s) above ${ISOLATE_ABOVE}% of the total (${size(threshold)}): ` +
            `${isolatedCentres.map((c) => `${c.name} (${c.kind}, ${pct(c.bytes, totalBytes)})`).join(", ")} — ` +
            "each gets `isolate_tenant_to_new_shard(…, 'CASCADE')` (its shard split in three, on the same worker), then its own shard " +
            "moves to the worker with the least data (citus_move_shard_placement); the other shards stay where round-robin put them."
          : `No centre is above ${ISOLATE_ABOVE}% of the total (${size(threshold)}), so isolation changes nothing.`),
      "",
      "| workers | placement | shards | size per worker (min – max) | max/mean | rows per worker (min – max) | max/mean | largest shard (share of all data) | centres per shard | heaviest centre on its worker |",
      "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
      ...summary,
      "",
      "Per worker (`Sn<` / `Sn>` are the parts of a split shard below and above the isolated hash):",
      "",
      ...details,
    ]
      .join("\n")
      .trimEnd();
    console.log(`\n${figures}\n`);
    if (args["write-doc"]) {
      try {
        writeFigures("shard-map", figures, DOC);
      } catch (error) {
        writeFileSync(FALLBACK, `${figures}\n`);
        console.error(`Could not write into ${DOC} (${error instanceof Error ? error.message : String(error)}); saved the block to ${FALLBACK}.`);
      }
    }
    console.log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
