#!/usr/bin/env node
/**
 * `npm run db:backup -- [--out <dir>] [--database-url <url>]`: a custom-format dump of the database
 * (pg_dump -Fc, owners and grants kept) and a manifest beside it that a restore is verified against
 * (scripts/db-restore.mjs; docs/operations/backup.md):
 *
 *   <dir>/owes-<db>-<UTC timestamp>.dump            0600: it holds every centre's personal data
 *   <dir>/owes-<db>-<UTC timestamp>.manifest.json   per-table row counts and checksums, migrations,
 *                                                   the roles the dump names, the dump's SHA-256
 *
 * The manifest describes exactly the data in the dump: a REPEATABLE READ transaction exports its
 * snapshot, pg_dump runs in that snapshot (--snapshot), and the manifest is computed inside the same
 * transaction while it stays open. Writes committed meanwhile are in neither.
 *
 * Runs as the owner/superuser (DATABASE_URL), never as owes_app: row-level security would hide rows.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import {
  appliedMigrations,
  assertReadsAllRows,
  databaseName,
  describeDatabaseUrl,
  libpqConnection,
  MANIFEST_FORMAT,
  manifestPathFor,
  OperatorError,
  parseDatabaseUrl,
  pgProgram,
  referencedRoles,
  resolveDatabaseUrl,
  ROOT,
  run,
  runScript,
  sha256File,
  tableChecksums,
} from "./lib/backup-manifest.mjs";

/** Git-ignored (.data/), so a dump of personal data cannot be committed by accident. */
const DEFAULT_OUT_DIR = path.join(ROOT, ".data", "backups");

const USAGE = "Usage: npm run db:backup -- [--out <dir>] [--database-url <postgresql://…>]";

/** @param {string} message */
function log(message) {
  console.log(`[backup] ${message}`);
}

function parseCommandLine() {
  try {
    const { values } = parseArgs({
      options: { out: { type: "string" }, "database-url": { type: "string" }, help: { type: "boolean" } },
      strict: true,
    });
    return values;
  } catch (err) {
    throw new OperatorError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

/**
 * `20261201T031500Z`: sorts by time, and is valid in a file name everywhere.
 *
 * @param {Date} date
 */
function fileTimestamp(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z").replaceAll("-", "").replaceAll(":", "");
}

async function main() {
  const args = parseCommandLine();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const url = resolveDatabaseUrl(args["database-url"]);
  parseDatabaseUrl(url);
  const outDir = path.resolve(args.out ?? DEFAULT_OUT_DIR);
  const createdAt = new Date();
  const database = databaseName(url);
  const base = path.join(outDir, `owes-${database.replace(/[^\w-]/g, "_")}-${fileTimestamp(createdAt)}`);
  const dumpFile = `${base}.dump`;
  const manifestFile = manifestPathFor(dumpFile);
  // Written under temporary names and renamed at the end: a failed run leaves no file that looks
  // like a usable backup.
  const partialDump = `${dumpFile}.partial`;
  const partialManifest = `${manifestFile}.partial`;

  log(`Backing up ${describeDatabaseUrl(url)} to ${outDir}`);
  fs.mkdirSync(outDir, { recursive: true, mode: 0o700 });
  for (const file of [dumpFile, manifestFile]) {
    if (fs.existsSync(file)) throw new OperatorError(`${file} exists already; not overwriting it.`);
  }

  const pgDumpVersion = (await run(pgProgram("pg_dump"), ["--version"])).stdout.trim();
  const client = new pg.Client({ connectionString: url, application_name: "owes-backup" });
  try {
    await client.connect();
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    throw new OperatorError(`Cannot connect to ${describeDatabaseUrl(url)}: ${err.message}`);
  }
  try {
    await assertReadsAllRows(client);
    const serverVersion = (await client.query(`SHOW server_version`)).rows[0].server_version;
    // The transaction sits idle while pg_dump works; a server-wide idle timeout must not end it.
    await client.query(`SET idle_in_transaction_session_timeout = 0`);
    await client.query(`SET statement_timeout = 0`);
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    const snapshot = (await client.query(`SELECT pg_export_snapshot() AS id`)).rows[0].id;

    const { dbname, env } = libpqConnection(url);
    const dump = run(
      pgProgram("pg_dump"),
      ["--format=custom", `--snapshot=${snapshot}`, "--no-password", `--file=${partialDump}`, `--dbname=${dbname}`],
      env,
    );
    // The manifest is computed while pg_dump runs: both read the same snapshot, and the exporting
    // transaction must stay open until pg_dump has imported it anyway.
    const manifestParts = (async () => ({
      migrations: await appliedMigrations(client),
      roles: await referencedRoles(client),
      tables: await tableChecksums(client),
    }))();
    const [, parts] = await Promise.all([dump, manifestParts]);
    await client.query(`COMMIT`);

    fs.chmodSync(partialDump, 0o600);
    const manifest = {
      format: MANIFEST_FORMAT,
      createdAt: createdAt.toISOString(),
      database,
      pgDumpVersion,
      serverVersion,
      dumpFile: path.basename(dumpFile),
      dumpSha256: await sha256File(partialDump),
      ...parts,
    };
    fs.writeFileSync(partialManifest, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    fs.renameSync(partialDump, dumpFile);
    fs.renameSync(partialManifest, manifestFile);

    const tables = Object.values(manifest.tables);
    const rows = tables.reduce((sum, t) => sum + t.rows, 0);
    const size = (fs.statSync(dumpFile).size / 1024 / 1024).toFixed(1);
    log(`Dump:     ${dumpFile} (${size} MiB)`);
    log(`Manifest: ${manifestFile} (${tables.length} tables, ${rows} rows, ${manifest.migrations.length} migrations)`);
  } catch (err) {
    fs.rmSync(partialDump, { force: true });
    fs.rmSync(partialManifest, { force: true });
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

runScript("backup", main);
