/**
 * Benchmark (issue 12), not a test: the key pages over HTTP, from the production build, against a
 * tenant with a million service records.
 *
 *   npm run bench:pages -- [--records 1000000] [--runs 200] [--seconds 10] [--log-seconds 20]
 *                          [--app-dir <checkout>] [--skip-build] [--keep] [--write-doc] [--doc-block pages]
 *
 * Builds its own database (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/owes_bench_pages;
 * only a local server is accepted) from the app's migrations and seeds it with the other
 * benchmarks' seeders (scripts/bench/pages/seed.ts) while `next build` runs; builds the floor (a tiny
 * Next.js app, scripts/bench/pages/servers.ts); then:
 *
 * 1. statements: serves the app with its pool behind a counting proxy (scripts/bench/pages/pg-proxy.ts),
 *    signs in over HTTP and counts the statements and transactions of 20 sequential requests per
 *    page and of 10 logging calls;
 * 2. timings, with the app connected straight to PostgreSQL and the floor served beside it: light
 *    load (`--runs` sequential requests per page after 20 warm-up ones: p50/p95/p99), saturation
 *    (10 and 50 connections for `--seconds` each, the app's page and the floor's page in turn, with
 *    the app's resident memory sampled every 100 ms), and logging over HTTP (20 key advisors calling
 *    the `logServiceAction` server action as the form does, for `--log-seconds`, checked against the
 *    rows written), each against the floor.
 *
 * Prints markdown; `--write-doc` writes it between `<!-- bench:<doc-block>:start/end -->` in
 * docs/benchmarks.md. `--app-dir` measures another checkout (its own build and migrations; it must
 * share this one's schema and `logServiceAction` input). `--keep` keeps the database and the logs.
 */
import { randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { benchDatabase, ROOT, withClient, writeFigures } from "./common";
import { Client, checkTargets, pageLoad, residentMb, sampleMemory, saturate, sequential, Session, signIn, type TLatency, type TTarget, type TThroughput } from "./pages/http";
import { startPgProxy, type TPgCounts } from "./pages/pg-proxy";
import { ADVISORS, PASSWORD, seedPages, SMALL_RECORDS, type TPagesSeed, type TServiceTenant } from "./pages/seed";
import { buildFloor, nextBuild, removeFloor, startApp, startFloor, type TServer } from "./pages/servers";
import { TOPICS } from "./seeders/service-log";
import { maintenanceUrl } from "../lib/throwaway-db.mjs";
import { addDays, startOfWeek, todayInPoland } from "@/lib/dates";

const { values: args } = parseArgs({
  options: {
    records: { type: "string", default: "1000000" },
    runs: { type: "string", default: "200" },
    seconds: { type: "string", default: "10" },
    "log-seconds": { type: "string", default: "20" },
    "app-dir": { type: "string", default: ROOT },
    "skip-build": { type: "boolean", default: false },
    port: { type: "string", default: "3200" },
    "floor-port": { type: "string", default: "3201" },
    "proxy-port": { type: "string", default: "3202" },
    keep: { type: "boolean", default: false },
    "write-doc": { type: "boolean", default: false },
    "doc-block": { type: "string", default: "pages" },
  },
});
const RECORDS = Number(args.records);
const RUNS = Number(args.runs);
const WARMUP = 20;
const SECONDS = Number(args.seconds);
const LOG_SECONDS = Number(args["log-seconds"]);
const APP_DIR = path.resolve(args["app-dir"]);
const PORT = Number(args.port);
const FLOOR_PORT = Number(args["floor-port"]);
const PROXY_PORT = Number(args["proxy-port"]);
const WRITERS = 20;
const CONNECTIONS = [10, 50] as const;
/** Requests per page counted through the proxy. */
const COUNTED = 20;
const AUTH_SECRET = "bench-pages-secret-that-is-long-enough-for-jwt";

const database = benchDatabase("owes_bench_pages");
const { ownerUrl: OWNER_URL, appUrl: APP_URL, dbName: DB_NAME } = database;

const load = () => os.loadavg()[0]?.toFixed(1) ?? "?";
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : "—");
const log = (line: string) => console.log(line);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Drops and creates the database and applies the migrations of the measured checkout (not necessarily this one's). */
async function createDatabase() {
  await withClient(maintenanceUrl(OWNER_URL), async (admin) => {
    await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${DB_NAME}"`);
  });
  const migrate = spawnSync(process.execPath, [path.join(APP_DIR, "node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    cwd: APP_DIR,
    env: { ...process.env, DATABASE_URL: OWNER_URL },
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`prisma migrate deploy failed (exit ${migrate.status}):\n${migrate.stdout}${migrate.stderr}`);
  await withClient(OWNER_URL, (owner) => owner.query(`ALTER ROLE owes_app LOGIN`));
}

/** The commit of the measured checkout, "+ changes" when its tree differs from it. */
function describeCheckout(dir: string): string {
  const head = spawnSync("git", ["-C", dir, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim() || "?";
  const dirty = spawnSync("git", ["-C", dir, "status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" }).stdout.trim() !== "";
  return `${head}${dirty ? " + uncommitted changes" : ""}`;
}

/** The id Next.js gave the `logServiceAction` export in this build (what the browser sends as `Next-Action`). */
function logServiceActionId(appDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(appDir, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, v]) => v.exportedName === "logServiceAction" && v.filename?.endsWith("lib/actions/services.ts"));
  if (!entry) throw new Error("logServiceAction is not in .next/server/server-reference-manifest.json");
  return entry[0];
}

// ── pages ─────────────────────────────────────────────────────────────────────────────────────

type TTenantKey = "big" | "small" | "caseload";
type TPageDef = { key: string; name: string; kind: "list" | "account"; tenants: TTenantKey[]; saturate: boolean };

const PAGES: TPageDef[] = [
  { key: "timesheet", name: "Timesheet, own month (`/services/timesheet?month=…`)", kind: "list", tenants: ["big", "small"], saturate: true },
  { key: "timesheet-team", name: "Timesheet, manager's team view (`…&userId=…`)", kind: "list", tenants: ["big", "small"], saturate: true },
  { key: "path", name: "Path page (`/paths/<id>`)", kind: "list", tenants: ["big", "small"], saturate: true },
  { key: "implementation", name: "Path, implementation tab (`?tab=implementation`)", kind: "list", tenants: ["big", "small"], saturate: true },
  { key: "client", name: "Client page (`/clients/<id>`)", kind: "list", tenants: ["big", "small"], saturate: true },
  { key: "day", name: "Day view, past day (`/services?date=…`)", kind: "list", tenants: ["big", "small"], saturate: true },
  { key: "week", name: "Week view (`/services?date=…&view=week`)", kind: "list", tenants: ["big", "small"], saturate: true },
  { key: "search", name: "Client search (`/clients?q=kowal`), 50,000 clients", kind: "list", tenants: ["caseload"], saturate: true },
  { key: "caseload", name: "Caseload board (`/caseload`), 300 advisors", kind: "list", tenants: ["caseload"], saturate: true },
  { key: "account", name: "Account (`/account`), the smallest signed-in page", kind: "account", tenants: ["big", "small"], saturate: true },
];

type TSessions = { advisors: Session[]; manager: Session };
type TAllSessions = { big: TSessions; small: TSessions; caseload: Session };

async function signInAll(client: Client, data: TPagesSeed): Promise<TAllSessions> {
  const tenantSessions = async (tenant: TServiceTenant, advisors: number): Promise<TSessions> => {
    const sessions: Session[] = [];
    for (let i = 0; i < Math.min(advisors, tenant.advisors.length); i++) sessions.push(await signIn(client, tenant.slug, `advisor-${i}@bench.example`, PASSWORD));
    return { advisors: sessions, manager: await signIn(client, tenant.slug, "manager@bench.example", PASSWORD) };
  };
  return {
    big: await tenantSessions(data.big, WRITERS),
    small: await tenantSessions(data.small, 5),
    caseload: await signIn(client, data.caseload.slug, "manager-0@bench.example", PASSWORD),
  };
}

/** The requests of one page on one tenant: up to five advisors in turn, each on their own data. */
function targetsFor(key: string, tenant: TTenantKey, data: TPagesSeed, sessions: TAllSessions, dates: { pastDay: string; pastMonth: string }): TTarget[] {
  if (tenant === "caseload") {
    if (key === "search") return [{ session: sessions.caseload, path: "/clients?q=kowal" }];
    return [{ session: sessions.caseload, path: "/caseload" }];
  }
  const seed = data[tenant];
  const { advisors, manager } = sessions[tenant];
  const five = advisors.slice(0, 5).map((session, i) => ({ session, advisor: seed.advisors[i] }));
  const each = (make: (advisor: { id: string; clientIds: string[] }) => string): TTarget[] =>
    five.flatMap(({ session, advisor }) => (advisor ? [{ session, path: make(advisor) }] : []));
  const first = advisors[0];
  if (!first) throw new Error("no advisor signed in");
  switch (key) {
    case "timesheet":
      return each(() => `/services/timesheet?month=${dates.pastMonth}`);
    case "timesheet-team":
      return five.flatMap(({ advisor }) => (advisor ? [{ session: manager, path: `/services/timesheet?month=${dates.pastMonth}&userId=${advisor.id}` }] : []));
    case "path":
      return [{ session: first, path: `/paths/${seed.path.id}` }];
    case "implementation":
      return [{ session: first, path: `/paths/${seed.path.id}?tab=implementation` }];
    case "client":
      return each((advisor) => `/clients/${advisor.clientIds[0]}`);
    case "day":
      return each(() => `/services?date=${dates.pastDay}`);
    case "week":
      return each(() => `/services?date=${dates.pastDay}&view=week`);
    default:
      return each(() => "/account");
  }
}

// ── logging over HTTP ─────────────────────────────────────────────────────────────────────────

/** What the quick-entry form posts: today, an hour with one of the advisor's clients, every fifth a group session of three. */
function serviceInput(advisor: { id: string; clientIds: string[] }, i: number) {
  const group = i % 5 === 4;
  const n = advisor.clientIds.length;
  const first = (i * 7) % n;
  const types = ["ADVISORY", "ADVISORY", "INFORMATION", "COACHING", "ANIMATION"];
  return {
    date: todayInPoland(),
    startTime: `${String(8 + (i % 9)).padStart(2, "0")}:${i % 2 === 0 ? "00" : "30"}`,
    durationMinutes: group ? "120" : "60",
    form: group ? "GROUP" : "INDIVIDUAL",
    channel: "IN_PERSON",
    supportType: group ? "TRAINING" : (types[i % types.length] ?? "ADVISORY"),
    specialistArea: "",
    topic: TOPICS[i % TOPICS.length] ?? "",
    notes: i % 3 === 0 ? "Omówiono stan przygotowań i dokumenty do uzupełnienia." : "",
    nextSteps: "",
    clientIds: group ? [0, 1, 2].map((k) => advisor.clientIds[(first + k) % n] ?? "") : [advisor.clientIds[first] ?? ""],
    providerIds: [advisor.id],
    planActionIds: {},
    officeId: "",
    // The generator repeats the same facts every few calls; a real user confirms such a save.
    confirmPossibleDuplicate: true,
    idempotencyKey: randomUUID(),
  };
}

/** The router state a browser on /services sends with a server action (its current tree). */
const SERVICES_ROUTER_STATE = encodeURIComponent(JSON.stringify(["", { children: ["(app)", { children: ["services", { children: ["__PAGE__", {}, null, null] }, null, null] }, null, null] }, null, null, true]));

function logCall(client: Client, actionId: string) {
  return async (session: Session, advisor: { id: string; clientIds: string[] }, i: number) => {
    const response = await client.request("POST", "/services", {
      session,
      keepBody: true,
      // As the day view's form sends it: the input, and the period the page shows (an action that
      // takes one argument ignores the second).
      body: JSON.stringify([serviceInput(advisor, i), { date: todayInPoland(), view: "day" }]),
      headers: {
        Accept: "text/x-component",
        "Content-Type": "text/plain;charset=UTF-8",
        "Next-Action": actionId,
        "Next-Router-State-Tree": SERVICES_ROUTER_STATE,
        Origin: client.origin,
      },
    });
    const ok = response.status === 200 && response.body.includes(`"ok":true`);
    return { ok, ms: response.ms, bytes: response.bytes, error: ok ? undefined : `HTTP ${response.status}: ${response.body.slice(0, 400)}` };
  };
}

async function todaysRecords(tenantId: string): Promise<number> {
  return withClient(OWNER_URL, async (db) =>
    Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM service_record WHERE tenant_id = $1 AND date = $2::date AND deleted_at IS NULL`, [tenantId, todayInPoland()])).rows[0]?.n ?? 0),
  );
}

/** The distinct errors the server printed (Next.js marks them with ⨯), with how often, ids and numbers masked. */
function summarizeServerErrors(file: string): [string, number][] {
  const counts = new Map<string, number>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.includes("⨯") && !/\bError\b/.test(line)) continue;
    const key = line.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "<id>").replace(/\d+/g, "N").trim().slice(0, 200);
    if (key.startsWith("at ") || key.includes("DeprecationWarning")) continue;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, 5);
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────

type TCounted = { statements: number; transactions: number; bytes: number };
type TLight = { app: TLatency; counted: TCounted };
type TSaturation = { connections: number; app: TThroughput; floor: TThroughput; peakMb: number };

async function main() {
  const started = Date.now();
  const loads: Record<string, string> = { start: load() };
  const today = todayInPoland();
  const dates = {
    // A past day from the seeded history: the Wednesday two weeks back; its week; the last whole month.
    pastDay: addDays(startOfWeek(addDays(today, -14)), 2),
    pastMonth: addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7),
  };
  const work = mkdtempSync(path.join(os.tmpdir(), "owes-bench-pages-"));
  const logs = { appBuild: path.join(work, "app-build.log"), floorBuild: path.join(work, "floor-build.log"), app: path.join(work, "app.log"), floor: path.join(work, "floor.log") };
  log(`Measuring ${APP_DIR} (${describeCheckout(APP_DIR)}); logs in ${work}; load average ${loads.start}.`);

  // The app's build runs while the database is seeded (the one is Node, the other mostly PostgreSQL).
  let appBuildSeconds: number | null = null;
  const building = args["skip-build"]
    ? Promise.resolve<number | Error | null>(null)
    : nextBuild(APP_DIR, logs.appBuild).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
  if (args["skip-build"] && !existsSync(path.join(APP_DIR, ".next/BUILD_ID"))) throw new Error(`--skip-build, but ${APP_DIR} has no build (.next/BUILD_ID)`);
  log(args["skip-build"] ? "Using the existing build." : `next build in ${APP_DIR} (log: ${logs.appBuild})…`);

  log(`Creating ${DB_NAME} from ${APP_DIR}'s migrations…`);
  await createDatabase();
  let keep = args.keep;
  let floorDir: string | null = null;
  const servers: TServer[] = [];
  const stopServers = async () => {
    while (servers.length > 0) await servers.pop()?.stop();
  };
  try {
    const seedStart = Date.now();
    log("Seeding…");
    const data = await withClient(OWNER_URL, async (db) => {
      const seeded = await seedPages(db, { records: RECORDS, lastDay: addDays(today, -1), log });
      const start = Date.now();
      await db.query(`VACUUM ANALYZE`);
      await db.query(`CHECKPOINT`);
      log(`  VACUUM ANALYZE and CHECKPOINT: ${((Date.now() - start) / 1000).toFixed(1)} s`);
      return seeded;
    });
    const seedSeconds = (Date.now() - seedStart) / 1000;
    log(`Seeded in ${seedSeconds.toFixed(0)} s; the path of the big tenant has ${data.big.path.linkedServices} services (${data.big.path.actionServices} linked to actions).`);
    const built = await building;
    if (built instanceof Error) throw built;
    appBuildSeconds = built;
    if (appBuildSeconds !== null) log(`App built in ${appBuildSeconds.toFixed(0)} s.`);
    log("Building the floor app…");
    const floor = await buildFloor(path.join(APP_DIR, "node_modules"), logs.floorBuild);
    floorDir = floor.dir;
    log(`Floor built in ${floor.seconds.toFixed(0)} s (${floor.dir}).`);
    const actionId = logServiceActionId(APP_DIR);

    // ── pass 1: statements per request, through the counting proxy ──
    log(`\nPass 1: statements per request (app pool behind the counting proxy on ${PROXY_PORT})…`);
    const proxy = await startPgProxy(PROXY_PORT, { host: "127.0.0.1", port: Number(new URL(OWNER_URL).port || 5432) });
    const proxiedUrl = new URL(APP_URL);
    proxiedUrl.port = String(PROXY_PORT);
    const counted = new Map<string, TCounted>();
    let logStatements: TCounted = { statements: Number.NaN, transactions: Number.NaN, bytes: Number.NaN };
    const counting = new Client(PORT);
    let signedIn: TAllSessions | null = null;
    try {
      servers.push(await startApp(APP_DIR, PORT, { DATABASE_URL: OWNER_URL, APP_DATABASE_URL: proxiedUrl.toString(), AUTH_SECRET }, logs.app));
      const sessions = await signInAll(counting, data);
      signedIn = sessions;
      log(`  signed in ${sessions.big.advisors.length + sessions.small.advisors.length + 3} users`);
      for (const page of PAGES) {
        for (const tenant of page.tenants) {
          const targets = targetsFor(page.key, tenant, data, sessions, dates);
          await checkTargets(counting, targets, `${page.name} (${tenant})`);
          for (let i = 0; i < 3; i++) await counting.request("GET", targets[i % targets.length]?.path ?? "/", { session: targets[i % targets.length]?.session });
          const before: TPgCounts = await proxy.counts();
          let bytes = 0;
          for (let i = 0; i < COUNTED; i++) {
            const target = targets[i % targets.length];
            if (!target) break;
            bytes += (await counting.request("GET", target.path, { session: target.session })).bytes;
          }
          const after = await proxy.counts();
          const result = { statements: (after.statements - before.statements) / COUNTED, transactions: (after.transactions - before.transactions) / COUNTED, bytes: bytes / COUNTED };
          counted.set(`${page.key}/${tenant}`, result);
          log(`  ${page.key} (${tenant}): ${fmt(result.statements)} statements, ${fmt(result.transactions)} transactions, ${fmt(result.bytes / 1024)} KB`);
        }
      }
      // Logging: one advisor's calls in a row.
      const call = logCall(counting, actionId);
      const writer = sessions.big.advisors[0];
      const advisor = data.big.advisors[0];
      if (!writer || !advisor) throw new Error("no writer");
      const first = await call(writer, advisor, 1000);
      if (!first.ok) throw new Error(`logServiceAction over HTTP failed: ${first.error}`);
      const before = await proxy.counts();
      let bytes = 0;
      const calls = 10;
      for (let i = 0; i < calls; i++) bytes += (await call(writer, advisor, 1001 + i)).bytes;
      const after = await proxy.counts();
      logStatements = { statements: (after.statements - before.statements) / calls, transactions: (after.transactions - before.transactions) / calls, bytes: bytes / calls };
      log(`  logServiceAction: ${fmt(logStatements.statements)} statements, ${fmt(logStatements.transactions)} transactions, ${fmt(logStatements.bytes / 1024)} KB per call`);
    } finally {
      await stopServers();
      proxy.stop();
      counting.close();
    }

    // ── pass 2: timings (the sessions of pass 1 stay valid: the same AUTH_SECRET signs the cookies) ──
    const sessions = signedIn as TAllSessions | null;
    if (!sessions) throw new Error("no sessions");
    log(`\nPass 2: timings (app on ${PORT} straight to PostgreSQL, floor on ${FLOOR_PORT})…`);
    const app = await startApp(APP_DIR, PORT, { DATABASE_URL: OWNER_URL, APP_DATABASE_URL: APP_URL, AUTH_SECRET }, logs.app);
    servers.push(app);
    servers.push(await startFloor(floor.dir, FLOOR_PORT, logs.floor));
    const idleMb = residentMb(app.pid);
    const floorTarget: TTarget[] = [{ session: new Session("floor"), path: "/" }];
    const appClient = new Client(PORT);
    const floorClient = new Client(FLOOR_PORT);
    await checkTargets(floorClient, floorTarget, "floor");

    loads.light = load();
    log(`Light load: ${WARMUP} warm-up and ${RUNS} timed sequential requests per page (load average ${loads.light})…`);
    const floorLight: TLatency[] = [await sequential(floorClient, floorTarget, WARMUP, RUNS)];
    const light = new Map<string, TLight>();
    for (const page of PAGES) {
      for (const tenant of page.tenants) {
        const result = await sequential(appClient, targetsFor(page.key, tenant, data, sessions, dates), WARMUP, RUNS);
        light.set(`${page.key}/${tenant}`, { app: result, counted: counted.get(`${page.key}/${tenant}`) ?? { statements: Number.NaN, transactions: Number.NaN, bytes: Number.NaN } });
        log(`  ${page.key} (${tenant}): p50 ${fmt(result.p50)} ms, p95 ${fmt(result.p95)} ms, p99 ${fmt(result.p99)} ms${result.errors ? `, ${result.errors} errors: ${result.firstError}` : ""}`);
      }
    }
    floorLight.push(await sequential(floorClient, floorTarget, WARMUP, RUNS));
    const floorLightBytes = floorLight[0]?.bytes ?? 0;
    appClient.close();
    floorClient.close();
    log(`  floor: p50 ${fmt(floorLight[0]?.p50 ?? NaN)} / ${fmt(floorLight[1]?.p50 ?? NaN)} ms (before / after), ${fmt(floorLightBytes / 1024)} KB`);

    loads.saturation = load();
    log(`Saturation: ${CONNECTIONS.join(" and ")} connections, ${SECONDS} s each, app page then floor page (load average ${loads.saturation})…`);
    const saturation = new Map<string, TSaturation[]>();
    for (const page of PAGES.filter((p) => p.saturate)) {
      const tenant = page.tenants[0] ?? "big";
      const targets = targetsFor(page.key, tenant, data, sessions, dates);
      const rows: TSaturation[] = [];
      for (const connections of CONNECTIONS) {
        const appPool = new Client(PORT, connections);
        const stopSampling = sampleMemory(app.pid);
        const appResult = await saturate(connections, SECONDS, pageLoad(appPool, targets));
        const peakMb = stopSampling();
        appPool.close();
        await pause(500);
        const floorPool = new Client(FLOOR_PORT, connections);
        const floorResult = await saturate(connections, SECONDS, pageLoad(floorPool, floorTarget));
        floorPool.close();
        await pause(500);
        rows.push({ connections, app: appResult, floor: floorResult, peakMb });
        log(
          `  ${page.key} @${connections}: ${fmt(appResult.perSecond)} req/s (floor ${fmt(floorResult.perSecond)}, ratio ${fmt((appResult.perSecond / floorResult.perSecond) * 100, 0)}%), ` +
            `p95 ${fmt(appResult.latency.p95)} ms, peak ${fmt(peakMb, 0)} MB${appResult.errors ? `, ${appResult.errors} errors: ${appResult.firstError}` : ""}`,
        );
      }
      saturation.set(page.key, rows);
    }

    loads.logging = load();
    log(`Logging over HTTP: ${WRITERS} key advisors for ${LOG_SECONDS} s (load average ${loads.logging})…`);
    const writerPool = new Client(PORT, WRITERS);
    const call = logCall(writerPool, actionId);
    const writers = sessions.big.advisors.slice(0, WRITERS).map((session, i) => ({ session, advisor: data.big.advisors[i] }));
    await Promise.all(writers.map(async ({ session, advisor }, w) => {
      for (let i = 0; i < 2 && advisor; i++) await call(session, advisor, 2000 + w * 10 + i);
    }));
    const rowsBefore = await todaysRecords(data.big.tenantId);
    const stopSampling = sampleMemory(app.pid);
    const logging = await saturate(WRITERS, LOG_SECONDS, (loop, i) => {
      const writer = writers[loop];
      if (!writer?.advisor) throw new Error("no writer");
      return call(writer.session, writer.advisor, i);
    });
    const loggingPeakMb = stopSampling();
    const rowsWritten = (await todaysRecords(data.big.tenantId)) - rowsBefore;
    writerPool.close();
    await pause(500);
    const floorPool = new Client(FLOOR_PORT, WRITERS);
    const floorLogging = await saturate(WRITERS, LOG_SECONDS, async (loop, i) => {
      const writer = writers[loop];
      const response = await floorPool.request("POST", "/api/log", {
        body: JSON.stringify([writer?.advisor ? serviceInput(writer.advisor, i) : {}]),
        headers: { "Content-Type": "application/json", Accept: "application/json" },
      });
      return { ok: response.status === 200, ms: response.ms, bytes: response.bytes, error: `HTTP ${response.status}` };
    });
    floorPool.close();
    const recordsPerSecond = rowsWritten / logging.seconds;
    log(
      `  ${logging.requests - logging.errors} calls answered ok, ${rowsWritten} records written = ${fmt(recordsPerSecond)} records/s; ` +
        `p50 ${fmt(logging.latency.p50)} ms, p95 ${fmt(logging.latency.p95)} ms; ${logging.errors} errors${logging.firstError ? `: ${logging.firstError}` : ""}; floor ${fmt(floorLogging.perSecond)} req/s`,
    );
    loads.end = load();
    await stopServers();

    // ── report ──
    const peakMb = Math.max(loggingPeakMb, ...[...saturation.values()].flatMap((rows) => rows.map((r) => r.peakMb)));
    const peakAt50 = Math.max(...[...saturation.values()].flatMap((rows) => rows.filter((r) => r.connections === 50).map((r) => r.peakMb)));
    const mark = (ok: boolean) => (ok ? "✔" : "✘");
    const lightRows = PAGES.map((page) => {
      const big = light.get(`${page.key}/${page.tenants[0]}`);
      const small = page.tenants.includes("small") ? light.get(`${page.key}/small`) : undefined;
      const growth = big && small ? big.app.p95 / small.app.p95 : Number.NaN;
      const failed = (l: TLatency) => (l.errors ? ` (${l.errors} of ${l.runs} failed)` : "");
      const bigCell = big ? `${fmt(big.app.p50)} / ${fmt(big.app.p95)} / ${fmt(big.app.p99)} ${mark(big.app.p95 <= 100)}${failed(big.app)}` : "—";
      const smallCell = small ? `${fmt(small.app.p50)} / ${fmt(small.app.p95)} / ${fmt(small.app.p99)}${failed(small.app)}` : "—";
      const growthCell = small ? `${fmt(growth, 2)}× ${mark(growth <= 1.5)}` : "—";
      const statements = big ? `${fmt(big.counted.statements)} / ${fmt(big.counted.transactions)}` : "—";
      const smallStatements = small ? fmt(small.counted.statements) : "—";
      return `| ${page.name} | ${bigCell} | ${smallCell} | ${growthCell} | ${statements} | ${smallStatements} | ${fmt((big?.counted.bytes ?? NaN) / 1024, 0)} |`;
    });
    const lightTable = [
      `| page | big tenant (search, board: the 50k-client tenant) p50 / p95 / p99 ms, target p95 ≤ 100 | 10k tenant p50 / p95 / p99 ms | growth of p95 (target ≤ 1.5×) | statements / transactions per request | statements, 10k tenant | HTML KB |`,
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...lightRows,
      `| *floor: the tiny app's 25-row page* | ${fmt(floorLight[0]?.p50 ?? NaN)} / ${fmt(floorLight[0]?.p95 ?? NaN)} / ${fmt(floorLight[0]?.p99 ?? NaN)} (before the pages), ${fmt(floorLight[1]?.p50 ?? NaN)} / ${fmt(floorLight[1]?.p95 ?? NaN)} / ${fmt(floorLight[1]?.p99 ?? NaN)} (after) | | | 0 | | ${fmt(floorLightBytes / 1024, 0)} |`,
    ].join("\n");
    const saturationRows = PAGES.filter((p) => p.saturate).map((page) => {
      const rows = saturation.get(page.key) ?? [];
      const goal = page.kind === "account" ? 0.6 : 0.4;
      const cells = rows.map((r) => {
        const ratio = r.app.perSecond / r.floor.perSecond;
        return `${fmt(r.app.perSecond)} / ${fmt(r.floor.perSecond)} = ${fmt(ratio * 100, 0)}% ${mark(ratio >= goal)}${r.app.errors ? ` (${r.app.errors} of ${r.app.requests} failed)` : ""}`;
      });
      const at50 = rows.find((r) => r.connections === 50);
      return `| ${page.name} | ≥ ${goal * 100}% | ${cells.join(" | ")} | ${fmt(at50?.app.latency.p50 ?? NaN, 0)} / ${fmt(at50?.app.latency.p95 ?? NaN, 0)} | ${fmt(at50?.peakMb ?? NaN, 0)} |`;
    });
    const saturationTable = [
      `| page (big tenant) | target | 10 connections: app / floor req/s = ratio | 50 connections: app / floor req/s = ratio | p50 / p95 ms at 50 | peak RSS MB at 50 |`,
      "| --- | ---: | ---: | ---: | ---: | ---: |",
      ...saturationRows,
    ].join("\n");
    const loggingLine =
      `**Logging over HTTP:** ${WRITERS} key advisors signed in, each posting the \`logServiceAction\` server action to /services as the quick-entry form does ` +
      `(fresh idempotency key, today, own clients, every 5th a group session of 3) for ${fmt(logging.seconds)} s: **${fmt(recordsPerSecond)} records/s** ` +
      `${mark(recordsPerSecond >= 100 && logging.latency.p95 <= 300)} (target ≥ 100 with p95 ≤ 300 ms; ${rowsWritten} rows written, ${logging.requests - logging.errors} calls answered ok, ${logging.errors} errors); ` +
      `per call p50 ${fmt(logging.latency.p50)} ms, p95 ${fmt(logging.latency.p95)} ms, p99 ${fmt(logging.latency.p99)} ms; ` +
      `response ${fmt(logging.latency.bytes / 1024)} KB; ${fmt(logStatements.statements)} statements (${fmt(logStatements.transactions)} transactions) per call; ` +
      `server peak RSS ${fmt(loggingPeakMb, 0)} MB. The floor's API route, same 20 loops posting the same JSON: ${fmt(floorLogging.perSecond)} req/s ` +
      `(p95 ${fmt(floorLogging.latency.p95)} ms), so logging runs at ${fmt((logging.perSecond / floorLogging.perSecond) * 100, 0)}% of it.`;
    const memoryLine =
      `**Memory:** the app server's resident set (VmRSS of the process and its children, sampled every 100 ms) was ${fmt(idleMb, 0)} MB after start-up, ` +
      `peaked at **${fmt(peakAt50, 0)} MB under 50 concurrent requests** ${mark(peakAt50 <= 600)} (target ≤ 600 MB) and ${fmt(peakMb, 0)} MB over the whole run.`;
    const serverErrors = summarizeServerErrors(logs.app);
    const errorsLine = serverErrors.length
      ? `**Errors in the app server's log** (both passes): ${serverErrors.map(([line, n]) => `${n} × \`${line}\``).join("; ")}.`
      : "**Errors in the app server's log:** none.";
    const version = await withClient(OWNER_URL, async (db) => (await db.query<{ version: string }>(`SELECT current_setting('server_version') AS version`)).rows[0]?.version ?? "?");
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const totalSeconds = (Date.now() - started) / 1000;
    const figures = [
      `Measured ${today} on ${os.cpus().length} vCPU (${cpu}), ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, PostgreSQL ${version} (default settings, same machine), ` +
        `Node ${process.version}; load average (1 min) at the start ${loads.start}, before the light load ${loads.light}, before saturation ${loads.saturation}, ` +
        `before logging ${loads.logging}, at the end ${loads.end}. Code: ${describeCheckout(APP_DIR)}, \`next build\` ${appBuildSeconds === null ? "(existing build)" : `${fmt(appBuildSeconds, 0)} s`}, ` +
        `served by \`scripts/server.mjs\` (the app's default pool size); the load generator, PostgreSQL and the floor on the same machine. ` +
        `Data: big tenant ${data.big.records} service records, ${ADVISORS} key advisors × 15 clients, its path with ${data.big.path.linkedServices} services ` +
        `(${data.big.path.actionServices} linked to plan actions); 10k tenant ${SMALL_RECORDS} records, ${data.small.advisors.length} advisors (the same history per advisor); ` +
        `caseload tenant 50,000 clients, 300 advisors. Seeding ${fmt(seedSeconds, 0)} s; the whole run ${fmt(totalSeconds / 60, 0)} min.`,
      "",
      `**Light load** (one request at a time, ${RUNS} timed after ${WARMUP} warm-up, the signed-in users of each tenant in turn); statements and transactions counted at the ` +
        `PostgreSQL wire in a separate pass (${COUNTED} requests per page):`,
      "",
      lightTable,
      "",
      `**Saturation** (${SECONDS} s per cell, keep-alive connections each sending its next request when answered; the floor page measured right after the app's page):`,
      "",
      saturationTable,
      "",
      loggingLine,
      "",
      memoryLine,
      "",
      errorsLine,
    ].join("\n");
    log(`\n${figures}\n`);
    if (args["write-doc"]) writeFigures(args["doc-block"], figures);
    log(`Done in ${fmt(totalSeconds / 60)} min.`);
  } catch (error) {
    keep = true;
    console.error(`Failed; keeping ${DB_NAME} and ${work} for inspection.`);
    throw error;
  } finally {
    await stopServers();
    if (floorDir && !keep) removeFloor(floorDir);
    if (!keep) {
      await database.drop();
      rmSync(work, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
