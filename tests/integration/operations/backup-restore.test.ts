import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { appRoleUrl, assertThrowawayDatabase, maintenanceUrl, TEST_DATABASE_NAME, throwawayDatabase } from "@/scripts/lib/throwaway-db.mjs";
import { TEST_DATABASE_URL } from "@/tests/setup/test-db";

/**
 * The backup/restore drill (docs/operations/backup.md): `npm run db:backup` of the demo data, then
 * `npm run db:restore` into an empty database must give back the same rows, table by table, with
 * the app role still confined by row-level security; and a restore refuses what it must refuse.
 *
 * The source is the integration database (migrated by the global setup, emptied before each test);
 * the targets are databases of their own, created empty and dropped at the end. The scripts run as
 * child processes, as an operator runs them. The test counts and fingerprints tables with its own
 * SQL rather than the scripts' manifest code, so a manifest that checks nothing cannot pass.
 */
const ROOT = path.resolve(__dirname, "../../..");
const SOURCE_URL = TEST_DATABASE_URL;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "owes-backup-test-"));
const createdDatabases = new Set<string>();

type TScriptRun = { status: number | null; output: string };
type TManifest = {
  database: string;
  dumpSha256: string;
  migrations: string[];
  roles: string[];
  tables: Record<string, { rows: number; checksum: string }>;
};

afterAll(async () => {
  for (const url of createdDatabases) await throwawayDatabase(url, TEST_DATABASE_NAME).drop();
  fs.rmSync(workDir, { recursive: true, force: true });
});

function runNode(args: string[], timeout = 120_000): TScriptRun {
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env }, timeout });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** The demo seed, as `npm run db:seed` and `npm run demo` run it. */
function seedDemo() {
  const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: SOURCE_URL, NODE_ENV: "development", NODE_OPTIONS: "--conditions=react-server" },
    timeout: 240_000,
  });
  if (result.status !== 0) throw new Error(`The seed failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
}

/** Runs `npm run db:backup` into a directory of its own; returns the dump and its parsed manifest. */
function backup(label: string): { dumpFile: string; manifestFile: string; manifest: TManifest } {
  const out = path.join(workDir, label);
  const run = runNode(["scripts/db-backup.mjs", "--out", out, "--database-url", SOURCE_URL]);
  expect(run.status, run.output).toBe(0);
  const files = fs.readdirSync(out).sort();
  expect(files).toHaveLength(2);
  const dumpFile = path.join(out, files.find((f) => f.endsWith(".dump")) ?? "missing.dump");
  const manifestFile = path.join(out, files.find((f) => f.endsWith(".manifest.json")) ?? "missing.manifest.json");
  return { dumpFile, manifestFile, manifest: JSON.parse(fs.readFileSync(manifestFile, "utf8")) as TManifest };
}

let emptyBackup: ReturnType<typeof backup> | null = null;

/**
 * A private copy of one backup of the migrated database without data, for the tests of what a
 * restore refuses (made once: the tables are empty before every test, so it is the same each time).
 */
function copyOfEmptyBackup(label: string): { dumpFile: string; manifestFile: string; manifest: TManifest } {
  emptyBackup ??= backup("empty");
  const dir = fs.mkdtempSync(path.join(workDir, `${label}-`));
  const dumpFile = path.join(dir, path.basename(emptyBackup.dumpFile));
  const manifestFile = path.join(dir, path.basename(emptyBackup.manifestFile));
  fs.copyFileSync(emptyBackup.dumpFile, dumpFile);
  fs.copyFileSync(emptyBackup.manifestFile, manifestFile);
  return { dumpFile, manifestFile, manifest: emptyBackup.manifest };
}

function restore(dumpFile: string, targetUrl: string, manifestFile?: string): TScriptRun {
  return runNode(["scripts/db-restore.mjs", "--file", dumpFile, "--database-url", targetUrl, ...(manifestFile ? ["--manifest", manifestFile] : [])]);
}

/** A new database with nothing in it, not even the migrations: `<integration db>_<suffix>_test`. */
async function createEmptyDatabase(suffix: string): Promise<string> {
  const url = new URL(SOURCE_URL);
  url.pathname = `/${decodeURIComponent(url.pathname.slice(1)).replace(/_test$/, "")}_${suffix}_test`;
  const { name } = assertThrowawayDatabase(url.toString(), TEST_DATABASE_NAME);
  createdDatabases.add(url.toString());
  await withClient(maintenanceUrl(url.toString()), async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    // template0: nothing added to template1 on this server can leak in, and nobody is connected to it.
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE template0`);
  });
  return url.toString();
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Every table of the database (parents and partitions alike): its row count and a digest of its
 * rows' text in byte order. The test's own measure, independent of the scripts' manifest.
 */
function fingerprint(url: string): Promise<Record<string, { rows: number; digest: string }>> {
  return withClient(url, async (client) => {
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
       WHERE schemaname !~ '^pg_' AND schemaname <> 'information_schema' ORDER BY 1`,
    );
    const result: Record<string, { rows: number; digest: string }> = {};
    for (const { name } of tables) {
      const { rows } = await client.query<{ rows: number; digest: string | null }>(
        `SELECT count(*)::int AS rows, md5(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE "C")) AS digest FROM ${name} t`,
      );
      const [row] = rows;
      result[name.replaceAll('"', "")] = { rows: row?.rows ?? -1, digest: row?.digest ?? "" };
    }
    await client.query(`COMMIT`);
    return result;
  });
}

async function tableCount(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname !~ '^pg_' AND schemaname <> 'information_schema'`,
    );
    return rows[0]?.n ?? -1;
  });
}

function sha256(file: string): string {
  return createHash("sha256").update(fs.readFileSync(file)).digest("hex");
}

describe("backups that restore", () => {
  it("restores the demo data into an empty database with identical counts and checksums, row-level security intact", { timeout: 300_000 }, async () => {
    seedDemo();
    const { dumpFile, manifest } = backup("drill");
    const source = await fingerprint(SOURCE_URL);

    // The manifest describes this dump and this database: every migration, every table, the real counts.
    expect(manifest.dumpSha256).toBe(sha256(dumpFile));
    expect(fs.statSync(dumpFile).mode & 0o077).toBe(0);
    const migrationDirs = fs
      .readdirSync(path.join(ROOT, "prisma/migrations"), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    expect(manifest.migrations).toEqual(migrationDirs);
    expect(manifest.roles).toEqual(expect.arrayContaining(["owes_app", "owes_search"]));
    for (const table of ["public.client", "public.service_record", "public.audit_log", "public.user", "public.tenant"]) {
      expect(manifest.tables[table]?.rows, table).toBeGreaterThan(0);
    }
    expect(manifest.tables["pgboss.queue"]?.rows).toBeGreaterThan(0);
    // Every table the source has that holds rows of its own is in the manifest, with the same count.
    for (const [name, { rows }] of Object.entries(source)) {
      if (name.startsWith("pgboss.j") && name !== "pgboss.job") continue; // partitions: counted in pgboss.job
      expect(manifest.tables[name]?.rows, name).toBe(rows);
    }

    const target = await createEmptyDatabase("restored");
    const restored = restore(dumpFile, target);
    expect(restored.status, restored.output).toBe(0);
    const totalRows = Object.values(manifest.tables).reduce((sum, t) => sum + t.rows, 0);
    expect(restored.output).toContain(`restore verified: ${Object.keys(manifest.tables).length} tables, ${totalRows} rows`);
    expect(await fingerprint(target)).toEqual(source);

    // The app role on the restored database: one tenant's clients inside its transaction, nothing outside it.
    const [sowes] = await withClient(SOURCE_URL, async (c) =>
      (await c.query<{ id: string; clients: number }>(`SELECT t.id, (SELECT count(*)::int FROM client WHERE tenant_id = t.id) AS clients FROM tenant t WHERE slug = 'sowes'`)).rows,
    );
    expect(sowes?.clients).toBeGreaterThan(0);
    await withClient(appRoleUrl(target), async (app) => {
      expect((await app.query(`SELECT current_user AS u`)).rows[0]).toEqual({ u: "owes_app" });
      expect((await app.query<{ n: number }>(`SELECT count(*)::int AS n FROM client`)).rows[0]?.n).toBe(0);
      await app.query("BEGIN");
      await app.query(`SELECT set_config('app.tenant_id', $1, true)`, [sowes?.id]);
      const { rows } = await app.query<{ tenant_id: string }>(`SELECT tenant_id FROM client`);
      await app.query("COMMIT");
      expect(rows).toHaveLength(sowes?.clients ?? -1);
      expect(new Set(rows.map((r) => r.tenant_id))).toEqual(new Set([sowes?.id]));
    });
    const [client] = await withClient(target, async (c) =>
      (await c.query(`SELECT relrowsecurity AS enabled, relforcerowsecurity AS forced FROM pg_class WHERE oid = 'public.client'::regclass`)).rows,
    );
    expect(client).toEqual({ enabled: true, forced: true });
  });

  it("refuses to restore into a database that has tables, and leaves it as it was", { timeout: 60_000 }, async () => {
    const { dumpFile } = copyOfEmptyBackup("non-empty");
    const before = await fingerprint(SOURCE_URL);

    const run = restore(dumpFile, SOURCE_URL);

    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/Refusing to restore into .*: it is not empty/);
    expect(await fingerprint(SOURCE_URL)).toEqual(before);
  });

  it("refuses a dump with one byte changed before touching the target", { timeout: 60_000 }, async () => {
    const { dumpFile, manifestFile } = copyOfEmptyBackup("tampered");
    const bytes = fs.readFileSync(dumpFile);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0x01;
    fs.writeFileSync(dumpFile, bytes);
    const target = await createEmptyDatabase("tampered");

    const run = restore(dumpFile, target, manifestFile);

    expect(run.status).not.toBe(0);
    expect(run.output).toMatch(/SHA-256 .* differs from the manifest's/);
    expect(await tableCount(target)).toBe(0);
  });

  it("fails the verification, naming the table, when the restored rows differ from the manifest", { timeout: 60_000 }, async () => {
    const { dumpFile, manifestFile, manifest } = copyOfEmptyBackup("mismatch");
    const migrations = manifest.tables["public._prisma_migrations"];
    expect(migrations?.rows).toBeGreaterThan(0);
    // The dump is intact; the manifest claims other contents for one table, as a faulty restore would show.
    const claimed = { ...manifest, tables: { ...manifest.tables, "public._prisma_migrations": { rows: migrations?.rows ?? 0, checksum: "0".repeat(32) } } };
    fs.writeFileSync(manifestFile, JSON.stringify(claimed));
    const target = await createEmptyDatabase("mismatch");

    const run = restore(dumpFile, target);

    expect(run.status).not.toBe(0);
    expect(run.output).toContain(`public._prisma_migrations: same ${migrations?.rows} rows but different contents`);
    expect(run.output).toContain("do not use it");
    expect(run.output).not.toContain("restore verified");
  });
});
