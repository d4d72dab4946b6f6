#!/usr/bin/env node
/**
 * `npm run db:restore -- --file <dump> [--manifest <file>] [--database-url <url of an EMPTY database>]`:
 * restores a dump of `npm run db:backup` and proves the result (docs/operations/backup.md):
 *
 *   1. the dump's SHA-256 must equal the manifest's (a damaged or altered file is refused untouched);
 *   2. the target must be empty — no table in public or any other non-system schema: a restore never
 *      lands on top of data — and must have every role the dump names (owes_app, owes_search, the owner);
 *   3. pg_restore --exit-on-error --single-transaction: all or nothing;
 *   4. ANALYZE, then the manifest is computed again on the target and compared table by table:
 *      any difference is printed and the exit code is 1; otherwise "restore verified: N tables, M rows".
 *
 * Runs as a superuser (or a role that may own every object of the dump and bypasses row-level
 * security), never as owes_app.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import {
  appliedMigrations,
  assertReadsAllRows,
  compareManifests,
  describeDatabaseUrl,
  libpqConnection,
  manifestPathFor,
  OperatorError,
  parseDatabaseUrl,
  pgProgram,
  readManifest,
  resolveDatabaseUrl,
  run,
  runScript,
  sha256File,
  tableChecksums,
} from "./lib/backup-manifest.mjs";

const USAGE = "Usage: npm run db:restore -- --file <dump> [--manifest <manifest.json>] [--database-url <postgresql://… of an empty database>]";

/** @param {string} message */
function log(message) {
  console.log(`[restore] ${message}`);
}

function parseCommandLine() {
  try {
    const { values } = parseArgs({
      options: {
        file: { type: "string" },
        manifest: { type: "string" },
        "database-url": { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
    });
    return values;
  } catch (err) {
    throw new OperatorError(`${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
  }
}

/**
 * Refuses a target with any table or view outside the system schemas (public, pgboss, …).
 *
 * @param {pg.Client} client
 * @param {string} label the target, for the message
 */
async function assertEmptyTarget(client, label) {
  const { rows } = await client.query(
    `SELECT n.nspname AS schema, count(*)::int AS tables
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
     GROUP BY 1 ORDER BY 1`,
  );
  if (rows.length > 0) {
    const found = rows.map((r) => `${r.tables} in ${r.schema}`).join(", ");
    throw new OperatorError(
      `Refusing to restore into ${label}: it is not empty (tables or views: ${found}). ` +
        "A restore never overwrites data: create an empty database (createdb) and restore into that.",
    );
  }
}

/**
 * Refuses a server that lacks a role the dump's objects are owned by or granted to, before
 * pg_restore fails on the first ALTER … OWNER TO / GRANT naming it.
 *
 * @param {pg.Client} client
 * @param {string[]} roles
 */
async function assertRolesExist(client, roles) {
  const { rows } = await client.query(`SELECT rolname FROM pg_roles WHERE rolname = ANY($1::text[])`, [roles]);
  const present = new Set(rows.map((r) => r.rolname));
  const missing = roles.filter((role) => !present.has(role));
  if (missing.length > 0) {
    throw new OperatorError(
      `The target server lacks the role(s) ${missing.join(", ")}, which the dump's objects are owned by or granted to. ` +
        "Create them first (roles belong to the server, not to a database; docs/operations/backup.md, \"Roles\").",
    );
  }
}

async function main() {
  const args = parseCommandLine();
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (!args.file) throw new OperatorError(`--file is required.\n${USAGE}`);
  const dumpFile = path.resolve(args.file);
  if (!fs.existsSync(dumpFile)) throw new OperatorError(`No dump at ${dumpFile}.`);
  const manifestFile = path.resolve(args.manifest ?? manifestPathFor(dumpFile));
  const manifest = readManifest(manifestFile);
  const url = resolveDatabaseUrl(args["database-url"]);
  parseDatabaseUrl(url);
  const target = describeDatabaseUrl(url);

  log(`Checking ${path.basename(dumpFile)} against its manifest …`);
  const sha256 = await sha256File(dumpFile);
  if (sha256 !== manifest.dumpSha256) {
    throw new OperatorError(
      `The dump's SHA-256 (${sha256}) differs from the manifest's (${manifest.dumpSha256}): the file is damaged or was changed. Nothing was restored.`,
    );
  }

  const client = new pg.Client({ connectionString: url, application_name: "owes-restore" });
  try {
    await client.connect();
  } catch (err) {
    if (!(err instanceof Error)) throw err;
    throw new OperatorError(`Cannot connect to ${target}: ${err.message} (create the empty database first)`);
  }
  try {
    await assertReadsAllRows(client);
    await assertEmptyTarget(client, target);
    await assertRolesExist(client, manifest.roles);

    log(`Restoring ${manifest.database} of ${manifest.createdAt} into ${target} …`);
    const { dbname, env } = libpqConnection(url);
    // --single-transaction: a failure leaves the target as empty as it was. The dump holds no
    // statement that refuses a transaction block (no CREATE DATABASE without --create, no
    // ALTER TYPE … ADD VALUE: enums are dumped whole). It rules out parallel jobs (-j), which
    // the data volume of a centre does not need.
    await run(pgProgram("pg_restore"), ["--exit-on-error", "--single-transaction", "--no-password", `--dbname=${dbname}`, dumpFile], env);
    // pg_restore leaves the planner without statistics; the app's queries need them from the start.
    await client.query(`ANALYZE`);

    log("Verifying the restored database against the manifest …");
    await client.query(`BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY`);
    const restored = { migrations: await appliedMigrations(client), tables: await tableChecksums(client) };
    await client.query(`COMMIT`);
    const problems = compareManifests(manifest, restored);
    if (problems.length > 0) {
      for (const problem of problems) console.error(`[restore]   ${problem}`);
      throw new OperatorError(`The restored database differs from the backup in ${problems.length} place(s) (above): do not use it.`);
    }
    const tables = Object.values(restored.tables);
    const rows = tables.reduce((sum, t) => sum + t.rows, 0);
    console.log(`restore verified: ${tables.length} tables, ${rows} rows`);
  } finally {
    await client.end().catch(() => {});
  }
}

runScript("restore", main);
