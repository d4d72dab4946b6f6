import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import {
  countRows,
  createAuditEntry,
  createOffice,
  createPartner,
  createTenant,
  createClient,
  createUser,
  ownerQuery,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { insertContract, insertEvaluation, insertNeed, insertPath, insertPlanVersion } from "@/tests/factories/path-rows";
import { insertServiceRecord } from "@/tests/factories/services";
import { createEvent as insertEvent, insertRegistration } from "@/tests/factories/events";

/**
 * Isolation below the services: the app role itself cannot see or write another tenant's rows,
 * whatever a service forgets. Raw SQL runs as `owes_app` (APP_DATABASE_URL); the owner only seeds.
 */
const APP_DATABASE_URL = process.env.APP_DATABASE_URL ?? "";

let app: pg.Client;
let tenantTables: string[];
let tenantA: TTenantRow;
let tenantB: TTenantRow;
let userA: TUserRow;

beforeAll(async () => {
  app = new pg.Client({ connectionString: APP_DATABASE_URL });
  await app.connect();
  const [me] = (await app.query<{ user: string }>("SELECT current_user AS user")).rows;
  expect(me?.user).toBe("owes_app");
  tenantTables = (
    await ownerQuery<{ table_name: string }>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
        ORDER BY c.table_name`,
    )
  ).map((r) => r.table_name);
});

afterAll(async () => {
  await app.end();
});

/** A client with a representative, an assignment and a support path holding a row in every path table. */
async function seedCaseRows(tenant: TTenantRow, advisor: TUserRow) {
  const client = await createClient(tenant, { kind: "NGO", keyAdvisorId: advisor.id });
  await ownerQuery(`INSERT INTO client_person (id, tenant_id, client_id, role, name) VALUES ($1, $2, $3, 'REPRESENTATIVE', 'Jan Reprezentant')`, [
    randomUUID(),
    tenant.id,
    client.id,
  ]);
  await ownerQuery(
    `INSERT INTO client_team_member (id, tenant_id, client_id, user_id, role, starts_on, added_by_id) VALUES ($1, $2, $3, $4, 'ANIMATOR', current_date, $4)`,
    [randomUUID(), tenant.id, client.id, advisor.id],
  );
  const path = await insertPath(tenant, { clientId: client.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "MONITORING" });
  await insertContract(path);
  await insertNeed(path);
  const version = await insertPlanVersion(path, { number: 1, status: "APPROVED", createdById: advisor.id });
  await ownerQuery(`INSERT INTO path_plan_event (id, tenant_id, plan_version_id, kind, actor_id) VALUES ($1, $2, $3, 'APPROVED', $4)`, [
    randomUUID(),
    tenant.id,
    version.id,
    advisor.id,
  ]);
  await insertEvaluation(path, advisor.id);
  await ownerQuery(`INSERT INTO path_monitoring_entry (id, tenant_id, path_id, author_id, progress) VALUES ($1, $2, $3, $4, 'Postęp')`, [
    randomUUID(),
    tenant.id,
    path.id,
    advisor.id,
  ]);
  const annotationId = randomUUID();
  await ownerQuery(
    `INSERT INTO path_annotation (id, tenant_id, path_id, annotation_id, revision, step, text, author_id) VALUES ($1, $2, $3, $1, 1, 'MONITORING', 'Uwaga', $4)`,
    [annotationId, tenant.id, path.id, advisor.id],
  );
  await insertServiceRecord(tenant, { clientId: client.id, userId: advisor.id, pathId: path.id });
  // An institution of the directory and an exchange with it about the client, on the path.
  const institutionId = randomUUID();
  await ownerQuery(`INSERT INTO institution (id, tenant_id, name, kind, updated_at) VALUES ($1, $2, 'PUP w Kielcach', 'PUP', now())`, [
    institutionId,
    tenant.id,
  ]);
  await ownerQuery(
    `INSERT INTO information_exchange (id, tenant_id, date, institution_id, direction, channel, subject, client_id, path_id, author_id, updated_at)
     VALUES ($1, $2, current_date, $3, 'RECEIVED', 'EMAIL', 'Informacja o rejestracji', $4, $5, $6, now())`,
    [randomUUID(), tenant.id, institutionId, client.id, path.id, advisor.id],
  );
  // The seeded indicator catalogue (every tenant gets it), a target, evidence registered by hand, a staff record.
  const [manualIndicator] = await ownerQuery<{ id: string }>(`SELECT id FROM indicator WHERE tenant_id = $1 AND code = 'JOINT_GI_PROJECTS'`, [tenant.id]);
  await ownerQuery(`INSERT INTO indicator_target (tenant_id, indicator_id, period, value, updated_at) VALUES ($1, $2, '2026', 1, now())`, [
    tenant.id,
    manualIndicator?.id,
  ]);
  await ownerQuery(
    `INSERT INTO indicator_evidence_record (id, tenant_id, indicator_id, document_kind, document_date, reference, client_id, created_by_id, updated_at)
     VALUES ($1, $2, $3, 'List intencyjny', current_date, 'LI/1', $4, $5, now())`,
    [randomUUID(), tenant.id, manualIndicator?.id, client.id, advisor.id],
  );
  await ownerQuery(
    `INSERT INTO staff_employment (id, tenant_id, user_id, person_name, position, contract_kind, reference, starts_on, created_by_id, updated_at)
     VALUES ($1, $2, $3, 'Animatorka', 'ANIMATOR', 'EMPLOYMENT_CONTRACT', 'UoP/1', current_date, $3, now())`,
    [randomUUID(), tenant.id, advisor.id],
  );
  // A job created at the client, with its durability check.
  const jobId = randomUUID();
  await ownerQuery(`INSERT INTO job_record (id, tenant_id, client_id, starts_on, created_by_id, updated_at) VALUES ($1, $2, $3, current_date, $4, now())`, [
    jobId,
    tenant.id,
    client.id,
    advisor.id,
  ]);
  await ownerQuery(`INSERT INTO job_check (id, tenant_id, job_id, months, due_on) VALUES ($1, $2, $3, 12, current_date + 365)`, [
    randomUUID(),
    tenant.id,
    jobId,
  ]);
  // An event with its session (the factory's) and a staff trainer.
  const event = await insertEvent(tenant, { createdById: advisor.id });
  await ownerQuery(`INSERT INTO event_trainer (id, tenant_id, event_id, user_id) VALUES ($1, $2, $3, $4)`, [randomUUID(), tenant.id, event.id, advisor.id]);
  // A person registered for it.
  const participant = await createClient(tenant, { name: "Uczestnik Szkolenia" });
  await insertRegistration(event, { personClientId: participant.id }, { registeredById: advisor.id });
  // The centre's information clause, and the participant's consent given with it (lib/domain/privacy/clauses.ts, consents.ts).
  const clauseId = randomUUID();
  await ownerQuery(
    `INSERT INTO information_clause (id, tenant_id, version, title, body, effective_from, created_by_id) VALUES ($1, $2, 1, 'Klauzula', 'Treść', current_date, $3)`,
    [clauseId, tenant.id, advisor.id],
  );
  await ownerQuery(
    `INSERT INTO client_consent (id, tenant_id, client_id, purpose, given_on, clause_id, recorded_by_id, updated_at) VALUES ($1, $2, $3, 'SENSITIVE_DATA', current_date, $4, $5, now())`,
    [randomUUID(), tenant.id, participant.id, clauseId, advisor.id],
  );
  // Their EFS+ participant data.
  await ownerQuery(
    `INSERT INTO participant_data (tenant_id, client_id, sex, participation_start, updated_by_id, updated_at) VALUES ($1, $2, 'FEMALE', current_date, $3, now())`,
    [tenant.id, participant.id, advisor.id],
  );
  // Who viewed their record (lib/domain/privacy/access-log.ts).
  await ownerQuery(`INSERT INTO access_log (id, tenant_id, user_id, client_id, view, ip) VALUES ($1, $2, $3, $4, 'CLIENT_RECORD', '203.0.113.7')`, [
    randomUUID(),
    tenant.id,
    advisor.id,
    participant.id,
  ]);
  // Their attendance at the session.
  await ownerQuery(
    `INSERT INTO event_attendance (tenant_id, session_id, registration_id, status, recorded_by_id)
     SELECT r.tenant_id, s.id, r.id, 'PRESENT', $2 FROM event_registration r JOIN event_session s ON s.tenant_id = r.tenant_id AND s.event_id = r.event_id WHERE r.event_id = $1`,
    [event.id, advisor.id],
  );
  // The participant listed for the IOD's decision once retention ended (lib/domain/privacy/retention.ts).
  await ownerQuery(`INSERT INTO retention_review (id, tenant_id, client_id, retention_ended_on) VALUES ($1, $2, $3, current_date - 1)`, [
    randomUUID(),
    tenant.id,
    participant.id,
  ]);
  // Their request for a copy of their data (lib/domain/privacy/requests.ts).
  await ownerQuery(
    `INSERT INTO subject_request (id, tenant_id, client_id, requester_name, kind, received_on, due_on, created_by_id, updated_at)
     VALUES ($1, $2, $3, 'Uczestnik Szkolenia', 'ACCESS', current_date, current_date + 30, $4, now())`,
    [randomUUID(), tenant.id, participant.id, advisor.id],
  );
  // A spreadsheet import with one issue in its report (lib/domain/imports).
  const importId = randomUUID();
  await ownerQuery(
    `INSERT INTO data_import (id, tenant_id, kind, file_name, file_type, byte_size, checksum, content, status, created_by_id, updated_at)
     VALUES ($1, $2, 'CLIENTS', 'klienci.csv', 'csv', 3, 'x', '\\x414243', 'INVALID', $3, now())`,
    [importId, tenant.id, advisor.id],
  );
  await ownerQuery(`INSERT INTO data_import_issue (id, tenant_id, import_id, row_number, message) VALUES ($1, $2, $3, 2, 'validation.invalidPesel')`, [
    randomUUID(),
    tenant.id,
    importId,
  ]);
}

/** Two tenants, each with at least one row in every tenant-owned table. */
async function seedTwoTenants() {
  tenantA = await createTenant();
  tenantB = await createTenant();
  for (const tenant of [tenantA, tenantB]) {
    const partner = await createPartner(tenant);
    const office = await createOffice(tenant);
    const user = await createUser(tenant, { partnerId: partner.id, officeId: office.id });
    await createUser(tenant, { role: "ADMIN" });
    await createAuditEntry(tenant, { actorId: user.id, action: "user.create", entityId: user.id });
    // An invitation link (only its hash is ever stored).
    await ownerQuery(
      `INSERT INTO account_token (id, tenant_id, user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, 'INVITE', $4, now() + interval '72 hours')`,
      [randomUUID(), tenant.id, user.id, randomUUID()],
    );
    // A notification, e-mailed, and a kind its recipient chose not to get by e-mail.
    await ownerQuery(
      `INSERT INTO notification (id, tenant_id, user_id, kind, href, email_status) VALUES ($1, $2, $3, 'client_assigned', '/dashboard', 'SENT')`,
      [randomUUID(), tenant.id, user.id],
    );
    await ownerQuery(`INSERT INTO notification_preference (tenant_id, user_id, kind, email) VALUES ($1, $2, 'plan_returned', false) ON CONFLICT DO NOTHING`, [
      tenant.id,
      user.id,
    ]);
    // A signed-in session and a recovery code (only its hash is ever stored).
    await ownerQuery(`INSERT INTO user_session (id, tenant_id, user_id, ip) VALUES ($1, $2, $3, '203.0.113.7')`, [randomUUID(), tenant.id, user.id]);
    await ownerQuery(`INSERT INTO recovery_code (id, tenant_id, user_id, code_hash) VALUES ($1, $2, $3, $4)`, [randomUUID(), tenant.id, user.id, randomUUID()]);
    await seedCaseRows(tenant, user);
    if (tenant === tenantA) userA = user;
  }
  for (const table of tenantTables) {
    expect(await countRows(table, tenantA.id), `seed a row of tenant A in ${table}`).toBeGreaterThan(0);
    expect(await countRows(table, tenantB.id), `seed a row of tenant B in ${table}`).toBeGreaterThan(0);
  }
}

/** Runs `work` as the app role in a transaction whose `app.tenant_id` is `tenantId` (as tenantTransaction does). */
async function asAppInTenant<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
  await app.query("BEGIN");
  try {
    await app.query("SELECT set_config('app.tenant_id', $1, true)", [tenantId]);
    return await work();
  } finally {
    await app.query("ROLLBACK");
  }
}

async function appCount(table: string): Promise<{ total: number; perTenant: Record<string, number> }> {
  const idColumn = table === "tenant" ? "id" : "tenant_id";
  const rows = (await app.query<{ tenant: string; n: number }>(`SELECT "${idColumn}" AS tenant, count(*)::int AS n FROM "${table}" GROUP BY 1`)).rows;
  return {
    total: rows.reduce((sum, r) => sum + r.n, 0),
    perTenant: Object.fromEntries(rows.map((r) => [r.tenant, r.n])),
  };
}

describe("the app role", () => {
  beforeEach(seedTwoTenants);

  it("finds the tenant-owned tables", () => {
    expect(tenantTables.length).toBeGreaterThan(0);
    expect(tenantTables).toEqual(expect.arrayContaining(["audit_log", "office", "partner", "user"]));
  });

  it("sees no row of any tenant-owned table without app.tenant_id", async () => {
    const [setting] = (await app.query<{ v: string | null }>("SELECT current_setting('app.tenant_id', true) AS v")).rows;
    expect(setting?.v ?? "").toBe("");
    for (const table of [...tenantTables, "tenant"]) {
      expect((await appCount(table)).total, table).toBe(0);
    }
  });

  it("sees exactly its own tenant's rows with app.tenant_id set", async () => {
    for (const table of [...tenantTables, "tenant"]) {
      const ownRows = table === "tenant" ? 1 : await countRows(table, tenantA.id);
      const seen = await asAppInTenant(tenantA.id, () => appCount(table));
      expect(seen.perTenant, table).toEqual({ [tenantA.id]: ownRows });
    }
  });

  it("cannot insert a row for another tenant (WITH CHECK)", async () => {
    const inserts: Record<string, [string, unknown[]]> = {
      partner: [`INSERT INTO partner (id, tenant_id, name, updated_at) VALUES ($1, $2, 'Intruder', now())`, [randomUUID(), tenantB.id]],
      office: [`INSERT INTO office (id, tenant_id, name, updated_at) VALUES ($1, $2, 'Intruder', now())`, [randomUUID(), tenantB.id]],
      user: [
        `INSERT INTO "user" (id, tenant_id, email, name, role, password_hash, updated_at) VALUES ($1, $2, 'x@example.test', 'Intruder', 'ADMIN', 'x', now())`,
        [randomUUID(), tenantB.id],
      ],
      audit_log: [`INSERT INTO audit_log (id, tenant_id, action, entity_type) VALUES ($1, $2, 'forged', 'User')`, [randomUUID(), tenantB.id]],
      // The rows below would also break foreign keys; the policy refuses them first.
      client: [
        `INSERT INTO client (id, tenant_id, kind, name, name_normalized, status, waiting_since, updated_at) VALUES ($1, $2, 'PERSON', 'Intruz', 'intruz', 'WAITING', now(), now())`,
        [randomUUID(), tenantB.id],
      ],
      client_person: [
        `INSERT INTO client_person (id, tenant_id, client_id, role, name) VALUES ($1, $2, $3, 'MEMBER', 'Intruz')`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      client_assignment: [
        `INSERT INTO client_assignment (id, tenant_id, client_id, advisor_id, assigned_by_id) VALUES ($1, $2, $3, $3, $3)`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      support_path: [
        `INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, created_by_id, updated_at)
         VALUES ($1, $2, $3, $3, 'ECONOMISATION', 'INDIVIDUAL', $3, now())`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      path_transition: [
        `INSERT INTO path_transition (id, tenant_id, path_id, to_step, actor_id) VALUES ($1, $2, $3, 'NEEDS', $3)`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      path_contract: [
        `INSERT INTO path_contract (id, tenant_id, path_id, number, updated_at) VALUES ($1, $2, $3, 'X/1', now())`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      path_need: [
        `INSERT INTO path_need (id, tenant_id, path_id, area, description) VALUES ($1, $2, $3, 'TRAINING', 'x')`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      path_plan_version: [
        `INSERT INTO path_plan_version (id, tenant_id, path_id, number, created_by_id, updated_at) VALUES ($1, $2, $3, 1, $3, now())`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      path_plan_action: [
        `INSERT INTO path_plan_action (id, tenant_id, plan_version_id, position, support_type, description) VALUES ($1, $2, $3, 0, 'TRAINING', 'x')`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      path_plan_event: [
        `INSERT INTO path_plan_event (id, tenant_id, plan_version_id, kind, actor_id) VALUES ($1, $2, $3, 'APPROVED', $3)`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      path_monitoring_entry: [
        `INSERT INTO path_monitoring_entry (id, tenant_id, path_id, author_id, progress) VALUES ($1, $2, $3, $3, 'x')`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      path_evaluation: [
        `INSERT INTO path_evaluation (id, tenant_id, path_id, author_id, assessment) VALUES ($1, $2, $3, $3, 'x')`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      path_result: [
        `INSERT INTO path_result (id, tenant_id, evaluation_id, type, achieved_on, evidence_kind) VALUES ($1, $2, $3, 'OTHER', current_date, 'x')`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      path_annotation: [
        `INSERT INTO path_annotation (id, tenant_id, path_id, annotation_id, revision, step, text, author_id) VALUES ($1, $2, $3, $1, 1, 'NEEDS', 'x', $3)`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      service_record: [
        `INSERT INTO service_record (id, tenant_id, date, duration_minutes, form, channel, support_type, author_id, idempotency_key, updated_at)
         VALUES ($1, $2, current_date, 60, 'INDIVIDUAL', 'IN_PERSON', 'ADVISORY', $1, $1, now())`,
        [randomUUID(), tenantB.id],
      ],
      service_participation: [
        `INSERT INTO service_participation (id, tenant_id, service_id, client_id, date) VALUES ($1, $2, $3, $3, current_date)`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      service_provider: [
        `INSERT INTO service_provider (id, tenant_id, service_id, user_id, date) VALUES ($1, $2, $3, $3, current_date)`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      client_team_member: [
        `INSERT INTO client_team_member (id, tenant_id, client_id, user_id, role, starts_on, added_by_id) VALUES ($1, $2, $3, $3, 'ANIMATOR', current_date, $3)`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      event: [
        `INSERT INTO event (id, tenant_id, title, kind, support_type, created_by_id, updated_at) VALUES ($1, $2, 'Intruz', 'TRAINING', 'TRAINING', $1, now())`,
        [randomUUID(), tenantB.id],
      ],
      event_session: [
        `INSERT INTO event_session (id, tenant_id, event_id, date, duration_minutes, place) VALUES ($1, $2, $3, current_date, 60, 'x')`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      event_trainer: [
        `INSERT INTO event_trainer (id, tenant_id, event_id, external_name) VALUES ($1, $2, $3, 'Intruz')`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      event_registration: [
        `INSERT INTO event_registration (id, tenant_id, event_id, client_id, person_client_id, person_key, status, registered_by_id)
         VALUES ($1, $2, $3, $4::uuid, $4::uuid, 'client:' || $4::uuid::text, 'REGISTERED', $3)`,
        [randomUUID(), tenantB.id, randomUUID(), randomUUID()],
      ],
      event_attendance: [
        `INSERT INTO event_attendance (tenant_id, session_id, registration_id, status, recorded_by_id) VALUES ($1, $2, $3, 'PRESENT', $2)`,
        [tenantB.id, randomUUID(), randomUUID()],
      ],
      institution: [`INSERT INTO institution (id, tenant_id, name, kind, updated_at) VALUES ($1, $2, 'Intruz', 'OTHER', now())`, [randomUUID(), tenantB.id]],
      information_exchange: [
        `INSERT INTO information_exchange (id, tenant_id, date, institution_id, direction, channel, subject, author_id, updated_at)
         VALUES ($1, $2, current_date, $3, 'SENT', 'EMAIL', 'Intruz', $3, now())`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      service_day_total: [
        `INSERT INTO service_day_total (tenant_id, day, support_type, services, minutes) VALUES ($1, current_date, 'ADVISORY', 1000, 60000)`,
        [tenantB.id],
      ],
      // The support catalogue: another tenant's list is as closed as its records.
      support_type: [`INSERT INTO support_type (tenant_id, code, name, updated_at) VALUES ($1, 'INTRUZ', 'Intruz', now())`, [tenantB.id]],
      specialist_area: [`INSERT INTO specialist_area (tenant_id, code, name, updated_at) VALUES ($1, 'INTRUZ', 'Intruz', now())`, [tenantB.id]],
      path_template: [
        `INSERT INTO path_template (tenant_id, code, name, obligatory_support_types, updated_at) VALUES ($1, 'INTRUZ', 'Intruz', '{}', now())`,
        [tenantB.id],
      ],
      // A link minted into another tenant would open an account there.
      account_token: [
        `INSERT INTO account_token (id, tenant_id, user_id, purpose, token_hash, expires_at) VALUES ($1, $2, $3, 'RESET', 'forged', now() + interval '1 hour')`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      // Another tenant's user would read it in their bell, and get its e-mail.
      notification: [
        `INSERT INTO notification (id, tenant_id, user_id, kind, href, email_status) VALUES ($1, $2, $3, 'client_assigned', '/dashboard', 'PENDING')`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      // Another tenant's indicators, targets and evidence would move its actuals.
      indicator: [
        `INSERT INTO indicator (id, tenant_id, code, name, unit, evidence_kind, source, updated_at) VALUES ($1, $2, 'INTRUZ', 'Intruz', 'szt.', 'x', 'MANUAL', now())`,
        [randomUUID(), tenantB.id],
      ],
      indicator_target: [
        `INSERT INTO indicator_target (tenant_id, indicator_id, period, value, updated_at) VALUES ($1, $2, '2026', 1000, now())`,
        [tenantB.id, randomUUID()],
      ],
      indicator_evidence_record: [
        `INSERT INTO indicator_evidence_record (id, tenant_id, indicator_id, document_kind, document_date, reference, quantity, created_by_id, updated_at)
         VALUES ($1, $2, $3, 'x', current_date, 'Intruz', 1000, $3, now())`,
        [randomUUID(), tenantB.id, randomUUID()],
      ],
      staff_employment: [
        `INSERT INTO staff_employment (id, tenant_id, person_name, position, contract_kind, reference, starts_on, created_by_id, updated_at)
         VALUES ($1, $2, 'Intruz', 'ANIMATOR', 'EMPLOYMENT_CONTRACT', 'x', current_date, $1, now())`,
        [randomUUID(), tenantB.id],
      ],
      // Another tenant's jobs and checks would move its "jobs maintained".
      job_record: [
        `INSERT INTO job_record (id, tenant_id, client_id, starts_on, created_by_id, updated_at) VALUES ($1, $2, $1, current_date, $1, now())`,
        [randomUUID(), tenantB.id],
      ],
      job_check: [
        `INSERT INTO job_check (id, tenant_id, job_id, months, due_on, outcome, checked_on) VALUES ($1, $2, $1, 12, current_date, 'MAINTAINED', current_date)`,
        [randomUUID(), tenantB.id],
      ],
      notification_preference: [
        `INSERT INTO notification_preference (tenant_id, user_id, kind, email) VALUES ($1, $2, 'plan_returned', false)`,
        [tenantB.id, randomUUID()],
      ],
      // A session planted in another tenant would pass that tenant's per-request check.
      user_session: [`INSERT INTO user_session (id, tenant_id, user_id) VALUES ($1, $2, $1)`, [randomUUID(), tenantB.id]],
      // A recovery code planted in another tenant would open its account.
      recovery_code: [`INSERT INTO recovery_code (id, tenant_id, user_id, code_hash) VALUES ($1, $2, $1, 'forged')`, [randomUUID(), tenantB.id]],
      participant_data: [
        `INSERT INTO participant_data (tenant_id, client_id, sex, updated_by_id, updated_at) VALUES ($1, $2, 'MALE', $2, now())`,
        [tenantB.id, randomUUID()],
      ],
      // A forged request would set another centre's deadlines (and, named on a person, export or restrict them).
      subject_request: [
        `INSERT INTO subject_request (id, tenant_id, requester_name, kind, received_on, due_on, created_by_id, updated_at)
         VALUES ($1, $2, 'Intruz', 'ERASURE', current_date, current_date + 30, $1, now())`,
        [randomUUID(), tenantB.id],
      ],
      // A forged view would accuse another tenant's user of reading a person.
      access_log: [`INSERT INTO access_log (id, tenant_id, user_id, client_id, view) VALUES ($1, $2, $1, $1, 'CLIENT_RECORD')`, [randomUUID(), tenantB.id]],
      // A clause version slipped into another centre would be "given" to its people; a consent would unhide their data.
      information_clause: [
        `INSERT INTO information_clause (id, tenant_id, version, title, body, effective_from, created_by_id) VALUES ($1, $2, 99, 'Intruz', 'Intruz', current_date, $1)`,
        [randomUUID(), tenantB.id],
      ],
      client_consent: [
        `INSERT INTO client_consent (id, tenant_id, client_id, purpose, given_on, recorded_by_id, updated_at) VALUES ($1, $2, $1, 'SENSITIVE_DATA', current_date, $1, now())`,
        [randomUUID(), tenantB.id],
      ],
      // A forged approval would have another centre's person anonymised by its background job.
      retention_review: [
        `INSERT INTO retention_review (id, tenant_id, client_id, retention_ended_on, decision, decided_by_id, decided_at) VALUES ($1, $2, $1, current_date, 'APPROVED', $1, now())`,
        [randomUUID(), tenantB.id],
      ],
      // A file planted in another centre would be imported there by its manager's click.
      data_import: [
        `INSERT INTO data_import (id, tenant_id, kind, file_name, file_type, byte_size, checksum, status, created_by_id, updated_at)
         VALUES ($1, $2, 'CLIENTS', 'intruz.csv', 'csv', 1, 'x', 'VALID', $1, now())`,
        [randomUUID(), tenantB.id],
      ],
      data_import_issue: [`INSERT INTO data_import_issue (id, tenant_id, import_id, row_number, message) VALUES ($1, $2, $1, 2, 'x')`, [randomUUID(), tenantB.id]],
    };
    expect(Object.keys(inserts).sort()).toEqual([...tenantTables].sort());
    const before = await Promise.all(tenantTables.map((t) => countRows(t, tenantB.id)));
    for (const [table, [sql, params]] of Object.entries(inserts)) {
      await expect(
        asAppInTenant(tenantA.id, () => app.query(sql, params)),
        table,
      ).rejects.toMatchObject({
        code: "42501",
        message: expect.stringContaining("row-level security"),
      });
    }
    expect(await Promise.all(tenantTables.map((t) => countRows(t, tenantB.id)))).toEqual(before);
  });

  it("cannot move its own row into another tenant (WITH CHECK on UPDATE)", async () => {
    await expect(
      asAppInTenant(tenantA.id, () => app.query(`UPDATE "user" SET tenant_id = $1, partner_id = NULL, office_id = NULL WHERE id = $2`, [tenantB.id, userA.id])),
    ).rejects.toMatchObject({ code: "42501" });
    const [row] = await ownerQuery<{ tenant_id: string }>(`SELECT tenant_id FROM "user" WHERE id = $1`, [userA.id]);
    expect(row?.tenant_id).toBe(tenantA.id);
  });

  it("cannot update or delete another tenant's rows (they are invisible to it)", async () => {
    const updated = await asAppInTenant(tenantA.id, () => app.query(`UPDATE partner SET name = 'Hijacked' WHERE tenant_id = $1`, [tenantB.id]));
    expect(updated.rowCount).toBe(0);
    const names = await ownerQuery<{ name: string }>(`SELECT name FROM partner WHERE tenant_id = $1`, [tenantB.id]);
    expect(names.map((r) => r.name)).not.toContain("Hijacked");
  });
});

describe("the schema", () => {
  it("forces row-level security with a tenant policy on every table with a tenant_id", async () => {
    const rows = await ownerQuery<{
      relname: string;
      rls: boolean;
      forced: boolean;
      policies: { cmd: string; qual: string | null; with_check: string | null }[];
    }>(
      `SELECT c.relname, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
              coalesce((SELECT json_agg(json_build_object('cmd', p.cmd, 'qual', p.qual, 'with_check', p.with_check))
                          FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname), '[]') AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = ANY($1)`,
      [tenantTables],
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([...tenantTables].sort());
    for (const row of rows) {
      expect({ table: row.relname, rls: row.rls, forced: row.forced }).toEqual({ table: row.relname, rls: true, forced: true });
      expect(row.policies.length, `${row.relname} has a policy`).toBeGreaterThan(0);
      for (const policy of row.policies) {
        expect(policy.qual, `${row.relname} USING`).toContain("app_current_tenant_id()");
        if (policy.cmd === "ALL" || policy.cmd === "INSERT" || policy.cmd === "UPDATE") {
          expect(policy.with_check, `${row.relname} WITH CHECK`).toContain("app_current_tenant_id()");
        }
      }
    }
  });

  it("gives the app role no superuser, no BYPASSRLS, no table of its own, and no such role by membership", async () => {
    const [role] = await ownerQuery<{ rolsuper: boolean; rolbypassrls: boolean }>(`SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'owes_app'`);
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await ownerQuery(`SELECT c.relname FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = 'owes_app'`);
    expect(owned).toEqual([]);
    const powerfulMemberships = await ownerQuery(
      `SELECT r.rolname FROM pg_roles r
        WHERE pg_has_role('owes_app', r.oid, 'MEMBER') AND r.rolname <> 'owes_app' AND (r.rolsuper OR r.rolbypassrls)`,
    );
    expect(powerfulMemberships).toEqual([]);
  });
});

describe("a pooled connection after a tenant transaction", () => {
  let appPrisma: typeof import("@/lib/db/client").prisma;
  let tenantTransaction: typeof import("@/lib/db/transaction").tenantTransaction;

  beforeAll(async () => {
    // The app's own client and tenantTransaction, with a pool of exactly one connection, so the
    // query after the transaction necessarily reuses the transaction's connection.
    expect((globalThis as { owesDb?: unknown }).owesDb).toBeUndefined();
    vi.stubEnv("DATABASE_POOL_SIZE", "1");
    ({ prisma: appPrisma } = await import("@/lib/db/client"));
    ({ tenantTransaction } = await import("@/lib/db/transaction"));
    expect((await import("@/lib/env")).env.DATABASE_POOL_SIZE).toBe(1);
  });

  afterAll(async () => {
    await appPrisma.$disconnect();
    vi.unstubAllEnvs();
  });

  beforeEach(seedTwoTenants);

  async function connectionState() {
    const [state] = await appPrisma.$queryRaw<{ pid: number; setting: string | null; users: number }[]>`
      SELECT pg_backend_pid() AS pid, current_setting('app.tenant_id', true) AS setting,
             (SELECT count(*)::int FROM "user") AS users`;
    if (!state) throw new Error("no row");
    return state;
  }

  it("no longer carries the tenant after a committed transaction", async () => {
    const inside = await tenantTransaction(tenantA.id, async (tx) => {
      const [row] = await tx.$queryRaw<{ pid: number; users: number }[]>`
        SELECT pg_backend_pid() AS pid, (SELECT count(*)::int FROM "user") AS users`;
      return row;
    });
    expect(inside?.users).toBe(await countRows("user", tenantA.id));

    const after = await connectionState();
    expect(after.pid).toBe(inside?.pid);
    expect(after.setting ?? "").toBe("");
    expect(after.users).toBe(0);
  });

  it("no longer carries the tenant after a rolled-back transaction", async () => {
    let pid: number | undefined;
    await expect(
      tenantTransaction(tenantA.id, async (tx) => {
        const [row] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
        pid = row?.pid;
        throw new Error("work failed");
      }),
    ).rejects.toThrow("work failed");

    const after = await connectionState();
    expect(after.pid).toBe(pid);
    expect(after.setting ?? "").toBe("");
    expect(after.users).toBe(0);
  });

  it("would carry a session-level setting (control: the check above can see a leak)", async () => {
    await appPrisma.$executeRaw`SELECT set_config('app.tenant_id', ${tenantA.id}, false)`;
    try {
      const leaked = await connectionState();
      expect(leaked.setting).toBe(tenantA.id);
      expect(leaked.users).toBeGreaterThan(0);
    } finally {
      await appPrisma.$executeRaw`RESET app.tenant_id`;
    }
    expect((await connectionState()).users).toBe(0);
  });
});

describe("audit_log", () => {
  let auditId: string;

  beforeEach(async () => {
    await seedTwoTenants();
    const [row] = await ownerQuery<{ id: string }>(`SELECT id FROM audit_log WHERE tenant_id = $1 LIMIT 1`, [tenantA.id]);
    if (!row) throw new Error("no audit row seeded");
    auditId = row.id;
  });

  async function storedAction(): Promise<string | undefined> {
    const [row] = await ownerQuery<{ action: string }>(`SELECT action FROM audit_log WHERE id = $1`, [auditId]);
    return row?.action;
  }

  it.each(["UPDATE", "DELETE"] as const)("refuses %s even to the owner (append-only trigger)", async (op) => {
    const sql = op === "UPDATE" ? `UPDATE audit_log SET action = 'tampered' WHERE id = $1` : `DELETE FROM audit_log WHERE id = $1`;
    await expect(ownerQuery(sql, [auditId])).rejects.toMatchObject({
      code: "42501",
      message: `audit_log is append-only: ${op} refused`,
    });
    expect(await storedAction()).toBe("user.create");
  });

  it.each(["UPDATE", "DELETE"] as const)("refuses %s to the app role, in its own tenant", async (op) => {
    const sql = op === "UPDATE" ? `UPDATE audit_log SET action = 'tampered' WHERE id = $1` : `DELETE FROM audit_log WHERE id = $1`;
    // The app role holds no UPDATE/DELETE grant, so PostgreSQL refuses before the trigger would.
    await expect(asAppInTenant(tenantA.id, () => app.query(sql, [auditId]))).rejects.toMatchObject({
      code: "42501",
      message: expect.stringMatching(/permission denied for table audit_log|append-only/),
    });
    expect(await storedAction()).toBe("user.create");
  });

  it("grants the app role neither UPDATE, DELETE nor TRUNCATE", async () => {
    const [grants] = await ownerQuery(
      `SELECT has_table_privilege('owes_app', 'audit_log', 'UPDATE') AS "update",
              has_table_privilege('owes_app', 'audit_log', 'DELETE') AS "delete",
              has_table_privilege('owes_app', 'audit_log', 'TRUNCATE') AS "truncate",
              has_table_privilege('owes_app', 'audit_log', 'INSERT') AS "insert"`,
    );
    expect(grants).toEqual({ update: false, delete: false, truncate: false, insert: true });
  });
});
