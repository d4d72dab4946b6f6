/**
 * Throwaway databases: the integration tests' (tests/setup), the end-to-end runner's
 * (scripts/e2e.mjs) and the benchmarks' (scripts/bench/common.ts). Each is dropped and created
 * again from the migrations (the real `prisma migrate deploy`), so a wrong URL would wipe real
 * data: every entry point first checks that the server is on this machine and that the database's
 * name says it is throwaway (each caller passes the names it accepts, e.g. "ends in _test").
 *
 * Plain JavaScript because scripts/e2e.mjs runs under bare Node; types in throwaway-db.d.mts.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Hosts that are this machine. Anything else is refused, whatever the database's name. */
export const LOCAL_HOSTS = Object.freeze(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** The integration tier: the name must end in `_test`. */
export const TEST_DATABASE_NAME = Object.freeze({ pattern: /_test$/, description: 'a name ending in "_test"' });
/** The end-to-end runner: the name must end in `_e2e` (default `owes_e2e`). */
export const E2E_DATABASE_NAME = Object.freeze({ pattern: /_e2e$/, description: 'a name ending in "_e2e"' });
/** The benchmarks: the name must start with `owes_bench` (defaults `owes_bench`, `owes_bench_services`). */
export const BENCH_DATABASE_NAME = Object.freeze({ pattern: /^owes_bench(_\w+)?$/, description: 'a name starting with "owes_bench"' });

/**
 * The database `url` names, after checking that it may be dropped: a local host and a name
 * matching `rule`. Throws otherwise, before anything touches the server.
 *
 * @param {string} url
 * @param {{ pattern: RegExp; description: string }} rule
 * @returns {{ url: URL; name: string }}
 */
export function assertThrowawayDatabase(url, rule) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("Refusing a database URL that does not parse");
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`Refusing a database URL with protocol "${parsed.protocol}": a throwaway database is PostgreSQL`);
  }
  if (!LOCAL_HOSTS.includes(parsed.hostname)) {
    throw new Error(`Refusing to drop or create a database on non-local host "${parsed.hostname}"`);
  }
  const name = decodeURIComponent(parsed.pathname.slice(1));
  if (!rule.pattern.test(name)) {
    throw new Error(`Refusing to drop or create database "${name}": a throwaway database needs ${rule.description}`);
  }
  // The name goes into CREATE/DROP DATABASE as a quoted identifier.
  if (name.includes('"') || name.includes("\0")) throw new Error(`Refusing database name ${JSON.stringify(name)}`);
  return { url: parsed, name };
}

/** The same database reached as the application's role `owes_app` (subject to row-level security). */
export function appRoleUrl(ownerUrl) {
  const url = new URL(ownerUrl);
  url.username = "owes_app";
  url.password = "";
  return url.toString();
}

/** The maintenance database on the same server, from which CREATE/DROP DATABASE run. */
export function maintenanceUrl(ownerUrl) {
  const url = new URL(ownerUrl);
  url.pathname = "/postgres";
  return url.toString();
}

async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * The throwaway database at `ownerUrl` (checked against `rule` now, before any other call).
 *
 * @param {string} ownerUrl
 * @param {{ pattern: RegExp; description: string }} rule
 */
export function throwawayDatabase(ownerUrl, rule) {
  const { name } = assertThrowawayDatabase(ownerUrl, rule);
  const maintenance = maintenanceUrl(ownerUrl);

  async function drop() {
    await withClient(maintenance, (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }

  /** Drops the database if it exists, creates it, applies the migrations and lets the app role sign in. */
  async function recreate() {
    await withClient(maintenance, async (admin) => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.query(`CREATE DATABASE "${name}"`);
    });
    const migrate = spawnSync(process.execPath, [path.join(ROOT, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: ownerUrl },
      encoding: "utf8",
    });
    if (migrate.status !== 0) {
      throw new Error(`prisma migrate deploy failed on "${name}" (exit ${migrate.status}):\n${migrate.stdout ?? ""}${migrate.stderr ?? ""}`);
    }
    // The migrations create the app role without LOGIN (a production operator grants it with a
    // password); the local server trusts local connections.
    await withClient(ownerUrl, (owner) =>
      owner.query(`DO $$ BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'owes_app') THEN ALTER ROLE owes_app LOGIN; END IF;
      END $$`),
    );
  }

  return { ownerUrl, appUrl: appRoleUrl(ownerUrl), name, recreate, drop };
}
