/**
 * The process's one Prometheus registry (prom-client), with the default process metrics and the
 * HTTP request durations that scripts/server.mjs records around every request.
 *
 * Plain JavaScript because two module systems share it: scripts/server.mjs (bare Node) observes
 * each response, while lib/system/metrics.ts (bundled by Next.js, where this file may be evaluated
 * once per chunk, with a bundled copy of prom-client) adds the app's own metrics and serves the
 * scrape. Both run in one process, so the registry lives on globalThis under a registered symbol:
 * whichever copy asks first creates it, every other copy finds it. (prom-client's metrics and
 * registries work with each other across copies: a registry only calls a metric's `get()`.)
 */
import client from "prom-client";

/** Label for a path that is not (yet) a known route: see {@link createRouteLabeler}. */
export const UNMATCHED_ROUTE = "unmatched";

/**
 * The most distinct route labels kept. The app has fewer than a hundred routes once ids are
 * replaced; the bound only matters if something unforeseen turns up in paths.
 */
export const ROUTE_LABEL_LIMIT = 500;

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const UUID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC_SEGMENT = /^[0-9]+$/;

/**
 * A request URL as a route pattern, for a metric label: the path without its query, with UUID
 * segments as `:id` and numeric ones as `:n` (`/clients/3f2…/privacy?tab=1` → `/clients/:id/privacy`).
 * Next.js's own files collapse to their folder (`/_next/static/*`): their names are hashes.
 * @param {string} url the request line's target (`req.url`): a path, or an absolute URL
 * @returns {string}
 */
export function routePattern(url) {
  let pathname = url;
  if (!url.startsWith("/")) {
    // Absolute-form (through a forward proxy) or `OPTIONS *`.
    try {
      pathname = new URL(url).pathname;
    } catch {
      return UNMATCHED_ROUTE;
    }
  }
  const segments = (pathname.split(/[?#]/, 1)[0] ?? "").split("/").filter((s) => s !== "");
  if (segments[0] === "_next" && segments.length > 2) return `/_next/${segments[1]}/*`;
  const pattern = segments.map((s) => (UUID_SEGMENT.test(s) ? ":id" : NUMERIC_SEGMENT.test(s) ? ":n" : s));
  return `/${pattern.join("/")}`;
}

/**
 * The label of a response's status: `2xx` … `5xx`, or `aborted` when the client went away before
 * the response was sent in full.
 * @param {number} status
 * @param {boolean} finished
 * @returns {string}
 */
export function statusClass(status, finished) {
  return finished ? `${Math.floor(status / 100)}xx` : "aborted";
}

/**
 * A request method as a label: the methods the app answers, anything else as `OTHER` (a client
 * may send any token as a method).
 * @param {string | undefined} method
 * @returns {string}
 */
export function methodLabel(method) {
  return method && METHODS.has(method) ? method : "OTHER";
}

/**
 * Keeps route labels to the app's real routes. Every distinct label is a time series in
 * Prometheus, and anyone can request any path: a scanner's thousand 404s (or the sign-in redirects
 * anonymous visitors get on every page path) must not become a thousand series. A pattern becomes
 * a label once it has answered 2xx — a route that exists and served someone — and at most `limit`
 * of them; until then, and beyond that, requests are counted under {@link UNMATCHED_ROUTE}.
 * @param {number} [limit]
 * @returns {(pattern: string, status: number) => string}
 */
export function createRouteLabeler(limit = ROUTE_LABEL_LIMIT) {
  const known = new Set();
  return (pattern, status) => {
    if (known.has(pattern)) return pattern;
    if (status < 200 || status >= 300 || known.size >= limit) return UNMATCHED_ROUTE;
    known.add(pattern);
    return pattern;
  };
}

const SHARED = Symbol.for("owes.metricsRegistry");

function createShared() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requestDuration = new client.Histogram({
    name: "owes_http_request_duration_seconds",
    help: "Time from a request's arrival to the end of its response, by method, route pattern and status class",
    labelNames: ["method", "route", "status_class"],
    // Pages answer in tens of milliseconds; exports and imports may take tens of seconds.
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return { registry, requestDuration, routeLabel: createRouteLabeler() };
}

function shared() {
  return (globalThis[SHARED] ??= createShared());
}

/**
 * The registry every metric of the process is registered in.
 * @returns {import("prom-client").Registry}
 */
export function metricsRegistry() {
  return shared().registry;
}

/**
 * Times one request, from now until its response is sent (or the client goes away), into
 * `owes_http_request_duration_seconds`. The route comes from the URL as it arrived, before
 * Next.js rewrites anything.
 * @param {{ method?: string, url?: string }} req
 * @param {import("node:http").ServerResponse} res
 */
export function observeResponse(req, res) {
  const started = process.hrtime.bigint();
  const method = methodLabel(req.method);
  const pattern = routePattern(req.url ?? "/");
  res.once("close", () => {
    const { requestDuration, routeLabel } = shared();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const route = routeLabel(pattern, res.statusCode);
    requestDuration.observe({ method, route, status_class: statusClass(res.statusCode, res.writableFinished) }, seconds);
  });
}
