/**
 * What `npm run db:backup` (scripts/db-backup.mjs) and `npm run db:restore` (scripts/db-restore.mjs)
 * share: where the database is, how pg_dump/pg_restore reach it without a password on their command
 * line, and the manifest — per-table row counts and checksums that a restore is verified against.
 *
 * Plain JavaScript because both scripts run under bare Node, with no build step.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "node:util";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The same default as lib/env.ts and prisma.config.ts. */
const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/owes";

/** Bumped when the manifest's meaning changes, so an old restore script refuses a newer manifest. */
export const MANIFEST_FORMAT = 1;

/** Schemas that belong to PostgreSQL itself; every other schema holds the application's data. */
const USER_SCHEMA = `n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'`;

/**
 * Session settings that fix how values print as text. A checksum hashes each row's text, so a
 * timestamptz must not print in the restoring server's time zone, nor a float with other digits.
 */
const DETERMINISTIC_OUTPUT = [
  "SET LOCAL TimeZone = 'UTC'",
  "SET LOCAL DateStyle = 'ISO, YMD'",
  "SET LOCAL IntervalStyle = 'postgres'",
  "SET LOCAL extra_float_digits = 1",
  "SET LOCAL bytea_output = 'hex'",
  // With RLS in force the counts would silently cover one tenant (or none): fail instead.
  "SET LOCAL row_security = off",
];

/** A script's failure with a message meant for the operator (no stack trace needed). */
export class OperatorError extends Error {}

/**
 * The database URL: the command line's, else DATABASE_URL from the environment, else from `.env`
 * in the project root (as `npm run dev` reads it), else the default of lib/env.ts.
 *
 * @param {string | undefined} fromArgs
 * @returns {string}
 */
export function resolveDatabaseUrl(fromArgs) {
  if (fromArgs) return fromArgs;
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const envFile = path.join(ROOT, ".env");
  if (fs.existsSync(envFile)) {
    // Parsed rather than loaded, so nothing else of .env leaks into pg_dump's environment.
    const fromFile = parseEnv(fs.readFileSync(envFile, "utf8")).DATABASE_URL;
    if (fromFile) return fromFile;
  }
  return DEFAULT_DATABASE_URL;
}

/**
 * `user@host:port/db` of a URL: what the console may show. Never the password.
 *
 * @param {string} url
 */
export function describeDatabaseUrl(url) {
  try {
    const u = new URL(url);
    const user = u.username ? `${decodeURIComponent(u.username)}@` : "";
    return `${user}${u.host}${u.pathname}`;
  } catch {
    return "(a database URL that does not parse)";
  }
}

/**
 * The database's name in a URL.
 *
 * @param {string} url
 */
export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/**
 * How pg_dump/pg_restore reach `url`: the URL without its password, which travels in PGPASSWORD
 * instead (a command line is visible to every user of the machine in `ps`).
 *
 * @param {string} url
 * @returns {{ dbname: string; env: NodeJS.ProcessEnv }}
 */
export function libpqConnection(url) {
  const parsed = parseDatabaseUrl(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  const env = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: parsed.toString(), env };
}

/** @param {string} url */
export function parseDatabaseUrl(url) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new OperatorError("The database URL does not parse (expected postgresql://user@host:port/database).");
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new OperatorError(`The database URL must start with postgresql://, not ${parsed.protocol}//.`);
  }
  if (!parsed.pathname.slice(1)) throw new OperatorError("The database URL names no database.");
  return parsed;
}

/**
 * A PostgreSQL client program: from PG_BIN_DIR when set (pg_dump must be at least as new as the
 * server), else from PATH.
 *
 * @param {string} name
 */
export function pgProgram(name) {
  return process.env.PG_BIN_DIR ? path.join(process.env.PG_BIN_DIR, name) : name;
}

/**
 * Runs a program to completion without a shell. Resolves with its output; rejects with it when the
 * exit code is not 0.
 *
 * @param {string} program
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {Promise<{ stdout: string; stderr: string }>}
 */
export function run(program, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    child.once("error", (err) => {
      const hint = /** @type {NodeJS.ErrnoException} */ (err).code === "ENOENT" ? " (is it installed? set PG_BIN_DIR to its directory)" : "";
      reject(new OperatorError(`Could not start ${program}${hint}: ${err.message}`));
    });
    child.once("close", (code, signal) => {
      if (code === 0) resolve({ stdout, stderr });
      else reject(new OperatorError(`${path.basename(program)} failed (${signal ? `signal ${signal}` : `exit code ${code}`}):\n${stderr.trim()}`));
    });
  });
}

/**
 * The SHA-256 of a file, read as a stream (a dump may be larger than memory).
 *
 * @param {string} file
 * @returns {Promise<string>}
 */
export function sha256File(file) {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    fs.createReadStream(file)
      .on("error", reject)
      .on("data", (chunk) => hash.update(chunk))
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/**
 * The manifest that belongs to a dump: `owes-x-….dump` → `owes-x-….manifest.json`.
 *
 * @param {string} dumpFile
 */
export function manifestPathFor(dumpFile) {
  return dumpFile.replace(/\.dump$/, "") + ".manifest.json";
}

/** @param {string} name */
function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Refuses a session that cannot read every row: a manifest or dump made under row-level security
 * (tenant tables are FORCED, so even a non-superuser owner sees no rows without a tenant) would be
 * incomplete. A superuser or a role with BYPASSRLS can.
 *
 * @param {import("pg").ClientBase} client
 */
export async function assertReadsAllRows(client) {
  const { rows } = await client.query(`SELECT current_user AS role, rolsuper OR rolbypassrls AS ok FROM pg_roles WHERE rolname = current_user`);
  const [row] = rows;
  if (!row?.ok) {
    throw new OperatorError(
      `The role "${row?.role ?? "?"}" is subject to row-level security and would see only part of the data. ` +
        "Connect as a superuser, or a role with BYPASSRLS (docs/operations/backup.md).",
    );
  }
}

/**
 * The tables whose rows a dump carries: ordinary tables and top-level partitioned tables (counted
 * with their partitions, like pgboss.job) in every non-system schema, but not the tables of an
 * extension, which CREATE EXTENSION makes rather than the dump.
 *
 * @param {import("pg").ClientBase} client
 * @returns {Promise<{ schema: string; table: string }[]>}
 */
export async function listTables(client) {
  const { rows } = await client.query(
    `SELECT n.nspname AS schema, c.relname AS "table"
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE ${USER_SCHEMA}
       AND (c.relkind = 'p' OR (c.relkind = 'r' AND NOT c.relispartition))
       AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
     ORDER BY 1, 2`,
  );
  return rows;
}

/**
 * Per table `{ rows, checksum }`, the checksum an md5 over the md5 of every row's text in sorted
 * order: independent of the physical order, which a restore does not keep. Run inside a
 * transaction (the settings are transaction-local).
 *
 * @param {import("pg").ClientBase} client
 * @returns {Promise<Record<string, { rows: number; checksum: string }>>}
 */
export async function tableChecksums(client) {
  for (const statement of DETERMINISTIC_OUTPUT) await client.query(statement);
  /** @type {Record<string, { rows: number; checksum: string }>} */
  const tables = {};
  for (const { schema, table } of await listTables(client)) {
    const { rows } = await client.query(
      `SELECT count(*)::bigint::text AS rows, md5(coalesce(string_agg(h, '' ORDER BY h), '')) AS checksum
       FROM (SELECT md5(t::text) AS h FROM ${quoteIdent(schema)}.${quoteIdent(table)} t) rows`,
    );
    const [row] = rows;
    tables[`${schema}.${table}`] = { rows: Number(row.rows), checksum: row.checksum };
  }
  return tables;
}

/**
 * The migrations applied to the database (none if Prisma never ran on it).
 *
 * @param {import("pg").ClientBase} client
 * @returns {Promise<string[]>}
 */
export async function appliedMigrations(client) {
  const { rows: exists } = await client.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`);
  if (!exists[0]?.present) return [];
  const { rows } = await client.query(
    `SELECT migration_name FROM public._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.migration_name);
}

/**
 * The roles the dump's objects name — owners, grantees, policy roles — which must exist on the
 * server it is restored to (pg_restore runs ALTER … OWNER TO and GRANT … TO them). Built-in roles
 * (pg_database_owner, …) exist everywhere and are left out.
 *
 * @param {import("pg").ClientBase} client
 * @returns {Promise<string[]>}
 */
export async function referencedRoles(client) {
  const { rows } = await client.query(
    `WITH objects AS (
       SELECT c.relowner AS owner, c.relacl AS acl FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE ${USER_SCHEMA} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
       UNION ALL
       SELECT p.proowner, p.proacl FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE ${USER_SCHEMA} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
       UNION ALL
       SELECT t.typowner, t.typacl FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE ${USER_SCHEMA} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
       UNION ALL
       SELECT n.nspowner, n.nspacl FROM pg_namespace n WHERE ${USER_SCHEMA}
       UNION ALL
       SELECT c.relowner, a.attacl FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE ${USER_SCHEMA} AND a.attacl IS NOT NULL
     ), oids AS (
       SELECT owner AS oid FROM objects
       UNION SELECT (aclexplode(acl)).grantee FROM objects WHERE acl IS NOT NULL
       UNION SELECT unnest(pol.polroles) FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE ${USER_SCHEMA}
     )
     SELECT DISTINCT r.rolname FROM oids JOIN pg_roles r ON r.oid = oids.oid
     WHERE r.oid >= 16384 -- FirstNormalObjectId: below it, the roles initdb creates
     ORDER BY 1`,
  );
  return rows.map((r) => r.rolname);
}

/**
 * Compares a restored database's tables and migrations with the backup's manifest. Returns one
 * line per difference; empty means identical.
 *
 * @param {{ tables: Record<string, { rows: number; checksum: string }>; migrations: string[] }} expected
 * @param {{ tables: Record<string, { rows: number; checksum: string }>; migrations: string[] }} actual
 * @returns {string[]}
 */
export function compareManifests(expected, actual) {
  const problems = [];
  const names = [...new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)])].sort();
  for (const name of names) {
    const want = expected.tables[name];
    const got = actual.tables[name];
    if (!got) problems.push(`${name}: missing from the restored database (backup: ${want?.rows} rows)`);
    else if (!want) problems.push(`${name}: in the restored database (${got.rows} rows) but not in the backup`);
    else if (want.rows !== got.rows) problems.push(`${name}: ${got.rows} rows restored, ${want.rows} in the backup`);
    else if (want.checksum !== got.checksum) problems.push(`${name}: same ${got.rows} rows but different contents (checksum ${got.checksum}, backup ${want.checksum})`);
  }
  if (expected.migrations.join("\n") !== actual.migrations.join("\n")) {
    problems.push(`migrations differ: backup [${expected.migrations.join(", ")}], restored [${actual.migrations.join(", ")}]`);
  }
  return problems;
}

/**
 * Reads and checks the shape of a manifest written by db-backup.mjs.
 *
 * @param {string} file
 * @returns {{ format: number; database: string; createdAt: string; dumpSha256: string; migrations: string[]; roles: string[]; tables: Record<string, { rows: number; checksum: string }> }}
 */
export function readManifest(file) {
  let manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    const reason = /** @type {NodeJS.ErrnoException} */ (err).code === "ENOENT" ? "not found" : /** @type {Error} */ (err).message;
    throw new OperatorError(`Cannot read the manifest ${file}: ${reason}. Each dump has one beside it (pass --manifest if it was moved).`);
  }
  const ok =
    manifest &&
    manifest.format === MANIFEST_FORMAT &&
    typeof manifest.dumpSha256 === "string" &&
    Array.isArray(manifest.migrations) &&
    Array.isArray(manifest.roles) &&
    manifest.tables &&
    typeof manifest.tables === "object" &&
    Object.values(manifest.tables).every((t) => t && Number.isInteger(t.rows) && typeof t.checksum === "string");
  if (!ok) throw new OperatorError(`${file} is not a manifest this script understands (format ${MANIFEST_FORMAT}).`);
  return manifest;
}

/**
 * Runs a script's main function: an expected failure prints its message, an unexpected one its
 * stack; either way the exit code is 1.
 *
 * @param {string} tag e.g. "backup"
 * @param {() => Promise<void>} main
 */
export function runScript(tag, main) {
  main().then(
    () => process.exit(0),
    (err) => {
      console.error(`[${tag}] ✖ ${err instanceof OperatorError ? err.message : (err?.stack ?? String(err))}`);
      process.exit(1);
    },
  );
}
