/**
 * Benchmark (issue 4), not a test: client search and the caseload board on a tenant with 300 key
 * advisors and 50,000 clients.
 *
 *   npm run bench:caseload -- [--runs 200] [--keep] [--write-doc]
 *
 * Builds its own database (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/owes_bench;
 * only a local server is accepted) from the migrations, seeds it with bulk inserts, ANALYZEs, then
 * times the real service functions through the app role (row-level security on), as a signed-in
 * manager would call them. Prints p50/p95/mean per query and the plans of the board query (the very
 * statement getCaseloadBoard runs, from lib/domain/caseload/board.ts) and the name search. The
 * seed's own load figures use the app's one definition of load (lib/domain/caseload/load.ts). `--write-doc` replaces the figures in docs/benchmarks.md; `--keep` keeps the database.
 */
import { randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { benchDatabase, bulkInsert, mulberry32, percentile, planSummary, withClient, writeFigures } from "./common";
import { todayInPoland } from "@/lib/dates";
import { advisorRowLoadSql } from "@/lib/domain/caseload/load";
import { foldForSearch } from "@/lib/domain/clients/normalize";

const { values: args } = parseArgs({
  options: {
    runs: { type: "string", default: "200" },
    keep: { type: "boolean", default: false },
    "write-doc": { type: "boolean", default: false },
  },
});
const RUNS = Number(args.runs);
const WARMUP = 20;

const database = benchDatabase("owes_bench");
const { ownerUrl: OWNER_URL, appUrl, dbName: DB_NAME } = database;
process.env.DATABASE_POOL_SIZE ??= "10";

const ADVISORS = 300;
const CLIENTS = 50_000;
const ACTIVE_TARGET = 4_000;

// ── data ──────────────────────────────────────────────────────────────────────────────────────

const FIRST_F = ["Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta", "Zofia", "Joanna", "Magdalena", "Monika", "Danuta", "Jadwiga", "Teresa", "Beata", "Dorota", "Aleksandra", "Łucja"];
const FIRST_M = ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin", "Stanisław", "Jakub", "Grzegorz", "Łukasz", "Adam", "Marek", "Józef", "Zbigniew", "Mariusz", "Wojciech", "Rafał", "Sławomir"];
// [masculine, feminine]
const SURNAMES: [string, string][] = [
  ["Nowak", "Nowak"], ["Kowalski", "Kowalska"], ["Wiśniewski", "Wiśniewska"], ["Wójcik", "Wójcik"], ["Kowalczyk", "Kowalczyk"],
  ["Kamiński", "Kamińska"], ["Lewandowski", "Lewandowska"], ["Zieliński", "Zielińska"], ["Szymański", "Szymańska"], ["Woźniak", "Woźniak"],
  ["Dąbrowski", "Dąbrowska"], ["Kozłowski", "Kozłowska"], ["Jankowski", "Jankowska"], ["Mazur", "Mazur"], ["Kwiatkowski", "Kwiatkowska"],
  ["Krawczyk", "Krawczyk"], ["Piotrowski", "Piotrowska"], ["Grabowski", "Grabowska"], ["Nowakowski", "Nowakowska"], ["Pawłowski", "Pawłowska"],
  ["Michalski", "Michalska"], ["Nowicki", "Nowicka"], ["Adamczyk", "Adamczyk"], ["Dudek", "Dudek"], ["Zając", "Zając"],
  ["Wieczorek", "Wieczorek"], ["Jabłoński", "Jabłońska"], ["Król", "Król"], ["Majewski", "Majewska"], ["Olszewski", "Olszewska"],
  ["Jaworski", "Jaworska"], ["Wróbel", "Wróbel"], ["Malinowski", "Malinowska"], ["Pawlak", "Pawlak"], ["Witkowski", "Witkowska"],
  ["Walczak", "Walczak"], ["Stępień", "Stępień"], ["Górski", "Górska"], ["Rutkowski", "Rutkowska"], ["Michalak", "Michalak"],
  ["Sikora", "Sikora"], ["Ostrowski", "Ostrowska"], ["Baran", "Baran"], ["Duda", "Duda"], ["Szewczyk", "Szewczyk"],
  ["Tomaszewski", "Tomaszewska"], ["Pietrzak", "Pietrzak"], ["Marciniak", "Marciniak"], ["Wróblewski", "Wróblewska"], ["Zalewski", "Zalewska"],
];
// [town, gmina, powiat, województwo]
const TOWNS: [string, string, string, string][] = [
  ["Kielce", "Kielce", "Kielce", "świętokrzyskie"], ["Busko-Zdrój", "Busko-Zdrój", "buski", "świętokrzyskie"],
  ["Sandomierz", "Sandomierz", "sandomierski", "świętokrzyskie"], ["Jędrzejów", "Jędrzejów", "jędrzejowski", "świętokrzyskie"],
  ["Końskie", "Końskie", "konecki", "świętokrzyskie"], ["Ostrowiec Świętokrzyski", "Ostrowiec Świętokrzyski", "ostrowiecki", "świętokrzyskie"],
  ["Starachowice", "Starachowice", "starachowicki", "świętokrzyskie"], ["Skarżysko-Kamienna", "Skarżysko-Kamienna", "skarżyski", "świętokrzyskie"],
  ["Pińczów", "Pińczów", "pińczowski", "świętokrzyskie"], ["Włoszczowa", "Włoszczowa", "włoszczowski", "świętokrzyskie"],
  ["Łódź", "Łódź", "Łódź", "łódzkie"], ["Zgierz", "Zgierz", "zgierski", "łódzkie"], ["Piotrków Trybunalski", "Piotrków Trybunalski", "Piotrków Trybunalski", "łódzkie"],
  ["Słupsk", "Słupsk", "Słupsk", "pomorskie"], ["Ustka", "Ustka", "słupski", "pomorskie"], ["Lębork", "Lębork", "lęborski", "pomorskie"],
  ["Kraków", "Kraków", "Kraków", "małopolskie"], ["Tarnów", "Tarnów", "Tarnów", "małopolskie"], ["Nowy Sącz", "Nowy Sącz", "Nowy Sącz", "małopolskie"],
  ["Żywiec", "Żywiec", "żywiecki", "śląskie"],
];
const ORG_FORMS: [string, string, string | null][] = [
  // [kind, name prefix, subtype]
  ["NGO", "Stowarzyszenie", null],
  ["NGO", "Fundacja", null],
  ["SOCIAL_COOPERATIVE", "Spółdzielnia Socjalna", null],
  ["OTHER_COOPERATIVE", "Spółdzielnia Pracy", "WORK"],
  ["SOCIAL_ENTERPRISE", "Przedsiębiorstwo Społeczne", null],
  ["REINTEGRATION_ENTITY", "Centrum Integracji Społecznej", "CIS"],
  ["REINTEGRATION_ENTITY", "Warsztat Terapii Zajęciowej", "WTZ"],
  ["INITIATIVE_GROUP", "Grupa inicjatywna", null],
  ["BUSINESS", "Zakład Usługowy", null],
  ["CHURCH_ENTITY", "Parafia", null],
];
const ORG_THEMES = ["Razem", "Nadzieja", "Horyzont", "Pod Dębem", "Zielona Dolina", "Wspólna Sprawa", "Dobry Start", "Przystań", "Tęcza", "Nowe Możliwości", "Sąsiedzi", "Źródło", "Łączy Nas Pasja", "Kuźnia", "Krok Dalej"];

const random = mulberry32(4);
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("empty list");
  return item;
}

const NIP_WEIGHTS = [6, 5, 7, 2, 3, 4, 5, 6, 7];
/** A NIP with a valid check digit, unique per `n` (null when the check digit would be 10). */
function nipFor(n: number): string | null {
  const base = String(100_000_000 + n * 37).padStart(9, "0");
  const check = [...base].reduce((sum, digit, i) => sum + Number(digit) * (NIP_WEIGHTS[i] ?? 0), 0) % 11;
  return check === 10 ? null : `${base}${check}`;
}

// ── database ──────────────────────────────────────────────────────────────────────────────────




type TSeed = { tenantId: string; managerId: string; coordinatorId: string; partnerIds: string[]; officeIds: string[]; nips: string[] };


async function seed(): Promise<TSeed> {
  return withClient(OWNER_URL, async (db) => {
    const tenantId = randomUUID();
    await db.query(`INSERT INTO tenant (id, name, slug, max_clients_per_advisor, updated_at) VALUES ($1, 'OWES Benchmark', 'owes-bench', 15, now())`, [tenantId]);
    const partnerIds = [randomUUID(), randomUUID()];
    await bulkInsert(db, "partner", { id: "uuid", tenant_id: "uuid", name: "text", updated_at: "timestamptz" }, [
      { id: partnerIds[0], tenant_id: tenantId, name: "Fundacja Rozwoju Przedsiębiorczości Społecznej", updated_at: new Date() },
      { id: partnerIds[1], tenant_id: tenantId, name: "Stowarzyszenie Ekonomii Społecznej Horyzont", updated_at: new Date() },
    ]);
    const officeIds = [randomUUID(), randomUUID(), randomUUID()];
    await bulkInsert(db, "office", { id: "uuid", tenant_id: "uuid", name: "text", address: "text", updated_at: "timestamptz" }, [
      { id: officeIds[0], tenant_id: tenantId, name: "Kielce", address: "ul. Sienkiewicza 1, Kielce", updated_at: new Date() },
      { id: officeIds[1], tenant_id: tenantId, name: "Busko-Zdrój", address: "ul. Rynek 2, Busko-Zdrój", updated_at: new Date() },
      { id: officeIds[2], tenant_id: tenantId, name: "Sandomierz", address: "ul. Mickiewicza 3, Sandomierz", updated_at: new Date() },
    ]);

    // Staff: 300 key advisors across both partners and the three offices; most with the tenant's
    // maximum, some part-time with a lower own limit.
    type TUser = { id: string; tenant_id: string; partner_id: string | null; office_id: string | null; email: string; name: string; role: string; password_hash: string; caseload_limit: number | null; updated_at: Date };
    const staff: TUser[] = [];
    const person = (i: number) => {
      const female = i % 2 === 0;
      const surname = pick(SURNAMES);
      return `${pick(female ? FIRST_F : FIRST_M)} ${female ? surname[1] : surname[0]}`;
    };
    const user = (i: number, role: string, name: string, partner: number | null, limit: number | null = null): TUser => ({
      id: randomUUID(),
      tenant_id: tenantId,
      partner_id: partner === null ? null : (partnerIds[partner] ?? null),
      office_id: officeIds[i % 3] ?? null,
      email: `${role.toLowerCase()}-${i}@bench.example`,
      name,
      role,
      password_hash: "not-a-real-hash",
      caseload_limit: limit,
      updated_at: new Date(),
    });
    const manager = user(0, "MANAGER", "Maria Kierownik", null);
    const coordinator = user(0, "COORDINATOR", "Katarzyna Koordynator", 0);
    staff.push(manager, coordinator, user(1, "COORDINATOR", "Tomasz Koordynator", 1));
    const advisors: TUser[] = [];
    for (let i = 0; i < ADVISORS; i++) {
      const limit = i % 10 === 3 ? 12 : i % 15 === 7 ? 10 : null;
      advisors.push(user(i, "KEY_ADVISOR", `${person(i)} (${i + 1})`, i % 2, limit));
    }
    staff.push(...advisors);
    await bulkInsert(
      db,
      "user",
      { id: "uuid", tenant_id: "uuid", partner_id: "uuid", office_id: "uuid", email: "text", name: "text", role: '"Role"', password_hash: "text", caseload_limit: "int", updated_at: "timestamptz" },
      staff,
    );

    // Clients: persons and organisations with Polish names, towns, NIPs for organisations;
    // ~4,000 active spread over the advisors within their limits, the rest waiting or closed.
    const capacity = new Map(advisors.map((a) => [a.id, a.caseload_limit ?? 15]));
    const load = new Map<string, number>();
    let nextAdvisor = 0;
    const nextFreeAdvisor = (): TUser | null => {
      for (let tries = 0; tries < advisors.length; tries++) {
        const advisor = advisors[nextAdvisor % advisors.length];
        nextAdvisor++;
        if (advisor && (load.get(advisor.id) ?? 0) < (capacity.get(advisor.id) ?? 0)) return advisor;
      }
      return null;
    };
    const clients: Record<string, unknown>[] = [];
    const assignments: Record<string, unknown>[] = [];
    const nips: string[] = [];
    const now = Date.now();
    let active = 0;
    for (let n = 1; n <= CLIENTS; n++) {
      const [town, commune, county, voivodeship] = pick(TOWNS);
      const isPerson = random() < 0.55;
      let kind = "PERSON";
      let subtype: string | null = null;
      let name: string;
      let nip: string | null = null;
      if (isPerson) {
        name = person(n);
      } else {
        const [orgKind, prefix, orgSubtype] = pick(ORG_FORMS);
        kind = orgKind;
        subtype = orgSubtype;
        name = `${prefix} „${pick(ORG_THEMES)}” w ${town}`;
        if (kind !== "INITIATIVE_GROUP") nip = nipFor(n);
        if (random() < 0.08) {
          kind = "LOCAL_GOVERNMENT";
          subtype = "GMINA";
          name = `Gmina ${commune} (${n})`;
        }
      }
      if (nip) nips.push(nip);
      const roll = random();
      let status = roll < 0.3 ? "WAITING" : "CLOSED";
      let advisor: TUser | null = null;
      if (active < ACTIVE_TARGET && n % 12 === 0) {
        advisor = nextFreeAdvisor();
        if (advisor) {
          status = "ACTIVE";
          active++;
          load.set(advisor.id, (load.get(advisor.id) ?? 0) + 1);
        }
      }
      const id = randomUUID();
      const createdAt = new Date(now - Math.floor(random() * 730) * 86_400_000);
      clients.push({
        id,
        tenant_id: tenantId,
        kind,
        subtype,
        name,
        name_normalized: foldForSearch(name),
        status,
        nip,
        email: isPerson ? null : `biuro${n}@example.pl`,
        phone: `+48 ${600_000_000 + n}`,
        voivodeship,
        county,
        commune,
        town,
        town_normalized: foldForSearch(town),
        office_id: officeIds[n % 3],
        key_advisor_id: advisor?.id ?? null,
        waiting_since: status === "WAITING" ? createdAt : null,
        at_risk_of_exclusion: isPerson && random() < 0.4,
        created_at: createdAt,
        updated_at: createdAt,
      });
      if (advisor) {
        assignments.push({ id: randomUUID(), tenant_id: tenantId, client_id: id, advisor_id: advisor.id, assigned_by_id: manager.id, assigned_at: createdAt });
      }
    }
    await bulkInsert(
      db,
      "client",
      {
        id: "uuid", tenant_id: "uuid", kind: '"ClientKind"', subtype: "text", name: "text", name_normalized: "text", status: '"ClientStatus"', nip: "text",
        email: "text", phone: "text", voivodeship: "text", county: "text", commune: "text", town: "text", town_normalized: "text", office_id: "uuid",
        key_advisor_id: "uuid", waiting_since: "timestamptz", at_risk_of_exclusion: "bool", created_at: "timestamptz", updated_at: "timestamptz",
      },
      clients,
    );
    await bulkInsert(
      db,
      "client_assignment",
      { id: "uuid", tenant_id: "uuid", client_id: "uuid", advisor_id: "uuid", assigned_by_id: "uuid", assigned_at: "timestamptz" },
      assignments,
    );
    // A few advisors whose limit was lowered below their load: the board shows them over the limit.
    await db.query(
      `UPDATE "user" SET caseload_limit = 8
       WHERE id IN (SELECT u.id FROM "user" u WHERE u.tenant_id = $1 AND (${advisorRowLoadSql.text}) >= 12 ORDER BY u.id LIMIT 5)`,
      [tenantId],
    );
    // VACUUM too: a steady-state table has its visibility map set (index-only scans skip the heap).
    await db.query(`VACUUM ANALYZE`);
    return { tenantId, managerId: manager.id, coordinatorId: coordinator.id, partnerIds, officeIds, nips };
  });
}

// ── measurement ───────────────────────────────────────────────────────────────────────────────

type TResult = { name: string; runs: number; p50: number; p95: number; mean: number; max: number; rows: string };


/** Times `run` RUNS times after WARMUP untimed runs; `describeRows` says what the calls returned (distinct answers joined). */
async function measure(name: string, run: (i: number) => Promise<unknown>, describeRows: (result: unknown) => string): Promise<TResult> {
  for (let i = 0; i < WARMUP; i++) await run(i);
  const times: number[] = [];
  const answers = new Set<string>();
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const result = await run(i);
    times.push(performance.now() - start);
    answers.add(describeRows(result));
  }
  times.sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const rows = answers.size <= 2 ? [...answers].join(", ") : `${answers.size} different answers`;
  return { name, runs: RUNS, p50: percentile(times, 50), p95: percentile(times, 95), mean, max: times[times.length - 1] ?? Number.NaN, rows };
}

/** EXPLAIN (ANALYZE, BUFFERS) as the app role, with the tenant set as the services set it. */
async function explain(tenantId: string, sql: string, params: unknown[], as: string | URL = appUrl): Promise<string[]> {
  return withClient(as, async (db) => {
    await db.query("BEGIN");
    try {
      await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      const result = await db.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      return result.rows.map((r) => r["QUERY PLAN"]);
    } finally {
      await db.query("ROLLBACK");
    }
  });
}

/** What findClients asks for a name fragment (Prisma's `contains` is LIKE '%…%'), written out for EXPLAIN. */
const NAME_SEARCH_SQL = `
  SELECT id, name, kind, status, town, key_advisor_id, office_id FROM client
  WHERE tenant_id = $1::uuid AND name_normalized LIKE '%' || $2 || '%'
  ORDER BY name_normalized, id LIMIT 25 OFFSET 0`;
/** What findClients asks for a whole identifier (any of the four, exact). */
const IDENTIFIER_SEARCH_SQL = `
  SELECT id, name, kind, status, town, key_advisor_id, office_id FROM client
  WHERE tenant_id = $1::uuid AND (pesel = $2 OR nip = $2 OR regon = $2 OR krs = $2)
  ORDER BY name_normalized, id LIMIT 25 OFFSET 0`;
const NAME_COUNT_SQL = `SELECT count(*) FROM client WHERE tenant_id = $1::uuid AND name_normalized LIKE '%' || $2 || '%'`;


// ── main ──────────────────────────────────────────────────────────────────────────────────────

async function main() {
  const started = Date.now();
  const loadAtStart = os.loadavg()[0]?.toFixed(1) ?? "?";
  console.log(`Creating ${DB_NAME} and migrating…`);
  await database.create();
  let keep = args.keep;
  try {
    const seedStart = Date.now();
    const data = await seed();
    const [counts] = await withClient(OWNER_URL, async (db) =>
      (
        await db.query<{ clients: number; active: number; waiting: number; closed: number; advisors: number; over: number }>(
          `SELECT (SELECT count(*)::int FROM client) AS clients,
                  (SELECT count(*)::int FROM client WHERE status = 'ACTIVE') AS active,
                  (SELECT count(*)::int FROM client WHERE status = 'WAITING') AS waiting,
                  (SELECT count(*)::int FROM client WHERE status = 'CLOSED') AS closed,
                  (SELECT count(*)::int FROM "user" WHERE role = 'KEY_ADVISOR') AS advisors,
                  (SELECT count(*)::int FROM "user" u WHERE caseload_limit < (${advisorRowLoadSql.text})) AS over`,
        )
      ).rows,
    );
    console.log(`Seeded in ${((Date.now() - seedStart) / 1000).toFixed(1)} s:`, counts);

    const { findClients } = await import("@/lib/domain/clients/service");
    const { getCaseloadBoard, listAssignableAdvisors } = await import("@/lib/domain/caseload/service");
    const { caseloadBoardStatements } = await import("@/lib/domain/caseload/board");
    const { prisma } = await import("@/lib/db/client");
    const ctx = { userId: data.managerId, tenantId: data.tenantId, role: "MANAGER" as const, partnerId: null, requestId: "bench" };
    const coordinatorCtx = { ...ctx, userId: data.coordinatorId, role: "COORDINATOR" as const, partnerId: data.partnerIds[0] ?? null };
    const fragments = ["kowal", "nowak", "wiśniew", "spółdz", "fundacja", "horyzont", "lodz", "zielin", "gmina kiel", "zofia zajac", "dąbrow", "pod debem"];
    const page = (r: unknown) => {
      const p = r as { items: unknown[]; total: number };
      return `${p.items.length} of ${p.total}`;
    };
    const totals: number[] = [];
    const pageOfMany = (r: unknown) => {
      const p = r as { items: unknown[]; total: number };
      totals.push(p.total);
      return "";
    };

    const results: TResult[] = [];
    try {
      const byName = await measure("findClients — name fragment (12 fragments, first page)", (i) => findClients(ctx, { q: fragments[i % fragments.length] }), pageOfMany);
      results.push({ ...byName, rows: `≤ 25 of ${Math.min(...totals)}–${Math.max(...totals)}` });
      results.push(await measure("findClients — whole NIP", (i) => findClients(ctx, { q: data.nips[(i * 97) % data.nips.length] }), page));
      results.push(await measure("findClients — waiting, no query (page 1)", () => findClients(ctx, { status: "WAITING" }), page));
      results.push(await measure("getCaseloadBoard — first page (25)", () => getCaseloadBoard(ctx, {}), page));
      results.push(await measure("getCaseloadBoard — partner filter", (i) => getCaseloadBoard(ctx, { partnerId: data.partnerIds[i % 2] }), page));
      results.push(await measure("getCaseloadBoard — over limit only", () => getCaseloadBoard(ctx, { overLimitOnly: true }), page));
      results.push(await measure("listAssignableAdvisors — manager (all 300)", () => listAssignableAdvisors(ctx), (r) => `${(r as unknown[]).length}`));
      results.push(await measure("listAssignableAdvisors — coordinator (own partner)", () => listAssignableAdvisors(coordinatorCtx), (r) => `${(r as unknown[]).length}`));
    } finally {
      await prisma.$disconnect();
    }

    const fmt = (ms: number) => ms.toFixed(1);
    const table = [
      "| query | rows returned | p50 ms | p95 ms | mean ms | max ms |",
      "| --- | --- | ---: | ---: | ---: | ---: |",
      ...results.map((r) => `| ${r.name} | ${r.rows} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.mean)} | ${fmt(r.max)} |`),
    ].join("\n");
    console.log(`\n${RUNS} timed runs each after ${WARMUP} warm-up runs, end to end through the services (one transaction each, app role, RLS on):\n`);
    console.log(table);

    // The statements getCaseloadBoard ran above (first page, no filters; the coordinator's scoped one).
    const board = caseloadBoardStatements(ctx, {}).rows;
    const coordinatorBoard = caseloadBoardStatements(coordinatorCtx, {}).rows;
    const plans = {
      board: await explain(data.tenantId, board.text, board.values),
      coordinatorBoard: await explain(data.tenantId, coordinatorBoard.text, coordinatorBoard.values),
      name: await explain(data.tenantId, NAME_SEARCH_SQL, [data.tenantId, "kowal"]),
      nameCount: await explain(data.tenantId, NAME_COUNT_SQL, [data.tenantId, "kowal"]),
      nip: await explain(data.tenantId, IDENTIFIER_SEARCH_SQL, [data.tenantId, data.nips[0]]),
      nameCountNoRls: await explain(data.tenantId, NAME_COUNT_SQL, [data.tenantId, "kowal"], OWNER_URL),
      nameRare: await explain(data.tenantId, NAME_SEARCH_SQL, [data.tenantId, "zofia zajac"]),
    };
    for (const [name, plan] of Object.entries(plans)) console.log(`\nEXPLAIN (ANALYZE, BUFFERS) ${name}:\n${plan.join("\n")}`);
    const planLines = [
      `- board, first page: ${planSummary(plans.board)}`,
      `- board of a coordinator (own partner), first page: ${planSummary(plans.coordinatorBoard)}`,
      `- whole NIP: ${planSummary(plans.nip)}`,
      `- name search "kowal", page: ${planSummary(plans.name)}`,
      `- name search "kowal", count: ${planSummary(plans.nameCount)}`,
      `- name search "zofia zajac" (few matches), page: ${planSummary(plans.nameRare)}`,
      `- the same count as the database owner (no row-level security): ${planSummary(plans.nameCountNoRls)}`,
    ].join("\n");
    console.log(`\n${planLines}`);

    const machine = await withClient(OWNER_URL, async (db) => (await db.query<{ version: string }>(`SELECT current_setting('server_version') AS version`)).rows[0]?.version ?? "?");
    const cpu = os.cpus()[0]?.model ?? "unknown CPU";
    const figures = [
      `Measured ${todayInPoland()} on ${os.cpus().length} vCPU (${cpu}), ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, ` +
        `PostgreSQL ${machine} (default settings, same machine), Node ${process.version}; load average at the start ${loadAtStart}. Data: ${counts?.clients} clients ` +
        `(${counts?.active} active, ${counts?.waiting} waiting, ${counts?.closed} closed), ${counts?.advisors} key advisors ` +
        `(${counts?.over} over their limit), 2 partners, 3 offices. ${RUNS} timed runs per query after ${WARMUP} warm-up runs.`,
      "",
      table,
      "",
      "Plans (EXPLAIN (ANALYZE, BUFFERS), app role with the tenant set):",
      "",
      planLines,
    ].join("\n");
    if (args["write-doc"]) writeFigures("caseload", figures);
    console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } catch (error) {
    keep = true;
    console.error(`Failed; keeping ${DB_NAME} for inspection.`);
    throw error;
  } finally {
    if (!keep) await database.drop();
  }
}



main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
