#!/usr/bin/env node
/**
 * `npm run demo`: one command from a fresh clone to a running app with demo data.
 *
 *   1. Database: without DATABASE_URL, an embedded PostgreSQL (PGlite, WebAssembly) is started in
 *      this process and served over TCP on 127.0.0.1:54329 (DEMO_DB_PORT), data in .data/pglite.
 *      With DATABASE_URL set, that server is used as is.
 *   2. `prisma migrate deploy`; `prisma generate` if the (git-ignored) client is missing or older
 *      than the schema; then the idempotent demo seed (prisma/seed.ts), which imports that client.
 *   3. `next build`, only when sources are newer than the last build.
 *   4. The production server (scripts/server.mjs, what `npm start` runs) on http://localhost:3000
 *      (PORT), with the background worker in its process (JOBS_IN_PROCESS: the embedded database
 *      serves one connection, which the app and the worker share), then the demo sign-ins are printed.
 *   5. Without SMTP_URL, e-mail goes to a mail catcher in this process (a real SMTP server on
 *      127.0.0.1:1025, DEMO_SMTP_PORT) whose caught mail is shown at http://127.0.0.1:1080
 *      (DEMO_MAIL_PORT): invitations, password resets and notifications can be read there.
 *
 * Ctrl-C / SIGTERM stops the server, then closes the embedded database cleanly so it is flushed.
 *
 * PGlite is single-connection and runs on THIS process's event loop: every step is spawned
 * asynchronously (never spawnSync, which would freeze the database the child is talking to) and
 * the steps run one after another, so only one process is connected at a time.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DATA_DIR = path.join(ROOT, ".data");
const PGLITE_DIR = path.join(DATA_DIR, "pglite");
/** Holds the PID of the demo that has PGlite open: two instances on one data directory corrupt it. */
const PGLITE_LOCK = path.join(DATA_DIR, "pglite.pid");
const AUTH_SECRET_FILE = path.join(DATA_DIR, "auth-secret");

const PRISMA_CLI = "node_modules/prisma/build/index.js";
const NEXT_CLI = "node_modules/next/dist/bin/next";
/** Serves the build as `npm start` does: not `next start`, which lets clients choose their address. */
const SERVER_SCRIPT = "scripts/server.mjs";
const TSX_CLI = "node_modules/tsx/dist/cli.mjs";
const SEED_FILE = "prisma/seed.ts";
const DEMO_ACCOUNTS_FILE = "prisma/demo-accounts.json";

/**
 * Loopback only: the demo publishes its passwords, so it must not be reachable from the network
 * (which the default host, all interfaces, would allow). `localhost` still works because browsers,
 * curl and Node fall back to 127.0.0.1 when ::1 refuses; binding `-H localhost` instead would pick
 * ::1 alone on machines that resolve it first, and then 127.0.0.1 would not answer.
 */
const APP_HOST = "127.0.0.1";
const DB_HOST = "127.0.0.1";
const HEALTH_TIMEOUT_MS = 60_000;
/** How long a child gets to exit after SIGTERM before it is killed. */
const CHILD_STOP_TIMEOUT_MS = 10_000;

/** Inputs of `next build`; lib/generated is derived from prisma/schema.prisma, so it is skipped. */
const BUILD_INPUT_DIRS = ["app", "lib", "components", "public"];
const BUILD_INPUT_FILES = ["prisma/schema.prisma", "next.config.ts", "package-lock.json", "tsconfig.json", "postcss.config.mjs"];
const BUILD_IGNORED_DIRS = new Set([path.join(ROOT, "lib", "generated")]);
/** Written by every `prisma generate`; the client is git-ignored, so a fresh clone has none. */
const GENERATED_CLIENT = path.join(ROOT, "lib", "generated", "prisma", "client.ts");
/** What the generated client is made from: the schema, and the Prisma version in the lockfile. */
const CLIENT_INPUT_FILES = ["prisma/schema.prisma", "package-lock.json"];

/**
 * Everything this script has started and must stop again, newest first: the running child
 * process (a step or the Next server), then the socket server, then PGlite itself.
 */
const running = {
  /** @type {import("node:child_process").ChildProcess | null} */ child: null,
  /** @type {Promise<ChildExit> | null} */ childExited: null,
  /** @type {import("@electric-sql/pglite-socket").PGLiteSocketServer | null} */ dbServer: null,
  /** @type {import("./lib/mail-catcher.mjs").MailCatcher | null} */ mailCatcher: null,
  /**
   * A promise rather than the instance, so that a Ctrl-C during the first start (PGlite creating its
   * files) still waits for it and closes it, instead of leaving a half-initialised data directory.
   * @type {Promise<import("@electric-sql/pglite").PGlite> | null}
   */
  pglite: null,
  ownsLock: false,
  stopping: false,
};

/** @typedef {{ code: number | null, signal: NodeJS.Signals | null }} ChildExit */

const startedAt = Date.now();

/** What a step returns once shutdown() has taken over: it never settles, shutdown() exits. */
const handedOverToShutdown = () => new Promise(() => {});

function log(message) {
  console.log(`[demo] ${message}`);
}

function fail(message) {
  console.error(`[demo] ✖ ${message}`);
}

/** Reads a TCP port from the environment, so a typo fails loudly instead of binding something odd. */
function portFromEnv(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

/**
 * Fails fast when a port is taken, before minutes of migrating and building are spent. Also used
 * for ::1 in front of the app: a server there would catch every http://localhost request.
 */
function assertPortFree(port, host, hint) {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", (err) => {
      if (err.code === "EADDRINUSE") reject(new Error(`Port ${port} on ${host} is already in use. ${hint}`));
      else if (err.code === "EADDRNOTAVAIL" || err.code === "EAFNOSUPPORT") resolve(); // no IPv6 here
      else reject(err);
    });
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/** True if a process with this PID exists (signal 0 only checks). */
function processExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM";
  }
}

/** Takes the data-directory lock, replacing it only if the demo that wrote it is gone. */
function lockDataDir() {
  for (;;) {
    try {
      fs.writeFileSync(PGLITE_LOCK, String(process.pid), { flag: "wx" });
      running.ownsLock = true;
      return;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    const pid = Number(fs.readFileSync(PGLITE_LOCK, "utf8").trim());
    if (Number.isInteger(pid) && pid > 0 && processExists(pid)) {
      throw new Error(`The embedded database is in use by another demo (PID ${pid}). Stop it first, or delete ${path.relative(ROOT, PGLITE_LOCK)} if that PID is not a demo.`);
    }
    fs.rmSync(PGLITE_LOCK, { force: true }); // left behind by a demo that was killed
  }
}

/**
 * Starts PGlite on .data/pglite and serves it on DB_HOST:port. The packages are imported here so
 * that a run against an external DATABASE_URL never loads the WebAssembly build.
 * @returns {Promise<string>} the connection URL
 */
async function startEmbeddedDb(port) {
  fs.mkdirSync(PGLITE_DIR, { recursive: true });
  lockDataDir();
  await assertPortFree(port, DB_HOST, "Set DEMO_DB_PORT to use another one.");

  const firstRun = fs.readdirSync(PGLITE_DIR).length === 0;
  log(firstRun ? "Creating the embedded database in .data/pglite …" : "Opening the embedded database in .data/pglite …");
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGLiteSocketServer } = await import("@electric-sql/pglite-socket");
  // Extensions the migrations create must be bundled into PGlite up front.
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  running.pglite = PGlite.create(PGLITE_DIR, { extensions: { pg_trgm } });
  const db = await running.pglite;
  if (running.stopping) return handedOverToShutdown();
  // maxConnections 1 (the default, stated for the reader): PGlite has one session, and sharing it
  // between clients through the package's multiplexer would mix their transactions and settings.
  running.dbServer = new PGLiteSocketServer({ db, host: DB_HOST, port, maxConnections: 1 });
  running.dbServer.addEventListener("error", (event) => fail(`Embedded database: ${event.detail?.message ?? event.detail}`));
  await running.dbServer.start();
  log(`Embedded PostgreSQL listening on ${DB_HOST}:${port}`);
  return `postgresql://postgres@${DB_HOST}:${port}/postgres`;
}

/** Closes the socket server, then PGlite (which checkpoints), so the data on disk is consistent. */
async function stopEmbeddedDb() {
  const { dbServer } = running;
  const pglite = await running.pglite?.catch(() => null); // failed to open: nothing to close
  running.dbServer = null;
  running.pglite = null;
  if (dbServer) {
    // stop() waits for open sockets to close; do not let a stuck client keep the data unflushed.
    await Promise.race([dbServer.stop().catch((err) => fail(`Stopping the socket server: ${err.message}`)), sleep(5_000)]);
  }
  if (pglite && !pglite.closed) {
    try {
      await pglite.close();
      log("Embedded database closed.");
    } catch (err) {
      fail(`Closing the embedded database: ${err.message}`);
    }
  }
  if (running.ownsLock) {
    fs.rmSync(PGLITE_LOCK, { force: true });
    running.ownsLock = false;
  }
}

/** "host:port/db" of a URL, without the credentials, for the console. */
function describeDbUrl(url) {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return "(unparsable DATABASE_URL)";
  }
}

/**
 * The session secret: from the environment, else generated once into .data/auth-secret (0600) so
 * that sign-ins survive a restart of the demo.
 */
function authSecret() {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  try {
    const stored = fs.readFileSync(AUTH_SECRET_FILE, "utf8").trim();
    if (stored.length >= 32) return stored; // lib/env.ts requires at least 32 characters
    log(`${path.relative(ROOT, AUTH_SECRET_FILE)} is too short; generating a new secret.`);
  } catch (err) {
    if (err.code !== "ENOENT") throw err;
  }
  const secret = randomBytes(32).toString("base64url");
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(AUTH_SECRET_FILE, `${secret}\n`, { mode: 0o600 });
  fs.chmodSync(AUTH_SECRET_FILE, 0o600); // `mode` only applies when the file is created
  return secret;
}

/**
 * Spawns `node <args>` in the project root. Node is spawned directly (no npx/npm wrapper) so that
 * the PID we signal is the process doing the work.
 */
function spawnNode(args, env) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: "inherit" });
  running.child = child;
  running.childExited = new Promise((resolve) => {
    child.once("error", (err) => {
      fail(`Could not start node ${args[0]}: ${err.message}`);
      resolve({ code: 1, signal: null });
    });
    child.once("exit", (code, signal) => resolve({ code, signal }));
  }).finally(() => {
    if (running.child === child) {
      running.child = null;
      running.childExited = null;
    }
  });
  return { child, exited: running.childExited };
}

/**
 * Runs one step to completion; throws if it fails. During shutdown the step was interrupted on
 * purpose, so this never settles and shutdown() finishes the process.
 */
async function runStep(label, args, env) {
  if (running.stopping) return handedOverToShutdown(); // do not start anything new
  log(`${label} …`);
  const { code, signal } = await spawnNode(args, env).exited;
  if (running.stopping) return handedOverToShutdown();
  if (code !== 0) throw new Error(`${label} failed (${signal ? `signal ${signal}` : `exit code ${code}`}).`);
}

/** Newest modification time under `dir` (0 if it does not exist). */
function newestMtime(dir) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    if (err.code === "ENOENT") return 0;
    throw err;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!BUILD_IGNORED_DIRS.has(full)) newest = Math.max(newest, newestMtime(full));
    } else {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

/** Modification time of a file, or null if it does not exist. */
function mtimeOf(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch (err) {
    if (err.code === "ENOENT") return null;
    throw err;
  }
}

/** Why the generated Prisma client must be (re)generated, or null if it is current. */
function clientIsStale() {
  const generatedAt = mtimeOf(GENERATED_CLIENT);
  if (generatedAt === null) return "not generated yet";
  const changed = CLIENT_INPUT_FILES.find((file) => (mtimeOf(path.join(ROOT, file)) ?? 0) > generatedAt);
  return changed ? `${changed} changed` : null;
}

/** Why `.next` must be rebuilt (missing, or older than one of its inputs), or null if it is current. */
function buildIsStale() {
  const builtAt = mtimeOf(path.join(ROOT, ".next", "BUILD_ID"));
  if (builtAt === null) return "no build yet";
  const dir = BUILD_INPUT_DIRS.find((d) => newestMtime(path.join(ROOT, d)) > builtAt);
  if (dir) return `${dir}/ changed`;
  // A missing optional input (e.g. no postcss config) cannot have changed.
  const file = BUILD_INPUT_FILES.find((f) => (mtimeOf(path.join(ROOT, f)) ?? 0) > builtAt);
  return file ? `${file} changed` : null;
}

/**
 * Polls /api/health until the server answers at all (any status), the server dies, or the time
 * is up. A non-200 answer is returned too: it explains itself (database down, pending migrations).
 */
async function waitForHealth(port) {
  const url = `http://${APP_HOST}:${port}/api/health`;
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (running.stopping) return handedOverToShutdown();
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      return { status: res.status, body: await res.text() };
    } catch {
      await sleep(500); // not listening yet
    }
  }
  throw new Error(`The server did not answer ${url} within ${HEALTH_TIMEOUT_MS / 1000} s.`);
}

/** Prints the sign-in table from prisma/demo-accounts.json: tenant, role, e-mail; password once. */
function printDemoAccounts() {
  let demo;
  try {
    demo = JSON.parse(fs.readFileSync(path.join(ROOT, DEMO_ACCOUNTS_FILE), "utf8"));
  } catch (err) {
    log(`No demo sign-ins to show (${DEMO_ACCOUNTS_FILE}: ${err.code ?? err.message}).`);
    return;
  }
  const header = { tenant: "Tenant", role: "Role", email: "E-mail" };
  const rows = [header, ...demo.accounts.map(({ tenant, role, email }) => ({ tenant, role, email }))];
  const width = (key) => Math.max(...rows.map((row) => String(row[key]).length));
  const [wt, wr, we] = [width("tenant"), width("role"), width("email")];
  const line = (row) => `  ${String(row.tenant).padEnd(wt)}  ${String(row.role).padEnd(wr)}  ${String(row.email).padEnd(we)}`.trimEnd();
  console.log("\nDemo sign-ins:\n");
  console.log(line(header));
  console.log(`  ${"─".repeat(wt)}  ${"─".repeat(wr)}  ${"─".repeat(we)}`);
  for (const row of rows.slice(1)) console.log(line(row));
  console.log(`\n  Password (all accounts): ${demo.password}\n`);
}

/**
 * Stops everything this script started, newest first, and exits. Idempotent: a second call (e.g.
 * the Next server exiting because of the same Ctrl-C) does nothing.
 */
async function shutdown(exitCode, message) {
  if (running.stopping) return;
  running.stopping = true;
  if (message) fail(message);
  const { child, childExited } = running;
  if (child && childExited) {
    // Ctrl-C in a terminal already reached the child (same process group); SIGTERM covers `kill`.
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const exited = await Promise.race([childExited, sleep(CHILD_STOP_TIMEOUT_MS).then(() => null)]);
    if (!exited) {
      fail(`PID ${child.pid} did not stop within ${CHILD_STOP_TIMEOUT_MS / 1000} s; killing it.`);
      child.kill("SIGKILL");
      await childExited;
    }
  }
  await running.mailCatcher?.close();
  await stopEmbeddedDb();
  if (exitCode === 0) log("Stopped.");
  process.exit(exitCode);
}

function onSignal(signal) {
  if (running.stopping) {
    // A second Ctrl-C: stop waiting for the child, but still close the database properly.
    running.child?.kill("SIGKILL");
    return;
  }
  console.log(); // the terminal printed ^C without a newline
  log(`${signal}: stopping …`);
  void shutdown(0);
}

async function main() {
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const appPort = portFromEnv("PORT", 3000);
  const portHint = "Stop what is using it, or set PORT.";
  await assertPortFree(appPort, APP_HOST, portHint);
  await assertPortFree(appPort, "::1", portHint);

  /**
   * The environment every step inherits. Telemetry and Prisma's update check (CHECKPOINT) are off:
   * they phone home, which an offline machine answers only with a delay.
   */
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
  if (process.env.DATABASE_URL) {
    log(`Using the PostgreSQL from DATABASE_URL (${describeDbUrl(process.env.DATABASE_URL)}).`);
    env.APP_DATABASE_URL = process.env.APP_DATABASE_URL || process.env.DATABASE_URL;
  } else {
    const url = await startEmbeddedDb(portFromEnv("DEMO_DB_PORT", 54329));
    // One database, one connection: the owner and the app share both, and the app's pool is 1.
    Object.assign(env, { DATABASE_URL: url, APP_DATABASE_URL: url, DATABASE_POOL_SIZE: "1" });
  }

  await runStep("Applying migrations", [PRISMA_CLI, "migrate", "deploy"], env);

  // Before the seed: it imports the generated client just as the app does.
  const clientStaleBecause = clientIsStale();
  if (clientStaleBecause) await runStep(`Generating the Prisma client (${clientStaleBecause})`, [PRISMA_CLI, "generate"], env);

  if (fs.existsSync(path.join(ROOT, SEED_FILE))) {
    await runStep("Seeding demo data", [TSX_CLI, SEED_FILE], { ...env, NODE_ENV: "development", NODE_OPTIONS: "--conditions=react-server" });
  } else {
    log(`No ${SEED_FILE} yet: skipping demo data.`);
  }

  const buildStaleBecause = buildIsStale();
  if (buildStaleBecause) {
    await runStep(`Building the app (${buildStaleBecause})`, [NEXT_CLI, "build"], { ...env, NODE_ENV: "production" });
  } else {
    log("Build is up to date.");
  }

  if (running.stopping) return handedOverToShutdown();
  let mailPage = null;
  if (!process.env.SMTP_URL) {
    const smtpPort = portFromEnv("DEMO_SMTP_PORT", 1025);
    const mailPort = portFromEnv("DEMO_MAIL_PORT", 1080);
    await assertPortFree(smtpPort, APP_HOST, "Stop what is using it, or set DEMO_SMTP_PORT.");
    await assertPortFree(mailPort, APP_HOST, "Stop what is using it, or set DEMO_MAIL_PORT.");
    const { startMailCatcher } = await import("./lib/mail-catcher.mjs");
    running.mailCatcher = await startMailCatcher({ port: smtpPort, httpPort: mailPort, host: APP_HOST, log: (line) => log(`✉ ${line}`) });
    env.SMTP_URL = running.mailCatcher.url;
    mailPage = `http://127.0.0.1:${running.mailCatcher.httpPort}/`;
    log(`Mail catcher: SMTP on ${running.mailCatcher.url}, caught mail at ${mailPage}`);
  }

  log("Starting the server …");
  // AUTH_URL: Auth.js builds its redirects and callback URLs from it; the printed address is the
  // one to use, since cookies set for localhost are not sent to 127.0.0.1.
  const server = spawnNode([SERVER_SCRIPT, "-p", String(appPort), "-H", APP_HOST], {
    ...env,
    NODE_ENV: "production",
    AUTH_SECRET: authSecret(),
    AUTH_TRUST_HOST: "true",
    AUTH_URL: `http://localhost:${appPort}`,
    APP_URL: process.env.APP_URL || `http://localhost:${appPort}`,
    JOBS_IN_PROCESS: "true",
  });
  void server.exited.then(({ code, signal }) => {
    if (!running.stopping) void shutdown(code ?? 1, `The server exited (${signal ? `signal ${signal}` : `exit code ${code}`}).`);
  });

  const health = await waitForHealth(appPort);
  if (health.status !== 200) log(`Warning: /api/health answered ${health.status}: ${health.body}`);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  console.log(`\n[demo] ✔ Ready in ${seconds} s: http://localhost:${appPort}`);
  printDemoAccounts();
  if (mailPage) log(`E-mail the app sends (invitations, password resets, notifications): ${mailPage}`);
  log("Press Ctrl-C to stop.");
}

main().catch((err) => shutdown(1, err?.message ?? String(err)));
