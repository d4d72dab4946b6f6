import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect } from "@playwright/test";

/**
 * App instances and nginx started by a spec itself, beside the run's own server (playwright.config.ts):
 * real processes on real ports, sharing nothing but the e2e database (and the run's mail catcher,
 * which stands for the SMTP server they all send through). Every process is a child of the test
 * process; {@link stopAll} ends the ones still running and removes nginx's directory.
 */

const MAIL_SMTP_PORT = Number(process.env.E2E_MAIL_SMTP_PORT ?? 3125);
const NGINX = process.env.E2E_NGINX_PATH ?? "/usr/sbin/nginx";
/** Starting a production server on a busy 2-core machine takes seconds; this is only the bound. */
const START_TIMEOUT_MS = 90_000;

/** The ports of the cluster spec: nginx in front, two instances behind it. */
export const CLUSTER_PORTS = {
  nginx: Number(process.env.E2E_CLUSTER_PORT ?? 3300),
  instances: [Number(process.env.E2E_CLUSTER_PORT_A ?? 3301), Number(process.env.E2E_CLUSTER_PORT_B ?? 3302)] as const,
};

export type TExit = { code: number | null; signal: NodeJS.Signals | null };

/** A child process the spec started, with what it printed. */
export type TChild = {
  name: string;
  process: ChildProcess;
  /** Everything it has printed so far, stdout and stderr interleaved. */
  output: () => string;
  /** Settles when the process has exited. */
  exited: Promise<TExit>;
  running: () => boolean;
};

/** An app instance: scripts/server.mjs on 127.0.0.1:port. */
export type TInstance = TChild & {
  port: number;
  /** `host:port`, as nginx names it in $upstream_addr. */
  address: string;
  url: string;
  /** The application_name of its database connections (pg_stat_activity). */
  applicationName: string;
};

export type TNginx = TChild & { port: number; url: string; dir: string };

const started: TChild[] = [];
const directories: string[] = [];

function startChild(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): TChild {
  const child = spawn(command, args, { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<TExit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const handle: TChild = {
    name,
    process: child,
    output: () => output,
    exited,
    running: () => child.exitCode === null && child.signalCode === null,
  };
  started.push(handle);
  return handle;
}

/** The environment of the run's server (playwright.config.ts webServer), for a server at `appUrl`. */
function instanceEnv(port: number, appUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    APP_URL: appUrl,
    SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP_PORT}`,
    // Every instance runs the background worker too: a job must still run once across them all.
    JOBS_IN_PROCESS: "true",
    DATABASE_APPLICATION_NAME: `owes-e2e-${port}`,
    ...extra,
  };
}

/** Waits until `check` holds, or fails early when `child` exits first (its output tells why). */
async function waitUntil(child: TChild, what: string, check: () => Promise<boolean>): Promise<void> {
  let exit: TExit | null = null;
  void child.exited.then((value) => (exit = value));
  await expect
    .poll(
      async () => {
        if (exit) throw new Error(`${child.name} exited (${exit.code ?? exit.signal}) before ${what}:\n${child.output()}`);
        return check().catch(() => false);
      },
      { timeout: START_TIMEOUT_MS, message: `${child.name}: ${what}` },
    )
    .toBe(true);
}

async function answers(url: string): Promise<boolean> {
  const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
  await response.body?.cancel();
  return response.status === 200;
}

/**
 * Starts `node scripts/server.mjs -H 127.0.0.1 -p <port>` and waits until its readiness probe says
 * it serves (the database answers, no migration pending), as the rolling restart of
 * docs/operations.md §7 waits. `appUrl` is where users reach it (nginx's address behind nginx).
 */
export async function startInstance(port: number, options: { appUrl?: string; env?: Record<string, string> } = {}): Promise<TInstance> {
  const url = `http://127.0.0.1:${port}`;
  const env = instanceEnv(port, options.appUrl ?? url, options.env ?? {});
  const child = startChild(`instance :${port}`, process.execPath, ["scripts/server.mjs", "-H", "127.0.0.1", "-p", String(port)], env);
  await waitUntil(child, "ready", () => answers(`${url}/api/ready`));
  return { ...child, port, address: `127.0.0.1:${port}`, url, applicationName: env.DATABASE_APPLICATION_NAME ?? "" };
}

/**
 * nginx's configuration for the instances: the upstream, proxy headers and timeouts of
 * docs/operations.md §6 on plain HTTP, everything nginx writes inside `dir`, and X-Upstream on
 * every response, the instance that answered (the last address; one refused before it is listed first).
 */
function nginxConfig(dir: string, port: number, upstreams: readonly TInstance[]): string {
  const at = (name: string) => path.join(dir, name);
  return `# Generated by tests/e2e/support/cluster.ts.
# One process, in the foreground: the test ends exactly the process it started.
master_process off;
pid ${at("nginx.pid")};
error_log ${at("error.log")} warn;
events { worker_connections 256; }

http {
    log_format owes '$remote_addr [$time_local] "$request" $status $body_bytes_sent $request_time '
                    'upstream=$upstream_addr rid=$upstream_http_x_request_id "$http_user_agent"';
    access_log ${at("access.log")} owes;
    client_body_temp_path ${at("client_body")};
    proxy_temp_path ${at("proxy")};
    fastcgi_temp_path ${at("fastcgi")};
    uwsgi_temp_path ${at("uwsgi")};
    scgi_temp_path ${at("scgi")};

    upstream owes {
        # Round robin; an instance that refuses a connection is skipped for fail_timeout.
${upstreams.map((instance) => `        server ${instance.address} max_fails=1 fail_timeout=10s;`).join("\n")}
        # No keepalive, as in production: a stopping instance refuses a fresh connection before
        # anything is sent, and nginx passes even a POST on to the other one.
    }

    server {
        listen 127.0.0.1:${port};
        server_tokens off;
        client_max_body_size 26m;

        proxy_http_version 1.1;
        # Production has $host (port 443, which browsers leave out of Host). Here the browser's Host
        # carries the port, and Next.js compares it with a server action's Origin: pass it whole.
        proxy_set_header Host $http_host;
        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;   # with TRUSTED_PROXY_COUNT=1
        # No X-Forwarded-Proto, as in production (docs/operations.md §6 says why).
        proxy_connect_timeout 5s;
        proxy_send_timeout 60s;
        proxy_read_timeout 60s;
        proxy_next_upstream error timeout http_502;

        add_header X-Upstream $upstream_addr always;

        location / {
            proxy_pass http://owes;
        }
    }
}
`;
}

/** Starts nginx in front of `upstreams` and waits until a request through it reaches an instance. */
export async function startNginx(port: number, upstreams: readonly TInstance[]): Promise<TNginx> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "owes-e2e-nginx-"));
  directories.push(dir);
  const config = path.join(dir, "nginx.conf");
  await writeFile(config, nginxConfig(dir, port, upstreams));
  // -e: the error log before the configuration is read (the default is outside dir).
  const child = startChild(`nginx :${port}`, NGINX, ["-p", `${dir}/`, "-e", path.join(dir, "error.log"), "-c", config, "-g", "daemon off;"], process.env);
  const url = `http://127.0.0.1:${port}`;
  await waitUntil(child, "proxying", () => answers(`${url}/api/ready`));
  return { ...child, port, url, dir };
}

/** The instance that answered a response through nginx, from its X-Upstream header ("a, b" when a refused first). */
export function servedBy(upstreamHeader: string | undefined): string | null {
  const addresses = (upstreamHeader ?? "").split(/\s*[,:]\s+/).filter(Boolean);
  return addresses.at(-1) ?? null;
}

/** Sends SIGTERM and waits until the process has exited. */
export async function terminate(child: TChild): Promise<TExit> {
  child.process.kill("SIGTERM");
  return child.exited;
}

/** Whether a new TCP connection to the port is refused (nobody listens) or accepted. */
export function connectionOutcome(port: number): Promise<"refused" | "accepted"> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve("accepted");
    });
    socket.once("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNREFUSED" ? resolve("refused") : reject(error)));
  });
}

/**
 * Ends every process the spec started that still runs (SIGTERM, then SIGKILL if it does not go
 * within the server's own shutdown bound) and removes nginx's directory. For afterAll: it runs
 * whether the journey passed or not.
 */
export async function stopAll(): Promise<void> {
  const running = started.splice(0).filter((child) => child.running());
  await Promise.all(
    running.map(async (child) => {
      child.process.kill("SIGTERM");
      const killer = setTimeout(() => child.process.kill("SIGKILL"), 15_000);
      await child.exited;
      clearTimeout(killer);
    }),
  );
  await Promise.all(directories.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
