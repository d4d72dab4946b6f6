import { randomUUID } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { createTranslator } from "next-intl";
import { extractText, getDocumentProxy } from "unpdf";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { addDays, todayInPoland } from "@/lib/dates";
import { updateClient } from "@/lib/domain/clients/service";
import { getClientPage } from "@/lib/domain/clients/client-page";
import { getDashboard } from "@/lib/domain/dashboard/service";
import { findPersons } from "@/lib/domain/privacy/person-lookup";
import {
  completeSubjectRequest,
  createSubjectRequest,
  extendSubjectRequest,
  findSubjectRequests,
  getNewSubjectRequestPage,
  getSubjectRequestPage,
  refuseSubjectRequest,
} from "@/lib/domain/privacy/requests";
import { setRestriction } from "@/lib/domain/privacy/restriction";
import { buildSubjectExport, type TSubjectExportData, type TTranslator } from "@/lib/domain/privacy/subject-export";
import { EXPORT_SECTIONS } from "@/lib/domain/privacy/subject-export-pdf";
import { logService } from "@/lib/domain/services/service";
import pl from "@/lib/i18n/messages/pl.json";
import { auditRows, contextFor, createClient, createPartner, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { createTraining } from "@/tests/factories/attendance";
import { insertRegistration } from "@/tests/factories/events";
import { insertContract, insertEvaluation, insertNeed, insertPath, insertPlanVersion } from "@/tests/factories/path-rows";
import { insertServiceRecord, polishDaysAgo, serviceInput } from "@/tests/factories/services";
import { pageStatements } from "@/tests/support/statement-counter";

/**
 * Issue 17 §4: the register of data subjects' requests — the one-month deadline (art. 12(3)), its
 * one extension, closing audited — the access export holding every row of ONE person and none of
 * anyone else's, restriction refusing changes, and the IOD alone (FORBIDDEN before any lookup;
 * another tenant's ids NOT_FOUND).
 */

const translator = createTranslator({ locale: "pl", messages: pl });
const t: TTranslator = (key, values) => translator(key as never, values as never);

let tenant: TTenantRow;
let iodUser: TUserRow;
let iod: TContext;
let advisor: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  iodUser = await createUser(tenant, { role: "IOD" });
  iod = contextFor(iodUser);
  const partner = await createPartner(tenant);
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id });
});

const request = (overrides: Partial<Parameters<typeof createSubjectRequest>[1]> = {}) =>
  createSubjectRequest(iod, { kind: "ACCESS", requesterName: "Anna Nowak", receivedOn: todayInPoland(), ...overrides });

async function requestRow(id: string) {
  const [row] = await ownerQuery<{ due_on: string; extended_to: string | null; status: string; outcome: string | null; extension_reason: string | null }>(
    `SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on, to_char(extended_to, 'YYYY-MM-DD') AS extended_to, status::text, outcome, extension_reason
       FROM subject_request WHERE id = $1`,
    [id],
  );
  if (!row) throw new Error(`no request ${id}`);
  return row;
}

describe("the deadline", () => {
  it("is one calendar month from receipt, to the month's last day when it is shorter (31 Jan → 28 Feb, 29 Feb in a leap year)", async () => {
    const cases = [
      ["2025-01-31", "2025-02-28"],
      ["2024-01-31", "2024-02-29"],
      ["2026-03-31", "2026-04-30"],
      ["2026-05-15", "2026-06-15"],
      ["2025-12-31", "2026-01-31"],
    ] as const;
    for (const [receivedOn, dueOn] of cases) {
      const { id } = await request({ receivedOn });
      expect((await requestRow(id)).due_on, receivedOn).toBe(dueOn);
    }
  });

  it("runs from a day received, never a future one", async () => {
    const error = await appErrorOf(request({ receivedOn: addDays(todayInPoland(), 1) }));
    expect(error).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { receivedOn: "dateInFuture" } });
    expect(await ownerQuery(`SELECT id FROM subject_request WHERE tenant_id = $1`, [tenant.id])).toEqual([]);
  });

  it("is extended once, before it has passed, by at most two months, with a reason — audited", async () => {
    const { id } = await request();
    const { dueOn } = (await getSubjectRequestPage(iod, id)).request;
    const latest = (await getSubjectRequestPage(iod, id)).request.latestExtension;
    expect(latest > dueOn).toBe(true);

    expect(await appErrorOf(extendSubjectRequest(iod, id, { extendedTo: addDays(latest, 1), reason: "Wiele wniosków" }))).toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { extendedTo: "extensionTooLong" },
    });
    expect(await appErrorOf(extendSubjectRequest(iod, id, { extendedTo: dueOn, reason: "Wiele wniosków" }))).toMatchObject({
      fieldErrors: { extendedTo: "extensionNotLater" },
    });
    expect(await appErrorOf(extendSubjectRequest(iod, id, { extendedTo: latest, reason: " " }))).toMatchObject({ fieldErrors: { reason: "required" } });

    await extendSubjectRequest(iod, id, { extendedTo: latest, reason: "Wniosek obejmuje dane z kilku lat" });
    expect(await requestRow(id)).toMatchObject({ extended_to: latest, extension_reason: "Wniosek obejmuje dane z kilku lat", status: "OPEN" });
    const page = await getSubjectRequestPage(iod, id);
    expect(page.request.deadline).toBe(latest);
    expect(page.abilities.canExtend).toBe(false);

    expect(await appErrorOf(extendSubjectRequest(iod, id, { extendedTo: latest, reason: "Jeszcze raz" }))).toMatchObject({
      code: "INVALID_STATE",
      fieldErrors: { _form: "alreadyExtended" },
    });
    const audit = (await auditRows(tenant.id)).filter((row) => row.action === "subject_request.extend");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ entity_type: "SubjectRequest", entity_id: id, actor_id: iod.userId, after: { extendedTo: latest } });
  });

  it("cannot be extended once the first deadline has passed (the person is told within the first month)", async () => {
    const { id } = await request({ receivedOn: "2026-01-15" });
    expect(await appErrorOf(extendSubjectRequest(iod, id, { extendedTo: "2026-03-15", reason: "Za późno" }))).toMatchObject({
      code: "INVALID_STATE",
      fieldErrors: { _form: "extensionTooLate" },
    });
    expect((await requestRow(id)).extended_to).toBeNull();
  });
});

describe("closing a request", () => {
  it("completes it with what was done, or refuses it with the legal reason — each audited, once", async () => {
    const done = await request();
    const refused = await request({ kind: "ERASURE" });
    await completeSubjectRequest(iod, done.id, { outcome: "Kopię danych przekazano osobiście." });
    await refuseSubjectRequest(iod, refused.id, { outcome: "Art. 17 ust. 3 lit. b RODO: obowiązek przechowywania dokumentacji projektu." });

    expect(await requestRow(done.id)).toMatchObject({ status: "COMPLETED", outcome: "Kopię danych przekazano osobiście." });
    expect(await requestRow(refused.id)).toMatchObject({ status: "REFUSED", outcome: expect.stringContaining("Art. 17") });
    const audit = await auditRows(tenant.id);
    expect(audit.filter((r) => r.action === "subject_request.complete").map((r) => r.entity_id)).toEqual([done.id]);
    expect(audit.filter((r) => r.action === "subject_request.refuse").map((r) => r.entity_id)).toEqual([refused.id]);
    expect(audit.find((r) => r.action === "subject_request.refuse")).toMatchObject({ before: { status: "OPEN" }, after: { status: "REFUSED" } });

    // Closed is closed: neither closing again nor extending.
    for (const call of [
      () => completeSubjectRequest(iod, done.id, { outcome: "Znowu" }),
      () => refuseSubjectRequest(iod, done.id, { outcome: "Znowu" }),
      () => extendSubjectRequest(iod, refused.id, { extendedTo: addDays(todayInPoland(), 40), reason: "x" }),
    ]) {
      expect(await appErrorOf(call())).toMatchObject({ code: "INVALID_STATE", fieldErrors: { _form: "requestClosed" } });
    }
    expect((await auditRows(tenant.id)).length).toBe(audit.length);
  });

  it("records who registered it, with the audit of the registration naming the person", async () => {
    const person = await createClient(tenant, { name: "Celina Wnioskująca" });
    const { id } = await request({ clientId: person.id, requesterName: "Celina Wnioskująca" });
    const page = await getSubjectRequestPage(iod, id);
    expect(page.client).toMatchObject({ id: person.id, name: "Celina Wnioskująca" });
    expect(page.abilities).toMatchObject({ canExport: true, canClose: true, canErase: false, canRestrict: false });
    const [audit] = await auditRows(tenant.id);
    expect(audit).toMatchObject({ action: "subject_request.create", entity_id: id, after: { clientId: person.id, kind: "ACCESS", dueOn: page.request.dueOn } });
  });
});

describe("the register", () => {
  it("lists open requests first by the deadline in force, marks the overdue and the due within 7 days, and filters by them", async () => {
    const today = todayInPoland();
    const insert = async (dueOn: string, status = "OPEN", extendedTo: string | null = null) => {
      const id = randomUUID();
      await ownerQuery(
        `INSERT INTO subject_request (id, tenant_id, requester_name, kind, received_on, due_on, extended_to, status, created_by_id, updated_at)
         VALUES ($1, $2, $3, 'ACCESS', $4::date - 31, $4::date, $5::date, $6::"SubjectRequestStatus", $7, now())`,
        [id, tenant.id, `Osoba ${dueOn}`, dueOn, extendedTo, status, iod.userId],
      );
      return id;
    };
    const overdue = await insert(addDays(today, -2));
    const soon = await insert(addDays(today, 3));
    const later = await insert(addDays(today, 20));
    // Past its first deadline but extended: the extended one is in force.
    const extended = await insert(addDays(today, -10), "OPEN", addDays(today, 10));
    const closed = await insert(addDays(today, -40), "COMPLETED");

    const all = await findSubjectRequests(iod, {});
    expect(all.items.map((r) => r.id)).toEqual([overdue, soon, extended, later, closed]);
    expect(Object.fromEntries(all.items.map((r) => [r.id, r.urgency]))).toEqual({
      [overdue]: "overdue",
      [soon]: "dueSoon",
      [extended]: null,
      [later]: null,
      [closed]: null,
    });

    expect((await findSubjectRequests(iod, { due: "overdue" })).items.map((r) => r.id)).toEqual([overdue]);
    expect((await findSubjectRequests(iod, { due: "soon" })).items.map((r) => r.id)).toEqual([soon]);
    expect((await findSubjectRequests(iod, { status: "COMPLETED" })).items.map((r) => r.id)).toEqual([closed]);
    expect((await findSubjectRequests(iod, { status: "nonsense", kind: "ERASURE" })).total).toBe(0);
    expect((await findSubjectRequests(iod, { pageSize: 2, page: 3 })).items.map((r) => r.id)).toEqual([closed]);
    expect((await findSubjectRequests(iod, { pageSize: 2, page: 9 })).total).toBe(5);

    // The IOD's dashboard counts what those filters list.
    const dashboard = await getDashboard(iod);
    if (dashboard.role !== "IOD") throw new Error(dashboard.role);
    expect(dashboard.requests.open.count).toBe(4);
    expect(dashboard.requests.overdue).toEqual({ count: 1, href: "/privacy/requests?due=overdue" });
    expect(dashboard.requests.dueSoon).toEqual({ count: 1, href: "/privacy/requests?due=soon" });
    expect(dashboard.retentionWaiting.count).toBe(0);
  });
});

describe("the register's pages", () => {
  it("read in one transaction within the page budget (≤ 10 statements, the session check included)", async () => {
    const person = await createClient(tenant, { name: "Ewa Budżetowa" });
    const { id } = await request({ kind: "RESTRICTION", clientId: person.id });
    await request({ receivedOn: "2026-02-01" });
    for (const load of [
      (ctx: TContext) => findSubjectRequests(ctx, { due: "overdue" }),
      (ctx: TContext) => getSubjectRequestPage(ctx, id),
      (ctx: TContext) => getNewSubjectRequestPage(ctx),
    ]) {
      const statements = await pageStatements(iodUser, load);
      expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(10);
      expect(statements.filter((s) => /^\s*BEGIN/i.test(s)).length).toBeLessThanOrEqual(1);
    }
  });
});

describe("the person lookup", () => {
  it("finds the tenant's clients by a fragment of the name (without diacritics) or a whole PESEL, with minimal data", async () => {
    const person = await createClient(tenant, { name: "Żaneta Łąkowska", town: "Kielce", pesel: "44051401458" });
    await createClient(tenant, { name: "Inna Osoba" });
    const other = await createTenant();
    await createClient(other, { name: "Żaneta Łąkowska", pesel: "44051401458" });

    expect(await findPersons(iod, "lakow")).toEqual([{ id: person.id, name: "Żaneta Łąkowska", kind: "PERSON", town: "Kielce", anonymisedAt: null }]);
    expect((await findPersons(iod, "44051401458")).map((p) => p.id)).toEqual([person.id]);
    expect((await findPersons(iod, "ła")).map((p) => p.id)).toEqual([person.id]);
    expect(await appErrorOf(findPersons(iod, "a"))).toMatchObject({ code: "VALIDATION_FAILED" });
  });
});

// ── the access export ───────────────────────────────────────────────────────────────────────────

type TScenario = Awaited<ReturnType<typeof buildPerson>>;

/** A person with a path (needs, contract, plan, two revisions of an annotation, an evaluation), services, a training and a cooperation entry. */
async function buildPerson(name: string, pesel: string) {
  const client = await createClient(tenant, { name, pesel, town: "Busko-Zdrój", keyAdvisorId: advisor.id });
  await ownerQuery(`UPDATE client SET email = $2, phone = '600100200', notes = $3 WHERE id = $1`, [
    client.id,
    `${client.id.slice(0, 8)}@example.test`,
    `Notatka o ${name}`,
  ]);
  const path = await insertPath(tenant, { clientId: client.id, keyAdvisorId: advisor.id, createdById: advisor.id, step: "PLAN" });
  await insertNeed(path);
  await insertContract(path);
  const plan = await insertPlanVersion(path, { number: 1, status: "APPROVED", createdById: advisor.id });
  await insertEvaluation(path, advisor.id);
  const annotationId = randomUUID();
  const revisionId = randomUUID();
  await ownerQuery(
    `INSERT INTO path_annotation (id, tenant_id, path_id, annotation_id, revision, step, text, author_id) VALUES
       ($1, $3, $4, $1, 1, 'NEEDS', $5, $6), ($2, $3, $4, $1, 2, 'NEEDS', $7, $6)`,
    [annotationId, revisionId, tenant.id, path.id, `Pierwsza wersja adnotacji: ${name}`, advisor.id, `Poprawiona adnotacja: ${name}`],
  );
  const ownService = await insertServiceRecord(tenant, { clientId: client.id, userId: advisor.id, pathId: path.id, date: polishDaysAgo(3) });
  const institution = randomUUID();
  await ownerQuery(`INSERT INTO institution (id, tenant_id, name, kind, updated_at) VALUES ($1, $2, $3, 'OPS', now())`, [
    institution,
    tenant.id,
    `MOPS ${randomUUID().slice(0, 6)}`,
  ]);
  const exchange = randomUUID();
  await ownerQuery(
    `INSERT INTO information_exchange (id, tenant_id, date, institution_id, direction, channel, subject, client_id, path_id, author_id, updated_at)
     VALUES ($1, $2, current_date - 2, $3, 'SENT', 'EMAIL', 'Informacja o wsparciu', $4, $5, $6, now())`,
    [exchange, tenant.id, institution, client.id, path.id, advisor.id],
  );
  const [ids] = await ownerQuery<{ plan_action: string; need: string; contract: string; evaluation: string; result: string }>(
    `SELECT (SELECT id FROM path_plan_action WHERE plan_version_id = $2) AS plan_action, (SELECT id FROM path_need WHERE path_id = $1) AS need,
            (SELECT id FROM path_contract WHERE path_id = $1) AS contract, (SELECT id FROM path_evaluation WHERE path_id = $1) AS evaluation,
            (SELECT r.id FROM path_result r JOIN path_evaluation e ON e.id = r.evaluation_id WHERE e.path_id = $1) AS result`,
    [path.id, plan.id],
  );
  if (!ids) throw new Error("setup");
  return { client, name, pesel, path, plan, annotationId, revisionId, ownService, exchange, ...ids };
}

/** A group service both persons took part in (one record, two participations). */
async function insertSharedService(clientIds: string[]): Promise<string> {
  const id = randomUUID();
  await ownerQuery(
    `INSERT INTO service_record (id, tenant_id, date, duration_minutes, form, channel, support_type, topic, notes, author_id, idempotency_key, updated_at)
     VALUES ($1, $2, current_date - 1, 90, 'GROUP', 'IN_PERSON', 'ANIMATION', 'Spotkanie grupy inicjatywnej', 'Omówiono statut spółdzielni', $3, gen_random_uuid(), now())`,
    [id, tenant.id, advisor.id],
  );
  for (const clientId of clientIds) {
    await ownerQuery(
      `INSERT INTO service_participation (id, tenant_id, service_id, client_id, date) VALUES (gen_random_uuid(), $1, $2, $3, current_date - 1)`,
      [tenant.id, id, clientId],
    );
  }
  await ownerQuery(`INSERT INTO service_provider (id, tenant_id, service_id, user_id, date) VALUES (gen_random_uuid(), $1, $2, $3, current_date - 1)`, [
    tenant.id,
    id,
    advisor.id,
  ]);
  return id;
}

async function exportOf(requestId: string): Promise<{ json: string; data: TSubjectExportData; pdf: Uint8Array; fileName: string }> {
  const zip = await buildSubjectExport(iod, requestId, t);
  const files = unzipSync(zip.body);
  expect(Object.keys(files).sort()).toEqual(["dane.json", "dane.pdf"]);
  const json = strFromU8(files["dane.json"] ?? new Uint8Array());
  return { json, data: JSON.parse(json) as TSubjectExportData, pdf: files["dane.pdf"] ?? new Uint8Array(), fileName: zip.fileName };
}

async function pdfText(pdf: Uint8Array): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  return text;
}

describe("the access export (art. 15)", () => {
  let anna: TScenario;
  let bogdan: TScenario;
  let shared: string;
  let training: Awaited<ReturnType<typeof createTraining>>;
  let annaRegistration: string;
  let bogdanRegistration: string;
  let viewOfAnna: string;

  beforeEach(async () => {
    anna = await buildPerson("Anna Eksportowa", "44051401458");
    bogdan = await buildPerson("Bogdan Postronny", "02070803628");
    shared = await insertSharedService([anna.client.id, bogdan.client.id]);
    training = await createTraining(tenant, {
      createdById: advisor.id,
      title: "Szkolenie z zakładania spółdzielni",
      sessions: [{ date: polishDaysAgo(10) }, { date: polishDaysAgo(9) }],
    });
    annaRegistration = (await insertRegistration(training, { personClientId: anna.client.id }, { registeredById: advisor.id })).id;
    bogdanRegistration = (await insertRegistration(training, { personClientId: bogdan.client.id }, { registeredById: advisor.id })).id;
    for (const [registration, status] of [
      [annaRegistration, "PRESENT"],
      [bogdanRegistration, "ABSENT"],
    ] as const) {
      await ownerQuery(
        `INSERT INTO event_attendance (tenant_id, session_id, registration_id, status, meals, recorded_by_id) VALUES ($1, $2, $3, $4::"AttendanceStatus", true, $5)`,
        [tenant.id, training.sessions[0]?.id, registration, status, advisor.id],
      );
    }
    viewOfAnna = randomUUID();
    await ownerQuery(
      `INSERT INTO access_log (id, tenant_id, user_id, client_id, view, detail, ip) VALUES ($1, $2, $3, $4, 'CLIENT_RECORD', 'overview', '10.0.0.7')`,
      [viewOfAnna, tenant.id, advisor.id, anna.client.id],
    );
    await ownerQuery(`INSERT INTO access_log (id, tenant_id, user_id, client_id, view) VALUES (gen_random_uuid(), $1, $2, $3, 'CLIENT_HISTORY')`, [
      tenant.id,
      advisor.id,
      bogdan.client.id,
    ]);
  });

  it("holds every row of the person, by id, and none of the other person's — not even in the service they shared", async () => {
    const { id } = await request({ clientId: anna.client.id, requesterName: "Anna Eksportowa" });
    const { json, data, fileName } = await exportOf(id);

    expect(fileName).toBe(`dane-osobowe-${todayInPoland()}.zip`);
    expect(data.person).toMatchObject({
      id: anna.client.id,
      name: "Anna Eksportowa",
      identifiers: { pesel: "44051401458" },
      kind: { code: "PERSON", label: "Osoba fizyczna" },
    });
    const [path] = data.paths;
    expect(data.paths.map((p) => p.id)).toEqual([anna.path.id]);
    expect(path?.needs.map((n) => n.id)).toEqual([anna.need]);
    expect(path?.contract?.id).toBe(anna.contract);
    expect(path?.plans.map((v) => [v.id, v.actions.map((a) => a.id)])).toEqual([[anna.plan.id, [anna.plan_action]]]);
    expect(path?.evaluations.map((e) => [e.id, e.results.map((r) => r.id)])).toEqual([[anna.evaluation, [anna.result]]]);
    expect(path?.annotations.map((a) => [a.id, a.annotationId, a.revision])).toEqual([
      [anna.annotationId, anna.annotationId, 1],
      [anna.revisionId, anna.annotationId, 2],
    ]);
    expect(data.services.map((s) => s.id).sort()).toEqual([anna.ownService.id, shared].sort());
    expect(data.services.find((s) => s.id === shared)).toMatchObject({ topic: "Spotkanie grupy inicjatywnej", durationMinutes: 90, providers: [advisor.name] });
    expect(data.trainings.map((r) => r.registrationId)).toEqual([annaRegistration]);
    expect(data.trainings[0]?.sessions.map((s) => [s.id, s.attendance?.status.code ?? null])).toEqual([
      [training.sessions[0]?.id, "PRESENT"],
      [training.sessions[1]?.id, null],
    ]);
    expect(data.cooperation.map((e) => e.id)).toEqual([anna.exchange]);
    expect(data.keyAdvisors.map((a) => a.advisor)).toEqual([advisor.name]);
    expect(data.subjectRequests.map((r) => r.id)).toEqual([id]);
    // Who viewed her data: the staff member and the view, without the address they viewed from.
    expect(data.accessLog.map((a) => [a.id, a.user, a.view.code])).toEqual([[viewOfAnna, advisor.name, "CLIENT_RECORD"]]);
    expect(json).not.toContain("10.0.0.7");

    for (const foreign of [
      bogdan.client.id,
      bogdan.path.id,
      bogdan.plan.id,
      bogdan.plan_action,
      bogdan.need,
      bogdan.contract,
      bogdan.evaluation,
      bogdan.annotationId,
      bogdan.ownService.id,
      bogdan.exchange,
      bogdanRegistration,
      "Bogdan",
      "Postronny",
      bogdan.pesel,
    ]) {
      expect(json, foreign).not.toContain(foreign);
    }
  });

  it("is a ZIP of the JSON and a readable Polish PDF naming the person, audited and logged as a view of her data", async () => {
    const { id } = await request({ clientId: anna.client.id });
    const { pdf } = await exportOf(id);
    expect(strFromU8(pdf.slice(0, 5))).toBe("%PDF-");
    const text = (await pdfText(pdf)).replace(/\s+/g, " ");
    expect(text).toContain("Kopia danych osobowych (art. 15 RODO)");
    expect(text).toContain("Anna Eksportowa");
    expect(text).toContain("44051401458");
    expect(text).toContain("Poprawiona adnotacja: Anna Eksportowa");
    expect(text).toContain("Szkolenie z zakładania spółdzielni");
    expect(text).toMatch(/Strona 1 z \d+/);
    expect(text).not.toContain("Bogdan");

    const audit = (await auditRows(tenant.id)).filter((r) => r.action === "subject_request.export");
    expect(audit).toEqual([
      expect.objectContaining({ entity_type: "SubjectRequest", entity_id: id, actor_id: iod.userId, after: { clientId: anna.client.id } }),
    ]);
    const logged = await ownerQuery<{ user_id: string; view: string; detail: string }>(
      `SELECT user_id, view::text, detail FROM access_log WHERE client_id = $1 AND view = 'SUBJECT_EXPORT'`,
      [anna.client.id],
    );
    expect(logged).toEqual([{ user_id: iod.userId, view: "SUBJECT_EXPORT", detail: id }]);
  });

  it("labels every field it holds in Polish (the PDF shows each under its label)", async () => {
    const { id } = await request({ clientId: anna.client.id });
    const { data } = await exportOf(id);
    const labels = pl.privacy.export.fields as Record<string, string>;
    const keys = new Set<string>();
    const walk = (value: unknown) => {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === "object" && !("code" in value && "label" in value)) {
        for (const [key, inner] of Object.entries(value)) {
          if (key !== "id" && !key.endsWith("Id")) keys.add(key);
          walk(inner);
        }
      }
    };
    for (const section of EXPORT_SECTIONS) walk(data[section]);
    expect(keys.size).toBeGreaterThan(100);
    expect([...keys].filter((key) => !(key in labels))).toEqual([]);
  });

  it("answers only an access request that names a person", async () => {
    const erasure = await request({ kind: "ERASURE", clientId: anna.client.id });
    const anonymous = await request();
    expect(await appErrorOf(buildSubjectExport(iod, erasure.id, t))).toMatchObject({ code: "INVALID_STATE", fieldErrors: { _form: "notAccessRequest" } });
    expect(await appErrorOf(buildSubjectExport(iod, anonymous.id, t))).toMatchObject({ code: "INVALID_STATE", fieldErrors: { _form: "requestWithoutPerson" } });
    expect(await ownerQuery(`SELECT id FROM access_log WHERE view = 'SUBJECT_EXPORT' AND tenant_id = $1`, [tenant.id])).toEqual([]);
  });
});

// ── restriction (art. 18) ───────────────────────────────────────────────────────────────────────

describe("restriction of processing", () => {
  it("refuses changes to the person's record and new services for them until lifted; the client page shows since when", async () => {
    const person = await createClient(tenant, { name: "Dorota Ograniczona", town: "Kielce", keyAdvisorId: advisor.id });
    const advisorCtx = contextFor(advisor);
    const { id } = await request({ kind: "RESTRICTION", clientId: person.id });
    expect((await getSubjectRequestPage(iod, id)).abilities).toMatchObject({ canRestrict: true, canLiftRestriction: false });

    await setRestriction(iod, id, { restricted: true });
    expect(await appErrorOf(setRestriction(iod, id, { restricted: true }))).toMatchObject({
      code: "INVALID_STATE",
      fieldErrors: { _form: "alreadyRestricted" },
    });
    const page = await getClientPage(advisorCtx, person.id, { recentServices: 5 });
    expect(page.client.restrictedAt).toBeInstanceOf(Date);

    const edit = { kind: "PERSON" as const, name: "Dorota Zmieniona", town: "Kielce" };
    const refused = await appErrorOf(updateClient(advisorCtx, person.id, edit));
    expect(refused).toMatchObject({ code: "PROCESSING_RESTRICTED", params: { since: todayInPoland() } });
    expect(await appErrorOf(logService(advisorCtx, serviceInput([person.id])))).toMatchObject({ code: "PROCESSING_RESTRICTED" });
    const [row] = await ownerQuery<{ name: string }>(`SELECT name FROM client WHERE id = $1`, [person.id]);
    expect(row?.name).toBe("Dorota Ograniczona");

    // Lifting works on the request whatever its status, and the record may change again.
    await completeSubjectRequest(iod, id, { outcome: "Ograniczono przetwarzanie do czasu rozpatrzenia sprzeciwu." });
    expect((await getSubjectRequestPage(iod, id)).abilities).toMatchObject({ canRestrict: false, canLiftRestriction: true });
    await setRestriction(iod, id, { restricted: false });
    await updateClient(advisorCtx, person.id, edit);
    const [after] = await ownerQuery<{ name: string; restricted_at: Date | null }>(`SELECT name, restricted_at FROM client WHERE id = $1`, [person.id]);
    expect(after).toEqual({ name: "Dorota Zmieniona", restricted_at: null });

    const audit = (await auditRows(tenant.id)).filter((r) => r.action === "client.restrict" || r.action === "client.lift_restriction");
    expect(audit.map((r) => [r.action, r.entity_type, r.entity_id, r.after])).toEqual([
      ["client.restrict", "Client", person.id, { restricted: true, subjectRequestId: id }],
      ["client.lift_restriction", "Client", person.id, { restricted: false, subjectRequestId: id }],
    ]);
  });

  it("is set only on a restriction request naming a person, and only while it is open", async () => {
    const person = await createClient(tenant);
    const access = await request({ clientId: person.id });
    const restriction = await request({ kind: "RESTRICTION", clientId: person.id });
    await refuseSubjectRequest(iod, restriction.id, { outcome: "Brak podstaw." });
    expect(await appErrorOf(setRestriction(iod, access.id, { restricted: true }))).toMatchObject({ fieldErrors: { _form: "notRestrictionRequest" } });
    expect(await appErrorOf(setRestriction(iod, restriction.id, { restricted: true }))).toMatchObject({ fieldErrors: { _form: "requestClosed" } });
    expect(await ownerQuery(`SELECT id FROM client WHERE id = $1 AND restricted_at IS NOT NULL`, [person.id])).toEqual([]);
  });
});

// ── who may, and whose ids ──────────────────────────────────────────────────────────────────────

describe("access to the register", () => {
  it("is the IOD's alone: other roles are FORBIDDEN before any lookup, for an existing or a missing id alike", async () => {
    const person = await createClient(tenant);
    const { id } = await request({ kind: "RESTRICTION", clientId: person.id });
    for (const role of ["ADMIN", "MANAGER", "KEY_ADVISOR", "AUDITOR"] as const) {
      const ctx = contextFor(await createUser(tenant, { role }));
      for (const requestId of [id, randomUUID()]) {
        const calls = [
          () => getSubjectRequestPage(ctx, requestId),
          () => extendSubjectRequest(ctx, requestId, { extendedTo: "2027-01-01", reason: "x" }),
          () => completeSubjectRequest(ctx, requestId, { outcome: "x" }),
          () => refuseSubjectRequest(ctx, requestId, { outcome: "x" }),
          () => buildSubjectExport(ctx, requestId, t),
          () => setRestriction(ctx, requestId, { restricted: true }),
        ];
        for (const call of calls) expect((await appErrorOf(call())).code, role).toBe("FORBIDDEN");
      }
      for (const call of [
        () => findSubjectRequests(ctx, {}),
        () => findPersons(ctx, "osoba"),
        () => createSubjectRequest(ctx, { kind: "ACCESS", requesterName: "X", receivedOn: "2026-01-01" }),
      ]) {
        expect((await appErrorOf(call())).code, role).toBe("FORBIDDEN");
      }
    }
    expect(await requestRow(id)).toMatchObject({ status: "OPEN", extended_to: null });
  });

  it("answers NOT_FOUND for another tenant's request or person, exactly as for a missing one, and changes nothing", async () => {
    const other = await createTenant();
    const otherIod = contextFor(await createUser(other, { role: "IOD" }));
    const foreignPerson = await createClient(other, { name: "Obca Osoba" });
    const foreign = await createSubjectRequest(otherIod, {
      kind: "RESTRICTION",
      requesterName: "Obca Osoba",
      clientId: foreignPerson.id,
      receivedOn: todayInPoland(),
    });
    const calls: ((requestId: string) => Promise<unknown>)[] = [
      (r) => getSubjectRequestPage(iod, r),
      (r) => extendSubjectRequest(iod, r, { extendedTo: addDays(todayInPoland(), 40), reason: "x" }),
      (r) => completeSubjectRequest(iod, r, { outcome: "x" }),
      (r) => refuseSubjectRequest(iod, r, { outcome: "x" }),
      (r) => buildSubjectExport(iod, r, t),
      (r) => setRestriction(iod, r, { restricted: true }),
    ];
    for (const call of calls) {
      const [ofForeign, ofMissing] = [await appErrorOf(call(foreign.id)), await appErrorOf(call(randomUUID()))];
      expect(ofForeign.code).toBe("NOT_FOUND");
      expect({ code: ofForeign.code, message: ofForeign.message }).toEqual({ code: ofMissing.code, message: ofMissing.message });
      expect((await appErrorOf(call("not-a-uuid"))).code).toBe("NOT_FOUND");
    }
    const [ofForeignPerson, ofMissingPerson] = [
      await appErrorOf(request({ clientId: foreignPerson.id })),
      await appErrorOf(request({ clientId: randomUUID() })),
    ];
    expect(ofForeignPerson).toMatchObject({ code: "NOT_FOUND", message: ofMissingPerson.message });
    expect(await requestRow(foreign.id)).toMatchObject({ status: "OPEN", extended_to: null });
    expect(await ownerQuery(`SELECT id FROM client WHERE id = $1 AND restricted_at IS NOT NULL`, [foreignPerson.id])).toEqual([]);
    expect(await ownerQuery(`SELECT id FROM subject_request WHERE tenant_id = $1`, [tenant.id])).toEqual([]);
  });
});
