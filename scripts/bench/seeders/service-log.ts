/**
 * The service-log benchmark's data (scripts/bench/services.ts), shared with the page benchmark
 * (scripts/bench/pages.ts): a tenant with its offices, partners, a manager, key advisors with 15
 * active clients each, and years of service log loaded with a few large INSERT … SELECT statements.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { bulkInsert, mulberry32 } from "../common";
import { TIME_ZONE } from "@/lib/dates";
import { foldForSearch } from "@/lib/domain/clients/normalize";

export const OFFICES = 5;
export const CLIENTS_PER_ADVISOR = 15;
/** What the seeded users' password_hash holds when the caller needs no sign-in. */
export const NO_PASSWORD = "not-a-real-hash";

// ── data ──────────────────────────────────────────────────────────────────────────────────────

const FIRST_F = ["Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta", "Zofia", "Joanna", "Magdalena", "Monika", "Danuta", "Jadwiga", "Teresa", "Beata", "Dorota", "Aleksandra", "Łucja"];
const FIRST_M = ["Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Jan", "Michał", "Marcin", "Stanisław", "Jakub", "Grzegorz", "Łukasz", "Adam", "Marek", "Józef", "Zbigniew", "Mariusz", "Wojciech", "Rafał", "Sławomir"];
// [masculine, feminine]
const SURNAMES: [string, string][] = [
  ["Nowak", "Nowak"], ["Kowalski", "Kowalska"], ["Wiśniewski", "Wiśniewska"], ["Wójcik", "Wójcik"], ["Kowalczyk", "Kowalczyk"],
  ["Kamiński", "Kamińska"], ["Lewandowski", "Lewandowska"], ["Zieliński", "Zielińska"], ["Szymański", "Szymańska"], ["Woźniak", "Woźniak"],
  ["Dąbrowski", "Dąbrowska"], ["Kozłowski", "Kozłowska"], ["Jankowski", "Jankowska"], ["Mazur", "Mazur"], ["Kwiatkowski", "Kwiatkowska"],
  ["Krawczyk", "Krawczyk"], ["Piotrowski", "Piotrowska"], ["Grabowski", "Grabowska"], ["Nowakowski", "Nowakowska"], ["Pawłowski", "Pawłowska"],
];
const OFFICE_TOWNS = ["Kielce", "Busko-Zdrój", "Sandomierz", "Jędrzejów", "Końskie"];
const ORG_NAMES = ["Stowarzyszenie „Razem”", "Fundacja „Nadzieja”", "Spółdzielnia Socjalna „Horyzont”", "Centrum Integracji Społecznej „Pod Dębem”", "Grupa inicjatywna „Zielona Dolina”", "Spółdzielnia Socjalna „Wspólna Sprawa”"];
export const TOPICS = [
  "Biznesplan spółdzielni socjalnej", "Wniosek o dotację na utworzenie miejsc pracy", "Statut stowarzyszenia", "Rejestracja w KRS",
  "Wsparcie pomostowe — rozliczenie", "Plan marketingowy", "Zamówienia publiczne z klauzulami społecznymi", "Animacja grupy inicjatywnej",
  "Księgowość organizacji pozarządowej", "Ekonomizacja działalności fundacji", "Rekrutacja pracowników", "Monitoring po utworzeniu miejsca pracy",
];

const random = mulberry32(6);
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("empty list");
  return item;
}
function person(i: number): string {
  const female = i % 2 === 0;
  const surname = pick(SURNAMES);
  return `${pick(female ? FIRST_F : FIRST_M)} ${female ? surname[1] : surname[0]}`;
}

export type TAdvisor = { id: string; partnerId: string; clientIds: string[] };
export type TTenantSeed = { tenantId: string; advisors: TAdvisor[] };

/** A tenant with its offices, partners, a manager (manager@bench.example), `advisors` key advisors (advisor-<i>@bench.example) and 15 active clients each. */
export async function seedServiceTenant(db: pg.Client, slug: string, name: string, advisorCount: number, passwordHash = NO_PASSWORD): Promise<TTenantSeed> {
  const tenantId = randomUUID();
  const now = new Date();
  await db.query(`INSERT INTO tenant (id, name, slug, max_clients_per_advisor, updated_at) VALUES ($1, $2, $3, $4, now())`, [tenantId, name, slug, CLIENTS_PER_ADVISOR]);
  const partnerIds = [randomUUID(), randomUUID()];
  await bulkInsert(db, "partner", { id: "uuid", tenant_id: "uuid", name: "text", updated_at: "timestamptz" }, [
    { id: partnerIds[0], tenant_id: tenantId, name: "Fundacja Rozwoju Przedsiębiorczości Społecznej", updated_at: now },
    { id: partnerIds[1], tenant_id: tenantId, name: "Stowarzyszenie Ekonomii Społecznej Horyzont", updated_at: now },
  ]);
  const officeIds = OFFICE_TOWNS.slice(0, OFFICES).map(() => randomUUID());
  await bulkInsert(
    db,
    "office",
    { id: "uuid", tenant_id: "uuid", name: "text", address: "text", updated_at: "timestamptz" },
    OFFICE_TOWNS.map((town, i) => ({ id: officeIds[i], tenant_id: tenantId, name: town, address: `ul. Rynek ${i + 1}, ${town}`, updated_at: now })),
  );
  const users: Record<string, unknown>[] = [
    { id: randomUUID(), tenant_id: tenantId, partner_id: null, office_id: officeIds[0], email: "manager@bench.example", name: "Maria Kierownik", role: "MANAGER" },
  ];
  const advisors: TAdvisor[] = [];
  const clients: Record<string, unknown>[] = [];
  for (let i = 0; i < advisorCount; i++) {
    const partnerId = partnerIds[i % 2] ?? "";
    const advisor: TAdvisor = { id: randomUUID(), partnerId, clientIds: [] };
    advisors.push(advisor);
    const officeId = officeIds[i % OFFICES];
    users.push({ id: advisor.id, tenant_id: tenantId, partner_id: partnerId, office_id: officeId, email: `advisor-${i}@bench.example`, name: `${person(i)} (${i + 1})`, role: "KEY_ADVISOR" });
    for (let k = 0; k < CLIENTS_PER_ADVISOR; k++) {
      const n = i * CLIENTS_PER_ADVISOR + k;
      const isPerson = random() < 0.55;
      const clientName = isPerson ? person(n) : `${pick(ORG_NAMES)} w ${OFFICE_TOWNS[n % OFFICES]} (${n})`;
      const id = randomUUID();
      advisor.clientIds.push(id);
      const createdAt = new Date(now.getTime() - Math.floor(random() * 1000) * 86_400_000);
      clients.push({
        id,
        tenant_id: tenantId,
        kind: isPerson ? "PERSON" : "NGO",
        name: clientName,
        name_normalized: foldForSearch(clientName),
        status: "ACTIVE",
        town: OFFICE_TOWNS[n % OFFICES],
        town_normalized: foldForSearch(OFFICE_TOWNS[n % OFFICES] ?? ""),
        office_id: officeId,
        key_advisor_id: advisor.id,
        created_at: createdAt,
        updated_at: createdAt,
      });
    }
  }
  await bulkInsert(
    db,
    "user",
    { id: "uuid", tenant_id: "uuid", partner_id: "uuid", office_id: "uuid", email: "text", name: "text", role: '"Role"', password_hash: "text", updated_at: "timestamptz" },
    users.map((u) => ({ ...u, password_hash: passwordHash, updated_at: now })),
  );
  await bulkInsert(
    db,
    "client",
    {
      id: "uuid", tenant_id: "uuid", kind: '"ClientKind"', name: "text", name_normalized: "text", status: '"ClientStatus"', town: "text",
      town_normalized: "text", office_id: "uuid", key_advisor_id: "uuid", created_at: "timestamptz", updated_at: "timestamptz",
    },
    clients,
  );
  return { tenantId, advisors };
}

/**
 * `records` service records of the tenant's advisors over the three years of working days up to
 * `lastDay`, in date order (as they would have been logged): each advisor the same share, ~85%
 * individual with one participation, ~15% group sessions with 2–6 of the advisor's clients, 5%
 * delivered together with a second advisor, 0.5% deleted (tombstones). Three statements (records,
 * participations, providers) from one temporary table of random draws.
 */
export async function seedServiceHistory(db: pg.Client, tenantId: string, records: number, lastDay: string) {
  let stepStart = Date.now();
  const step = (what: string) => {
    console.log(`  ${what}: ${((Date.now() - stepStart) / 1000).toFixed(1)} s`);
    stepStart = Date.now();
  };
  await db.query(`DROP TABLE IF EXISTS bench_advisor, bench_client, bench_day, bench_rec`);
  await db.query(`CREATE TEMP TABLE bench_advisor (n int PRIMARY KEY, id uuid, office_id uuid)`);
  await db.query(
    `INSERT INTO bench_advisor SELECT (row_number() OVER (ORDER BY email) - 1)::int, id, office_id FROM "user" WHERE tenant_id = $1 AND role = 'KEY_ADVISOR'`,
    [tenantId],
  );
  await db.query(`CREATE TEMP TABLE bench_client (advisor_n int, k int, id uuid, PRIMARY KEY (advisor_n, k))`);
  await db.query(
    `INSERT INTO bench_client
     SELECT a.n, (row_number() OVER (PARTITION BY a.n ORDER BY c.id) - 1)::int, c.id
     FROM client c JOIN bench_advisor a ON a.id = c.key_advisor_id WHERE c.tenant_id = $1`,
    [tenantId],
  );
  await db.query(`CREATE TEMP TABLE bench_day (n int PRIMARY KEY, day date)`);
  await db.query(
    `INSERT INTO bench_day
     SELECT (row_number() OVER (ORDER BY d) - 1)::int, d::date
     FROM generate_series($1::date - interval '3 years', $1::date, interval '1 day') d WHERE extract(isodow FROM d) < 6`,
    [lastDay],
  );
  await db.query(`ANALYZE bench_advisor, bench_client, bench_day`);
  await db.query(
    `CREATE TEMP TABLE bench_rec (g int, id uuid, advisor_n int, advisor_id uuid, office_id uuid, day date, clients int, first_client int,
       two_providers bool, support_type text, roll float8)`,
  );
  await db.query(
    `INSERT INTO bench_rec
     SELECT r.g, gen_random_uuid(), a.n, a.id, a.office_id, d.day,
            CASE WHEN r.group_roll < 0.15 THEN 2 + floor(r.size_roll * 5)::int ELSE 1 END,
            floor(r.first_roll * ${CLIENTS_PER_ADVISOR})::int,
            r.provider_roll < 0.05,
            (ARRAY['ADVISORY','ADVISORY','ADVISORY','ADVISORY','INFORMATION','INFORMATION','ANIMATION','COACHING','SPECIALIST_ADVISORY',
                   'BUSINESS_SUPPORT','BRIDGING_SUPPORT','TRAINING'])[1 + floor(r.type_roll * 12)::int],
            r.roll
     FROM (SELECT g, random() AS group_roll, random() AS size_roll, random() AS first_roll, random() AS provider_roll,
                  random() AS type_roll, random() AS roll
           FROM generate_series(0, $1::int - 1) g) r
     CROSS JOIN (SELECT count(*) AS days FROM bench_day) n
     JOIN bench_advisor a ON a.n = r.g % (SELECT count(*) FROM bench_advisor)
     JOIN bench_day d ON d.n = (r.g::bigint * n.days / $1::int)::int`,
    [records],
  );
  step(`${records} random draws`);
  await db.query(
    `INSERT INTO service_record (id, tenant_id, date, start_time, duration_minutes, form, channel, support_type, specialist_area, topic,
       notes, next_steps, office_id, author_id, idempotency_key, created_at, updated_at, deleted_at, deleted_by_id, delete_reason)
     SELECT id, $1::uuid, day,
            CASE WHEN roll < 0.8 THEN to_char(time '08:00' + make_interval(mins => 30 * floor(roll * 20)::int), 'HH24:MI') END,
            CASE WHEN clients > 1 THEN (ARRAY[90, 120, 180, 240])[1 + g % 4] ELSE (ARRAY[30, 45, 60, 60, 90, 120])[1 + g % 6] END,
            (CASE WHEN clients > 1 THEN 'GROUP' WHEN roll < 0.1 THEN 'E_SUPPORT' ELSE 'INDIVIDUAL' END)::"WorkForm",
            (CASE WHEN roll < 0.1 THEN 'ONLINE' WHEN roll > 0.9 THEN 'PHONE' ELSE 'IN_PERSON' END)::"ServiceChannel",
            support_type::text,
            CASE WHEN support_type = 'SPECIALIST_ADVISORY' THEN (ARRAY['LEGAL','FINANCIAL','HR','MARKETING'])[1 + g % 4]::text END,
            ($2::text[])[1 + g % cardinality($2::text[])],
            CASE WHEN roll < 0.4 THEN 'Omówiono stan przygotowań, dokumenty do uzupełnienia i harmonogram kolejnych kroków. Klient otrzymał wzory dokumentów i listę kontaktów w urzędzie.' END,
            CASE WHEN roll < 0.2 THEN 'Przesłać poprawiony budżet do piątku; umówić spotkanie z doradcą specjalistycznym.' END,
            office_id, advisor_id, gen_random_uuid(),
            (day + time '16:00')::timestamp AT TIME ZONE '${TIME_ZONE}', (day + time '16:00')::timestamp AT TIME ZONE '${TIME_ZONE}',
            CASE WHEN roll > 0.995 THEN (day + time '17:00')::timestamp AT TIME ZONE '${TIME_ZONE}' END,
            CASE WHEN roll > 0.995 THEN advisor_id END,
            CASE WHEN roll > 0.995 THEN 'Wpis zdublowany' END
     FROM bench_rec ORDER BY g`,
    [tenantId, TOPICS],
  );
  step("service_record");
  await db.query(
    `INSERT INTO service_participation (id, tenant_id, service_id, client_id, date)
     SELECT gen_random_uuid(), $1::uuid, r.id, c.id, r.day
     FROM bench_rec r
     CROSS JOIN LATERAL generate_series(0, r.clients - 1) AS s(i)
     JOIN bench_client c ON c.advisor_n = r.advisor_n AND c.k = (r.first_client + s.i) % ${CLIENTS_PER_ADVISOR}
     ORDER BY r.g, s.i`,
    [tenantId],
  );
  step("service_participation");
  await db.query(
    `INSERT INTO service_provider (id, tenant_id, service_id, user_id, date)
     SELECT gen_random_uuid(), $1::uuid, id, advisor_id, day FROM bench_rec
     UNION ALL
     SELECT gen_random_uuid(), $1::uuid, r.id, a.id, r.day
     FROM bench_rec r JOIN bench_advisor a ON a.n = (r.advisor_n + 1) % (SELECT count(*) FROM bench_advisor)
     WHERE r.two_providers`,
    [tenantId],
  );
  step("service_provider");
  await db.query(`DROP TABLE bench_advisor, bench_client, bench_day, bench_rec`);
}
