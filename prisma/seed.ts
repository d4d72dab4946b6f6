/**
 * Demo data (`npm run db:seed`, run by `npm run demo`): tenants, offices, partners and the
 * accounts listed in prisma/demo-accounts.json, and the clients of prisma/demo-clients.json with
 * their key advisors, all created through the same services the app uses, so every row has its
 * audit trail (and the cap holds). Idempotent: does nothing when any tenant exists.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

if (process.env.NODE_ENV === "production") {
  console.error("The demo seed refuses to run with NODE_ENV=production.");
  process.exit(1);
}
// The seed acts as the owner (it creates tenants, which the app role may not).
if (process.env.DATABASE_URL) process.env.APP_DATABASE_URL = process.env.DATABASE_URL;
else delete process.env.APP_DATABASE_URL;

type TDemo = {
  password: string;
  tenants: { slug: string; name: string; offices: string[]; partners: string[] }[];
  accounts: { tenant: string; email: string; name: string; role: string; partner?: string; office?: string }[];
};
const demo = JSON.parse(readFileSync(path.join(__dirname, "demo-accounts.json"), "utf8")) as TDemo;

type TDemoClient = {
  name: string;
  kind: string;
  subtype?: string;
  town: string;
  commune: string;
  county: string;
  office: string;
  voivodeship?: string;
};
/**
 * Per tenant: clients assigned to key advisors (by e-mail) and clients waiting in the queue, in
 * the order they joined it. In ŚOWES doradca1 is at the cap (15/15), doradca2 and doradca5 are
 * near it, so the caseload screens have something to show (the e2e journeys build their own centres).
 */
type TDemoClients = Record<string, { assigned: Record<string, TDemoClient[]>; waiting: TDemoClient[] }>;
const demoClients = JSON.parse(readFileSync(path.join(__dirname, "demo-clients.json"), "utf8")) as TDemoClients;

async function main() {
  const { prisma } = await import("@/lib/db/client");
  const { createTenant } = await import("@/lib/domain/tenancy/create-tenant");
  const { createOffice, createPartner } = await import("@/lib/domain/tenancy/service");
  const { createUser } = await import("@/lib/domain/users/service");
  const { hashPassword } = await import("@/lib/auth/password");
  const { tenantTransaction } = await import("@/lib/db/transaction");
  const { isRole } = await import("@/lib/auth/permissions");
  const { createClient } = await import("@/lib/domain/clients/service");
  const { assignClient } = await import("@/lib/domain/caseload/service");
  const { CLIENT_KINDS, VOIVODESHIPS } = await import("@/lib/domain/clients/schemas");

  async function anyTenantExists(): Promise<boolean> {
    const rows = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM tenant`;
    return (rows[0]?.n ?? 0n) > 0n;
  }

  async function seedTenant(spec: TDemo["tenants"][number]) {
    const accounts = demo.accounts.filter((a) => a.tenant === spec.slug);
    const [admin, ...others] = accounts;
    if (!admin || admin.role !== "ADMIN") throw new Error(`The first demo account of ${spec.slug} must be its ADMIN`);
    const { tenant, adminId } = await createTenant(
      { name: spec.name, slug: spec.slug },
      { name: admin.name, email: admin.email, password: demo.password },
    );
    const ctx = { userId: adminId, tenantId: tenant.id, role: "ADMIN" as const, partnerId: null, requestId: "seed" };
    // The demo's accounts share one documented password and nobody's phone: no role is made to enrol a
    // second factor. A real centre keeps the default (ADMIN, MANAGER, IOD); the policy page changes it.
    await tenantTransaction(tenant.id, (tx) => tx.tenant.update({ where: { id: tenant.id }, data: { twoFactorRoles: [] }, select: { id: true } }));
    const officeIds = new Map<string, string>();
    for (const name of spec.offices) officeIds.set(name, (await createOffice(ctx, { name })).id);
    const partnerIds = new Map<string, string>();
    for (const name of spec.partners) partnerIds.set(name, (await createPartner(ctx, { name })).id);
    const userIds = new Map<string, string>();
    // Users are created as the admin creates them — invited by e-mail — but the demo accounts keep
    // the documented password, set here as chosen (their invitations then send nothing).
    const demoPasswordHash = await hashPassword(demo.password);
    for (const account of others) {
      if (!isRole(account.role)) throw new Error(`Unknown role ${account.role}`);
      const user = await createUser(ctx, {
        name: account.name,
        email: account.email,
        role: account.role,
        partnerId: account.partner ? partnerIds.get(account.partner) : "",
        officeId: account.office ? officeIds.get(account.office) : "",
      });
      await tenantTransaction(tenant.id, (tx) =>
        tx.user.update({
          where: { tenantId_id: { tenantId: tenant.id, id: user.id } },
          data: { passwordHash: demoPasswordHash, passwordSetAt: new Date() },
          select: { id: true },
        }),
      );
      userIds.set(account.email, user.id);
    }
    const clientIds = await seedClients(spec.slug, tenant.id, userIds, officeIds);
    const services = await seedServiceLog(spec.slug, tenant.id, userIds, clientIds);
    const events = await seedEventsAndCooperation(spec.slug, tenant.id, userIds, clientIds, officeIds);
    const indicators = await seedIndicators(spec.slug, tenant.id, userIds, clientIds, officeIds, partnerIds);
    await seedPrivacy(spec, tenant.id, userIds, clientIds);
    console.log(`Seeded ${spec.name}: ${accounts.length} accounts, ${clientIds.size} clients, ${services} services, ${events} events, ${indicators} indicator results.`);
  }

  /** Registers the tenant's demo clients as its manager would, then assigns them (the cap applies). */
  async function seedClients(slug: string, tenantId: string, userIds: Map<string, string>, officeIds: Map<string, string>) {
    const plan = demoClients[slug];
    const ids = new Map<string, string>();
    if (!plan) return ids;
    const manager = demo.accounts.find((a) => a.tenant === slug && a.role === "MANAGER");
    const managerId = manager ? userIds.get(manager.email) : undefined;
    if (!managerId) throw new Error(`Demo clients of ${slug} need a MANAGER account`);
    const ctx = { userId: managerId, tenantId, role: "MANAGER" as const, partnerId: null, requestId: "seed" };
    const register = async (client: TDemoClient, index: number) => {
      const kind = CLIENT_KINDS.find((k) => k === client.kind);
      if (!kind) throw new Error(`Unknown client kind ${client.kind}`);
      const created = await createClient(ctx, {
        kind,
        subtype: client.subtype ?? "",
        name: client.name,
        town: client.town,
        commune: client.commune,
        county: client.county,
        voivodeship: VOIVODESHIPS.find((v) => v === (client.voivodeship ?? "świętokrzyskie")) ?? "",
        officeId: officeIds.get(client.office) ?? "",
        atRiskOfExclusion: kind === "PERSON" && index % 2 === 0,
        aged50Plus: kind === "PERSON" && index % 3 === 0,
        kpresSpheres: kind === "PERSON" ? [] : [index % 2 === 0 ? "LOCAL_COMMUNITY_AND_CULTURE" : "ACTIVE_INTEGRATION_SERVICES"],
      });
      return created.id;
    };
    let count = 0;
    for (const [email, clients] of Object.entries(plan.assigned)) {
      const advisorId = userIds.get(email);
      if (!advisorId) throw new Error(`No demo advisor ${email} in ${slug}`);
      for (const client of clients) {
        const clientId = await register(client, count++);
        ids.set(client.name, clientId);
        await assignClient(ctx, { clientId, advisorId, reason: "Przydział początkowy (dane demonstracyjne)" });
      }
    }
    // Registered last, one after another: the queue shows them oldest first in this order.
    for (const client of plan.waiting) ids.set(client.name, await register(client, count++));
    return ids;
  }

  /**
   * The centre's information clause, version 1 (art. 13 GDPR for an EFS+ project), published by
   * its manager; in ŚOWES one person (Irena Baran) has it recorded with the legal basis and a
   * consent to special-category data, so the privacy tab has something to show.
   */
  async function seedPrivacy(spec: TDemo["tenants"][number], tenantId: string, userIds: Map<string, string>, clientIds: Map<string, string>) {
    const { publishClause } = await import("@/lib/domain/privacy/clauses");
    const { setLegalBasis } = await import("@/lib/domain/privacy/legal-basis");
    const { giveConsent } = await import("@/lib/domain/privacy/consents");
    const { todayInPoland } = await import("@/lib/dates");
    const manager = demo.accounts.find((a) => a.tenant === spec.slug && a.role === "MANAGER");
    const managerId = manager ? userIds.get(manager.email) : undefined;
    if (!managerId) return;
    const iod = demo.accounts.find((a) => a.tenant === spec.slug && a.role === "IOD");
    const ctx = { userId: managerId, tenantId, role: "MANAGER" as const, partnerId: null, requestId: "seed" };
    const clause = await publishClause(ctx, {
      title: "Klauzula informacyjna dla uczestnika projektu współfinansowanego z EFS+",
      effectiveFrom: "2025-01-01",
      body: informationClause(spec.name, iod?.email ?? null),
    });
    const person = clientIds.get("Irena Baran");
    if (spec.slug !== "sowes" || !person) return;
    const today = todayInPoland();
    await setLegalBasis(ctx, person, { processingBasis: "EU_PROJECT", clauseId: clause.id, clauseGivenOn: today });
    await giveConsent(ctx, person, { purpose: "SENSITIVE_DATA", givenOn: today, clauseId: clause.id });
  }

  /**
   * ŚOWES only: a support path in implementation (doradca4's client Irena Baran, plan approved) and
   * four weeks of logged services — each advisor's consultations, the animator's group sessions,
   * the specialist's advisory — so the day view, histories and timesheets have something to show.
   * Today is left empty: the journeys log today's work themselves.
   */
  async function seedServiceLog(slug: string, tenantId: string, userIds: Map<string, string>, clientIds: Map<string, string>) {
    if (slug !== "sowes") return 0;
    const { logService } = await import("@/lib/domain/services/service");
    const paths = await import("@/lib/domain/paths/service");
    const { todayInPoland, addDays, dateOnly } = await import("@/lib/dates");
    const { randomUUID } = await import("node:crypto");
    const ctxOf = (email: string, role: "MANAGER" | "KEY_ADVISOR" | "ANIMATOR" | "SPECIALIST") => {
      const userId = userIds.get(email);
      if (!userId) throw new Error(`No demo account ${email}`);
      return { userId, tenantId, role, partnerId: null, requestId: "seed" };
    };
    const clientId = (name: string) => {
      const id = clientIds.get(name);
      if (!id) throw new Error(`No demo client ${name}`);
      return id;
    };
    const manager = ctxOf("kierownik@sowes.example.pl", "MANAGER");
    const advisor4 = ctxOf("doradca4@sowes.example.pl", "KEY_ADVISOR");

    const irena = clientId("Irena Baran");
    const path = await paths.openPath(advisor4, irena, {
      direction: "FOUNDING_BY_NATURAL_PERSONS",
      workForm: "INDIVIDUAL",
      identification: "Osoba długotrwale bezrobotna, chce z dwiema sąsiadkami założyć spółdzielnię socjalną prowadzącą catering.",
    });
    await paths.saveNeeds(advisor4, path.id, {
      needs: [
        { area: "ADVISORY", description: "Biznesplan cateringu", priority: 1, expectedEffects: ["Gotowy biznesplan spółdzielni"] },
        { area: "TRAINING", description: "Wiedza o prawie spółdzielczym", priority: 2, expectedEffects: ["Ukończone szkolenie"] },
      ],
    });
    await paths.movePath(advisor4, path.id, { to: "NEEDS" });
    await paths.movePath(advisor4, path.id, { to: "PLAN" });
    const plan = await paths.savePlan(advisor4, path.id, {
      versionId: null,
      baseRevision: null,
      summary: "Założenie spółdzielni socjalnej z cateringiem",
      actions: [
        { supportType: "ADVISORY", description: "Przygotowanie biznesplanu spółdzielni", status: "IN_PROGRESS" },
        { supportType: "TRAINING", description: "Szkolenie z prawa spółdzielczego", status: "PLANNED" },
        { supportType: "SPECIALIST_ADVISORY", specialistArea: "LEGAL", description: "Konsultacja prawna statutu", status: "PLANNED" },
      ],
    });
    await paths.submitPlan(advisor4, path.id, { versionId: plan.versionId, baseRevision: plan.revision });
    await paths.saveContract(advisor4, path.id, { number: "ŚOWES/ISW/2026/014", status: "SIGNED", signedOn: addDays(todayInPoland(), -30), scope: "Wsparcie w założeniu spółdzielni socjalnej" });
    await paths.decidePlan(manager, path.id, plan.versionId, { decision: "APPROVE", comment: "Plan realny, zatwierdzam." });
    await paths.movePath(advisor4, path.id, { to: "IMPLEMENTATION" });
    const { latestActions } = await paths.getPathPlan(manager, path.id);
    const businessPlan = latestActions[0]?.id;

    const advisors: [string, string[]][] = [
      ["doradca1@sowes.example.pl", ["Spółdzielnia Socjalna Zdrojowa", "Jan Nowicki", "Gmina Stopnica", "Teresa Gil"]],
      ["doradca2@sowes.example.pl", ["Fundacja Ponidzie Razem", "Marianna Zając", "Gmina Chmielnik"]],
      ["doradca3@sowes.example.pl", ["Stowarzyszenie Jędrzejowskie Centrum Aktywności", "Wiesław Kot"]],
      ["doradca4@sowes.example.pl", ["Irena Baran", "Centrum Integracji Społecznej w Staszowie", "Tadeusz Wilk"]],
      ["doradca5@sowes.example.pl", ["Fundacja Staszowska Inicjatywa", "Gmina Połaniec", "Zofia Wróbel"]],
    ];
    // The animator and the specialist work with clients as members of their teams (need-to-know):
    // they log services for them and see their records; other clients they only find in search.
    const { addTeamMember } = await import("@/lib/domain/clients/service");
    const teamSince = addDays(todayInPoland(), -30);
    const animatorId = ctxOf("animator@sowes.example.pl", "ANIMATOR").userId;
    for (const name of ["Grupa inicjatywna Gospodynie ze Stopnicy", "Stowarzyszenie Przyjaciół Ziemi Buskiej", "Gmina Stopnica"]) {
      await addTeamMember(manager, clientId(name), { userId: animatorId, role: "ANIMATOR", startsOn: teamSince });
    }
    const specialistId = ctxOf("specjalista@sowes.example.pl", "SPECIALIST").userId;
    await addTeamMember(manager, clientId("Spółdzielnia Pracy Staszowianka"), { userId: specialistId, role: "SPECIALIST_ADVISOR", startsOn: teamSince });

    const types = ["ADVISORY", "INFORMATION", "ADVISORY", "COACHING"] as const;
    const durations = [60, 45, 90, 30, 60];
    const topics = ["Biznesplan i źródła finansowania", "Informacja o ofercie OWES", "Statut i rejestracja w KRS", "Planowanie pierwszych zleceń"];
    let count = 0;
    for (let daysAgo = 28; daysAgo >= 1; daysAgo--) {
      const date = addDays(todayInPoland(), -daysAgo);
      const weekday = dateOnly(date).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      for (const [index, [email, names]] of advisors.entries()) {
        const n = daysAgo + index;
        const client = clientId(names[n % names.length] ?? "");
        const supportType = types[n % types.length] ?? "ADVISORY";
        await logService(ctxOf(email, "KEY_ADVISOR"), {
          idempotencyKey: randomUUID(),
          date,
          startTime: `${String(9 + (n % 6)).padStart(2, "0")}:00`,
          durationMinutes: durations[n % durations.length] ?? 60,
          form: "INDIVIDUAL",
          channel: n % 5 === 0 ? "PHONE" : "IN_PERSON",
          supportType,
          topic: topics[n % topics.length] ?? null,
          clientIds: [client],
          ...(client === irena && supportType === "ADVISORY" && businessPlan ? { planActionIds: { [irena]: businessPlan } } : {}),
        });
        count++;
      }
      if (weekday === 2 || weekday === 4) {
        // The animator's group session with three clients of Busko-Zdrój: one record, three participations.
        await logService(ctxOf("animator@sowes.example.pl", "ANIMATOR"), {
          idempotencyKey: randomUUID(),
          date,
          startTime: "16:00",
          durationMinutes: 120,
          form: "GROUP",
          channel: "IN_PERSON",
          supportType: "ANIMATION",
          topic: "Spotkanie animacyjne: wspólna oferta turystyczna Ponidzia",
          clientIds: ["Grupa inicjatywna Gospodynie ze Stopnicy", "Stowarzyszenie Przyjaciół Ziemi Buskiej", "Gmina Stopnica"].map(clientId),
        });
        count++;
      }
      if (weekday === 3) {
        await logService(ctxOf("specjalista@sowes.example.pl", "SPECIALIST"), {
          idempotencyKey: randomUUID(),
          date,
          startTime: "12:00",
          durationMinutes: 90,
          form: "INDIVIDUAL",
          channel: "ONLINE",
          supportType: "SPECIALIST_ADVISORY",
          specialistArea: daysAgo % 2 === 0 ? "LEGAL" : "FINANCIAL",
          topic: "Umowy z pierwszymi klientami i rozliczenia VAT",
          clientIds: [clientId("Spółdzielnia Pracy Staszowianka")],
        });
        count++;
      }
    }
    return count;
  }

  /**
   * ŚOWES only: a two-session training counting toward the per-person limit — its first session
   * held ten days ago with attendance taken (so the participants' histories and the trainer's
   * timesheet show it) and the second next week — information duty hours and a study visit ahead,
   * three institutions and an exchange with the labour office about Irena Baran.
   */
  async function seedEventsAndCooperation(
    slug: string,
    tenantId: string,
    userIds: Map<string, string>,
    clientIds: Map<string, string>,
    officeIds: Map<string, string>,
  ) {
    if (slug !== "sowes") return 0;
    const { createEvent } = await import("@/lib/domain/events/events");
    const { registerPerson } = await import("@/lib/domain/events/registration");
    const { saveSessionAttendance } = await import("@/lib/domain/events/attendance");
    const { createInstitution } = await import("@/lib/domain/cooperation/institutions");
    const { logExchange } = await import("@/lib/domain/cooperation/exchanges");
    const { getEventPage } = await import("@/lib/domain/events/event-page");
    const { todayInPoland, addDays } = await import("@/lib/dates");
    const idOf = (map: Map<string, string>, key: string) => {
      const id = map.get(key);
      if (!id) throw new Error(`No demo record ${key}`);
      return id;
    };
    const manager = { userId: idOf(userIds, "kierownik@sowes.example.pl"), tenantId, role: "MANAGER" as const, partnerId: null, requestId: "seed" };
    const advisor4 = { userId: idOf(userIds, "doradca4@sowes.example.pl"), tenantId, role: "KEY_ADVISOR" as const, partnerId: null, requestId: "seed" };
    const animatorId = idOf(userIds, "animator@sowes.example.pl");
    const busko = idOf(officeIds, "Busko-Zdrój");
    const today = todayInPoland();

    const training = await createEvent(manager, {
      title: "Prawo spółdzielcze w praktyce",
      kind: "TRAINING",
      supportType: "TRAINING",
      description: "Zakładanie spółdzielni socjalnej krok po kroku: statut, rejestracja, pierwsze umowy.",
      capacity: 12,
      officeId: busko,
      countsTowardLimit: true,
      sessions: [
        { date: addDays(today, -10), startTime: "09:00", endTime: "13:00", place: "Busko-Zdrój, ul. Kościuszki 1, sala 2" },
        { date: addDays(today, 7), startTime: "09:00", endTime: "13:00", place: "Busko-Zdrój, ul. Kościuszki 1, sala 2" },
      ],
      trainers: [{ userId: animatorId }, { externalName: "mec. Anna Prawnicka" }],
    });
    const registrations = [];
    for (const name of ["Irena Baran", "Teresa Gil", "Zofia Wróbel"]) {
      registrations.push(await registerPerson(manager, training.id, { personClientId: idOf(clientIds, name) }));
    }
    const [firstSession] = (await getEventPage(manager, training.id)).sessions;
    if (!firstSession) throw new Error("The demo training has no session");
    await saveSessionAttendance(manager, firstSession.id, {
      rows: registrations.map((r, index) => ({
        registrationId: r.id,
        status: index < 2 ? "PRESENT" : "EXCUSED",
        materials: index < 2,
        meals: index < 2,
        travelReimbursement: index === 0 ? "24.50" : null,
      })),
    });
    await createEvent(manager, {
      title: "Dyżur informacyjny OWES",
      kind: "DUTY_HOURS",
      supportType: "INFORMATION",
      officeId: busko,
      countsTowardLimit: false,
      sessions: [{ date: addDays(today, 3), startTime: "10:00", endTime: "14:00", place: "Starostwo Powiatowe w Busku-Zdroju, pok. 12" }],
      trainers: [{ userId: idOf(userIds, "doradca1@sowes.example.pl") }],
    });
    await createEvent(manager, {
      title: "Wizyta studyjna w spółdzielniach socjalnych Małopolski",
      kind: "STUDY_VISIT",
      supportType: "STUDY_VISIT",
      capacity: 20,
      registrationDeadline: addDays(today, 14),
      countsTowardLimit: false,
      sessions: [{ date: addDays(today, 21), startTime: "08:00", endTime: "17:00", place: "Kraków i okolice (wyjazd z Buska-Zdroju)" }],
      trainers: [{ externalName: "Małopolski OWES" }],
    });

    const pup = await createInstitution(manager, { name: "Powiatowy Urząd Pracy w Busku-Zdroju", kind: "PUP", town: "Busko-Zdrój", email: "sekretariat@pupbusko.example.pl" });
    await createInstitution(manager, { name: "Miejsko-Gminny Ośrodek Pomocy Społecznej w Busku-Zdroju", kind: "OPS", town: "Busko-Zdrój" });
    await createInstitution(manager, { name: "Świętokrzyski Ośrodek Doradztwa Rolniczego w Modliszewicach", kind: "ODR", town: "Modliszewice" });
    await logExchange(advisor4, {
      date: addDays(today, -5),
      institutionId: pup.id,
      contactPerson: "Beata Kowalczyk, doradca zawodowy",
      direction: "SENT",
      channel: "EMAIL",
      subject: "Zapytanie o staż dla członkiń przyszłej spółdzielni socjalnej",
      clientId: idOf(clientIds, "Irena Baran"),
      documentReference: "ŚOWES/PUP/2026/031",
      followUpOn: addDays(today, 7),
    });
    return 3;
  }

  /** ŚOWES only: the project period, targets and evidence behind every indicator (prisma/seed-indicators.ts). */
  async function seedIndicators(
    slug: string,
    tenantId: string,
    userIds: Map<string, string>,
    clientIds: Map<string, string>,
    officeIds: Map<string, string>,
    partnerIds: Map<string, string>,
  ) {
    if (slug !== "sowes") return 0;
    const { seedIndicatorDemo } = await import("./seed-indicators");
    return (await seedIndicatorDemo({ tenantId, userIds, clientIds, officeIds, partnerIds })).results;
  }

  try {
    if (await anyTenantExists()) {
      console.log("Database already has data: seed skipped.");
    } else {
      for (const spec of demo.tenants) await seedTenant(spec);
    }
  } finally {
    await prisma.$disconnect();
  }
}

/** The demo's information clause (art. 13 GDPR) for a participant of an EFS+ project run by the centre. */
function informationClause(centre: string, iodEmail: string | null): string {
  return `Zgodnie z art. 13 ust. 1 i 2 rozporządzenia Parlamentu Europejskiego i Rady (UE) 2016/679 z dnia 27 kwietnia 2016 r. (RODO) informujemy, że:

1. Administrator danych
Administratorem Pani/Pana danych osobowych jest ${centre} (dalej: Ośrodek), realizujący projekt współfinansowany ze środków Europejskiego Funduszu Społecznego Plus w ramach regionalnego programu Fundusze Europejskie 2021–2027.

2. Inspektor ochrony danych
Administrator wyznaczył inspektora ochrony danych, z którym można się kontaktować we wszystkich sprawach dotyczących przetwarzania danych osobowych${iodEmail ? `: e-mail ${iodEmail}` : ""} lub pisemnie na adres siedziby Ośrodka.

3. Cele i podstawy prawne przetwarzania
Dane będą przetwarzane w celu realizacji projektu, w szczególności rekrutacji, udzielania wsparcia, potwierdzenia kwalifikowalności wydatków, monitorowania, ewaluacji, kontroli, audytu i sprawozdawczości, na podstawie:
a) art. 6 ust. 1 lit. c RODO — obowiązek prawny administratora wynikający z rozporządzenia (UE) 2021/1060, rozporządzenia (UE) 2021/1057 oraz ustawy z dnia 28 kwietnia 2022 r. o zasadach realizacji zadań finansowanych ze środków europejskich w perspektywie finansowej 2021–2027;
b) art. 6 ust. 1 lit. e RODO — zadanie realizowane w interesie publicznym;
c) w zakresie danych szczególnej kategorii (niepełnosprawność, przynależność do mniejszości narodowej lub etnicznej, obce pochodzenie) — art. 9 ust. 2 lit. a RODO (Pani/Pana wyraźna zgoda), a w zakresie, w jakim obowiązek ich zebrania wynika z przepisów — art. 9 ust. 2 lit. g RODO (ważny interes publiczny).
Podanie danych szczególnej kategorii jest dobrowolne; można odmówić ich podania.

4. Odbiorcy danych
Odbiorcami danych mogą być: Instytucja Zarządzająca i Instytucja Pośrednicząca programu, minister właściwy do spraw rozwoju regionalnego, podmioty upoważnione do kontroli i audytu (w tym Komisja Europejska), podmioty prowadzące badania ewaluacyjne na zlecenie tych instytucji oraz dostawcy usług informatycznych działający na zlecenie Ośrodka. Dane są wprowadzane do centralnego systemu teleinformatycznego CST2021.

5. Okres przechowywania
Dane będą przechowywane do czasu rozliczenia projektu, a następnie przez 5 lat od dnia 31 grudnia roku, w którym Instytucja dokonała ostatniej płatności na rzecz beneficjenta (art. 82 rozporządzenia (UE) 2021/1060), chyba że umowa o dofinansowanie przewiduje okres dłuższy. Dane przetwarzane na podstawie zgody — do czasu jej wycofania.

6. Prawa osoby, której dane dotyczą
Ma Pani/Pan prawo dostępu do swoich danych (art. 15 RODO), ich sprostowania (art. 16), usunięcia (art. 17) — o ile nie zachodzą przesłanki z art. 17 ust. 3 RODO — oraz ograniczenia przetwarzania (art. 18). Zgodę można wycofać w dowolnym momencie, bez wpływu na zgodność z prawem przetwarzania dokonanego przed jej wycofaniem.

7. Prawo wniesienia skargi
Ma Pani/Pan prawo wniesienia skargi do Prezesa Urzędu Ochrony Danych Osobowych (ul. Stawki 2, 00-193 Warszawa), jeżeli uzna Pani/Pan, że przetwarzanie danych narusza przepisy RODO.

8. Informacje dodatkowe
Podanie danych jest warunkiem udziału w projekcie; ich niepodanie uniemożliwia udział (z wyjątkiem danych szczególnej kategorii). Dane nie będą przetwarzane w sposób zautomatyzowany, w tym profilowane, ani przekazywane do państwa trzeciego lub organizacji międzynarodowej.`;
}

void main();
