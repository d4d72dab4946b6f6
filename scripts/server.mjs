#!/usr/bin/env node
/**
 * `npm start`: serves the production build (`next build` first) in place of `next start`.
 *
 *   node scripts/server.mjs [-p|--port <port>] [-H|--hostname <host>]
 *
 * The one difference from `next start`: before a request reaches Next.js its `X-Forwarded-For` is
 * rebuilt from what this server knows (the entries TRUSTED_PROXY_COUNT proxies appended, then the
 * socket's address) and `X-Real-IP` is removed; scripts/forwarded-for.mjs says why. `next start`
 * lets the client choose its address, and sign-in throttling keys on it.
 *
 * It also gives every request a fresh id (`X-Request-Id` on the request Next.js sees and on the
 * response, replacing any the client sent) under which the app's log lines are written
 * (lib/system/request-context.mjs), and times every response into the request-duration histogram
 * that /api/metrics serves (lib/system/metrics-registry.mjs).
 *
 * Options as for `next start`: the port from -p, else PORT, else 3000; the address to listen on from
 * -H, else HOSTNAME, else every interface. (Docker sets HOSTNAME to the container's name: pass -H
 * there.) TRUSTED_PROXY_COUNT is read as lib/env.ts reads it, from the environment or the .env
 * files Next.js loads. SIGTERM and SIGINT stop accepting connections, let open requests finish,
 * stop the in-process worker, close the database pool and exit, all within SHUTDOWN_TIMEOUT_MS
 * (tests/e2e/shutdown.spec.ts sends SIGTERM during a save).
 */
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { parseTrustedProxyCount, withTrustedForwarding } from "./forwarded-for.mjs";
import { observeResponse } from "../lib/system/metrics-registry.mjs";
import { assignRequestId, runWithRequestId } from "../lib/system/request-context.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** How long open requests get to finish after SIGTERM/SIGINT before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 10_000;
const USAGE = "Usage: node scripts/server.mjs [-p|--port <port>] [-H|--hostname <host>]";

function log(message) {
  console.log(`[server] ${message}`);
}

function exitWith(message) {
  console.error(`[server] ✖ ${message}`);
  process.exit(1);
}

/**
 * A TCP port, from an option or the environment. Not 0 (any free port), which `next start` takes:
 * Next.js must be told the port before the server listens.
 */
function parsePort(raw, source) {
  const port = Number(raw);
  if (raw.trim() === "" || !Number.isInteger(port) || port < 1 || port > 65535) exitWith(`${source} must be a port number from 1 to 65535, got "${raw}"`);
  return port;
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string", short: "p" },
        hostname: { type: "string", short: "H" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (err) {
    exitWith(`${err.message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const port = values.port !== undefined ? parsePort(values.port, "--port") : process.env.PORT ? parsePort(process.env.PORT, "PORT") : 3000;
  const hostname = values.hostname || process.env.HOSTNAME || undefined;
  return { port, hostname };
}

/** The address for a URL: IPv6 in brackets. */
function urlHost(address) {
  return address.includes(":") ? `[${address}]` : address;
}

/**
 * The name Next.js uses for this server in the absolute URLs it builds for itself (a server
 * action's redirect is rendered by fetching it from here): one that answers locally, as
 * `next start` does, never the wildcard address.
 */
function nextHostname(hostname) {
  return !hostname || ["0.0.0.0", "::", "[::]"].includes(hostname) ? "localhost" : hostname;
}

const { port, hostname } = parseOptions();

// What the `next` CLI sets before `next start`; set before Next.js is loaded, hence the dynamic import.
process.env.NODE_ENV ||= "production";
process.env.NEXT_RUNTIME = "nodejs";
const { default: next } = await import("next");

const server = http.createServer();
const app = next({ dev: false, dir: ROOT, hostname: nextHostname(hostname), port, httpServer: server });
const handle = app.getRequestHandler();

try {
  // Loads next.config and the .env files into process.env, as `next start` does: read
  // TRUSTED_PROXY_COUNT after this, so a value from .env counts here as it does in lib/env.ts.
  await app.prepare();
} catch (err) {
  exitWith(`Could not start Next.js (run \`npm run build\` first?): ${err?.message ?? err}`);
}

let trustedProxyCount;
try {
  trustedProxyCount = parseTrustedProxyCount(process.env.TRUSTED_PROXY_COUNT);
} catch (err) {
  exitWith(err.message);
}

/** Puts the rebuilt forwarding headers in place of the client's, before Next.js reads any of them. */
function rewriteHeaders(req) {
  req.headers = withTrustedForwarding(req.headers, req.socket.remoteAddress, trustedProxyCount);
}

/** Set once SIGTERM or SIGINT has arrived (see stop()). */
let stopping = false;

server.on("request", (req, res) => {
  // A connection whose response finishes after the signal is closed at once rather than kept
  // alive: server.close() waits for every connection, and Node would keep this one open for the
  // keep-alive timeout (5 s of the shutdown's 10) after the response.
  res.on("finish", () => {
    if (stopping) setImmediate(() => server.closeIdleConnections());
  });
  rewriteHeaders(req);
  const requestId = assignRequestId(req, res);
  observeResponse(req, res);
  runWithRequestId(requestId, () => handle(req, res)).catch((err) => {
    console.error(`[server] Failed to handle ${req.method} ${req.url} (request ${requestId})`, err);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end("Internal Server Error");
    } else {
      res.destroy();
    }
  });
});

// WebSocket upgrades: this listener is added before the one Next.js adds on its first request, so
// it runs first and Next.js sees the rewritten headers here too. (The app uses no WebSockets; in
// production Next.js only proxies upgrades to external rewrites, and there are none.) Until Next.js
// has added its listener nobody would answer, so the connection is closed instead of left open.
server.on("upgrade", (req, socket) => {
  rewriteHeaders(req);
  if (server.listenerCount("upgrade") === 1) socket.destroy();
});

server.on("error", (err) => {
  exitWith(err.code === "EADDRINUSE" ? `Port ${port} is already in use${hostname ? ` on ${hostname}` : ""}.` : `The server failed: ${err.message}`);
});

/** Where the app registers what must be closed on the way out (lib/db/client.ts `closeOnShutdown`). */
const CLOSE_ON_SHUTDOWN = Symbol.for("owes.closeOnShutdown");

/**
 * Closes what the app registered, newest first: the in-process worker (lib/jobs/in-process.ts)
 * before the database pool it uses (lib/db/client.ts), so the instance leaves PostgreSQL with its
 * connections closed rather than dropped. Returns whether everything closed.
 */
async function closeAppResources() {
  let closed = true;
  for (const { name, close } of [...(globalThis[CLOSE_ON_SHUTDOWN] ?? [])].reverse()) {
    try {
      await close();
      log(`${name} closed`);
    } catch (err) {
      closed = false;
      console.error(`[server] Closing the ${name}:`, err);
    }
  }
  return closed;
}

function stop(signal) {
  // Ctrl-C reaches this process twice when a parent (scripts/demo.mjs) passes it on as well: the
  // shutdown under way goes on, bounded by SHUTDOWN_TIMEOUT_MS.
  if (stopping) return;
  stopping = true;
  log(`${signal}: closing …`);
  setTimeout(() => {
    console.error(`[server] Open requests and closing did not finish within ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting.`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  // close() stops accepting and waits for the requests in progress; idle keep-alive connections
  // would otherwise hold it open until they time out. Then Next.js, the worker and the pool close,
  // within the same bound.
  server.close(async () => {
    await app.close().catch((err) => console.error("[server] Closing Next.js:", err));
    const closed = await closeAppResources();
    log("closed");
    process.exit(closed ? 0 : 1);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

server.listen(port, hostname, () => {
  const address = server.address();
  const where = typeof address === "object" && address ? `${urlHost(address.address)}:${address.port}` : String(address);
  log(`ready on http://${where} (trusted proxies: ${trustedProxyCount})`);
});
