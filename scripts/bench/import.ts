/**
 * Benchmark (issue 18), not a test: the spreadsheet import at a centre's full history — 20,000
 * clients, then 100,000 services — timed and measured for memory, phase by phase.
 *
 *   DATABASE_POOL_SIZE=1 npm run bench:import -- [--clients 20000] [--services 100000] [--advisors 600] [--keep] [--write-doc]
 *
 * (With two or more pooled connections an XLSX dry run of more than ~1,000 rows currently ends
 * "unreadable": see "Problems found" under the import in docs/benchmarks.md.)
 *
 * Builds its own database (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/owes_bench_import;
 * only a local server is accepted) from the migrations: a tenant (limit 15 clients per advisor)
 * with a manager, key advisors and 3 offices. Writes the files a manager would upload with
 * exceljs's streaming writer (the templates' headers: CLIENT_COLUMNS, SERVICE_COLUMNS) and the same
 * services as a CSV, then runs the real services as the manager, through the app role (row-level
 * security on), as the upload page and the background jobs do: startImport + runImportValidation
 * (the dry run) and commitImport + runImportCommit (the import). For each phase it reports the wall
 * time, rows per second, the Node process's CPU time, the time spent waiting for PostgreSQL by
 * kind of statement, and the process's peak resident set and heap (sampled every 50 ms), and
 * afterwards the rows written, counted in the tables. Asserts only sanity (each
 * import IMPORTED, the counts equal the rows). `--write-doc` replaces the figures in
 * docs/benchmarks.md; `--keep` keeps the database and the files (so does a failure).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { randomUUID } from "node:crypto";
import ExcelJS from "exceljs";
import pg from "pg";
import { benchDatabase, bulkInsert, mulberry32, withClient, writeFigures } from "./common";
import { NO_PASSWORD, TOPICS } from "./seeders/service-log";
import { addDays, todayInPoland } from "@/lib/dates";
import type { TContext } from "@/lib/auth/context";
import { CLIENT_COLUMNS, SERVICE_COLUMNS } from "@/lib/domain/imports/columns";
import { nipNumber, peselNumber } from "@/tests/factories/identifiers";
import { servicesCsv, type TClientCells, type TServiceCells } from "@/tests/factories/import-files";

const { values: args } = parseArgs({
  options: {
    clients: { type: "string", default: "20000" },
    services: { type: "string", default: "100000" },
    advisors: { type: "string", default: "600" },
    keep: { type: "boolean", default: false },
    "write-doc": { type: "boolean", default: false },
  },
});
const CLIENTS = Number(args.clients);
const SERVICES = Number(args.services);
const ADVISORS = Number(args.advisors);
/** The tenant's cap (clients per key advisor); the file gives each advisor at most ADVISOR_SHARE of them. */
const CAP = 15;
const ADVISOR_SHARE = 11;
const SAMPLE_MS = 50;

const database = benchDatabase("owes_bench_import");
const { ownerUrl: OWNER_URL, dbName: DB_NAME } = database;

// A clean heap before each phase, so "heap at start" is what the process holds, not garbage.
// The flag must be set before the first use of `gc`; it is not on the command line (the bench
// scripts share one NODE_OPTIONS form), so it is set here and `gc` taken from a fresh context.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const OFFICE_NAMES = ["Kielce", "Sandomierz", "Końskie"] as const;
const TOWNS = ["Kielce", "Sandomierz", "Końskie", "Busko-Zdrój", "Jędrzejów", "Ostrowiec Świętokrzyski", "Starachowice", "Skarżysko-Kamienna", "Pińczów", "Włoszczowa", "Opatów", "Staszów"];
const FIRST_F = ["Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Zofia", "Joanna", "Magdalena"];
const FIRST_M = ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Łukasz", "Grzegorz", "Wojciech"];
const SURNAMES: [string, string][] = [["Nowak", "Nowak"], ["Kowalski", "Kowalska"], ["Wiśniewski", "Wiśniewska"], ["Wójcik", "Wójcik"], ["Kamiński", "Kamińska"], ["Lewandowski", "Lewandowska"], ["Zieliński", "Zielińska"], ["Dąbrowski", "Dąbrowska"], ["Mazur", "Mazur"], ["Krawczyk", "Krawczyk"]];
/** Organisation kinds by their template labels, with a name for each. */
const ORGANISATIONS = [
  { kind: "Stowarzyszenie lub fundacja", name: "Stowarzyszenie „Razem”" },
  { kind: "Stowarzyszenie lub fundacja", name: "Fundacja „Nadzieja”" },
  { kind: "Spółdzielnia socjalna", name: "Spółdzielnia Socjalna „Horyzont”" },
  { kind: "Przedsiębiorstwo społeczne", name: "Przedsiębiorstwo Społeczne „Wspólna Sprawa”" },
  { kind: "Przedsiębiorstwo (MŚP)", name: "Piekarnia „Pod Lipą” sp. z o.o." },
] as const;
const SPHERES = ["Zrównoważony rozwój", "Społeczność lokalna i kultura", "Solidarność pokoleń", "Usługi aktywnej integracji"];
/** Individual support types by their Polish catalogue names, weighted by repetition; "Doradztwo specjalistyczne" needs an area. */
const INDIVIDUAL_TYPES = ["Doradztwo", "Doradztwo", "Doradztwo", "Informacja", "Informacja", "Animacja (praca z animatorem)", "Coaching / mentoring", "Wsparcie biznesowe", "Doradztwo specjalistyczne"];
const GROUP_TYPES = ["Szkolenie", "Animacja (praca z animatorem)", "Doradztwo", "Wizyta studyjna"];
const AREAS = ["Prawne", "Finansowe", "Kadrowe", "Marketingowe"];
const DURATIONS = ["30", "45", "60", "60", "60", "90", "120"];
const NOTES = ["Omówiono stan przygotowań i dokumenty do uzupełnienia.", "Klient przyniesie poprawiony wniosek na kolejne spotkanie.", "Przekazano materiały informacyjne."];

const random = mulberry32(18);
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("empty list");
  return item;
}
const advisorEmail = (k: number) => `advisor-${k}@bench.example`;

// ── the centre ────────────────────────────────────────────────────────────────────────────────

type TSeed = { tenantId: string; manager: TContext };

/** The tenant (cap 15), 2 partners, 3 offices, a manager and ADVISORS key advisors (advisor-<k>@bench.example). */
async function seedCentre(): Promise<TSeed> {
  return withClient(OWNER_URL, async (db) => {
    const tenantId = randomUUID();
    const now = new Date();
    await db.query(`INSERT INTO tenant (id, name, slug, max_clients_per_advisor, updated_at) VALUES ($1, 'OWES Import', 'owes-import', $2, now())`, [tenantId, CAP]);
    const partnerIds = [randomUUID(), randomUUID()];
    await bulkInsert(db, "partner", { id: "uuid", tenant_id: "uuid", name: "text", updated_at: "timestamptz" }, [
      { id: partnerIds[0], tenant_id: tenantId, name: "Fundacja Rozwoju Przedsiębiorczości Społecznej", updated_at: now },
      { id: partnerIds[1], tenant_id: tenantId, name: "Stowarzyszenie Ekonomii Społecznej Horyzont", updated_at: now },
    ]);
    const officeIds = OFFICE_NAMES.map(() => randomUUID());
    await bulkInsert(
      db,
      "office",
      { id: "uuid", tenant_id: "uuid", name: "text", address: "text", updated_at: "timestamptz" },
      OFFICE_NAMES.map((name, i) => ({ id: officeIds[i], tenant_id: tenantId, name, address: `ul. Rynek ${i + 1}, ${name}`, updated_at: now })),
    );
    const managerId = randomUUID();
    const users: Record<string, unknown>[] = [{ id: managerId, partner_id: null, office_id: officeIds[0], email: "manager@bench.example", name: "Maria Kierownik", role: "MANAGER" }];
    for (let k = 0; k < ADVISORS; k++) {
      users.push({ id: randomUUID(), partner_id: partnerIds[k % 2], office_id: officeIds[k % OFFICE_NAMES.length], email: advisorEmail(k), name: `Doradca ${k + 1}`, role: "KEY_ADVISOR" });
    }
    await bulkInsert(
      db,
      "user",
      { id: "uuid", tenant_id: "uuid", partner_id: "uuid", office_id: "uuid", email: "text", name: "text", role: '"Role"', password_hash: "text", updated_at: "timestamptz" },
      users.map((u) => ({ ...u, tenant_id: tenantId, password_hash: NO_PASSWORD, updated_at: now })),
    );
    return { tenantId, manager: { userId: managerId, tenantId, role: "MANAGER", partnerId: null, officeId: officeIds[0] ?? null, requestId: "bench-import" } };
  });
}

// ── the files ─────────────────────────────────────────────────────────────────────────────────

/** A client the services file can name: its identifier and, when active, its key advisor. */
type TServiceable = { identifier: string; advisor: number | null };

/**
 * The clients file's row `i`: about 85% persons with a PESEL, the rest organisations with a NIP;
 * a third active with a key advisor (at most ADVISOR_SHARE each, the rest of that third waiting),
 * a third closed (the centre's history), a third waiting.
 */
function clientRow(i: number, nip: () => string): { cells: TClientCells; serviceable: TServiceable | null } {
  const town = TOWNS[i % TOWNS.length] ?? "Kielce";
  const isPerson = random() < 0.85;
  const female = i % 2 === 0;
  const surname = pick(SURNAMES);
  const organisation = pick(ORGANISATIONS);
  const identifier = isPerson ? peselNumber(i) : nip();
  const slot = Math.floor(i / 3);
  const advisor = i % 3 === 0 && slot < ADVISORS * ADVISOR_SHARE ? slot % ADVISORS : null;
  const closed = i % 3 === 1;
  const flag = (p: number) => (random() < p ? "TAK" : "NIE");
  const cells: TClientCells = {
    kind: isPerson ? "Osoba fizyczna" : organisation.kind,
    name: isPerson ? `${pick(female ? FIRST_F : FIRST_M)} ${female ? surname[1] : surname[0]}` : `${organisation.name} (${i + 1})`,
    ...(isPerson ? { pesel: identifier } : { nip: identifier }),
    ...(random() < 0.5 ? { email: `klient${i}@example.pl` } : {}),
    ...(random() < 0.6 ? { phone: `600 ${String(100 + (i % 900))} ${String(100 + (Math.floor(i / 900) % 900))}` } : {}),
    voivodeship: "świętokrzyskie",
    town,
    ...(random() < 0.5 ? { street: `ul. Słoneczna ${1 + (i % 80)}`, postalCode: `2${5 + (i % 3)}-${String(100 + (i % 900)).padStart(3, "0")}` } : {}),
    ...(isPerson ? { atRiskOfExclusion: flag(0.7), hasDisability: flag(0.15), aged50Plus: flag(0.25), longTermUnemployed: flag(0.3) } : {}),
    kpresSpheres: random() < 0.3 ? SPHERES.filter(() => random() < 0.5).join("; ") || pick(SPHERES) : pick(SPHERES),
    office: OFFICE_NAMES[i % OFFICE_NAMES.length],
    ...(advisor !== null ? { advisorEmail: advisorEmail(advisor) } : {}),
    ...(closed ? { status: "Wsparcie zakończone" } : {}),
    ...(random() < 0.1 ? { notes: "Zgłoszenie z punktu informacyjnego." } : {}),
  };
  // A closed client takes no services (their support has ended): the services file names the others.
  return { cells, serviceable: closed ? null : { identifier, advisor } };
}

/** "dd.mm.rrrr", as a Polish spreadsheet shows a date typed as text. */
function polishDate(isoDay: string): string {
  const [y, m, d] = isoDay.split("-");
  return `${d}.${m}.${y}`;
}

/**
 * The services file's rows: dates within the last two years, ~80% individual consultations, ~12%
 * group sessions of 2–3 clients, ~8% e-support; delivered by the client's key advisor (or another
 * advisor for a waiting client), a group sometimes by two. No two rows share their first client,
 * date and start time (the same service twice would be a duplicate, reported as such).
 */
function serviceRows(clients: TServiceable[], count: number): TServiceCells[] {
  const today = todayInPoland();
  const taken = new Set<string>();
  const rows: TServiceCells[] = [];
  const providerOf = (client: TServiceable) => advisorEmail(client.advisor ?? Math.floor(random() * ADVISORS));
  for (let s = 0; s < count; s++) {
    const roll = random();
    const form = roll < 0.8 ? "Indywidualna" : roll < 0.92 ? "Grupowa" : "E-wsparcie";
    const first = pick(clients);
    const group = [first];
    const size = form === "Grupowa" ? 2 + Math.floor(random() * 2) : 1;
    while (group.length < size) {
      const other = pick(clients);
      if (!group.includes(other)) group.push(other);
    }
    let date = "";
    let startTime = "";
    do {
      date = polishDate(addDays(today, -(1 + Math.floor(random() * 730))));
      startTime = `${String(8 + Math.floor(random() * 9)).padStart(2, "0")}:${random() < 0.5 ? "00" : "30"}`;
    } while (taken.has(`${first.identifier}|${date}|${startTime}`));
    taken.add(`${first.identifier}|${date}|${startTime}`);
    const supportType = form === "Grupowa" ? pick(GROUP_TYPES) : pick(INDIVIDUAL_TYPES);
    const providers = [providerOf(first), ...(form === "Grupowa" && random() < 0.1 ? [advisorEmail(Math.floor(random() * ADVISORS))] : [])];
    rows.push({
      date,
      startTime,
      durationMinutes: form === "Grupowa" ? pick(["90", "120", "180"]) : pick(DURATIONS),
      supportType,
      ...(supportType === "Doradztwo specjalistyczne" ? { specialistArea: pick(AREAS) } : {}),
      form,
      channel: form === "E-wsparcie" ? "Online" : random() < 0.8 ? "Osobiście" : "Telefonicznie",
      topic: pick(TOPICS),
      ...(random() < 0.25 ? { notes: pick(NOTES) } : {}),
      clients: group.map((c) => c.identifier).join("; "),
      providers: [...new Set(providers)].join("; "),
    });
  }
  return rows;
}

/** An XLSX written row by row with exceljs's streaming writer (shared strings, as Excel stores text), read back as bytes. */
async function streamedXlsx(file: string, columns: readonly { key: string; header: string }[], rows: Iterable<Record<string, string | undefined>>): Promise<Uint8Array> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet("Dane");
  sheet.addRow(columns.map((c) => c.header)).commit();
  for (const row of rows) sheet.addRow(columns.map((c) => row[c.key] ?? null)).commit();
  sheet.commit();
  await book.commit();
  return new Uint8Array(readFileSync(file));
}

// ── measurement ───────────────────────────────────────────────────────────────────────────────

const MB = 1024 * 1024;

/** Time spent waiting for PostgreSQL, by kind of statement ("INSERT service_record", "SELECT client", "BEGIN" …). */
type TDbTime = Map<string, { count: number; ms: number }>;

/** A statement's kind: its verb and the table it names first. */
function statementKind(text: string): string {
  const verb = text.trimStart().match(/^\w+/)?.[0]?.toUpperCase() ?? "?";
  const table = text.match(/(?:INTO|FROM|UPDATE)\s+(?:"public"\.)?"?(\w+)"?/i)?.[1];
  return table ? `${verb} ${table}` : verb;
}

/**
 * Times every statement the app's pool sends while `work` runs: its connections are pg.Clients,
 * so their `query` is wrapped for the duration (from the call to the answer, which is what the
 * import waits for; with one statement at a time, the sum is the import's time in PostgreSQL).
 */
async function timeStatements<T>(work: () => Promise<T>): Promise<{ value: T; db: TDbTime }> {
  const db: TDbTime = new Map();
  const proto = pg.Client.prototype as unknown as { query: (...callArgs: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...callArgs: unknown[]) {
    const [config] = callArgs;
    const text = typeof config === "string" ? config : config && typeof config === "object" && "text" in config ? String((config as { text: unknown }).text) : "";
    const result = original.apply(this, callArgs);
    if (!(result instanceof Promise)) return result;
    const start = performance.now();
    const record = () => {
      const kind = statementKind(text);
      const entry = db.get(kind) ?? { count: 0, ms: 0 };
      entry.count += 1;
      entry.ms += performance.now() - start;
      db.set(kind, entry);
    };
    return result.then(
      (answer: unknown) => {
        record();
        return answer;
      },
      (error: unknown) => {
        record();
        throw error;
      },
    );
  };
  try {
    return { value: await work(), db };
  } finally {
    proto.query = original;
  }
}

type TPhase = {
  name: string;
  rows: number;
  seconds: number;
  cpuSeconds: number;
  rssStart: number;
  rssPeak: number;
  heapStart: number;
  heapPeak: number;
  externalPeak: number;
  /** The process's resident high-water mark (getrusage) after the phase: exact, but over the whole run so far. */
  maxRss: number;
  /** The longest gap between two samples: the event loop was busy that long (and the sampler blind). */
  longestGapMs: number;
  /** Waiting for PostgreSQL, in seconds, and by kind of statement. */
  dbSeconds: number;
  statements: number;
  db: TDbTime;
  result: string;
};

/** The kinds of statement that took longest, "INSERT service_record 1,000 × 12.3 s; …". */
function topStatements(db: TDbTime, count: number): string {
  return [...db]
    .sort(([, a], [, b]) => b.ms - a.ms)
    .slice(0, count)
    .map(([kind, { count: n, ms }]) => `${kind} ${n.toLocaleString("en-US")} × ${(ms / 1000).toFixed(1)} s`)
    .join("; ");
}

/**
 * Runs `work` once, after a full garbage collection, sampling process.memoryUsage() every
 * SAMPLE_MS; `outcome` says in words what it ended with.
 */
async function measurePhase<T>(name: string, rows: number, work: () => Promise<T>, outcome: (value: T) => string): Promise<{ phase: TPhase; value: T }> {
  collectGarbage();
  const first = process.memoryUsage();
  const peak = { rss: first.rss, heap: first.heapUsed, external: first.external };
  let last = performance.now();
  let longestGap = 0;
  const sample = () => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heap = Math.max(peak.heap, m.heapUsed);
    peak.external = Math.max(peak.external, m.external);
  };
  const timer = setInterval(sample, SAMPLE_MS);
  const cpuBefore = process.cpuUsage();
  const start = performance.now();
  let value: T;
  let db: TDbTime;
  try {
    ({ value, db } = await timeStatements(work));
  } finally {
    clearInterval(timer);
  }
  const result = outcome(value);
  sample();
  const seconds = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const phase: TPhase = {
    name,
    rows,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssStart: first.rss / MB,
    rssPeak: peak.rss / MB,
    heapStart: first.heapUsed / MB,
    heapPeak: peak.heap / MB,
    externalPeak: peak.external / MB,
    maxRss: (process.resourceUsage().maxRSS * 1024) / MB,
    longestGapMs: longestGap,
    dbSeconds: [...db.values()].reduce((sum, entry) => sum + entry.ms, 0) / 1000,
    statements: [...db.values()].reduce((sum, entry) => sum + entry.count, 0),
    db,
    result,
  };
  console.log(
    `  ${name}: ${seconds.toFixed(1)} s (${(rows / seconds).toFixed(0)} rows/s, Node CPU ${phase.cpuSeconds.toFixed(1)} s); ` +
      `RSS ${phase.rssStart.toFixed(0)} → peak ${phase.rssPeak.toFixed(0)} MB, heap ${phase.heapStart.toFixed(0)} → peak ${phase.heapPeak.toFixed(0)} MB, ` +
      `external peak ${phase.externalPeak.toFixed(0)} MB; longest stall ${longestGap.toFixed(0)} ms; ` +
      `PostgreSQL ${phase.dbSeconds.toFixed(1)} s over ${phase.statements} statements (${topStatements(db, 5)}) — ${result}`,
  );
  return { phase, value };
}

type TCounts = {
  clients: number;
  active: number;
  waiting: number;
  closed: number;
  assignments: number;
  records: number;
  groups: number;
  participations: number;
  providers: number;
  auditClientCreate: number;
  auditClientAssign: number;
  auditServiceCreate: number;
  auditImport: number;
  issues: number;
};

async function countRows(tenantId: string): Promise<TCounts> {
  return withClient(OWNER_URL, async (db) => {
    const [row] = (
      await db.query<TCounts>(
        `SELECT (SELECT count(*)::int FROM client WHERE tenant_id = $1) AS clients,
                (SELECT count(*)::int FROM client WHERE tenant_id = $1 AND status = 'ACTIVE') AS active,
                (SELECT count(*)::int FROM client WHERE tenant_id = $1 AND status = 'WAITING') AS waiting,
                (SELECT count(*)::int FROM client WHERE tenant_id = $1 AND status = 'CLOSED') AS closed,
                (SELECT count(*)::int FROM client_assignment WHERE tenant_id = $1) AS assignments,
                (SELECT count(*)::int FROM service_record WHERE tenant_id = $1) AS records,
                (SELECT count(*)::int FROM service_record WHERE tenant_id = $1 AND form = 'GROUP') AS groups,
                (SELECT count(*)::int FROM service_participation WHERE tenant_id = $1) AS participations,
                (SELECT count(*)::int FROM service_provider WHERE tenant_id = $1) AS providers,
                (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1 AND action = 'client.create') AS "auditClientCreate",
                (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1 AND action = 'client.assign') AS "auditClientAssign",
                (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1 AND action = 'service.create') AS "auditServiceCreate",
                (SELECT count(*)::int FROM audit_log WHERE tenant_id = $1 AND action LIKE 'import.%') AS "auditImport",
                (SELECT count(*)::int FROM data_import_issue WHERE tenant_id = $1) AS issues`,
        [tenantId],
      )
    ).rows;
    if (!row) throw new Error("no counts");
    return row;
  });
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`Sanity check failed: ${message}`);
}

// ── main ──────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]?.toFixed(1) ?? "?";
  console.log(`Creating ${DB_NAME} and migrating… (load average ${loadAtStart})`);
  await database.create();
  let keep = args.keep;
  const dir = mkdtempSync(path.join(os.tmpdir(), "owes-bench-import-"));
  try {
    const { tenantId, manager } = await seedCentre();
    console.log(`Seeded a centre: ${ADVISORS} key advisors (cap ${CAP}), ${OFFICE_NAMES.length} offices, a manager.`);

    // ── the files, as a manager would bring them ──
    const buildStart = Date.now();
    const clientsFile = path.join(dir, "klienci.xlsx");
    const serviceable: TServiceable[] = [];
    const usedNips = new Set<string>();
    let nextNip = 0;
    const uniqueNip = () => {
      // nipNumber(n) skips invalid check digits and can land on nipNumber(n + 1): keep them distinct.
      let value = nipNumber(nextNip++);
      while (usedNips.has(value)) value = nipNumber(nextNip++);
      usedNips.add(value);
      return value;
    };
    let expectedActive = 0;
    const clientBytes = await streamedXlsx(
      clientsFile,
      CLIENT_COLUMNS,
      (function* () {
        for (let i = 0; i < CLIENTS; i++) {
          const { cells, serviceable: client } = clientRow(i, uniqueNip);
          if (client) serviceable.push(client);
          if (cells.advisorEmail) expectedActive += 1;
          yield cells;
        }
      })(),
    );
    const clientsBuilt = (Date.now() - buildStart) / 1000;
    const rowsOfServices = serviceRows(serviceable, SERVICES);
    const expectedParticipations = rowsOfServices.reduce((sum, row) => sum + (row.clients ?? "").split(";").length, 0);
    const expectedProviders = rowsOfServices.reduce((sum, row) => sum + (row.providers ?? "").split(";").length, 0);
    const expectedGroups = rowsOfServices.filter((row) => row.form === "Grupowa").length;
    const servicesStart = Date.now();
    const serviceBytes = await streamedXlsx(path.join(dir, "uslugi.xlsx"), SERVICE_COLUMNS, rowsOfServices);
    const servicesBuilt = (Date.now() - servicesStart) / 1000;
    const csvBytes = new TextEncoder().encode(servicesCsv(rowsOfServices));
    writeFileSync(path.join(dir, "uslugi.csv"), csvBytes);
    rowsOfServices.length = 0;
    const sizes = {
      clientsXlsx: clientBytes.byteLength,
      servicesXlsx: serviceBytes.byteLength,
      servicesCsv: csvBytes.byteLength,
    };
    console.log(
      `Files: clients XLSX ${(sizes.clientsXlsx / MB).toFixed(2)} MB (${CLIENTS} rows, ${clientsBuilt.toFixed(1)} s), ` +
        `services XLSX ${(sizes.servicesXlsx / MB).toFixed(2)} MB (${SERVICES} rows, ${servicesBuilt.toFixed(1)} s), services CSV ${(sizes.servicesCsv / MB).toFixed(2)} MB. ` +
        `${expectedActive} clients with an advisor, ${serviceable.length} clients taking services, ${expectedGroups} group sessions.`,
    );

    const { startImport, commitImport, getImportProgress } = await import("@/lib/domain/imports/service");
    const { runImportValidation, runImportCommit } = await import("@/lib/domain/imports/run");
    const { prisma } = await import("@/lib/db/client");
    const phases: TPhase[] = [];
    try {
      type TProgress = Awaited<ReturnType<typeof getImportProgress>>;
      const describe = (p: TProgress) =>
        `${p.status}: ${p.totalRows} rows, ${p.toCreate} to create, ${p.toUpdate} to update, ${p.toSkip} to skip, ${p.invalidRows} invalid` + (p.failure ? ` (${p.failure})` : "");
      const firstIssues = async (importId: string) =>
        withClient(OWNER_URL, async (db) => (await db.query(`SELECT row_number, "column", message, params FROM data_import_issue WHERE import_id = $1 ORDER BY row_number LIMIT 10`, [importId])).rows);

      /** Upload and dry run: returns the import's id once VALID (anything else stops the bench with the first issues). */
      const dryRun = async (label: string, kind: "CLIENTS" | "SERVICES", fileName: string, bytes: Uint8Array, rows: number) => {
        const { phase, value } = await measurePhase(
          label,
          rows,
          async () => {
            const { id } = await startImport(manager, { kind, fileName }, bytes);
            await runImportValidation(tenantId, id);
            return { importId: id, checked: await getImportProgress(manager, id) };
          },
          ({ checked }) => describe(checked),
        );
        phases.push(phase);
        if (value.checked.status !== "VALID") {
          console.error(`First issues: ${JSON.stringify(await firstIssues(value.importId))}`);
          if (value.checked.failure === "unreadable" && value.checked.processedRows > 0) {
            // Every row was read, then the reader failed: see "Problems found" in docs/benchmarks.md.
            console.error("The file was read to its end and then refused as unreadable: the XLSX reader's FILE_ENDED problem; DATABASE_POOL_SIZE=1 avoids it.");
          }
          throw new Error(`${label}: not VALID`);
        }
        return value;
      };
      /** Starts the import of a clean dry run and runs it; returns its final state once IMPORTED. */
      const commit = async (label: string, importId: string, rows: number) => {
        const { phase, value } = await measurePhase(
          label,
          rows,
          async () => {
            await commitImport(manager, importId);
            await runImportCommit(tenantId, importId);
            return getImportProgress(manager, importId);
          },
          describe,
        );
        phases.push(phase);
        check(value.status === "IMPORTED", `${label}: ${describe(value)}; first issues ${JSON.stringify(await firstIssues(importId))}`);
        return value;
      };

      console.log("\nPhases (each after a full GC; the manager, app role, row-level security on):");
      const clientsDry = await dryRun("Clients XLSX — dry run", "CLIENTS", "klienci.xlsx", clientBytes, CLIENTS);
      check(clientsDry.checked.toCreate === CLIENTS, `clients dry run plans ${clientsDry.checked.toCreate} creates of ${CLIENTS}`);
      const clientsDone = await commit("Clients XLSX — import", clientsDry.importId, CLIENTS);
      check(clientsDone.toCreate === CLIENTS, `clients import created ${clientsDone.toCreate} of ${CLIENTS}`);
      const afterClients = await countRows(tenantId);
      check(afterClients.clients === CLIENTS && afterClients.active === expectedActive && afterClients.assignments === expectedActive, `client counts ${JSON.stringify(afterClients)}`);

      const csvDry = await dryRun("Services CSV — dry run", "SERVICES", "uslugi.csv", csvBytes, SERVICES);
      check(csvDry.checked.toCreate === SERVICES, `services CSV dry run plans ${csvDry.checked.toCreate} creates of ${SERVICES}`);
      const xlsxDry = await dryRun("Services XLSX — dry run", "SERVICES", "uslugi.xlsx", serviceBytes, SERVICES);
      check(xlsxDry.checked.toCreate === SERVICES, `services XLSX dry run plans ${xlsxDry.checked.toCreate} creates of ${SERVICES}`);
      const servicesDone = await commit("Services XLSX — import", xlsxDry.importId, SERVICES);
      check(servicesDone.toCreate === SERVICES, `services import created ${servicesDone.toCreate} of ${SERVICES}`);
      const afterServices = await countRows(tenantId);
      check(
        afterServices.records === SERVICES && afterServices.participations === expectedParticipations && afterServices.providers === expectedProviders && afterServices.groups === expectedGroups,
        `service counts ${JSON.stringify(afterServices)}`,
      );
      // The CSV's dry run (before the import) found every row new; imported now, every row is already there.
      const again = await commit("Services CSV — import of the same rows again", csvDry.importId, SERVICES);
      check(again.toCreate === 0 && again.toSkip === SERVICES, `re-import: ${describe(again)}`);
      const final = await countRows(tenantId);
      check(final.records === SERVICES, `re-import wrote records: ${final.records}`);
      console.log("\nRows written:", final);

      // ── report ──
      const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
      const table = [
        "| phase | rows | wall s | rows/s | Node CPU s | PostgreSQL s (statements) | RSS MB start → peak | heap MB start → peak | external MB peak | longest stall ms | outcome |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        ...phases.map(
          (p) =>
            `| ${p.name} | ${fmt(p.rows)} | ${fmt(p.seconds, 1)} | ${fmt(p.rows / p.seconds)} | ${fmt(p.cpuSeconds, 1)} | ${fmt(p.dbSeconds, 1)} (${fmt(p.statements)}) | ` +
            `${fmt(p.rssStart)} → **${fmt(p.rssPeak)}** | ${fmt(p.heapStart)} → **${fmt(p.heapPeak)}** | ${fmt(p.externalPeak)} | ${fmt(p.longestGapMs)} | ${p.result} |`,
        ),
      ].join("\n");
      const statementLines = phases.map((p) => `- ${p.name}: ${topStatements(p.db, 6)}.`).join("\n");
      const written =
        `**Rows written** (counted in the tables afterwards): ${fmt(final.clients)} clients (${fmt(final.active)} active with ${fmt(final.assignments)} assignment rows, ` +
        `${fmt(final.waiting)} waiting, ${fmt(final.closed)} closed); ${fmt(final.records)} service records (${fmt(final.groups)} group sessions), ` +
        `${fmt(final.participations)} participations, ${fmt(final.providers)} provider rows; audit: ${fmt(final.auditClientCreate)} client.create, ` +
        `${fmt(final.auditClientAssign)} client.assign, ${fmt(final.auditServiceCreate)} service.create, ${fmt(final.auditImport)} import.* entries; ` +
        `${fmt(final.issues)} report issues. The re-import of the same services (as CSV) wrote no record.`;
      const highWater = Math.max(...phases.map((p) => p.maxRss));
      const version = await withClient(OWNER_URL, async (db) => (await db.query<{ version: string }>(`SELECT current_setting('server_version') AS version`)).rows[0]?.version ?? "?");
      const cpu = os.cpus()[0]?.model ?? "unknown CPU";
      const loadAtEnd = os.loadavg()[0]?.toFixed(1) ?? "?";
      const figures = [
        `Measured ${todayInPoland()} on ${os.cpus().length} vCPU (${cpu}), ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, PostgreSQL ${version} (default settings, same machine), ` +
          `Node ${process.version}; app pool DATABASE_POOL_SIZE=${process.env.DATABASE_POOL_SIZE ?? "10 (default)"}; load average ${loadAtStart} at the start, ${loadAtEnd} at the end. Centre: ${ADVISORS} key advisors (cap ${CAP}), ${OFFICE_NAMES.length} offices. ` +
          `Files (exceljs streaming writer, shared strings): clients XLSX ${fmt(sizes.clientsXlsx / MB, 2)} MB (${fmt(CLIENTS)} rows × ${CLIENT_COLUMNS.length} columns), ` +
          `services XLSX ${fmt(sizes.servicesXlsx / MB, 2)} MB and the same services as a UTF-8 CSV ${fmt(sizes.servicesCsv / MB, 2)} MB (${fmt(SERVICES)} rows × ${SERVICE_COLUMNS.length} columns). ` +
          `Each phase starts after a full garbage collection; RSS and heap sampled every ${SAMPLE_MS} ms (the bench process also holds the three files, ~${fmt((sizes.clientsXlsx + sizes.servicesXlsx + sizes.servicesCsv) / MB)} MB). ` +
          `The process's resident high-water mark (getrusage) over the whole run: ${fmt(highWater)} MB. The whole run took ${fmt((Date.now() - started) / 60_000, 1)} min.`,
        "",
        table,
        "",
        "Time in PostgreSQL by statement (count × total wait; the rest of a phase's wall time is Node: reading, checking, Prisma building the statements):",
        "",
        statementLines,
        "",
        written,
      ].join("\n");
      console.log(`\n${table}\n\n${statementLines}\n\n${written}\n\nResident high-water mark: ${fmt(highWater)} MB.`);
      if (args["write-doc"]) writeFigures("import", figures);
    } finally {
      await prisma.$disconnect();
    }
    console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } catch (error) {
    keep = true;
    console.error(`Failed; keeping ${DB_NAME} and the files in ${dir} for inspection.`);
    throw error;
  } finally {
    if (!keep) {
      rmSync(dir, { recursive: true, force: true });
      await database.drop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
