import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { getAuditPage } from "@/lib/domain/audit/find-audit";
import { cancelEvent, createEvent, updateEvent } from "@/lib/domain/events/events";
import { getEventForEdit, getEventFormOptions, getEventPage } from "@/lib/domain/events/event-page";
import type { TEventInput, TSessionInput } from "@/lib/domain/events/schemas";
import {
  auditRows,
  contextFor,
  createClient,
  createPartner,
  createTenant,
  createUser,
  ownerQuery,
  type TPartnerRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { insertRegistration } from "@/tests/factories/events";

/**
 * Issue 14, events: a training with several sessions, staff and external trainers, created, edited
 * and cancelled by those holding events.manage; the project year its registrations count in
 * toward the per-person limit; sessions whose attendance was taken stay; a retired catalogue entry
 * is not offered for new events but stays on old ones; the event page reads it all.
 */

let tenant: TTenantRow;
let partner: TPartnerRow;
let manager: TUserRow;
let managerCtx: TContext;
let animator: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  partner = await createPartner(tenant, { name: "Fundacja Partnerska" });
  manager = await createUser(tenant, { role: "MANAGER", name: "Maria Kierownik" });
  managerCtx = contextFor(manager);
  animator = await createUser(tenant, { role: "ANIMATOR", name: "Ewa Animatorka" });
});

const session = (overrides: Partial<TSessionInput> = {}): TSessionInput => ({
  date: "2027-03-10",
  startTime: "09:00",
  endTime: "13:00",
  hours: "",
  place: "Sala konferencyjna, ul. Sienkiewicza 1, Kielce",
  onlineUrl: "",
  ...overrides,
});

/** A two-session training as the form sends it: a morning in a room, then 1,5 hours online. */
const eventInput = (overrides: Partial<TEventInput> = {}): TEventInput => ({
  title: "Księgowość spółdzielni socjalnej",
  kind: "TRAINING",
  supportType: "TRAINING",
  description: "Podstawy rachunkowości dla zarządów spółdzielni.",
  capacity: "20",
  registrationDeadline: "2027-03-05",
  officeId: "",
  partnerId: "",
  countsTowardLimit: true,
  sessions: [session(), session({ date: "2027-03-11", startTime: "10:00", endTime: "", hours: "1,5", place: "", onlineUrl: "https://meet.example.pl/ksiegowosc" })],
  trainers: [],
  ...overrides,
});

type TStoredSession = { id: string; date: string; start_time: string | null; end_time: string | null; duration_minutes: number; place: string | null; online_url: string | null };

const storedSessions = (eventId: string) =>
  ownerQuery<TStoredSession>(
    `SELECT id, to_char(date, 'YYYY-MM-DD') AS date, start_time, end_time, duration_minutes, place, online_url FROM event_session WHERE event_id = $1 ORDER BY date, start_time`,
    [eventId],
  );

async function storedEvent(eventId: string) {
  const [row] = await ownerQuery<{ status: string; limit_year: number | null; counts_toward_limit: boolean; partner_id: string | null; capacity: number | null; support_type: string }>(
    `SELECT status::text, limit_year, counts_toward_limit, partner_id, capacity, support_type FROM event WHERE id = $1`,
    [eventId],
  );
  return row;
}

const retire = (code: string) => ownerQuery(`UPDATE support_type SET retired_at = now() WHERE tenant_id = $1 AND code = $2`, [tenant.id, code]);

/** The sessions of an edit form as the form sends them back, unchanged. */
async function sessionsAsSent(eventId: string): Promise<TSessionInput[]> {
  return (await storedSessions(eventId)).map((s) => ({ id: s.id, date: s.date, startTime: s.start_time ?? "", endTime: s.end_time ?? "", hours: s.end_time ? "" : String(s.duration_minutes / 60), place: s.place ?? "", onlineUrl: s.online_url ?? "" }));
}

describe("creating an event", () => {
  it("stores a two-session training with a staff and an external trainer, counted in the year of its first session, and audits it", async () => {
    const input = eventInput({ partnerId: partner.id, trainers: [{ userId: animator.id, externalName: "" }, { userId: "", externalName: "Jan Zewnętrzny" }] });
    const { id } = await createEvent(managerCtx, input);

    expect(await storedEvent(id)).toMatchObject({ status: "PLANNED", limit_year: 2027, counts_toward_limit: true, partner_id: partner.id, capacity: 20 });
    const sessions = await storedSessions(id);
    expect(sessions.map(({ id: _id, ...s }) => s)).toEqual([
      { date: "2027-03-10", start_time: "09:00", end_time: "13:00", duration_minutes: 240, place: "Sala konferencyjna, ul. Sienkiewicza 1, Kielce", online_url: null },
      { date: "2027-03-11", start_time: "10:00", end_time: null, duration_minutes: 90, place: null, online_url: "https://meet.example.pl/ksiegowosc" },
    ]);
    const trainers = await ownerQuery<{ user_id: string | null; external_name: string | null }>(`SELECT user_id, external_name FROM event_trainer WHERE event_id = $1 ORDER BY external_name NULLS FIRST`, [id]);
    expect(trainers).toEqual([
      { user_id: animator.id, external_name: null },
      { user_id: null, external_name: "Jan Zewnętrzny" },
    ]);

    const audit = await auditRows(tenant.id);
    expect(audit.map((r) => r.action)).toEqual(["event.create"]);
    expect(audit[0]).toMatchObject({ actor_id: manager.id, entity_type: "Event", entity_id: id, before: null });
    expect(audit[0]?.after).toMatchObject({
      title: input.title,
      limitYear: 2027,
      registrationDeadline: "2027-03-05",
      sessions: [expect.objectContaining({ date: "2027-03-10", durationMinutes: 240 }), expect.objectContaining({ date: "2027-03-11", durationMinutes: 90 })],
      trainers: expect.arrayContaining([{ userId: animator.id, externalName: null }, { userId: null, externalName: "Jan Zewnętrzny" }]),
    });
  });

  it("shows the event on its page: the support type's name, sessions in order, trainers by name, what the caller may do", async () => {
    const { id } = await createEvent(managerCtx, eventInput({ trainers: [{ externalName: "Jan Zewnętrzny" }, { userId: animator.id }] }));
    const page = await getEventPage(managerCtx, id);

    expect(page.event).toMatchObject({ id, title: "Księgowość spółdzielni socjalnej", status: "PLANNED", capacity: 20, registrationDeadline: "2027-03-05", limitYear: 2027 });
    expect(page.event.supportType).toEqual({ code: "TRAINING", name: "Szkolenie", nameEn: "Training", retired: false });
    expect(page.sessions.map((s) => [s.date, s.startTime, s.endTime, s.durationMinutes, s.attendanceTaken])).toEqual([
      ["2027-03-10", "09:00", "13:00", 240, false],
      ["2027-03-11", "10:00", null, 90, false],
    ]);
    expect(page.trainers.map((t) => [t.name, t.external])).toEqual([
      ["Ewa Animatorka", false],
      ["Jan Zewnętrzny", true],
    ]);
    expect(page.abilities).toEqual({ manage: true, register: true, attendance: true, grantException: true });
    expect(page.registrations.seats).toEqual({ taken: 0, capacity: 20, waiting: 0 });

    const auditor = contextFor(await createUser(tenant, { role: "AUDITOR" }));
    expect((await getEventPage(auditor, id)).abilities).toEqual({ manage: false, register: false, attendance: false, grantException: false });
  });

  it("refuses invalid input with messages next to the fields, and writes nothing", async () => {
    const cases: [Partial<TEventInput>, Record<string, string>][] = [
      [{ sessions: [] }, { sessions: "eventForm.sessionsRequired" }],
      [{ title: "  " }, { title: "required" }],
      [{ sessions: [session(), session({ date: "2027-03-11", startTime: "14:00", endTime: "12:00" })] }, { "sessions.1.endTime": "endBeforeStart" }],
      [{ sessions: [session({ endTime: "", hours: "" })] }, { "sessions.0.hours": "eventForm.endOrHours" }],
      [{ sessions: [session({ endTime: "", hours: "12" })] }, { "sessions.0.hours": "eventForm.sessionLength" }],
      [{ sessions: [session({ place: "", onlineUrl: "" })] }, { "sessions.0.place": "eventForm.placeOrOnline" }],
      [{ sessions: [session({ onlineUrl: "javascript:alert(1)" })] }, { "sessions.0.onlineUrl": "eventForm.invalidUrl" }],
      [{ sessions: [session({ date: "2027-02-30" })] }, { "sessions.0.date": "invalidDate" }],
      [{ capacity: "0" }, { capacity: "eventForm.capacityRange" }],
      [{ registrationDeadline: "2027-03-12" }, { registrationDeadline: "eventForm.deadlineAfterStart" }],
      [{ trainers: [{ userId: "", externalName: "" }] }, { "trainers.0.externalName": "eventForm.trainerStaffOrExternal" }],
      [{ supportType: "NO_SUCH_TYPE" }, { supportType: "eventForm.unknownSupportType" }],
      [{ partnerId: randomUUID() }, { partnerId: "unknownPartner" }],
      [{ officeId: randomUUID() }, { officeId: "unknownOffice" }],
    ];
    const before = await tenantSnapshot(tenant.id);
    for (const [overrides, fieldErrors] of cases) {
      const error = await appErrorOf(createEvent(managerCtx, eventInput(overrides)));
      expect({ code: error.code, fieldErrors: error.fieldErrors }, JSON.stringify(overrides)).toEqual({ code: "VALIDATION_FAILED", fieldErrors });
    }
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("takes as trainers only active staff who deliver support", async () => {
    const auditor = await createUser(tenant, { role: "AUDITOR" });
    const gone = await createUser(tenant, { role: "ANIMATOR", active: false });
    for (const user of [auditor, gone]) {
      const error = await appErrorOf(createEvent(managerCtx, eventInput({ trainers: [{ userId: user.id }] })));
      expect(error.fieldErrors).toEqual({ "trainers.0.userId": "eventForm.notATrainer" });
    }
  });

  it("refuses a key advisor (no events.manage) before anything else, and audits the refusal", async () => {
    const advisor = contextFor(await createUser(tenant, { role: "KEY_ADVISOR" }));
    const error = await appErrorOf(createEvent(advisor, eventInput()));
    expect(error.code).toBe("FORBIDDEN");
    expect(await ownerQuery(`SELECT id FROM event WHERE tenant_id = $1`, [tenant.id])).toEqual([]);
    expect((await auditRows(tenant.id)).map((r) => r.action)).toEqual(["auth.forbidden"]);
  });
});

describe("the support catalogue on events", () => {
  it("does not offer or take a retired support type for a new event, but an event keeps the one it has", async () => {
    const { id } = await createEvent(managerCtx, eventInput({ supportType: "COACHING" }));
    await retire("COACHING");
    await retire("BUSINESS_SUPPORT");

    const options = await getEventFormOptions(managerCtx);
    expect(options.supportTypes.map((s) => s.code)).not.toContain("COACHING");
    expect(options.supportTypes.map((s) => s.code)).toContain("TRAINING");
    expect((await appErrorOf(createEvent(managerCtx, eventInput({ supportType: "COACHING" })))).fieldErrors).toEqual({ supportType: "eventForm.supportTypeRetired" });

    const edit = await getEventForEdit(managerCtx, id);
    expect(edit.options.supportTypes).toContainEqual(expect.objectContaining({ code: "COACHING", retired: true }));
    await updateEvent(managerCtx, id, eventInput({ supportType: "COACHING", title: "Coaching zarządu", sessions: await sessionsAsSent(id) }));
    expect(await storedEvent(id)).toMatchObject({ support_type: "COACHING" });
    expect((await getEventPage(managerCtx, id)).event.supportType).toMatchObject({ code: "COACHING", retired: true });

    const error = await appErrorOf(updateEvent(managerCtx, id, eventInput({ supportType: "BUSINESS_SUPPORT", sessions: await sessionsAsSent(id) })));
    expect(error.fieldErrors).toEqual({ supportType: "eventForm.supportTypeRetired" });
  });
});

describe("editing an event", () => {
  it("moves the project year its live registrations count in with the event, in the same change", async () => {
    const { id } = await createEvent(managerCtx, eventInput({ capacity: "1" }));
    const event = { id, tenantId: tenant.id, countsTowardLimit: true, limitYear: 2027 };
    const people = await Promise.all([1, 2, 3].map(() => createClient(tenant)));
    const [a, b, c] = people.map((p) => ({ personClientId: p.id }));
    if (!a || !b || !c) throw new Error("setup");
    await insertRegistration(event, a, { registeredById: manager.id, status: "REGISTERED" });
    await insertRegistration(event, b, { registeredById: manager.id, status: "WAITING" });
    await insertRegistration(event, c, { registeredById: manager.id, status: "CANCELLED" });
    const years = () => ownerQuery<{ status: string; limit_year: number | null }>(`SELECT status::text, limit_year FROM event_registration WHERE event_id = $1 ORDER BY registered_at, id`, [id]);

    const [first, second] = await sessionsAsSent(id);
    if (!first || !second) throw new Error("setup");
    await updateEvent(managerCtx, id, eventInput({ capacity: "1", registrationDeadline: "", sessions: [{ ...first, date: "2028-01-10" }, { ...second, date: "2028-01-11" }] }));
    expect((await storedEvent(id))?.limit_year).toBe(2028);
    expect(await years()).toEqual([
      { status: "REGISTERED", limit_year: 2028 },
      { status: "WAITING", limit_year: 2028 },
      { status: "CANCELLED", limit_year: 2027 },
    ]);

    await updateEvent(managerCtx, id, eventInput({ capacity: "1", registrationDeadline: "", countsTowardLimit: false, sessions: await sessionsAsSent(id) }));
    expect((await storedEvent(id))?.limit_year).toBeNull();
    expect((await years()).map((r) => r.limit_year)).toEqual([null, null, 2027]);
  });

  it("gives seats added to a full event to the waiting list, in order", async () => {
    const { id } = await createEvent(managerCtx, eventInput({ capacity: "1" }));
    const event = { id, tenantId: tenant.id, countsTowardLimit: true, limitYear: 2027 };
    const [seated, next] = await Promise.all([createClient(tenant), createClient(tenant)]);
    if (!seated || !next) throw new Error("setup");
    await insertRegistration(event, { personClientId: seated.id }, { registeredById: manager.id, status: "REGISTERED" });
    const waiting = await insertRegistration(event, { personClientId: next.id }, { registeredById: manager.id, status: "WAITING" });

    await updateEvent(managerCtx, id, eventInput({ capacity: "2", sessions: await sessionsAsSent(id) }));
    const [row] = await ownerQuery<{ status: string }>(`SELECT status::text FROM event_registration WHERE id = $1`, [waiting.id]);
    expect(row?.status).toBe("REGISTERED");
  });

  it("keeps session ids, keeps a session whose attendance was taken, and removes the others", async () => {
    const { id } = await createEvent(managerCtx, eventInput());
    const [first, second] = await sessionsAsSent(id);
    if (!first?.id || !second?.id) throw new Error("setup");
    const participant = await createClient(tenant);
    const registration = await insertRegistration({ id, tenantId: tenant.id, countsTowardLimit: true, limitYear: 2027 }, { personClientId: participant.id }, { registeredById: manager.id });
    await ownerQuery(`INSERT INTO event_attendance (tenant_id, session_id, registration_id, status, recorded_by_id) VALUES ($1, $2, $3, 'PRESENT', $4)`, [
      tenant.id,
      first.id,
      registration.id,
      manager.id,
    ]);

    const page = await getEventPage(managerCtx, id);
    expect(page.sessions.map((s) => [s.attendanceTaken, s.presentCount])).toEqual([
      [true, 1],
      [false, 0],
    ]);
    expect((await getEventForEdit(managerCtx, id)).sessions.map((s) => s.attendanceTaken)).toEqual([true, false]);

    const before = await tenantSnapshot(tenant.id);
    const refused = await appErrorOf(updateEvent(managerCtx, id, eventInput({ sessions: [second] })));
    expect(refused.fieldErrors).toEqual({ sessions: "eventForm.sessionHasAttendance" });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);

    const third = session({ date: "2027-03-12", startTime: "09:00", endTime: "11:30" });
    await updateEvent(managerCtx, id, eventInput({ sessions: [first, { ...second, onlineUrl: "https://meet.example.pl/nowy" }, third] }));
    const afterEdit = await storedSessions(id);
    expect(afterEdit.map((s) => s.id).slice(0, 2)).toEqual([first.id, second.id]);
    expect(afterEdit.map((s) => [s.date, s.duration_minutes, s.online_url])).toEqual([
      ["2027-03-10", 240, null],
      ["2027-03-11", 90, "https://meet.example.pl/nowy"],
      ["2027-03-12", 150, null],
    ]);

    await updateEvent(managerCtx, id, eventInput({ sessions: [first] }));
    expect((await storedSessions(id)).map((s) => s.id)).toEqual([first.id]);
    expect(await ownerQuery(`SELECT status::text FROM event_attendance WHERE session_id = $1`, [first.id])).toEqual([{ status: "PRESENT" }]);

    const audit = (await auditRows(tenant.id)).filter((r) => r.action === "event.update");
    expect(audit).toHaveLength(2);
    expect((audit[1]?.before as { sessions: unknown[] }).sessions).toHaveLength(3);
    expect((audit[1]?.after as { sessions: unknown[] }).sessions).toHaveLength(1);
  });

  it("refuses a session id that is not the event's own", async () => {
    const { id } = await createEvent(managerCtx, eventInput());
    const other = await createEvent(managerCtx, eventInput({ title: "Inne szkolenie" }));
    const [foreign] = await sessionsAsSent(other.id);
    if (!foreign) throw new Error("setup");
    expect((await appErrorOf(updateEvent(managerCtx, id, eventInput({ sessions: [foreign] })))).code).toBe("NOT_FOUND");
  });
});

describe("a coordinator's events", () => {
  it("are their partner's: chosen for them, another partner refused, another partner's event not theirs to change", async () => {
    const coordinator = contextFor(await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id }));
    const { id } = await createEvent(coordinator, eventInput());
    expect((await storedEvent(id))?.partner_id).toBe(partner.id);

    const otherPartner = await createPartner(tenant);
    const refused = await appErrorOf(createEvent(coordinator, eventInput({ partnerId: otherPartner.id })));
    expect(refused.fieldErrors).toEqual({ partnerId: "eventForm.partnerNotOwn" });

    const theirs = await createEvent(managerCtx, eventInput({ partnerId: otherPartner.id }));
    expect((await getEventPage(coordinator, theirs.id)).abilities.manage).toBe(false);
    for (const call of [() => updateEvent(coordinator, theirs.id, eventInput()), () => cancelEvent(coordinator, theirs.id, { reason: "Brak sali" }), () => getEventForEdit(coordinator, theirs.id)]) {
      expect((await appErrorOf(call())).code).toBe("FORBIDDEN");
    }
    expect((await storedEvent(theirs.id))?.status).toBe("PLANNED");
    expect((await getEventForEdit(coordinator, id)).options).toMatchObject({ partnerFixed: true, myPartnerId: partner.id });
  });
});

describe("cancelling an event", () => {
  it("marks it cancelled with the reason audited; it is then neither edited nor cancelled again", async () => {
    const { id } = await createEvent(managerCtx, eventInput());
    await cancelEvent(managerCtx, id, { reason: "Trener zachorował" });

    expect((await storedEvent(id))?.status).toBe("CANCELLED");
    const page = await getEventPage(managerCtx, id);
    expect(page.event.status).toBe("CANCELLED");
    expect(page.abilities.manage).toBe(false);
    const cancel = (await auditRows(tenant.id)).filter((r) => r.action === "event.cancel");
    expect(cancel).toEqual([expect.objectContaining({ entity_id: id, before: { status: "PLANNED" }, after: { status: "CANCELLED", reason: "Trener zachorował" } })]);

    const edit = await appErrorOf(updateEvent(managerCtx, id, eventInput({ sessions: await sessionsAsSent(id) })));
    expect(edit.fieldErrors).toEqual({ _form: "eventForm.cancelled" });
    await cancelEvent(managerCtx, id, { reason: "Jeszcze raz" });
    expect((await auditRows(tenant.id)).filter((r) => r.action === "event.cancel")).toHaveLength(1);
    expect((await appErrorOf(cancelEvent(managerCtx, id, { reason: " " }))).fieldErrors).toEqual({ reason: "required" });
  });
});

describe("the audit trail of an event", () => {
  it("reads in words: every field written has a label, every id a name", async () => {
    const { id } = await createEvent(managerCtx, eventInput({ partnerId: partner.id, trainers: [{ userId: animator.id }, { externalName: "Jan Zewnętrzny" }] }));
    const [first] = await sessionsAsSent(id);
    if (!first) throw new Error("setup");
    await updateEvent(managerCtx, id, eventInput({ title: "Księgowość dla zarządów", capacity: "", sessions: [{ ...first, place: "Sala 2" }], trainers: [] }));
    await cancelEvent(managerCtx, id, { reason: "Trener zachorował" });

    const page = await getAuditPage(managerCtx, { entityType: "Event", pageSize: 100 });
    expect(page.result.items.map((e) => e.description.actionKey).sort()).toEqual(["audit.actions.event.cancel", "audit.actions.event.create", "audit.actions.event.update"]);
    const json = JSON.stringify(page.result.items);
    for (const fallback of ["audit.unreadable", "audit.fields.unknown", "audit.refs.missing", "audit.actions.unknown"]) expect(json).not.toContain(fallback);
    for (const words of ["Księgowość dla zarządów", "Ewa Animatorka", "Fundacja Partnerska", "Szkolenie", "Sala 2", "Trener zachorował"]) expect(json).toContain(words);
  });
});

describe("another tenant's event", () => {
  it("is NOT_FOUND, exactly like a missing one, for the page, the edit form, an edit and a cancellation, and nothing changes", async () => {
    const { id } = await createEvent(managerCtx, eventInput());
    const otherTenant = await createTenant();
    const outsider = contextFor(await createUser(otherTenant, { role: "MANAGER" }));
    const before = await tenantSnapshot(tenant.id);
    for (const eventId of [id, randomUUID(), "not-a-uuid"]) {
      for (const call of [
        () => getEventPage(outsider, eventId),
        () => getEventForEdit(outsider, eventId),
        () => updateEvent(outsider, eventId, eventInput()),
        () => cancelEvent(outsider, eventId, { reason: "Próba" }),
      ]) {
        const error = await appErrorOf(call());
        expect({ code: error.code, message: error.message }).toEqual({ code: "NOT_FOUND", message: "Event not found" });
      }
    }
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
    expect(await auditRows(otherTenant.id)).toEqual([]);
  });
});
