#!/usr/bin/env node
/**
 * `npm run test:pooled`: the tenant-isolation and concurrency tests once more, with the app role's
 * connections going through PgBouncer in transaction pooling mode (docs/operations/pgbouncer.md).
 *
 * PgBouncer hands each transaction whichever server connection is free, so one PostgreSQL session
 * serves many clients and many tenants in turn. Isolation holds only because the tenant is set per
 * transaction (`set_config('app.tenant_id', …, true)`, lib/db/transaction.ts). The pool is kept
 * small (2 server connections for the app's 10 and more client connections), so backends really are
 * shared; tests/integration/tenancy/pooled-connections.test.ts checks that they were.
 *
 * The owner's connections (database reset, migrations, factories) stay direct. Extra arguments go
 * to vitest: `-t <name>` narrows the run, a file path adds that file. Exits with vitest's status.
 */
import { spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { appRoleUrl, assertThrowawayDatabase, TEST_DATABASE_NAME } from "./lib/throwaway-db.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PGBOUNCER = process.env.PGBOUNCER_PATH ?? "/usr/sbin/pgbouncer";
const DEFAULT_PORT = 6439;
/** Server connections per database and role: far fewer than the clients, so they must be shared. */
const POOL_SIZE = 2;

/**
 * Isolation at the database (row-level security, pooled sessions) and the races whose locks wait
 * while server connections are scarce. Not the cross-tenant services test: its 456 tests take about
 * 19 minutes on two busy cores, and its services reach the database through the same
 * tenantTransaction as here. Name it to add it: `npm run test:pooled -- <its path>`.
 */
const TEST_FILES = [
  "tests/integration/tenancy/row-level-security.test.ts",
  "tests/integration/tenancy/pooled-connections.test.ts",
  "tests/integration/caseload/caseload-cap.test.ts",
  "tests/integration/training/registration-races.test.ts",
];

/** @param {string} message */
function log(message) {
  console.log(`[pgbouncer-tests] ${message}`);
}

/** Resolves with `port` (for 0: the one the system picked) if nothing listens there on `host`, else with null. */
function portIfFree(port, host) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (error) => (error.code === "EADDRINUSE" ? resolve(null) : reject(error)));
    probe.listen({ port, host, exclusive: true }, () => {
      const { port: bound } = probe.address(); // the system's choice when `port` is 0
      probe.close(() => resolve(bound));
    });
  });
}

/** PGBOUNCER_PORT when set (it must be free), else 6439, else any free port the system gives. */
async function choosePort(host) {
  const raw = process.env.PGBOUNCER_PORT;
  if (raw !== undefined && raw !== "") {
    const port = Number(raw);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PGBOUNCER_PORT must be a port number, got "${raw}"`);
    if ((await portIfFree(port, host)) === null) throw new Error(`PGBOUNCER_PORT ${port} on ${host} is already in use`);
    return port;
  }
  return (await portIfFree(DEFAULT_PORT, host)) ?? (await portIfFree(0, host));
}

/** The numeric uid and gid of `user` (PgBouncer refuses to run as root; it switches to this user). */
function idsOf(user) {
  const id = (flag) => {
    const result = spawnSync("id", [flag, user], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`Running as root, but there is no user "${user}" for PgBouncer to run as: ${result.stderr.trim()}`);
    return Number(result.stdout.trim());
  };
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * pgbouncer.ini and its auth file in a fresh directory. Trust authentication: the local test server
 * trusts local connections too; the auth file only names the roles PgBouncer lets in.
 */
function writeConfig({ dir, port, server, roles }) {
  const authFile = path.join(dir, "userlist.txt");
  writeFileSync(authFile, roles.map((role) => `"${role}" ""\n`).join(""));
  const ini = path.join(dir, "pgbouncer.ini");
  writeFileSync(
    ini,
    `[databases]
; Any database name, on the test server.
* = host=${server.host} port=${server.port}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${port}
; No Unix socket: several runs on one machine must not fight over /tmp/.s.PGSQL.<port>.
unix_socket_dir =
auth_type = trust
auth_file = ${authFile}
admin_users = ${roles[0]}

pool_mode = transaction
default_pool_size = ${POOL_SIZE}
min_pool_size = 0
reserve_pool_size = 0
max_client_conn = 200
; Nothing is reset between transactions (server_reset_query applies to session pooling only):
; isolation must not depend on a reset.
server_reset_query_always = 0
; A client waiting longer than this for a server connection gets an error instead of a hang.
query_wait_timeout = 30

; node-postgres sends only user, database and application_name, which PgBouncer handles itself;
; JDBC-style clients add extra_float_digits. Anything else (e.g. options=-c…) is refused, not dropped.
ignore_startup_parameters = extra_float_digits

log_connections = 0
log_disconnections = 0
stats_period = 3600
`,
  );
  return ini;
}

/** Starts PgBouncer in the foreground; its log goes to stderr, prefixed. */
function startPgBouncer(ini, asUser) {
  const args = [...(asUser ? ["-u", asUser] : []), ini];
  const child = spawn(PGBOUNCER, args, { stdio: ["ignore", "inherit", "pipe"] });
  let pending = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) process.stderr.write(`[pgbouncer] ${line}\n`);
  });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  return { child, exited };
}

/** Resolves once a real connection through PgBouncer answers a query; fails if PgBouncer exits first. */
async function waitUntilAccepting(url, exited) {
  let gone = null;
  void exited.then((status) => (gone = status));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (gone) throw new Error(`PgBouncer exited before accepting connections (code ${gone.code}, signal ${gone.signal})`);
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query("SELECT 1");
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`PgBouncer did not accept connections within 15 s: ${error instanceof Error ? error.message : error}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** What PgBouncer did for the app role's pool, from its admin console (for the log: proof of sharing). */
async function poolSummary(adminUrl, database, appRole) {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const stats = (await admin.query("SHOW STATS")).rows.find((row) => row.database === database);
    const servers = (await admin.query("SHOW SERVERS")).rows.filter((row) => row.database === database && row.user === appRole);
    return stats ? `${stats.total_xact_count} transactions on ${database} over ${servers.length} open server connection(s) of ${appRole} (pool size ${POOL_SIZE})` : `no traffic on ${database}`;
  } finally {
    await admin.end();
  }
}

async function stopPgBouncer({ child, exited }) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM"); // immediate shutdown; SIGINT would wait for clients
  const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killer);
}

/** Starts vitest on the files above; `done` resolves with its exit status. */
function startVitest(env, extraArgs) {
  const child = spawn(process.execPath, [path.join(ROOT, "node_modules/vitest/vitest.mjs"), "run", "--project", "integration", ...TEST_FILES, ...extraArgs], {
    cwd: ROOT,
    stdio: "inherit",
    env,
  });
  const done = new Promise((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  return { child, done };
}

async function main() {
  if (!existsSync(PGBOUNCER)) {
    console.error(`PgBouncer not found at ${PGBOUNCER}. Install it with: bash scripts/ci/system-packages.sh (as root), or set PGBOUNCER_PATH.`);
    return 1;
  }
  const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/owes_test";
  // The same guard the integration tier applies: it drops this database. Fail before starting anything.
  const { url: ownerUrl, name: database } = assertThrowawayDatabase(testDatabaseUrl, TEST_DATABASE_NAME);
  const ownerRole = decodeURIComponent(ownerUrl.username) || "postgres";
  const appUrl = appRoleUrl(testDatabaseUrl);
  const appRole = decodeURIComponent(new URL(appUrl).username);
  const server = { host: ownerUrl.hostname.replace(/^\[(.*)\]$/, "$1"), port: ownerUrl.port || "5432" };

  const port = await choosePort("127.0.0.1");
  const through = (url, db) => {
    const pooled = new URL(url);
    pooled.hostname = "127.0.0.1";
    pooled.port = String(port);
    if (db) pooled.pathname = `/${db}`;
    return pooled.toString();
  };

  const dir = mkdtempSync(path.join(os.tmpdir(), "owes-pgbouncer-"));
  const ini = writeConfig({ dir, port, server, roles: [ownerRole, appRole] });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = idsOf("postgres");
    for (const file of [dir, ini, path.join(dir, "userlist.txt")]) chownSync(file, uid, gid);
  }

  const started = Date.now();
  const pgbouncer = startPgBouncer(ini, asRoot ? "postgres" : null);
  const cleanUp = async () => {
    await stopPgBouncer(pgbouncer);
    rmSync(dir, { recursive: true, force: true });
  };
  // Cancelled (Ctrl-C, CI): vitest stops and the run ends as below; before vitest, stop here.
  // Either way PgBouncer does not outlive the run.
  let vitest = null;
  const onSignal = (signal) => {
    if (vitest) vitest.child.kill(signal);
    else void cleanUp().finally(() => process.exit(130));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    await waitUntilAccepting(through(ownerUrl.toString(), "postgres"), pgbouncer.exited);
    log(`PgBouncer (transaction pooling, ${POOL_SIZE} server connections per pool) listening on 127.0.0.1:${port}, ready after ${Date.now() - started} ms`);
    vitest = startVitest(
      { ...process.env, TEST_DATABASE_URL: testDatabaseUrl, TEST_APP_DATABASE_URL: through(appUrl), TEST_THROUGH_PGBOUNCER: "1" },
      process.argv.slice(2),
    );
    const status = await vitest.done;
    log(await poolSummary(through(ownerUrl.toString(), "pgbouncer"), database, appRole).catch((error) => `no pool summary: ${error.message}`));
    return status;
  } finally {
    await cleanUp();
  }
}

main().then(
  (status) => process.exit(status),
  (error) => {
    console.error(`[pgbouncer-tests] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
