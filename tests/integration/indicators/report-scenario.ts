import { randomUUID } from "node:crypto";
import { contextFor, createClient, createOffice, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { createTraining, registerIndividual, type TTraining } from "@/tests/factories/attendance";
import { insertRegistration } from "@/tests/factories/events";
import { insertPath } from "@/tests/factories/path-rows";

/*
 * The evidence of the indicator report's acceptance scenario (issue 16), inserted as the owner so
 * each figure can be counted by hand: path results (with quantities, spheres, dates inside and
 * outside 2026), trainings completed (one person twice), animators' contracts (one person on two),
 * durability checks and manual evidence; another tenant with evidence that must never count.
 */

type TSphere = "SUSTAINABLE_DEVELOPMENT" | "LOCAL_COMMUNITY_AND_CULTURE" | "SOLIDARITY_OF_GENERATIONS" | "ACTIVE_INTEGRATION_SERVICES";

export async function indicatorIdOf(tenantId: string, code: string): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(`SELECT id FROM indicator WHERE tenant_id = $1 AND code = $2`, [tenantId, code]);
  if (!row) throw new Error(`no indicator ${code}`);
  return row.id;
}

export async function setTarget(tenantId: string, code: string, period: string, value: number): Promise<void> {
  await ownerQuery(
    `INSERT INTO indicator_target (tenant_id, indicator_id, period, value, updated_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (tenant_id, indicator_id, period) DO UPDATE SET value = EXCLUDED.value`,
    [tenantId, await indicatorIdOf(tenantId, code), period, value],
  );
}

/** A path result on a (closed) path of `clientId`, evaluated by `authorId`. */
export async function insertResult(
  tenant: { id: string },
  input: {
    clientId: string;
    authorId: string;
    type: string;
    quantity: number;
    achievedOn: string;
    spheres?: TSphere[];
  },
): Promise<{ id: string; pathId: string }> {
  const path = await insertPath(tenant, {
    clientId: input.clientId,
    keyAdvisorId: input.authorId,
    createdById: input.authorId,
    step: "CLOSED",
  });
  const evaluationId = randomUUID();
  await ownerQuery(`INSERT INTO path_evaluation (id, tenant_id, path_id, author_id, assessment) VALUES ($1, $2, $3, $4, 'Cele osiągnięte')`, [
    evaluationId,
    tenant.id,
    path.id,
    input.authorId,
  ]);
  const id = randomUUID();
  await ownerQuery(
    `INSERT INTO path_result (id, tenant_id, evaluation_id, type, quantity, achieved_on, evidence_kind, evidence_reference, kpres_spheres)
     VALUES ($1, $2, $3, $4::"PathResultType", $5, $6::date, 'Umowa o pracę', $7, $8::"KpresSphere"[])`,
    [id, tenant.id, evaluationId, input.type, input.quantity, input.achievedOn, `UP/${id.slice(0, 6)}`, input.spheres ?? []],
  );
  return { id, pathId: path.id };
}

export async function withdrawResult(resultId: string, byId: string): Promise<void> {
  await ownerQuery(`UPDATE path_result SET withdrawn_at = now(), withdrawn_by_id = $2, withdraw_reason = 'Błędny wpis' WHERE id = $1`, [resultId, byId]);
}

async function attend(training: TTraining, registrationId: string, recordedById: string, presentAt: number[]): Promise<void> {
  for (const [i, session] of training.sessions.entries()) {
    await ownerQuery(
      `INSERT INTO event_attendance (tenant_id, session_id, registration_id, status, recorded_by_id) VALUES ($1, $2, $3, $4::"AttendanceStatus", $5)`,
      [training.tenantId, session.id, registrationId, presentAt.includes(i) ? "PRESENT" : "ABSENT", recordedById],
    );
  }
}

async function insertStaff(
  tenant: { id: string },
  input: {
    name: string;
    position?: string;
    kind?: string;
    startsOn: string;
    endsOn: string | null;
    createdById: string;
    partnerId?: string | null;
  },
): Promise<string> {
  const id = randomUUID();
  await ownerQuery(
    `INSERT INTO staff_employment (id, tenant_id, person_name, position, contract_kind, reference, starts_on, ends_on, partner_id, created_by_id, updated_at)
     VALUES ($1, $2, $3, $4::"StaffPosition", $5::"StaffContractKind", $6, $7::date, $8::date, $9, $10, now())`,
    [
      id,
      tenant.id,
      input.name,
      input.position ?? "ANIMATOR",
      input.kind ?? "EMPLOYMENT_CONTRACT",
      `UoP/${id.slice(0, 4)}`,
      input.startsOn,
      input.endsOn,
      input.partnerId ?? null,
      input.createdById,
    ],
  );
  return id;
}

async function insertJob(
  tenant: { id: string },
  input: {
    clientId: string;
    resultId: string | null;
    startsOn: string;
    createdById: string;
  },
): Promise<string> {
  const id = randomUUID();
  await ownerQuery(
    `INSERT INTO job_record (id, tenant_id, client_id, path_result_id, position, starts_on, created_by_id, updated_at)
     VALUES ($1, $2, $3, $4, 'Kucharz', $5::date, $6, now())`,
    [id, tenant.id, input.clientId, input.resultId, input.startsOn, input.createdById],
  );
  return id;
}

async function insertCheck(
  tenant: { id: string },
  input: {
    jobId: string;
    months: number;
    outcome: "MAINTAINED" | "ENDED";
    checkedOn: string;
    byId: string;
  },
): Promise<void> {
  await ownerQuery(
    `INSERT INTO job_check (id, tenant_id, job_id, months, due_on, outcome, checked_on, ended_on, evidence, checked_by_id, checked_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4::date, $5::"JobCheckOutcome", $4::date, CASE WHEN $5 = 'ENDED' THEN $4::date END, 'Zaświadczenie ZUS', $6, now())`,
    [tenant.id, input.jobId, input.months, input.checkedOn, input.outcome, input.byId],
  );
}

export async function insertManual(
  tenant: { id: string },
  input: {
    code: string;
    quantity: number;
    date: string;
    clientId?: string | null;
    createdById: string;
  },
): Promise<string> {
  const id = randomUUID();
  await ownerQuery(
    `INSERT INTO indicator_evidence_record (id, tenant_id, indicator_id, document_kind, document_date, reference, quantity, client_id, created_by_id, updated_at)
     VALUES ($1, $2, $3, 'List intencyjny', $4::date, $5, $6, $7, $8, now())`,
    [id, tenant.id, await indicatorIdOf(tenant.id, input.code), input.date, `LI/${id.slice(0, 4)}`, input.quantity, input.clientId ?? null, input.createdById],
  );
  return id;
}

export type TReportScenario = {
  tenant: TTenantRow;
  manager: TUserRow;
  coordinator: TUserRow;
  advisorA: TUserRow;
  advisorB: TUserRow;
  clientA: { id: string; name: string };
  clientB: { id: string; name: string };
  partnerA: { id: string; name: string };
  partnerB: { id: string; name: string };
  office: { id: string; name: string };
  results: {
    jobsMarch: { id: string; pathId: string };
    jobsJuly: { id: string; pathId: string };
    jobsAugust: { id: string; pathId: string };
  };
  trainee: { clientId: string; name: string };
  other: { tenant: TTenantRow; manager: TUserRow };
};

/**
 * The hand counts for 2026 (see each insert):
 *   JOBS_CREATED 3 (Mar, clientA) + 2 (Jul, clientB) + 4 (Aug, clientA — withdrawn by the test) = 9;
 *     2025: 5 (Dec 31). Target 2026: 20; PROJECT: 40.
 *   SOCIAL_ENTERPRISES 1 (Feb, clientB, no sphere).
 *   TRAINING_PARTICIPANTS 1 (one person completing two trainings; another present at 1 of 2
 *     sessions does not count); 2025: 1.
 *   ANIMATORS 2 (Anna Nowak on two contracts across 2026, Jan Kos Apr–Jun; a civil-law contract, an
 *     advisor's and a 2027 contract do not count); 2025: 1; Q1 2026: 1.
 *   JOBS_MAINTAINED 1 (one job checked maintained twice; another ended).
 *   JOINT_GI_PROJECTS 1 + 2 = 3 (manual; one from 2025 does not count).
 */
export async function buildReportScenario(): Promise<TReportScenario> {
  const tenant = await createTenant({ name: "OWES Ziemi Świętokrzyskiej" });
  const partnerA = await createPartner(tenant, { name: "Fundacja Aktywni" });
  const partnerB = await createPartner(tenant, {
    name: "Stowarzyszenie Razem",
  });
  const office = await createOffice(tenant, { name: "Biuro Kielce" });
  const manager = await createUser(tenant, { role: "MANAGER" });
  const coordinator = await createUser(tenant, {
    role: "COORDINATOR",
    partnerId: partnerA.id,
  });
  const advisorA = await createUser(tenant, {
    role: "KEY_ADVISOR",
    partnerId: partnerA.id,
  });
  const advisorB = await createUser(tenant, {
    role: "KEY_ADVISOR",
    partnerId: partnerB.id,
  });
  const clientA = await createClient(tenant, {
    name: "Spółdzielnia Socjalna Żuraw",
    kind: "SOCIAL_COOPERATIVE",
    keyAdvisorId: advisorA.id,
    officeId: office.id,
  });
  const clientB = await createClient(tenant, {
    name: "Fundacja Łąka",
    kind: "NGO",
    keyAdvisorId: advisorB.id,
  });
  await ownerQuery(`UPDATE client SET county = 'kielecki', kpres_spheres = '{SUSTAINABLE_DEVELOPMENT}' WHERE id = $1`, [clientA.id]);

  const jobsMarch = await insertResult(tenant, {
    clientId: clientA.id,
    authorId: advisorA.id,
    type: "JOBS_CREATED",
    quantity: 3,
    achievedOn: "2026-03-10",
    spheres: ["SUSTAINABLE_DEVELOPMENT"],
  });
  const jobsJuly = await insertResult(tenant, {
    clientId: clientB.id,
    authorId: advisorB.id,
    type: "JOBS_CREATED",
    quantity: 2,
    achievedOn: "2026-07-01",
    spheres: ["LOCAL_COMMUNITY_AND_CULTURE"],
  });
  const jobsAugust = await insertResult(tenant, {
    clientId: clientA.id,
    authorId: advisorA.id,
    type: "JOBS_CREATED",
    quantity: 4,
    achievedOn: "2026-08-01",
    spheres: ["SUSTAINABLE_DEVELOPMENT"],
  });
  await insertResult(tenant, {
    clientId: clientA.id,
    authorId: advisorA.id,
    type: "JOBS_CREATED",
    quantity: 5,
    achievedOn: "2025-12-31",
  });
  await insertResult(tenant, {
    clientId: clientB.id,
    authorId: advisorB.id,
    type: "SOCIAL_ENTERPRISE_CREATED",
    quantity: 1,
    achievedOn: "2026-02-01",
  });
  await setTarget(tenant.id, "JOBS_CREATED", "2026", 20);
  await setTarget(tenant.id, "JOBS_CREATED", "PROJECT", 40);

  // Trainings: one person completes two in 2026 (counted once); another attends 1 of 2 sessions.
  const first = await createTraining(tenant, {
    createdById: manager.id,
    sessions: [{ date: "2026-03-02" }, { date: "2026-03-03" }],
  });
  const second = await createTraining(tenant, {
    createdById: manager.id,
    sessions: [{ date: "2026-05-05" }],
  });
  const earlier = await createTraining(tenant, {
    createdById: manager.id,
    sessions: [{ date: "2025-11-10" }],
  });
  const trainee = await registerIndividual(first, manager.id, {
    name: "Bożena Kałuża",
  });
  await attend(first, trainee.registrationId, manager.id, [0, 1]);
  const again = await insertRegistration(second, { personClientId: trainee.clientId }, { registeredById: manager.id });
  await attend(second, again.id, manager.id, [0]);
  const partial = await registerIndividual(first, manager.id, {
    name: "Ewa Połowa",
  });
  await attend(first, partial.registrationId, manager.id, [0]);
  const last = await registerIndividual(earlier, manager.id, {
    name: "Zenon Wcześniejszy",
  });
  await attend(earlier, last.registrationId, manager.id, [0]);

  // Animators' contracts.
  await insertStaff(tenant, {
    name: "Anna Nowak",
    startsOn: "2025-06-01",
    endsOn: "2026-02-28",
    createdById: manager.id,
    partnerId: partnerA.id,
  });
  await insertStaff(tenant, {
    name: " anna nowak ",
    startsOn: "2026-03-01",
    endsOn: null,
    createdById: manager.id,
    partnerId: partnerA.id,
  });
  await insertStaff(tenant, {
    name: "Jan Kos",
    startsOn: "2026-04-01",
    endsOn: "2026-06-30",
    createdById: manager.id,
  });
  await insertStaff(tenant, {
    name: "Olga Zlecenie",
    kind: "CIVIL_LAW_CONTRACT",
    startsOn: "2026-01-01",
    endsOn: null,
    createdById: manager.id,
  });
  await insertStaff(tenant, {
    name: "Piotr Doradca",
    position: "KEY_ADVISOR",
    startsOn: "2026-01-01",
    endsOn: null,
    createdById: manager.id,
  });
  await insertStaff(tenant, {
    name: "Przyszły Animator",
    startsOn: "2027-01-01",
    endsOn: null,
    createdById: manager.id,
  });

  // Durability: one job maintained at two checks, another ended.
  const kept = await insertJob(tenant, {
    clientId: clientA.id,
    resultId: jobsMarch.id,
    startsOn: "2025-03-10",
    createdById: advisorA.id,
  });
  await insertCheck(tenant, {
    jobId: kept,
    months: 12,
    outcome: "MAINTAINED",
    checkedOn: "2026-03-12",
    byId: advisorA.id,
  });
  await insertCheck(tenant, {
    jobId: kept,
    months: 24,
    outcome: "MAINTAINED",
    checkedOn: "2026-11-20",
    byId: advisorA.id,
  });
  const lost = await insertJob(tenant, {
    clientId: clientB.id,
    resultId: null,
    startsOn: "2025-05-01",
    createdById: advisorB.id,
  });
  await insertCheck(tenant, {
    jobId: lost,
    months: 12,
    outcome: "ENDED",
    checkedOn: "2026-05-02",
    byId: advisorB.id,
  });

  // Manual evidence for joint projects of initiative groups.
  await insertManual(tenant, {
    code: "JOINT_GI_PROJECTS",
    quantity: 1,
    date: "2026-04-04",
    clientId: clientA.id,
    createdById: manager.id,
  });
  await insertManual(tenant, {
    code: "JOINT_GI_PROJECTS",
    quantity: 2,
    date: "2026-10-10",
    createdById: manager.id,
  });
  await insertManual(tenant, {
    code: "JOINT_GI_PROJECTS",
    quantity: 7,
    date: "2025-10-10",
    createdById: manager.id,
  });

  // Another centre with evidence of every kind that must never count here.
  const otherTenant = await createTenant();
  const otherManager = await createUser(otherTenant, { role: "MANAGER" });
  const otherAdvisor = await createUser(otherTenant, { role: "KEY_ADVISOR" });
  const otherClient = await createClient(otherTenant, {
    keyAdvisorId: otherAdvisor.id,
  });
  await insertResult(otherTenant, {
    clientId: otherClient.id,
    authorId: otherAdvisor.id,
    type: "JOBS_CREATED",
    quantity: 100,
    achievedOn: "2026-03-10",
    spheres: ["SUSTAINABLE_DEVELOPMENT"],
  });
  await insertManual(otherTenant, {
    code: "JOINT_GI_PROJECTS",
    quantity: 50,
    date: "2026-04-04",
    createdById: otherManager.id,
  });
  await insertStaff(otherTenant, {
    name: "Anna Nowak",
    startsOn: "2026-01-01",
    endsOn: null,
    createdById: otherManager.id,
  });

  return {
    tenant,
    manager,
    coordinator,
    advisorA,
    advisorB,
    clientA,
    clientB,
    partnerA,
    partnerB,
    office,
    results: { jobsMarch, jobsJuly, jobsAugust },
    trainee: { clientId: trainee.clientId, name: trainee.name },
    other: { tenant: otherTenant, manager: otherManager },
  };
}

export { contextFor };
