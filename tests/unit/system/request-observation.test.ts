import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { logger } from "@/lib/logger";
import { metricsRegistry, observeResponse } from "@/lib/system/metrics-registry.mjs";
import { REQUEST_ID_HEADER, assignRequestId, runWithRequestId } from "@/lib/system/request-context.mjs";

/**
 * What scripts/server.mjs does around every request, on a real HTTP server: a fresh request id on
 * the request and the response, the app's log lines written under it, and the response timed into
 * the request-duration histogram by route pattern. (The wiring below is the server's, line for line.)
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CLIENT_ID = "3f2b9c1e-8d4a-4b6f-9e21-0c5d7a8b9f10";

/** Stands in for Next.js: logs twice, across an await, and answers with the request id it was given. */
async function app(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? "/", "http://localhost");
  logger.info("handling", { path: url.pathname });
  await new Promise((resolve) => setTimeout(resolve, Number(url.searchParams.get("delay") ?? 0)));
  logger.info("handled", { path: url.pathname });
  res.statusCode = url.pathname.endsWith(".php") ? 404 : 200;
  res.end(String(req.headers[REQUEST_ID_HEADER]));
}

let server: http.Server;
let base: string;
let lines: Record<string, unknown>[];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const requestId = assignRequestId(req, res);
    observeResponse(req, res);
    void runWithRequestId(requestId, () => app(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  lines = [];
  vi.spyOn(console, "log").mockImplementation((line: unknown) => {
    lines.push(JSON.parse(String(line)) as Record<string, unknown>);
  });
  return () => vi.mocked(console.log).mockRestore();
});

/** One sample of the histogram's request count, 0 when the series does not exist yet. */
async function requestCount(labels: string): Promise<number> {
  const text = await metricsRegistry().getSingleMetricAsString("owes_http_request_duration_seconds");
  const line = text.split("\n").find((l) => l.startsWith(`owes_http_request_duration_seconds_count{${labels}}`));
  return line ? Number(line.split(" ").at(-1)) : 0;
}

describe("request ids", () => {
  it("replaces the id a client sends with a fresh one, on the request the app sees and on the response", async () => {
    const response = await fetch(`${base}/dashboard`, { headers: { "X-Request-Id": "chosen-by-the-client" } });
    const seenByApp = await response.text();
    expect(seenByApp).toMatch(UUID);
    expect(response.headers.get("x-request-id")).toBe(seenByApp);
  });

  it("is on every log line written while the request is handled, also after an await", async () => {
    const response = await fetch(`${base}/dashboard`);
    const requestId = await response.text();
    expect(lines.map((l) => [l.message, l.requestId])).toEqual([
      ["handling", requestId],
      ["handled", requestId],
    ]);
    expect(lines[0]).toMatchObject({ level: "info", path: "/dashboard" });
  });

  it("keeps requests handled at the same time apart", async () => {
    const [slow, fast] = await Promise.all([fetch(`${base}/slow?delay=60`), fetch(`${base}/fast?delay=0`)]);
    const ids = { "/slow": await slow.text(), "/fast": await fast.text() };
    expect(ids["/slow"]).not.toBe(ids["/fast"]);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line.requestId).toBe(ids[line.path as "/slow" | "/fast"]);
  });

  it("is left out of lines written outside a request", () => {
    logger.info("start-up");
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toHaveProperty("requestId");
  });
});

describe("request durations", () => {
  it("are counted by method, route pattern and status class, never by the raw URL", async () => {
    const labels = 'method="GET",route="/clients/:id",status_class="2xx"';
    const before = await requestCount(labels);
    await (await fetch(`${base}/clients/${CLIENT_ID}?tab=privacy`)).text();
    await (await fetch(`${base}/clients/${crypto.randomUUID()}`)).text();
    // The server records a response when it is done, which may be a tick after the client has it.
    await vi.waitFor(async () => expect(await requestCount(labels)).toBe(before + 2));
    expect(await metricsRegistry().metrics()).not.toContain(CLIENT_ID);
  });

  it("count paths that are no route under `unmatched`", async () => {
    const labels = 'method="GET",route="unmatched",status_class="4xx"';
    const before = await requestCount(labels);
    await (await fetch(`${base}/wp-login.php`)).text();
    await vi.waitFor(async () => expect(await requestCount(labels)).toBe(before + 1));
    expect(await metricsRegistry().metrics()).not.toContain("wp-login");
  });
});
