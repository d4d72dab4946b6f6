/**
 * The servers the page benchmark measures: the app's production build (`next build`, served by
 * scripts/server.mjs as `npm start` does) and the floor — a tiny Next.js app generated at run time
 * with a root layout like the app's (header, signed-in line, sign-out form, navigation) around a
 * 25-row server-rendered table, and an API route taking a JSON POST, built with the same `next` and
 * served by `next start`.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The environment for the children: without NODE_OPTIONS (the benchmark's own react-server condition must not reach Next.js). */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

/** Runs `next build` in `dir`, its output in `log`; throws with the log's path if it fails. */
export function nextBuild(dir: string, log: string, extraEnv: Record<string, string> = {}): Promise<number> {
  const start = Date.now();
  const out = openSync(log, "w");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "build"], {
      cwd: dir,
      env: childEnv({ NODE_ENV: "production", ...extraEnv }),
      stdio: ["ignore", out, out],
    });
    child.on("exit", (code) => (code === 0 ? resolve((Date.now() - start) / 1000) : reject(new Error(`next build in ${dir} failed (exit ${code}); see ${log}`))));
  });
}

export type TServer = { pid: number; port: number; stop: () => Promise<void> };

async function waitUntilUp(port: number, probe: string, child: ChildProcess, log: string) {
  const deadline = Date.now() + 120_000;
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  while (Date.now() < deadline) {
    if (exited !== undefined) throw new Error(`The server on port ${port} exited (${exited}); see ${log}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}${probe}`);
      await response.arrayBuffer();
      if (response.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The server on port ${port} did not answer ${probe} within 120 s; see ${log}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
}

/** Starts the app's production server (scripts/server.mjs of `appDir`) and waits for /api/health. */
export async function startApp(appDir: string, port: number, env: Record<string, string>, log: string): Promise<TServer> {
  const out = openSync(log, "a");
  const child = spawn(process.execPath, [path.join(appDir, "scripts/server.mjs"), "-p", String(port), "-H", "127.0.0.1"], {
    cwd: appDir,
    env: childEnv({ NODE_ENV: "production", AUTH_TRUST_HOST: "true", ...env }),
    stdio: ["ignore", out, out],
  });
  await waitUntilUp(port, "/api/health", child, log);
  return { pid: child.pid ?? 0, port, stop: stopper(child) };
}

// ── the floor ─────────────────────────────────────────────────────────────────────────────────

const FLOOR_FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "owes-bench-floor", private: true }, null, 2),
  "next.config.js": `module.exports = { poweredByHeader: false, turbopack: { root: __dirname } };\n`,
  "app/layout.js": `import { cookies } from "next/headers";

export const metadata = { title: "Floor · OWES" };

const NAV = ["Mój dzień", "Moi klienci", "Klienci", "Ścieżki", "Plany", "Usługi", "Ewidencja czasu", "Obciążenie", "Kolejka", "Audyt", "Konto"];

// Like the app's layouts: read per request (the session cookie), a header with the product name,
// the signed-in user and a sign-out form, the navigation, then the page.
export default async function RootLayout({ children }) {
  const jar = await cookies();
  const name = jar.get("floor-user")?.value ?? "Anna Nowak";
  return (
    <html lang="pl">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only">Przejdź do treści</a>
        <div className="flex min-h-screen flex-col">
          <header className="border-b border-slate-300 bg-white">
            <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-3 px-6 py-3">
              <p className="font-semibold">OWES — obsługa klientów</p>
              <section aria-label="Użytkownik" className="flex items-center gap-3 text-sm">
                <p>Zalogowano jako {name} <span className="text-slate-600">(doradca kluczowy)</span></p>
                <form method="post" action="/"><button type="submit" className="rounded-md border px-3 py-1">Wyloguj</button></form>
              </section>
            </div>
            <nav aria-label="Główna" className="mx-auto max-w-6xl px-6 pb-2">
              <ul className="flex flex-wrap gap-1">
                {NAV.map((label, i) => (
                  <li key={label}><a href={"/section-" + i} className="block rounded-md px-3 py-2 text-sm font-medium">{label}</a></li>
                ))}
              </ul>
            </nav>
          </header>
          <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-6 py-8">{children}</main>
        </div>
      </body>
    </html>
  );
}
`,
  "app/page.js": `const FIRST = ["Anna", "Piotr", "Maria", "Krzysztof", "Katarzyna", "Andrzej", "Małgorzata", "Tomasz"];
const LAST = ["Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Kowalczyk", "Kamińska", "Lewandowski", "Zielińska"];
const TYPES = ["Doradztwo", "Informacja", "Animacja", "Coaching", "Szkolenie"];

// A list page's body: a heading, a total and a 25-row table, rendered per request.
export default async function FloorPage() {
  const today = new Date();
  const format = new Intl.DateTimeFormat("pl-PL", { dateStyle: "full", timeZone: "Europe/Warsaw" });
  const rows = Array.from({ length: 25 }, (_, i) => ({
    id: i,
    date: new Date(today.getTime() - i * 86400000),
    client: FIRST[i % FIRST.length] + " " + LAST[(i * 3) % LAST.length],
    type: TYPES[i % TYPES.length],
    minutes: 30 + ((i * 15) % 120),
  }));
  const total = rows.reduce((sum, row) => sum + row.minutes, 0);
  return (
    <>
      <h1 className="text-2xl font-bold">Usługi</h1>
      <p className="mt-1">{rows.length} usług, razem {Math.floor(total / 60)} h {total % 60} min</p>
      <table className="mt-4 w-full border-collapse text-left">
        <caption className="sr-only">Usługi</caption>
        <thead><tr><th scope="col">Data</th><th scope="col">Klient</th><th scope="col">Rodzaj</th><th scope="col">Czas</th><th scope="col">Akcje</th></tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className="border-b border-slate-200">
              <td className="p-2">{format.format(row.date)}</td>
              <td className="p-2"><a href={"/clients/" + row.id} className="text-blue-800 underline">{row.client}</a></td>
              <td className="p-2">{row.type}</td>
              <td className="p-2">{row.minutes} min</td>
              <td className="p-2"><a href={"/services/" + row.id + "/edit"}>Edytuj</a></td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
`,
  "app/api/log/route.js": `import { randomUUID } from "node:crypto";

// The floor for logging over HTTP: a POST whose JSON body is parsed and answered with an id.
export async function POST(request) {
  const input = await request.json();
  return Response.json({ ok: true, data: { id: randomUUID(), created: true, clients: Array.isArray(input?.[0]?.clientIds) ? input[0].clientIds.length : 0 } });
}
`,
};

/**
 * Writes the floor app into a fresh temporary directory with a hard-linked copy of `nodeModules`
 * (Turbopack refuses a node_modules symlinked from outside the project) and builds it.
 */
export async function buildFloor(nodeModules: string, log: string): Promise<{ dir: string; seconds: number }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "owes-bench-floor-"));
  for (const [file, text] of Object.entries(FLOOR_FILES)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const source = realpathSync(nodeModules);
  const copy = spawnSync("cp", ["-al", source, path.join(dir, "node_modules")], { encoding: "utf8" });
  if (copy.status !== 0) {
    throw new Error(`Could not hard-link ${source} into ${dir} (another filesystem? set TMPDIR to a directory beside it): ${copy.stderr}`);
  }
  return { dir, seconds: await nextBuild(dir, log) };
}

/** Serves the floor with `next start`. */
export async function startFloor(dir: string, port: number, log: string): Promise<TServer> {
  const out = openSync(log, "a");
  const child = spawn(process.execPath, [path.join(dir, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env: childEnv({ NODE_ENV: "production" }),
    stdio: ["ignore", out, out],
  });
  await waitUntilUp(port, "/", child, log);
  return { pid: child.pid ?? 0, port, stop: stopper(child) };
}

export function removeFloor(dir: string) {
  if (existsSync(dir) && path.basename(dir).startsWith("owes-bench-floor-")) rmSync(dir, { recursive: true, force: true });
}
