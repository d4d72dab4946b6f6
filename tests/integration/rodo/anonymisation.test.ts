import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { assignClient } from "@/lib/domain/caseload/service";
import { createClient as registerClient } from "@/lib/domain/clients/service";
import { logExchange } from "@/lib/domain/cooperation/exchanges";
import { saveSessionAttendance } from "@/lib/domain/events/attendance";
import { getIndicatorReport } from "@/lib/domain/indicators/report/report";
import { saveParticipantData } from "@/lib/domain/participants/service";
import { addAnnotation, openPath } from "@/lib/domain/paths/service";
import { anonymiseClients } from "@/lib/domain/privacy/anonymise";
import { approveRetentionReviews, handleAnonymiseJob, listRetentionReviews } from "@/lib/domain/privacy/retention";
import { logService } from "@/lib/domain/services/write";
import { getTimesheet } from "@/lib/domain/services/timesheet";
import {
  auditRows,
  contextFor,
  createAuditEntry,
  createClient,
  createOffice,
  createPartner,
  createTenant,
  createUser,
  ownerPool,
  ownerQuery,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { tenantSnapshot } from "@/tests/factories/assertions";
import { createTraining } from "@/tests/factories/attendance";
import { insertRegistration } from "@/tests/factories/events";
import { advancePath, insertPath, planAction } from "@/tests/factories/paths";
import { polishDaysAgo, serviceInput } from "@/tests/factories/services";

/**
 * Issue 17 §5, the acceptance test: a person with a PESEL, an e-mail and a phone, a support path
 * (plan, annotation, evaluation with a result that counts), services (one shared with another
 * person), a completed training, created jobs, an exchange with an institution, notifications and
 * audit rows — all written by the real services, so names sit wherever the services put them.
 * After the IOD's approval and the background job, every indicator and every timesheet total reads
 * the same, and no text, varchar, text[], json or jsonb column of any table holds the name, the
 * PESEL or the e-mail. The other person, and another tenant's namesake, are untouched.
 */

const NAME = "Żaneta Wróblewska";
const PESEL = "85031412347";
const EMAIL = "zaneta.wroblewska@example.pl";
const PHONE = "600 100 200";
const OTHER = "Piotr Zieliński";
const OTHER_PESEL = "78072256795";
const OTHER_EMAIL = "piotr.zielinski@example.pl";

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let iod: TUserRow;
let managerCtx: TContext;
let advisorCtx: TContext;
let personId: string;
let otherId: string;
let stranger: { tenant: TTenantRow; clientId: string };

/** The months the scenario's services fall in (the training and today's services). */
const months = () => [...new Set([polishDaysAgo(0), polishDaysAgo(1)].map((d) => d.slice(0, 7)))];

async function buildScenario() {
  tenant = await createTenant({ name: "OWES Świętokrzyski" });
  const partner = await createPartner(tenant);
  const office = await createOffice(tenant);
  manager = await createUser(tenant, { role: "MANAGER", name: "Maria Kierownik" });
  const coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id, name: "Karol Koordynator" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, officeId: office.id, name: "Ewa Doradczyni" });
  iod = await createUser(tenant, { role: "IOD", name: "Iwona Inspektor" });
  managerCtx = contextFor(manager);
  advisorCtx = contextFor(advisor);
  const coordinatorCtx = contextFor(coordinator);

  const person = await registerClient(managerCtx, {
    kind: "PERSON",
    name: NAME,
    pesel: PESEL,
    email: EMAIL,
    phone: PHONE,
    voivodeship: "świętokrzyskie",
    county: "kielecki",
    commune: "Kielce",
    town: "Kielce",
    street: "ul. Długa 5",
    postalCode: "25-001",
    officeId: office.id,
    notes: `${NAME} prosi o kontakt po 16:00 (PESEL ${PESEL}, ${EMAIL}).`,
  });
  const other = await registerClient(managerCtx, {
    kind: "PERSON",
    name: OTHER,
    pesel: OTHER_PESEL,
    email: OTHER_EMAIL,
    voivodeship: "świętokrzyskie",
    county: "buski",
    commune: "Busko-Zdrój",
    notes: `${OTHER} — kontakt przez PUP.`,
  });
  personId = person.id;
  otherId = other.id;
  for (const clientId of [personId, otherId]) await assignClient(managerCtx, { clientId, advisorId: advisor.id, reason: "" });
  await saveParticipantData(managerCtx, personId, { sex: "FEMALE", birthDate: "1985-03-14", educationLevel: "ISCED_3", participationStart: "2026-02-01" });
  await saveParticipantData(managerCtx, otherId, { sex: "MALE", birthDate: "1978-07-22", participationStart: "2026-03-01" });

  // The path, its annotation and the services, while the path is open.
  const { id: pathId } = await openPath(advisorCtx, personId, {
    direction: "FOUNDING_BY_NATURAL_PERSONS",
    workForm: "INDIVIDUAL",
    template: "DEFAULT",
    identification: `${NAME} planuje założyć spółdzielnię socjalną.`,
  });
  await addAnnotation(advisorCtx, pathId, { step: "IDENTIFICATION", text: `Rozmowa: Wróblewska Żaneta, tel. ${PHONE}.` });
  await logService(advisorCtx, serviceInput([personId], { topic: `Konsultacja — ${NAME}`, notes: `Kontakt: ${EMAIL}` }));
  await logService(advisorCtx, serviceInput([personId, otherId], { topic: "Spotkanie grupowe", startTime: "12:00", notes: `Obecni: ${NAME} i ${OTHER}` }));

  // A training she completed (present at its only session), taught by the advisor.
  const training = await createTraining(tenant, { createdById: manager.id, sessions: [{ date: polishDaysAgo(1) }], trainers: [{ userId: advisor.id }] });
  const registration = await insertRegistration(training, { personClientId: personId }, { registeredById: manager.id });
  await saveSessionAttendance(managerCtx, training.sessions[0]?.id ?? "", { rows: [{ registrationId: registration.id, status: "PRESENT" }] });

  // An exchange with the labour office about her.
  const [institution] = await ownerQuery<{ id: string }>(
    `INSERT INTO institution (id, tenant_id, name, kind, updated_at) VALUES (gen_random_uuid(), $1, 'PUP w Kielcach', 'PUP', now()) RETURNING id`,
    [tenant.id],
  );
  await logExchange(managerCtx, {
    date: polishDaysAgo(0),
    institutionId: institution?.id ?? "",
    direction: "RECEIVED",
    channel: "EMAIL",
    subject: `Zaświadczenie o rejestracji: Wróblewska Żaneta`,
    clientId: personId,
  });

  // The plan (an action naming her), its approval, monitoring and the evaluation: 3 jobs created.
  await advancePath(advisorCtx, coordinatorCtx, pathId, "CLOSED", { actions: [planAction({ description: `Szkolenie dla: ${NAME}` })] });
  // The durability form records the employed person by name.
  await ownerQuery(`UPDATE job_record SET person_name = $2 WHERE tenant_id = $1 AND client_id = $3`, [tenant.id, NAME, personId]);

  // Another tenant's namesake: never touched.
  const otherTenant = await createTenant();
  const otherManager = await createUser(otherTenant, { role: "MANAGER" });
  const namesake = await registerClient(contextFor(otherManager), { kind: "PERSON", name: NAME, notes: `${NAME} z innego ośrodka` });
  stranger = { tenant: otherTenant, clientId: namesake.id };
}

/** Every figure a report or a timesheet shows, without the names they are printed with. */
async function statistics() {
  const report = async (cut?: "SPHERE" | "PARTNER" | "OFFICE" | "COUNTY") => {
    const { generatedOn: _on, ...rest } = await getIndicatorReport(managerCtx, { period: "2026", ...(cut ? { cut } : {}) });
    return rest;
  };
  const timesheets = [];
  for (const month of months()) {
    for (const user of [advisor, manager]) {
      const sheet = await getTimesheet(managerCtx, { month, userId: user.id });
      timesheets.push({
        month,
        user: user.id,
        count: sheet.count,
        minutes: sheet.minutes,
        byType: sheet.byType,
        byClient: sheet.byClient.map(({ clientId, count, minutes }) => ({ clientId, count, minutes })),
        records: sheet.records.map((r) => ({ id: r.id, durationMinutes: r.durationMinutes, clients: r.clients.length })),
      });
    }
  }
  return {
    report: await report(),
    byCounty: await report("COUNTY"),
    byOffice: await report("OFFICE"),
    byPartner: await report("PARTNER"),
    bySphere: await report("SPHERE"),
    timesheets,
    dayTotals: await ownerQuery(`SELECT day::text, support_type, services, minutes FROM service_day_total WHERE tenant_id = $1 ORDER BY 1, 2`, [tenant.id]),
    // What every indicator is computed from, row by row (the county of the cut included).
    evidence: await ownerQuery(`SELECT e.*, e::text AS sort FROM indicator_evidence e WHERE tenant_id = $1 ORDER BY e::text`, [tenant.id]),
  };
}

type THit = { table: string; column: string; rows: number };

/** Every text, varchar, text[], json and jsonb column of every table of the public schema holding `needle` (as the owner: every tenant). */
async function columnsHolding(needle: string, tenantId?: string): Promise<THit[]> {
  const columns = await ownerQuery<{ table_name: string; column_name: string; has_tenant: boolean }>(
    `SELECT c.table_name, c.column_name,
            EXISTS (SELECT 1 FROM information_schema.columns t WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.column_name = 'tenant_id') AS has_tenant
     FROM information_schema.columns c
     JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
     WHERE c.table_schema = 'public'
       AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb') OR (c.data_type = 'ARRAY' AND c.udt_name IN ('_text', '_varchar')))
     ORDER BY 1, 2`,
  );
  expect(columns.length).toBeGreaterThan(100);
  const hits: THit[] = [];
  for (const { table_name: table, column_name: column, has_tenant: hasTenant } of columns) {
    const scoped = tenantId && hasTenant ? ` AND tenant_id = $2` : "";
    const [row] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}"::text ILIKE '%' || $1 || '%'${scoped}`, [
      needle,
      ...(scoped ? [tenantId] : []),
    ]);
    if ((row?.n ?? 0) > 0) hits.push({ table, column, rows: row?.n ?? 0 });
  }
  return hits;
}

/** What must be gone: the name (also its parts as the scenario wrote them), identifiers, contacts, the exact birth date, the street. */
const TRACES = [NAME, "Wróblewska", "wroblewska", "Żaneta", PESEL, EMAIL, "600100200", "1985-03-14", "ul. Długa 5"];

async function approveAndRun(): Promise<void> {
  await ownerQuery(`UPDATE tenant SET last_payment_on = '2020-06-30' WHERE id = $1`, [tenant.id]);
  await listRetentionReviews(tenant.id);
  const [review] = await ownerQuery<{ id: string }>(`SELECT id FROM retention_review WHERE tenant_id = $1 AND client_id = $2`, [tenant.id, personId]);
  await approveRetentionReviews(contextFor(iod), { reviewIds: [review?.id ?? ""] });
  const jobs = await ownerQuery<{ data: { tenantId: string } }>(`SELECT data FROM pgboss.job WHERE name = 'privacy.anonymise'`);
  expect(jobs.map((j) => j.data)).toEqual([{ tenantId: tenant.id }]);
  for (const job of jobs) await handleAnonymiseJob(job.data);
}

describe("anonymisation", () => {
  beforeEach(async () => {
    await buildScenario();
  });

  it("leaves every indicator and timesheet total unchanged and no trace of the name, PESEL or e-mail in any table", async () => {
    // The scenario put the traces where the services write them: the test would see them.
    for (const needle of [NAME, PESEL, EMAIL]) expect((await columnsHolding(needle, tenant.id)).length, needle).toBeGreaterThan(0);
    const named = [...(await columnsHolding(NAME, tenant.id)), ...(await columnsHolding("Wróblewska Żaneta", tenant.id))];
    expect(named.map((h) => h.table)).toEqual(
      expect.arrayContaining([
        "client",
        "audit_log",
        "service_record",
        "path_annotation",
        "support_path",
        "notification",
        "job_record",
        "information_exchange",
      ]),
    );
    const before = await statistics();
    expect(before.report.indicators.find((i) => i.code === "JOBS_CREATED")?.actual).toBe(3);
    expect(before.report.indicators.find((i) => i.code === "TRAINING_PARTICIPANTS")?.actual).toBe(1);
    expect(before.timesheets.some((t) => t.count > 0)).toBe(true);
    const otherTenantBefore = await tenantSnapshot(stranger.tenant.id);
    const [otherBefore] = await ownerQuery(`SELECT * FROM client WHERE id = $1`, [otherId]);
    const [otherDataBefore] = await ownerQuery(`SELECT * FROM participant_data WHERE client_id = $1`, [otherId]);

    await approveAndRun();

    expect(await statistics()).toEqual(before);
    for (const needle of TRACES) expect(await columnsHolding(needle, tenant.id), needle).toEqual([]);

    // The record keeps its links and the statistics' attributes; the rest is gone.
    const [row] = await ownerQuery<Record<string, unknown>>(
      `SELECT name, name_normalized, pesel, email, phone, town, street, postal_code, notes, voivodeship, county, commune, status::text AS status, anonymised_at
       FROM client WHERE id = $1`,
      [personId],
    );
    expect(row).toMatchObject({ pesel: null, email: null, phone: null, town: null, street: null, postal_code: null, notes: null });
    expect(row).toMatchObject({ voivodeship: "świętokrzyskie", county: "kielecki", commune: "Kielce", status: "CLOSED" });
    expect(String(row?.name)).toMatch(/^Osoba zanonimizowana [0-9A-F]{8}$/);
    expect(row?.anonymised_at).toBeInstanceOf(Date);
    const [data] = await ownerQuery<{ birth_date: string; sex: string }>(`SELECT birth_date::text, sex::text FROM participant_data WHERE client_id = $1`, [
      personId,
    ]);
    // 40 at the start of participation (1 February 2026), as before: the age statistics keep.
    expect(data).toEqual({ birth_date: "1986-02-01", sex: "FEMALE" });
    const placeholder = String(row?.name);
    // Texts that named her now name the placeholder; the other person in the same note is still there.
    const [shared] = await ownerQuery<{ notes: string }>(`SELECT notes FROM service_record WHERE tenant_id = $1 AND topic = 'Spotkanie grupowe'`, [tenant.id]);
    expect(shared?.notes).toBe(`Obecni: ${placeholder} i ${OTHER}`);

    // The other person is untouched, and so is another tenant's namesake.
    expect((await ownerQuery(`SELECT * FROM client WHERE id = $1`, [otherId]))[0]).toEqual(otherBefore);
    expect((await ownerQuery(`SELECT * FROM participant_data WHERE client_id = $1`, [otherId]))[0]).toEqual(otherDataBefore);
    for (const needle of [OTHER, OTHER_PESEL, OTHER_EMAIL]) expect((await columnsHolding(needle, tenant.id)).length, needle).toBeGreaterThan(0);
    expect(await tenantSnapshot(stranger.tenant.id)).toEqual(otherTenantBefore);

    // Audited once, as the approving IOD, naming the erased fields, never their values.
    const audit = (await auditRows(tenant.id)).filter((r) => r.action === "client.anonymise");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: "Client", entity_id: personId, actor_id: iod.id, after: { name: placeholder, reason: "retentionEnded" } });
    expect(audit[0]?.before).toEqual({ erasedFields: ["name", "pesel", "email", "phone", "town", "street", "postalCode", "notes", "birthDate"] });
    const [review] = await ownerQuery<{ anonymised_at: Date | null }>(`SELECT anonymised_at FROM retention_review WHERE client_id = $1`, [personId]);
    expect(review?.anonymised_at).toBeInstanceOf(Date);
  });

  it("cannot be undone or repeated: a second run changes nothing and audits nothing", async () => {
    await approveAndRun();
    const snapshot = await tenantSnapshot(tenant.id);

    const again = await tenantTransaction(tenant.id, (tx) =>
      anonymiseClients(tx, { tenantId: tenant.id, userId: iod.id, requestId: null }, [personId], "retentionEnded"),
    );
    await handleAnonymiseJob({ tenantId: tenant.id });

    expect(again).toEqual({ anonymised: [] });
    expect(await tenantSnapshot(tenant.id)).toEqual(snapshot);
  });

  it("is all or nothing: a foreign id among the clients is NOT_FOUND and nobody is anonymised", async () => {
    const before = await tenantSnapshot(tenant.id);
    await expect(
      tenantTransaction(tenant.id, (tx) => anonymiseClients(tx, { tenantId: tenant.id, userId: iod.id }, [personId, stranger.clientId], "retentionEnded")),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });
});

describe("the database functions behind it", () => {
  const APP_DATABASE_URL = process.env.APP_DATABASE_URL ?? "";

  beforeEach(async () => {
    tenant = await createTenant();
    await createAuditEntry(tenant);
    const user = await createUser(tenant);
    const client = await createClient(tenant, { keyAdvisorId: user.id });
    const path = await insertPath(tenant, { clientId: client.id, keyAdvisorId: user.id, createdById: user.id });
    await ownerQuery(
      `INSERT INTO path_annotation (id, tenant_id, path_id, annotation_id, revision, step, text, author_id) VALUES ($1, $2, $3, $1, 1, 'NEEDS', 'Uwaga', $4)`,
      [randomUUID(), tenant.id, path.id, user.id],
    );
  });

  /** Runs `work` as the owner in one transaction with the tenant set, and rolls it back. */
  async function asOwner(work: (client: pg.PoolClient) => Promise<unknown>): Promise<unknown> {
    const client = await ownerPool().connect();
    try {
      await client.query("BEGIN");
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant.id]);
      return await work(client);
    } finally {
      await client.query("ROLLBACK");
      client.release();
    }
  }

  it("work only in the caller's tenant transaction, and the trails stay closed to everyone else", async () => {
    const app = new pg.Client({ connectionString: APP_DATABASE_URL });
    await app.connect();
    try {
      // No tenant set: refused outright.
      await expect(app.query(`SELECT anonymise_text(ARRAY['${NAME}'], ARRAY['X'])`)).rejects.toThrow(/tenant/);
      // The app role cannot rewrite a trail itself, whatever flag it sets…
      await app.query("BEGIN");
      await app.query(`SELECT set_config('app.tenant_id', $1, true), set_config('owes.anonymising', 'on', true)`, [tenant.id]);
      await expect(app.query(`UPDATE audit_log SET action = 'x' WHERE tenant_id = $1`, [tenant.id])).rejects.toThrow(/permission denied/);
      await app.query("ROLLBACK");
      // …nor call the helper the function uses.
      await expect(app.query(`SELECT anonymise_replace('abc', ARRAY['abc'], ARRAY['x'])`)).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    // The owner: refused without the flag (the trigger), as before; a DELETE is refused with it too.
    await expect(asOwner((c) => c.query(`UPDATE audit_log SET action = 'x' WHERE tenant_id = $1`, [tenant.id]))).rejects.toThrow(/append-only/);
    await expect(asOwner((c) => c.query(`UPDATE path_annotation SET text = 'x' WHERE tenant_id = $1`, [tenant.id]))).rejects.toThrow(/append-only/);
    await expect(
      asOwner(async (c) => {
        await c.query(`SELECT set_config('owes.anonymising', 'on', true)`);
        await c.query(`DELETE FROM audit_log WHERE tenant_id = $1`, [tenant.id]);
      }),
    ).rejects.toThrow(/append-only/);
    // The flag does not outlive the function: an UPDATE after it in the same transaction is refused.
    await expect(
      asOwner(async (c) => {
        await c.query(`SELECT anonymise_text(ARRAY['Nikt Taki'], ARRAY['Ktoś'])`);
        await c.query(`UPDATE path_annotation SET text = 'x' WHERE tenant_id = $1`, [tenant.id]);
      }),
    ).rejects.toThrow(/append-only/);
  });

  it("rewrites a name inside JSON as JSON writes it, keeping the value valid, and only in the caller's tenant", async () => {
    const quoted = 'Anna "Ania" Kowal\\ska';
    const other = await createTenant();
    const ids = { own: randomUUID(), foreign: randomUUID() };
    for (const [id, tenantId] of [
      [ids.own, tenant.id],
      [ids.foreign, other.id],
    ] as const) {
      await ownerQuery(`INSERT INTO audit_log (id, tenant_id, action, entity_type, after) VALUES ($1, $2, 'client.update', 'Client', $3::jsonb)`, [
        id,
        tenantId,
        JSON.stringify({ name: quoted, notes: `Rozmowa: ${quoted}.` }),
      ]);
    }
    await tenantTransaction(tenant.id, (tx) => tx.$queryRaw`SELECT anonymise_text(ARRAY[${quoted}], ARRAY['Osoba X'])`);
    const after = async (id: string) => (await ownerQuery<{ after: unknown }>(`SELECT after FROM audit_log WHERE id = $1`, [id]))[0]?.after;
    expect(await after(ids.own)).toEqual({ name: "Osoba X", notes: "Rozmowa: Osoba X." });
    expect(await after(ids.foreign)).toEqual({ name: quoted, notes: `Rozmowa: ${quoted}.` });
  });
});
