import { randomUUID } from "node:crypto";
import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeEach, describe, expect, it } from "vitest";
import { AuditTable } from "@/components/audit/audit-table";
import { getAuditPage } from "@/lib/domain/audit/find-audit";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";
import { getSessionAttendancePage, saveSessionAttendance } from "@/lib/domain/events/attendance";
import { getTimesheet, listClientServices } from "@/lib/domain/services/service";
import { auditRows, contextFor, createOffice, createTenant, createUser, ownerQuery, type TOfficeRow, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { polishDaysAgo, serviceRow } from "@/tests/factories/services";
import { pageStatements } from "@/tests/support/statement-counter";
import { attendanceRows, createTraining, registerIndividual, registerRepresentatives, sessionServiceId, type TParticipant, type TTraining } from "@/tests/factories/attendance";

/**
 * Attendance at a session produces the service history through the service log (issue 14): one
 * record per session, one participation per present client, the staff trainers' hours in their
 * timesheets — and the tick-list itself is need-to-know for events.attendance only.
 */

let tenant: TTenantRow;
let office: TOfficeRow;
let manager: TUserRow;
let trainer: TUserRow;
let training: TTraining;
let reps: TParticipant[];
let individual: TParticipant;
let absentee: TParticipant;

const SESSION_DAY = polishDaysAgo(3);
const present = (p: TParticipant, extra: Record<string, unknown> = {}) => ({ registrationId: p.registrationId, status: "PRESENT" as const, ...extra });
const absent = (p: TParticipant) => ({ registrationId: p.registrationId, status: "ABSENT" as const });

beforeEach(async () => {
  tenant = await createTenant();
  office = await createOffice(tenant, { name: "Biuro w Kielcach" });
  manager = await createUser(tenant, { role: "MANAGER", officeId: office.id });
  trainer = await createUser(tenant, { role: "ANIMATOR", name: "Trener Żaneta Łęcka" });
  training = await createTraining(tenant, {
    createdById: manager.id,
    title: "Ekonomia społeczna w praktyce",
    officeId: office.id,
    sessions: [{ date: SESSION_DAY, durationMinutes: 240 }, { date: polishDaysAgo(2), place: null, onlineUrl: "https://meet.example.test/abc", durationMinutes: 90 }],
    trainers: [{ userId: trainer.id }, { externalName: "Dr Zewnętrzny Ekspert" }],
  });
  reps = await registerRepresentatives(training, manager.id, "Spółdzielnia Socjalna Łączy Nas", ["Józef Żółć", "Anna Ślęzak"]);
  individual = await registerIndividual(training, manager.id, { name: "Bożena Kałuża" });
  absentee = await registerIndividual(training, manager.id, { name: "Zenon Nieobecny" });
});

const firstSession = () => training.sessions[0]?.id ?? "";
const secondSession = () => training.sessions[1]?.id ?? "";
const month = SESSION_DAY.slice(0, 7);

describe("saving a session's attendance", () => {
  it("logs one record with one participation per present client (two representatives of one organisation count once) and the staff trainer's hours", async () => {
    const ctx = contextFor(manager);
    const [repA, repB] = reps;
    if (!repA || !repB) throw new Error("setup");

    const result = await saveSessionAttendance(ctx, firstSession(), {
      rows: [
        present(repA, { materials: true, meals: true, travelReimbursement: "12,5" }),
        present(repB, { accommodation: true }),
        present(individual, { travelReimbursement: 30 }),
        absent(absentee),
      ],
      expectedUpdatedAt: null,
    });

    expect(result).toMatchObject({ present: 3, clients: 2, record: { change: "created" } });
    const serviceId = await sessionServiceId(firstSession());
    expect(serviceId).toBe(result.record.serviceId);
    const record = await serviceRow(serviceId ?? "");
    expect(record?.client_ids.sort()).toEqual([repA.clientId, individual.clientId].sort());
    // Only the staff trainer delivers it: the external trainer keeps no timesheet.
    expect(record?.provider_ids).toEqual([trainer.id]);
    expect(record).toMatchObject({ duration_minutes: 240, support_type: "TRAINING", deleted_at: null });
    const [details] = await ownerQuery<{ form: string; channel: string; topic: string; office_id: string; date: string; start_time: string; author_id: string }>(
      `SELECT form::text, channel::text, topic, office_id, to_char(date, 'YYYY-MM-DD') AS date, start_time, author_id FROM service_record WHERE id = $1`,
      [serviceId],
    );
    expect(details).toEqual({ form: "GROUP", channel: "IN_PERSON", topic: "Ekonomia społeczna w praktyce (1/2)", office_id: office.id, date: SESSION_DAY, start_time: "09:00", author_id: manager.id });

    const rows = await attendanceRows(firstSession());
    expect(rows.get(repA.registrationId)).toMatchObject({ status: "PRESENT", materials: true, meals: true, accommodation: false, travel: "12.50" });
    expect(rows.get(individual.registrationId)).toMatchObject({ travel: "30.00" });
    expect(rows.get(absentee.registrationId)).toMatchObject({ status: "ABSENT", travel: null });

    // The trainer's timesheet and the clients' histories read it like any service.
    const sheet = await getTimesheet(contextFor(trainer), { month });
    expect(sheet.minutes).toBe(240);
    expect(sheet.records).toEqual([expect.objectContaining({ id: serviceId, topic: "Ekonomia społeczna w praktyce (1/2)" })]);
    for (const clientId of [repA.clientId, individual.clientId]) {
      const history = await listClientServices(ctx, clientId, {});
      expect(history.items.map((i) => i.id)).toEqual([serviceId]);
    }
    expect((await listClientServices(ctx, absentee.clientId, {})).items).toEqual([]);

    const audit = (await auditRows(tenant.id)).map((r) => r.action);
    expect(audit).toEqual(["event.attendance.save", "service.create"]);
  });

  it("updates the same record when saved again with one more present, and keeps recorders of unchanged rows", async () => {
    const ctx = contextFor(manager);
    const [repA, repB] = reps;
    if (!repA || !repB) throw new Error("setup");
    const first = await saveSessionAttendance(ctx, firstSession(), { rows: [present(repA), absent(repB), present(individual), absent(absentee)] });
    const page = await getSessionAttendancePage(ctx, firstSession());
    const otherCtx = contextFor(trainer);

    const second = await saveSessionAttendance(otherCtx, firstSession(), {
      rows: [present(repA), absent(repB), present(individual), present(absentee)],
      expectedUpdatedAt: page.lastRecordedAt,
    });

    expect(second.record).toEqual({ serviceId: first.record.serviceId, change: "updated" });
    const [count] = await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM service_record WHERE tenant_id = $1`, [tenant.id]);
    expect(count?.n).toBe(1);
    const record = await serviceRow(second.record.serviceId ?? "");
    expect(record?.client_ids.sort()).toEqual([repA.clientId, individual.clientId, absentee.clientId].sort());
    const recorders = await ownerQuery<{ registration_id: string; recorded_by_id: string }>(`SELECT registration_id, recorded_by_id FROM event_attendance WHERE session_id = $1`, [firstSession()]);
    expect(Object.fromEntries(recorders.map((r) => [r.registration_id, r.recorded_by_id]))).toEqual({
      [repA.registrationId]: manager.id,
      [repB.registrationId]: manager.id,
      [individual.registrationId]: manager.id,
      [absentee.registrationId]: trainer.id,
    });
    const audit = await auditRows(tenant.id);
    expect(audit.map((r) => r.action)).toEqual(["event.attendance.save", "service.create", "event.attendance.save", "service.update"]);
    // The second save's audit names only the participant whose attendance changed.
    expect(audit[2]?.after).toEqual({
      attendance: [{ person: "Zenon Nieobecny", clientId: absentee.clientId, status: "PRESENT", materials: false, accommodation: false, meals: false, travelReimbursement: null }],
    });
    expect(audit[2]?.before).toEqual({
      attendance: [{ person: "Zenon Nieobecny", clientId: absentee.clientId, status: "ABSENT", materials: false, accommodation: false, meals: false, travelReimbursement: null }],
    });

    // The same list again changes nothing and writes nothing.
    await saveSessionAttendance(otherCtx, firstSession(), { rows: [present(repA), absent(repB), present(individual), present(absentee)] });
    expect(await auditRows(tenant.id)).toHaveLength(4);
  });

  it("leaves no live record when nobody was present, and the trainer's hours go with it", async () => {
    const ctx = contextFor(manager);
    const everyone = [...reps, individual, absentee];
    const first = await saveSessionAttendance(ctx, firstSession(), { rows: everyone.map((p) => present(p)) });
    expect((await getTimesheet(contextFor(trainer), { month })).minutes).toBe(240);

    const second = await saveSessionAttendance(ctx, firstSession(), { rows: everyone.map(absent) });

    expect(second.record).toEqual({ serviceId: null, change: "deleted" });
    expect(await sessionServiceId(firstSession())).toBeNull();
    expect((await serviceRow(first.record.serviceId ?? ""))?.deleted_at).not.toBeNull();
    expect((await getTimesheet(contextFor(trainer), { month })).minutes).toBe(0);
    expect((await listClientServices(ctx, individual.clientId, {})).items).toEqual([]);

    // Nobody present from the start: no record at all.
    const none = await saveSessionAttendance(ctx, secondSession(), { rows: everyone.map(absent) });
    expect(none.record).toEqual({ serviceId: null, change: "none" });
    // Present again: a new record (the tombstone stays a tombstone).
    const third = await saveSessionAttendance(ctx, firstSession(), { rows: [present(individual)] });
    expect(third.record.change).toBe("created");
    expect(third.record.serviceId).not.toBe(first.record.serviceId);
  });

  it("is delivered by whoever took attendance when the event has no staff trainer; an online-only session is ONLINE", async () => {
    const external = await createTraining(tenant, {
      createdById: manager.id,
      sessions: [{ date: SESSION_DAY, place: null, onlineUrl: "https://meet.example.test/x", durationMinutes: 60 }],
      trainers: [{ externalName: "Trenerka Zewnętrzna" }],
    });
    const person = await registerIndividual(external, manager.id);
    const specialist = await createUser(tenant, { role: "SPECIALIST" });
    const sessionId = external.sessions[0]?.id ?? "";

    const saved = await saveSessionAttendance(contextFor(specialist), sessionId, { rows: [present(person)] });
    const record = await serviceRow(saved.record.serviceId ?? "");
    expect(record?.provider_ids).toEqual([specialist.id]);
    const [row] = await ownerQuery<{ channel: string; topic: string }>(`SELECT channel::text, topic FROM service_record WHERE id = $1`, [saved.record.serviceId]);
    expect(row).toEqual({ channel: "ONLINE", topic: external.title });
    // A later save by someone else moves no hours: the first recorder stays the provider.
    await saveSessionAttendance(contextFor(manager), sessionId, { rows: [present(person, { meals: true })] });
    expect((await serviceRow(saved.record.serviceId ?? ""))?.provider_ids).toEqual([specialist.id]);
  });

  it("links each participation to the path open on the session's day, and records a closed client who came", async () => {
    const advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
    const withPath = await registerIndividual(training, manager.id, { name: "Klient Ze Ścieżką", client: { keyAdvisorId: advisor.id } });
    const [path] = await ownerQuery<{ id: string }>(
      `INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, step, key_advisor_id, opened_at, created_by_id, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $2, 'TRANSFORMATION', 'INDIVIDUAL', 'IMPLEMENTATION', $3, now() - interval '30 days', $3, now()) RETURNING id`,
      [tenant.id, withPath.clientId, advisor.id],
    );
    const closed = await registerIndividual(training, manager.id, { name: "Klient Zamknięty", client: { status: "CLOSED" } });

    const saved = await saveSessionAttendance(contextFor(manager), firstSession(), { rows: [present(withPath), present(closed)] });

    const links = await ownerQuery<{ client_id: string; path_id: string | null }>(`SELECT client_id, path_id FROM service_participation WHERE service_id = $1`, [saved.record.serviceId]);
    expect(Object.fromEntries(links.map((l) => [l.client_id, l.path_id]))).toEqual({ [withPath.clientId]: path?.id, [closed.clientId]: null });
  });

  it("refuses what cannot be saved, writing nothing", async () => {
    const ctx = contextFor(manager);
    const otherTraining = await createTraining(tenant, { createdById: manager.id, sessions: [{ date: SESSION_DAY }] });
    const stranger = await registerIndividual(otherTraining, manager.id);
    const waiting = await registerIndividual(training, manager.id, { status: "WAITING" });
    const future = await createTraining(tenant, { createdById: manager.id, sessions: [{ date: "2099-01-05" }] });
    const futurePerson = await registerIndividual(future, manager.id);
    const cancelled = await createTraining(tenant, { createdById: manager.id, status: "CANCELLED", sessions: [{ date: SESSION_DAY }] });
    const cancelledPerson = await registerIndividual(cancelled, manager.id);

    const refusals = [
      await appErrorOf(saveSessionAttendance(ctx, firstSession(), { rows: [present(stranger)] })),
      await appErrorOf(saveSessionAttendance(ctx, firstSession(), { rows: [{ registrationId: randomUUID(), status: "PRESENT" }] })),
      await appErrorOf(saveSessionAttendance(ctx, firstSession(), { rows: [present(waiting)] })),
      await appErrorOf(saveSessionAttendance(ctx, firstSession(), { rows: [present(individual, { travelReimbursement: "12,345" })] })),
      await appErrorOf(saveSessionAttendance(ctx, firstSession(), { rows: [present(individual, { travelReimbursement: "100000,01" })] })),
      await appErrorOf(saveSessionAttendance(ctx, firstSession(), { rows: [present(individual), absent(individual)] })),
      await appErrorOf(saveSessionAttendance(ctx, future.sessions[0]?.id ?? "", { rows: [present(futurePerson)] })),
      await appErrorOf(saveSessionAttendance(ctx, cancelled.sessions[0]?.id ?? "", { rows: [present(cancelledPerson)] })),
    ];

    expect(refusals.map((e) => [e.code, e.fieldErrors])).toEqual([
      ["NOT_FOUND", {}],
      ["NOT_FOUND", {}],
      ["VALIDATION_FAILED", { "rows.0.registrationId": "notRegistered" }],
      ["VALIDATION_FAILED", { "rows.0.travelReimbursement": "travelAmount" }],
      ["VALIDATION_FAILED", { "rows.0.travelReimbursement": "travelAmount" }],
      ["VALIDATION_FAILED", { "rows.1.registrationId": "duplicateRow" }],
      ["INVALID_STATE", { _form: "sessionInFuture" }],
      ["INVALID_STATE", { _form: "eventCancelled" }],
    ]);
    expect(await auditRows(tenant.id)).toEqual([]);
    const [written] = await ownerQuery<{ n: number }>(`SELECT (SELECT count(*) FROM event_attendance WHERE tenant_id = $1) + (SELECT count(*) FROM service_record WHERE tenant_id = $1) AS n`, [tenant.id]);
    expect(Number(written?.n)).toBe(0);
  });

  it("refuses a save over attendance recorded meanwhile (CONFLICT)", async () => {
    const ctx = contextFor(manager);
    const page = await getSessionAttendancePage(ctx, firstSession());
    expect(page.lastRecordedAt).toBeNull();
    await saveSessionAttendance(contextFor(trainer), firstSession(), { rows: [present(individual)], expectedUpdatedAt: page.lastRecordedAt });

    const stale = await appErrorOf(saveSessionAttendance(ctx, firstSession(), { rows: [absent(individual)], expectedUpdatedAt: page.lastRecordedAt }));

    expect(stale.code).toBe("CONFLICT");
    expect((await attendanceRows(firstSession())).get(individual.registrationId)?.status).toBe("PRESENT");
  });
});

describe("who may take attendance", () => {
  it("answers NOT_FOUND for another tenant's session, exactly like a missing one", async () => {
    const other = await createTenant();
    const otherManager = contextFor(await createUser(other, { role: "MANAGER" }));
    for (const call of [
      (id: string) => getSessionAttendancePage(otherManager, id),
      (id: string) => saveSessionAttendance(otherManager, id, { rows: [present(individual)] }),
    ]) {
      const foreign = await appErrorOf(call(firstSession()));
      const missing = await appErrorOf(call(randomUUID()));
      expect([foreign.code, foreign.message]).toEqual([missing.code, missing.message]);
      expect(foreign.code).toBe("NOT_FOUND");
    }
    expect(await attendanceRows(firstSession())).toEqual(new Map());
  });

  it("refuses a role without events.attendance (a key advisor) with FORBIDDEN for any id", async () => {
    const advisor = contextFor(await createUser(tenant, { role: "KEY_ADVISOR" }));
    for (const id of [firstSession(), randomUUID(), "not-a-uuid"]) {
      expect((await appErrorOf(getSessionAttendancePage(advisor, id))).code).toBe("FORBIDDEN");
      expect((await appErrorOf(saveSessionAttendance(advisor, id, { rows: [present(individual)] }))).code).toBe("FORBIDDEN");
    }
    expect(await attendanceRows(firstSession())).toEqual(new Map());
  });
});

describe("the attendance page", () => {
  it("lists the registered participants by name with whom they represent and what was recorded, in at most 10 statements", async () => {
    const [repA] = reps;
    if (!repA) throw new Error("setup");
    await registerIndividual(training, manager.id, { name: "Wiesław Oczekujący", status: "WAITING" });
    await saveSessionAttendance(contextFor(manager), firstSession(), { rows: [present(repA, { materials: true, travelReimbursement: "7.5" })] });

    const statements = await pageStatements(manager, (ctx) => getSessionAttendancePage(ctx, firstSession()));
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(10);
    const page = await getSessionAttendancePage(contextFor(manager), firstSession());

    expect(page.event).toMatchObject({ id: training.id, title: "Ekonomia społeczna w praktyce", supportTypeName: "Szkolenie", officeName: "Biuro w Kielcach" });
    expect(page.session).toMatchObject({ day: SESSION_DAY, number: 1, of: 2, durationMinutes: 240 });
    expect(page.trainers).toEqual(["Dr Zewnętrzny Ekspert", "Trener Żaneta Łęcka"]);
    expect(page.participants.map((p) => [p.person, p.represents])).toEqual([
      ["Anna Ślęzak", "Spółdzielnia Socjalna Łączy Nas"],
      ["Bożena Kałuża", null],
      ["Józef Żółć", "Spółdzielnia Socjalna Łączy Nas"],
      ["Zenon Nieobecny", null],
    ]);
    expect(page.participants.find((p) => p.registrationId === repA.registrationId)?.attendance).toEqual({
      status: "PRESENT",
      materials: true,
      accommodation: false,
      meals: false,
      travelReimbursement: "7.50",
    });
    expect(page).toMatchObject({ presentCount: 1, serviceRecorded: true, closed: null });
    expect(page.lastRecordedAt).not.toBeNull();
  });
});

describe("the audit trail", () => {
  it.each([
    ["pl", pl, ["Zapisanie obecności na sesji", "Ekonomia społeczna w praktyce, sesja z", "Zenon Nieobecny", "Nieobecny", "Obecny", "Zwrot kosztów dojazdu (zł)"]],
    ["en", en, ["Attendance saved for a session", "Ekonomia społeczna w praktyce, session of", "Zenon Nieobecny", "Travel reimbursement (PLN)"]],
  ] as const)("tells a saved attendance in words (%s)", async (locale, messages, words) => {
    const ctx = contextFor(manager);
    await saveSessionAttendance(ctx, firstSession(), { rows: [present(individual), absent(absentee)] });
    await saveSessionAttendance(ctx, firstSession(), { rows: [present(individual), present(absentee, { meals: true, travelReimbursement: "9,90" })] });

    const page = await getAuditPage(ctx, { pageSize: 20 });
    const props: ComponentProps<typeof NextIntlClientProvider> = {
      locale,
      messages,
      timeZone: "Europe/Warsaw",
      children: createElement(AuditTable, { entries: page.result.items, historyHref: () => "/audit" }),
    };
    const html = renderToStaticMarkup(createElement(NextIntlClientProvider, props));
    const text = html.replace(/<[^>]*>/g, " ").replace(/&[a-z#0-9]+;/g, " ").replace(/\s+/g, " ");

    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/i);
    for (const fallback of ["Inne dane", "(wartość nieczytelna)", "(rekord niedostępny)", "Inna czynność", "Inny obiekt", "Other data", "(unreadable value)", "(record unavailable)", "Other action", "Other object"]) {
      expect(text).not.toContain(fallback);
    }
    for (const word of words) expect(text, word).toContain(word);
  });
});
