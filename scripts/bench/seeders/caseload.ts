/**
 * The caseload benchmark's data (scripts/bench/caseload.ts), shared with the page benchmark
 * (scripts/bench/pages.ts): a tenant with 300 key advisors (2 partners, 3 offices) and 50,000
 * clients, ~4,000 of them active within their advisors' limits. Staff sign in as
 * manager-0@bench.example, coordinator-0@bench.example, key_advisor-<i>@bench.example.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { bulkInsert, mulberry32 } from "../common";
import { advisorRowLoadSql } from "@/lib/domain/caseload/load";
import { foldForSearch } from "@/lib/domain/clients/normalize";

export const ADVISORS = 300;
export const CLIENTS = 50_000;
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

export type TCaseloadSeed = { tenantId: string; managerId: string; coordinatorId: string; partnerIds: string[]; officeIds: string[]; nips: string[] };

/** Seeds the tenant (the caller VACUUM ANALYZEs). */
export async function seedCaseloadTenant(db: pg.Client, { slug = "owes-bench", passwordHash = "not-a-real-hash" }: { slug?: string; passwordHash?: string } = {}): Promise<TCaseloadSeed> {
  const tenantId = randomUUID();
  await db.query(`INSERT INTO tenant (id, name, slug, max_clients_per_advisor, updated_at) VALUES ($1, 'OWES Benchmark', $2, 15, now())`, [tenantId, slug]);
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
    password_hash: passwordHash,
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
  return { tenantId, managerId: manager.id, coordinatorId: coordinator.id, partnerIds, officeIds, nips };
}
