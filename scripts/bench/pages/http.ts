/**
 * The page benchmark's HTTP side: a small keep-alive client, browser-like sessions (sign-in through
 * Auth.js, the rolling session cookie kept up to date), sequential timing (light load), fixed-time
 * concurrent loops (saturation) and the resident memory of a process tree.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import { percentile } from "../common";

export type TResponse = { status: number; bytes: number; ms: number; body: string; location: string | undefined };

/** A signed-in user's cookies; every response's Set-Cookie replaces what it names (the session cookie rolls on each request). */
export class Session {
  private readonly cookies = new Map<string, string>();

  constructor(readonly label: string) {}

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  update(setCookie: string[] | undefined) {
    for (const line of setCookie ?? []) {
      const [pair = "", ...attributes] = line.split(";");
      const eq = pair.indexOf("=");
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  has(fragment: string): boolean {
    return [...this.cookies.keys()].some((name) => name.includes(fragment));
  }
}

/** One origin with a keep-alive agent of `sockets` connections. */
export class Client {
  readonly agent: http.Agent;

  constructor(
    readonly port: number,
    sockets = 1,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Sends one request and reads the whole answer; `keepBody` keeps its text (otherwise only its size). */
  request(
    method: string,
    path: string,
    { session, headers = {}, body, keepBody = false }: { session?: Session; headers?: Record<string, string>; body?: string; keepBody?: boolean } = {},
  ): Promise<TResponse> {
    const start = performance.now();
    return new Promise((resolve, reject) => {
      const all: Record<string, string> = { Accept: "text/html,*/*", ...headers };
      const cookie = session?.header();
      if (cookie) all.Cookie = cookie;
      if (body !== undefined) all["Content-Length"] = String(Buffer.byteLength(body));
      const req = http.request({ host: "127.0.0.1", port: this.port, method, path, headers: all, agent: this.agent }, (res) => {
        session?.update(res.headers["set-cookie"]);
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on("data", (chunk: Buffer) => {
          bytes += chunk.length;
          if (keepBody) chunks.push(chunk);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            bytes,
            ms: performance.now() - start,
            body: keepBody ? Buffer.concat(chunks).toString("utf8") : "",
            location: res.headers.location,
          }),
        );
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  close() {
    this.agent.destroy();
  }
}

/**
 * Signs in as a browser's sign-in would reach Auth.js: the CSRF token (and its cookie) first, then
 * the credentials form posted to the credentials callback, which answers with a redirect and the
 * session cookie.
 */
export async function signIn(client: Client, tenant: string, email: string, password: string): Promise<Session> {
  const session = new Session(`${tenant}/${email}`);
  const csrf = await client.request("GET", "/api/auth/csrf", { session, keepBody: true, headers: { Accept: "application/json" } });
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ tenant, email, password, csrfToken, callbackUrl: `${client.origin}/dashboard` }).toString();
  const answer = await client.request("POST", "/api/auth/callback/credentials", {
    session,
    body: form,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: client.origin },
  });
  if (!session.has("session-token")) {
    throw new Error(`Sign-in of ${email} at ${tenant} failed: HTTP ${answer.status}, location ${answer.location ?? "-"}`);
  }
  return session;
}

/** A page as one user opens it. */
export type TTarget = { session: Session; path: string };

export type TLatency = { runs: number; p50: number; p95: number; p99: number; mean: number; max: number; bytes: number; errors: number; firstError: string | null };

function describeFailure(target: TTarget, response: TResponse): string {
  return `${target.path} as ${target.session.label}: HTTP ${response.status}${response.location ? ` → ${response.location}` : ""} ${response.body.slice(0, 300)}`;
}

/** Opens the targets once each and throws unless every one answers 200 (a redirect to the sign-in page, a 404 or a 500 is a broken benchmark, not a figure). */
export async function checkTargets(client: Client, targets: TTarget[], label: string) {
  for (const target of targets) {
    const response = await client.request("GET", target.path, { session: target.session, keepBody: true });
    if (response.status !== 200) throw new Error(`${label}: ${describeFailure(target, response)}`);
  }
}

/** `runs` requests one after another (after `warmup` untimed ones), cycling through the targets: latency under light load. */
export async function sequential(client: Client, targets: TTarget[], warmup: number, runs: number): Promise<TLatency> {
  const times: number[] = [];
  let bytes = 0;
  let errors = 0;
  let firstError: string | null = null;
  for (let i = 0; i < warmup + runs; i++) {
    const target = targets[i % targets.length];
    if (!target) throw new Error("no targets");
    const response = await client.request("GET", target.path, { session: target.session, keepBody: false });
    if (i < warmup) continue;
    times.push(response.ms);
    bytes += response.bytes;
    if (response.status !== 200) {
      errors++;
      firstError ??= describeFailure(target, response);
    }
  }
  return summarize(times, bytes, errors, firstError);
}

export function summarize(times: number[], bytes: number, errors: number, firstError: string | null): TLatency {
  times.sort((a, b) => a - b);
  return {
    runs: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    max: times[times.length - 1] ?? Number.NaN,
    bytes: times.length > 0 ? bytes / times.length : 0,
    errors,
    firstError,
  };
}

export type TThroughput = { connections: number; seconds: number; requests: number; perSecond: number; errors: number; firstError: string | null; latency: TLatency };

/**
 * `connections` loops, each sending its next request as soon as the last one is answered, for
 * `seconds`: requests per second at saturation. `send` makes loop `loop`'s `i`-th request and says
 * whether it succeeded.
 */
export async function saturate(
  connections: number,
  seconds: number,
  send: (loop: number, i: number) => Promise<{ ok: boolean; ms: number; bytes: number; error?: string }>,
): Promise<TThroughput> {
  const times: number[] = [];
  let bytes = 0;
  let errors = 0;
  let firstError: string | null = null;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async (_, loop) => {
      for (let i = 0; performance.now() < deadline; i++) {
        try {
          const result = await send(loop, i);
          times.push(result.ms);
          bytes += result.bytes;
          if (!result.ok) {
            errors++;
            firstError ??= result.error ?? "failed";
          }
        } catch (error) {
          errors++;
          firstError ??= String(error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const requests = times.length;
  return { connections, seconds: elapsed, requests, perSecond: (requests - errors) / elapsed, errors, firstError, latency: summarize(times, bytes, errors, firstError) };
}

/** GETs of `targets` for {@link saturate}: loop `loop` opens targets[(loop + i) % n]. */
export function pageLoad(client: Client, targets: TTarget[]) {
  return async (loop: number, i: number) => {
    const target = targets[(loop + i) % targets.length];
    if (!target) throw new Error("no targets");
    const response = await client.request("GET", target.path, { session: target.session });
    return { ok: response.status === 200, ms: response.ms, bytes: response.bytes, error: response.status === 200 ? undefined : describeFailure(target, response) };
  };
}

// ── memory ────────────────────────────────────────────────────────────────────────────────────

/** The process and its descendants (from /proc/<pid>/task/<tid>/children). */
function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const tasks = readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, "utf8").trim();
      if (tasks) pids.push(...tasks.split(/\s+/).map(Number));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** Resident memory (VmRSS) of the process and its descendants, in MB. */
export function residentMb(pid: number): number {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      const match = readFileSync(`/proc/${p}/status`, "utf8").match(/^VmRSS:\s+(\d+)\s+kB/m);
      kb += Number(match?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

/** Samples {@link residentMb} every 100 ms until stopped; returns the peak. */
export function sampleMemory(pid: number): () => number {
  let peak = residentMb(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, residentMb(pid));
  }, 100);
  return () => {
    clearInterval(timer);
    return Math.max(peak, residentMb(pid));
  };
}
