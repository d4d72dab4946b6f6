/**
 * Demo data for the indicators (issue 16), ŚOWES only, called by prisma/seed.ts after the clients,
 * services and events: the project period 2024-01-01 – 2026-12-31; the targets of seed 001 (project
 * 5/5/40/2/2, and per year 2024–2026 animators 2, joint GI projects 1, training participants 10, jobs
 * created 20, IPR 20); two animators' employment contracts; closed support paths whose evaluations
 * hold results with KPRES spheres — among them jobs created, each job with its durability checks
 * (confirmed, ended, one overdue, others not yet due); two completed trainings in 2026 (one person
 * in both) and one in 2025, through the events services; one letter of intent registered as manual
 * evidence of a joint GI project; EFS+ participant data for some persons, some complete, some with gaps.
 *
 * The rows the app's own services write are written here directly (their services are younger than
 * this seed), in one transaction per record, each with its audit row, as the manager would.
 * Dates are fixed (the project's years) and never later than today.
 */
import type { TContext } from "@/lib/auth/context";
import { addDays, dateOnly, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { createEvent } from "@/lib/domain/events/events";
import { getEventPage } from "@/lib/domain/events/event-page";
import { registerPerson } from "@/lib/domain/events/registration";
import { saveSessionAttendance } from "@/lib/domain/events/attendance";
import type { KPRES_SPHERES } from "@/lib/domain/clients/schemas";
import type { DEVELOPMENT_DIRECTIONS, RESULT_TYPES } from "@/lib/domain/paths/schemas";

type TSphere = (typeof KPRES_SPHERES)[number];
type TDirection = (typeof DEVELOPMENT_DIRECTIONS)[number];
type TResultType = (typeof RESULT_TYPES)[number];
type TAnswer = "YES" | "NO" | "REFUSED";
type TIds = Map<string, string>;

export const DEMO_PROJECT = { startsOn: "2024-01-01", endsOn: "2026-12-31" } as const;
export const DEMO_YEARS = ["2024", "2025", "2026"] as const;
/** Seed 001: the whole project's planned effects, and the yearly ones (the same each year). */
export const DEMO_PROJECT_TARGETS: Record<string, number> = {
  INITIATIVE_GROUPS: 5,
  SOCIAL_ENTERPRISES: 5,
  JOBS_CREATED: 40,
  PARTNERSHIPS: 2,
  PUBLIC_PROCUREMENT: 2,
};
export const DEMO_YEAR_TARGETS: Record<string, number> = {
  ANIMATORS: 2,
  JOINT_GI_PROJECTS: 1,
  TRAINING_PARTICIPANTS: 10,
  JOBS_CREATED: 20,
  IPR: 20,
};

/** `iso` plus `months` calendar months; a day the month lacks falls to its last day (31 Jan + 1 = 28/29 Feb). */
export function addCalendarMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** A job's durability check as the demo records it: confirmed, ended, or left open. */
type TCheckPlan = { outcome: "MAINTAINED"; checkedAfterDays: number } | { outcome: "ENDED"; endedOn: string } | null;
type TResultPlan = {
  type: TResultType;
  quantity?: number;
  achievedOn: string;
  evidenceKind: string;
  evidenceReference: string;
  description?: string;
  spheres: TSphere[];
  /** JOBS_CREATED: per job, what its checks (in the order of the tenant's months) recorded. */
  jobs?: { personName?: string; position?: string; checks: TCheckPlan[] }[];
};
type TPathPlan = { client: string; direction: TDirection; openedOn: string; assessment: string; results: TResultPlan[] };

const M = (checkedAfterDays: number): TCheckPlan => ({ outcome: "MAINTAINED", checkedAfterDays });

/** The evaluated paths: every result type of the catalogue, in all three years. */
const PATHS: TPathPlan[] = [
  {
    client: "Grupa inicjatywna Gospodynie ze Stopnicy",
    direction: "FOUNDING_BY_NATURAL_PERSONS",
    openedOn: "2024-02-05",
    assessment: "Grupa ukonstytuowana, regulamin przyjęty, liderka wybrana; gotowa do wspólnego projektu z innymi grupami.",
    results: [
      {
        type: "INITIATIVE_GROUP_CREATED",
        achievedOn: "2024-05-20",
        evidenceKind: "Protokół założenia grupy",
        evidenceReference: "ŚOWES/GI/2024/003",
        spheres: ["LOCAL_COMMUNITY_AND_CULTURE"],
      },
    ],
  },
  {
    client: "Spółdzielnia Socjalna Zdrojowa",
    direction: "FOUNDING_BY_NATURAL_PERSONS",
    openedOn: "2023-11-06",
    assessment: "Spółdzielnia zarejestrowana w KRS, dotacja na trzy miejsca pracy rozliczona, pierwsze zlecenia gminy.",
    results: [
      {
        type: "SOCIAL_ENTERPRISE_CREATED",
        achievedOn: "2024-03-15",
        evidenceKind: "Wpis do KRS",
        evidenceReference: "KRS 0001098765",
        spheres: ["SUSTAINABLE_DEVELOPMENT"],
      },
      {
        type: "JOBS_CREATED",
        quantity: 3,
        achievedOn: "2024-04-01",
        evidenceKind: "Umowa na udzielenie dotacji",
        evidenceReference: "ŚOWES/DOT/2024/007",
        description: "Trzy miejsca pracy: kucharka, pomoc kuchenna, kierowca.",
        spheres: ["SUSTAINABLE_DEVELOPMENT"],
        jobs: [
          { personName: "Halina Kos", position: "Kucharka", checks: [M(7), M(9)] },
          { personName: "Beata Rak", position: "Pomoc kuchenna", checks: [M(7), { outcome: "ENDED", endedOn: "2026-02-27" }] },
          // The 24-month check was due 2026-04-01 and is still open: the dashboards show it overdue.
          { position: "Kierowca", checks: [M(7), null] },
        ],
      },
    ],
  },
  {
    client: "Spółdzielnia Socjalna Uzdrowisko Smaków",
    direction: "FOUNDING_BY_LEGAL_PERSONS",
    openedOn: "2024-10-01",
    assessment: "Dwa miejsca pracy dla osób 50+ w cateringu dla seniorów; spółdzielnia utrzymuje płynność.",
    results: [
      {
        type: "JOBS_CREATED",
        quantity: 2,
        achievedOn: "2025-06-02",
        evidenceKind: "Umowa na udzielenie dotacji",
        evidenceReference: "ŚOWES/DOT/2025/002",
        // Two spheres on one result: cuts by sphere overlap and do not add up to the total.
        spheres: ["SOLIDARITY_OF_GENERATIONS", "ACTIVE_INTEGRATION_SERVICES"],
        jobs: [
          { personName: "Wanda Sobczak", position: "Kucharka", checks: [M(3), null] },
          // The 12-month check was due 2026-06-02 and is still open.
          { position: "Dostawca posiłków", checks: [null, null] },
        ],
      },
    ],
  },
  {
    client: "Stowarzyszenie Przyjaciół Ziemi Buskiej",
    direction: "ECONOMISATION",
    openedOn: "2025-01-13",
    assessment: "Partnerstwo lokalne na rzecz turystyki społecznej Ponidzia zawiązane z gminą i dwiema spółdzielniami.",
    results: [
      {
        type: "PARTNERSHIP_CREATED",
        achievedOn: "2025-10-10",
        evidenceKind: "Umowa partnerska",
        evidenceReference: "Porozumienie 4/2025",
        spheres: ["LOCAL_COMMUNITY_AND_CULTURE"],
      },
    ],
  },
  {
    client: "Centrum Integracji Społecznej w Staszowie",
    direction: "REINTEGRATION_ENTITIES",
    openedOn: "2025-03-03",
    assessment: "Indywidualne plany reintegracji przygotowane z uczestnikami CIS w dwóch naborach.",
    results: [
      {
        type: "IPR_PREPARED",
        quantity: 6,
        achievedOn: "2025-11-20",
        evidenceKind: "Indywidualne plany reintegracji",
        evidenceReference: "CIS/IPR/2025/1-6",
        spheres: ["ACTIVE_INTEGRATION_SERVICES"],
      },
      {
        type: "IPR_PREPARED",
        quantity: 5,
        achievedOn: "2026-05-12",
        evidenceKind: "Indywidualne plany reintegracji",
        evidenceReference: "CIS/IPR/2026/1-5",
        spheres: ["ACTIVE_INTEGRATION_SERVICES"],
      },
    ],
  },
  {
    client: "Spółdzielnia Socjalna Sędziszowskie Smaki",
    direction: "FOUNDING_BY_NATURAL_PERSONS",
    openedOn: "2025-09-01",
    assessment: "Spółdzielnia zarejestrowana, dwa miejsca pracy w przetwórstwie lokalnych produktów.",
    results: [
      {
        type: "SOCIAL_ENTERPRISE_CREATED",
        achievedOn: "2026-02-10",
        evidenceKind: "Wpis do KRS",
        evidenceReference: "KRS 0001123456",
        spheres: ["LOCAL_COMMUNITY_AND_CULTURE"],
      },
      {
        type: "JOBS_CREATED",
        quantity: 2,
        achievedOn: "2026-03-02",
        evidenceKind: "Umowa na udzielenie dotacji",
        evidenceReference: "ŚOWES/DOT/2026/001",
        spheres: ["LOCAL_COMMUNITY_AND_CULTURE"],
        jobs: [
          { personName: "Adam Pietrzyk", position: "Przetwórca", checks: [null, null] },
          { position: "Sprzedawca", checks: [null, null] },
        ],
      },
    ],
  },
  {
    client: "Fundacja Staszowska Inicjatywa",
    direction: "ECONOMISATION",
    openedOn: "2026-01-19",
    assessment: "Fundacja złożyła ofertę w przetargu z klauzulą społeczną na usługi opiekuńcze dla seniorów.",
    results: [
      {
        type: "PUBLIC_PROCUREMENT_SUPPORTED",
        achievedOn: "2026-07-01",
        evidenceKind: "Dokumentacja postępowania",
        evidenceReference: "ZP.271.12.2026",
        spheres: ["SOLIDARITY_OF_GENERATIONS"],
      },
    ],
  },
];

type TParticipantPlan = {
  client: string;
  data: Partial<{
    sex: "FEMALE" | "MALE";
    birthDate: string;
    educationLevel: "ISCED_0" | "ISCED_1" | "ISCED_2" | "ISCED_3" | "ISCED_4" | "ISCED_5_8";
    labourMarketStatus: "EMPLOYED" | "UNEMPLOYED_REGISTERED" | "UNEMPLOYED_NOT_REGISTERED" | "LONG_TERM_UNEMPLOYED" | "INACTIVE" | "INACTIVE_IN_EDUCATION";
    disability: TAnswer;
    foreignOrigin: TAnswer;
    minority: TAnswer;
    homeless: TAnswer;
    urbanisation: "CITY" | "TOWN_OR_SUBURB" | "RURAL";
    participationStart: string;
    participationEnd: string;
    situationAtEnd: "EMPLOYED" | "SELF_EMPLOYED" | "JOB_SEEKING" | "IN_EDUCATION" | "INACTIVE" | "OTHER";
  }>;
};

/** EFS+ monitoring data: the first four complete, the rest with gaps the completeness check lists. */
const PARTICIPANTS: TParticipantPlan[] = [
  {
    client: "Irena Baran",
    data: {
      sex: "FEMALE",
      birthDate: "1971-04-12",
      educationLevel: "ISCED_3",
      labourMarketStatus: "LONG_TERM_UNEMPLOYED",
      disability: "NO",
      foreignOrigin: "NO",
      minority: "NO",
      homeless: "NO",
      urbanisation: "TOWN_OR_SUBURB",
      participationStart: "2026-09-01",
    },
  },
  {
    client: "Teresa Gil",
    data: {
      sex: "FEMALE",
      birthDate: "1968-09-30",
      educationLevel: "ISCED_2",
      labourMarketStatus: "UNEMPLOYED_REGISTERED",
      disability: "YES",
      foreignOrigin: "NO",
      minority: "NO",
      homeless: "NO",
      urbanisation: "RURAL",
      participationStart: "2025-03-10",
      participationEnd: "2026-06-30",
      situationAtEnd: "EMPLOYED",
    },
  },
  {
    client: "Jan Nowicki",
    data: {
      sex: "MALE",
      birthDate: "1985-01-22",
      educationLevel: "ISCED_4",
      labourMarketStatus: "INACTIVE",
      disability: "NO",
      foreignOrigin: "REFUSED",
      minority: "REFUSED",
      homeless: "NO",
      urbanisation: "TOWN_OR_SUBURB",
      participationStart: "2026-02-02",
    },
  },
  {
    client: "Zofia Wróbel",
    data: {
      sex: "FEMALE",
      birthDate: "1959-12-05",
      educationLevel: "ISCED_3",
      labourMarketStatus: "UNEMPLOYED_NOT_REGISTERED",
      disability: "NO",
      foreignOrigin: "NO",
      minority: "NO",
      homeless: "NO",
      urbanisation: "RURAL",
      participationStart: "2024-10-14",
      participationEnd: "2025-09-30",
      situationAtEnd: "SELF_EMPLOYED",
    },
  },
  // Gaps: no education, no urbanisation.
  {
    client: "Barbara Sikora",
    data: {
      sex: "FEMALE",
      birthDate: "1990-07-17",
      labourMarketStatus: "UNEMPLOYED_REGISTERED",
      disability: "NO",
      homeless: "NO",
      participationStart: "2026-03-16",
    },
  },
  // Ended without the situation at the end.
  {
    client: "Tadeusz Wilk",
    data: {
      sex: "MALE",
      birthDate: "1963-03-03",
      educationLevel: "ISCED_2",
      labourMarketStatus: "LONG_TERM_UNEMPLOYED",
      disability: "REFUSED",
      foreignOrigin: "NO",
      minority: "NO",
      homeless: "YES",
      urbanisation: "TOWN_OR_SUBURB",
      participationStart: "2025-01-20",
      participationEnd: "2025-12-19",
    },
  },
  // Only started.
  { client: "Marianna Zając", data: { sex: "FEMALE", participationStart: "2026-04-07" } },
];

function idOf(map: TIds, key: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`No demo record ${key}`);
  return id;
}

/** A demo date, never later than today (the demo may run on any day). */
function notAfterToday(iso: string): string {
  const today = todayInPoland();
  return iso > today ? today : iso;
}

export async function seedIndicatorDemo({
  tenantId,
  userIds,
  clientIds,
  officeIds,
  partnerIds,
}: {
  tenantId: string;
  userIds: TIds;
  clientIds: TIds;
  officeIds: TIds;
  partnerIds: TIds;
}): Promise<{ results: number; jobs: number; participants: number }> {
  const manager: TContext = { userId: idOf(userIds, "kierownik@sowes.example.pl"), tenantId, role: "MANAGER", partnerId: null, requestId: "seed" };
  const write = <T>(work: (tx: TTx) => Promise<T>) => tenantTransaction(tenantId, work);
  const audit = (tx: TTx, action: string, entityType: string, entityId: string, after: unknown, before?: unknown) =>
    recordAudit(tx, auditActor(manager), { action, entityType, entityId, after, before });

  // The project period, and the targets of seed 001.
  await write(async (tx) => {
    const before = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { projectStartsOn: true, projectEndsOn: true, jobCheckMonths: true } });
    const after = await tx.tenant.update({
      where: { id: tenantId },
      data: { projectStartsOn: dateOnly(DEMO_PROJECT.startsOn), projectEndsOn: dateOnly(DEMO_PROJECT.endsOn) },
      select: { projectStartsOn: true, projectEndsOn: true, jobCheckMonths: true },
    });
    await audit(tx, "tenant.project_settings", "Tenant", tenantId, after, before);
  });
  const indicators = new Map(
    (await write((tx) => tx.indicator.findMany({ where: { tenantId }, select: { id: true, code: true } }))).map((i) => [i.code, i.id]),
  );
  const targetRows = [
    ...Object.entries(DEMO_PROJECT_TARGETS).map(([code, value]) => ({ code, period: "PROJECT", value })),
    ...DEMO_YEARS.flatMap((year) => Object.entries(DEMO_YEAR_TARGETS).map(([code, value]) => ({ code, period: year, value }))),
  ];
  await write(async (tx) => {
    await tx.indicatorTarget.createMany({
      data: targetRows.map((t) => ({ tenantId, indicatorId: idOf(indicators, t.code), period: t.period, value: t.value })),
    });
    for (const code of new Set(targetRows.map((t) => t.code))) {
      const targets = Object.fromEntries(targetRows.filter((t) => t.code === code).map((t) => [t.period, t.value]));
      await recordAudit(tx, auditActor(manager), {
        action: "indicator.targets_set",
        entityType: "Indicator",
        entityId: idOf(indicators, code),
        before: { targets: {} },
        after: { targets },
      });
    }
  });

  // Two animators on employment contracts (one with an account, one without): 2 in each year.
  const staff = [
    {
      userId: idOf(userIds, "animator@sowes.example.pl"),
      personName: "Animator ŚOWES",
      reference: "UoP 3/2024",
      startsOn: "2024-01-02",
      endsOn: null,
      partner: "Fundacja Busko",
      office: "Busko-Zdrój",
    },
    {
      userId: null,
      personName: "Katarzyna Zięba",
      reference: "UoP 11/2024",
      startsOn: "2024-03-01",
      endsOn: null,
      partner: "Stowarzyszenie Staszów",
      office: "Staszów",
    },
  ];
  for (const s of staff) {
    await write(async (tx) => {
      const personName = s.userId
        ? (await tx.user.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: s.userId } }, select: { name: true } })).name
        : s.personName;
      const row = await tx.staffEmployment.create({
        data: {
          tenantId,
          userId: s.userId,
          personName,
          position: "ANIMATOR",
          contractKind: "EMPLOYMENT_CONTRACT",
          reference: s.reference,
          startsOn: dateOnly(s.startsOn),
          endsOn: s.endsOn ? dateOnly(s.endsOn) : null,
          partnerId: idOf(partnerIds, s.partner),
          officeId: idOf(officeIds, s.office),
          createdById: manager.userId,
        },
      });
      await audit(tx, "staff.create", "StaffEmployment", row.id, row);
    });
  }

  // Evaluated (closed) paths with their results, jobs and durability checks.
  const { jobCheckMonths } = await write((tx) => tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { jobCheckMonths: true } }));
  let results = 0;
  let jobs = 0;
  for (const plan of PATHS) {
    await write(async (tx) => {
      const clientId = idOf(clientIds, plan.client);
      const client = await tx.client.findUniqueOrThrow({ where: { tenantId_id: { tenantId, id: clientId } }, select: { keyAdvisorId: true } });
      const advisorId = client.keyAdvisorId ?? manager.userId;
      const lastResult =
        plan.results
          .map((r) => r.achievedOn)
          .sort()
          .at(-1) ?? plan.openedOn;
      const evaluatedOn = notAfterToday(addDays(lastResult, 14));
      const path = await tx.supportPath.create({
        data: {
          tenantId,
          clientId,
          openClientId: null,
          direction: plan.direction,
          workForm: "INDIVIDUAL",
          step: "CLOSED",
          keyAdvisorId: advisorId,
          identification: plan.assessment,
          openedAt: dateOnly(plan.openedOn),
          closedAt: dateOnly(notAfterToday(addDays(evaluatedOn, 7))),
          createdById: advisorId,
        },
        select: { id: true },
      });
      await recordAudit(
        tx,
        { tenantId, userId: advisorId, requestId: "seed" },
        { action: "path.open", entityType: "SupportPath", entityId: path.id, after: { clientId, direction: plan.direction } },
      );
      const evaluation = await tx.pathEvaluation.create({
        data: { tenantId, pathId: path.id, authorId: advisorId, assessment: plan.assessment, createdAt: dateOnly(evaluatedOn) },
        select: { id: true },
      });
      for (const result of plan.results) {
        const row = await tx.pathResult.create({
          data: {
            tenantId,
            evaluationId: evaluation.id,
            type: result.type,
            quantity: result.quantity ?? 1,
            achievedOn: dateOnly(result.achievedOn),
            evidenceKind: result.evidenceKind,
            evidenceReference: result.evidenceReference,
            description: result.description ?? null,
            kpresSpheres: result.spheres,
          },
          select: { id: true },
        });
        results++;
        for (const job of result.jobs ?? []) {
          const created = await tx.jobRecord.create({
            data: {
              tenantId,
              clientId,
              pathResultId: row.id,
              personName: job.personName ?? null,
              position: job.position ?? null,
              startsOn: dateOnly(result.achievedOn),
              evidence: result.evidenceReference,
              createdById: advisorId,
            },
            select: { id: true },
          });
          jobs++;
          for (const [index, months] of jobCheckMonths.entries()) {
            const dueOn = addCalendarMonths(result.achievedOn, months);
            const check = job.checks[index] ?? null;
            const checkedOn = check?.outcome === "MAINTAINED" ? addDays(dueOn, check.checkedAfterDays) : check?.outcome === "ENDED" ? check.endedOn : null;
            // A check is recorded only once it has come (the demo may run before its day).
            const recorded = check && checkedOn && checkedOn <= todayInPoland() ? check : null;
            const recordedCheck = await tx.jobCheck.create({
              select: { months: true, outcome: true, checkedOn: true, endedOn: true, evidence: true },
              data: {
                tenantId,
                jobId: created.id,
                months,
                dueOn: dateOnly(dueOn),
                outcome: recorded?.outcome ?? null,
                checkedOn: recorded && checkedOn ? dateOnly(checkedOn) : null,
                endedOn: recorded?.outcome === "ENDED" ? dateOnly(recorded.endedOn) : null,
                evidence: recorded ? (recorded.outcome === "MAINTAINED" ? "Umowa o pracę i lista płac" : "Rozwiązanie umowy o pracę") : null,
                checkedById: recorded ? advisorId : null,
                checkedAt: recorded && checkedOn ? dateOnly(checkedOn) : null,
              },
            });
            if (recorded) {
              await recordAudit(
                tx,
                { tenantId, userId: advisorId, requestId: "seed" },
                { action: "durability.check_record", entityType: "JobRecord", entityId: created.id, after: recordedCheck },
              );
            }
          }
        }
      }
      await recordAudit(
        tx,
        { tenantId, userId: advisorId, requestId: "seed" },
        {
          action: "path.evaluation_add",
          entityType: "SupportPath",
          entityId: path.id,
          after: { assessment: plan.assessment, results: plan.results.map(({ jobs: _jobs, ...r }) => r) },
        },
      );
      await recordAudit(
        tx,
        { tenantId, userId: advisorId, requestId: "seed" },
        { action: "path.close", entityType: "SupportPath", entityId: path.id, after: { step: "CLOSED" } },
      );
    });
  }

  // A letter of intent: the joint project of two initiative groups (an indicator without a source in the system).
  await write(async (tx) => {
    const row = await tx.indicatorEvidence.create({
      data: {
        tenantId,
        indicatorId: idOf(indicators, "JOINT_GI_PROJECTS"),
        documentKind: "List intencyjny",
        documentDate: dateOnly("2025-09-18"),
        reference: "ŚOWES/GI/2025/LI-01",
        quantity: 1,
        clientId: idOf(clientIds, "Grupa inicjatywna Gospodynie ze Stopnicy"),
        kpresSpheres: ["LOCAL_COMMUNITY_AND_CULTURE"],
        description: "Wspólny projekt „Szlak smaków Ponidzia” z grupą inicjatywną Rękodzieło Ziemi Staszowskiej.",
        createdById: manager.userId,
      },
    });
    await audit(tx, "evidence.register", "IndicatorEvidence", row.id, row);
  });

  await seedCompletedTrainings(manager, userIds, clientIds, officeIds);

  for (const p of PARTICIPANTS) {
    await write(async (tx) => {
      const clientId = idOf(clientIds, p.client);
      const dates = ["birthDate", "participationStart", "participationEnd"] as const;
      const data = { ...p.data, ...Object.fromEntries(dates.filter((k) => p.data[k]).map((k) => [k, dateOnly(p.data[k] ?? "")])) };
      await tx.participantData.create({ data: { ...data, tenantId, clientId, updatedById: manager.userId } });
      await audit(tx, "participant.update", "Client", clientId, p.data);
    });
  }
  return { results, jobs, participants: PARTICIPANTS.length };
}

/**
 * Completed trainings (present at ≥ 80% of the sessions), through the events services: in 2025
 * three people; in 2026 two trainings, Teresa Gil in both (she counts once), Danuta Ptak at one of
 * two sessions (not completed). Sessions are dated in the past, never later than today.
 */
async function seedCompletedTrainings(manager: TContext, userIds: TIds, clientIds: TIds, officeIds: TIds) {
  const trainings = [
    {
      title: "Księgowość spółdzielni socjalnej",
      days: ["2025-05-13", "2025-05-20"],
      office: "Busko-Zdrój",
      present: { "Stanisław Wrona": [true, true], "Henryk Lis": [true, true], "Grażyna Sowa": [true, true] } as Record<string, boolean[]>,
    },
    {
      title: "Marketing lokalnych produktów",
      days: ["2026-03-10", "2026-03-17"],
      office: "Busko-Zdrój",
      present: { "Jan Nowicki": [true, true], "Barbara Sikora": [true, true], "Teresa Gil": [true, true], "Danuta Ptak": [true, false] } as Record<
        string,
        boolean[]
      >,
    },
    {
      title: "Kurs obsługi kasy fiskalnej i sprzedaży",
      days: ["2026-06-09", "2026-06-10", "2026-06-11", "2026-06-12", "2026-06-15"],
      office: "Staszów",
      // Four of five sessions: 80% — completed.
      present: { "Teresa Gil": [true, true, true, true, true], "Marianna Zając": [true, true, false, true, true] } as Record<string, boolean[]>,
    },
  ];
  for (const training of trainings) {
    const days = training.days.map(notAfterToday);
    const event = await createEvent(manager, {
      title: training.title,
      kind: "TRAINING",
      supportType: "TRAINING",
      description: "Szkolenie zawodowe dla uczestników ścieżek wsparcia (dane demonstracyjne).",
      capacity: 12,
      officeId: idOf(officeIds, training.office),
      countsTowardLimit: false,
      sessions: days.map((date) => ({ date, startTime: "09:00", endTime: "14:00", place: `${training.office}, sala szkoleniowa OWES` })),
      trainers: [{ userId: idOf(userIds, "animator@sowes.example.pl") }, { externalName: "Biuro Rachunkowe Kwadrat" }],
    });
    const registrations = new Map<string, string>();
    for (const name of Object.keys(training.present)) {
      registrations.set(name, (await registerPerson(manager, event.id, { personClientId: idOf(clientIds, name) })).id);
    }
    const { sessions } = await getEventPage(manager, event.id);
    for (const [index, session] of sessions.entries()) {
      await saveSessionAttendance(manager, session.id, {
        rows: Object.entries(training.present).map(([name, present]) => ({
          registrationId: idOf(registrations, name),
          status: present[index] ? "PRESENT" : "ABSENT",
          materials: Boolean(present[index]),
          meals: Boolean(present[index]),
          travelReimbursement: null,
        })),
      });
    }
  }
}
