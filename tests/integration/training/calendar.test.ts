import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { calendarPeriod, getEventsCalendarPage, type TEventsCalendarPage } from "@/lib/domain/events/calendar";
import { todayInPoland } from "@/lib/dates";
import { contextFor, createClient, createOffice, createTenant, createUser, ownerQuery, type TOfficeRow, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";

/**
 * Issue 14: the events calendar shows the sessions of a month (whole weeks, Monday to Sunday) or a
 * week, filtered by kind, office and staff trainer, and never another centre's. November 2026
 * starts on a Sunday and ends on a Monday: its grid runs from Monday 26 October to Sunday 6 December.
 */

type TEventSpec = {
  title: string;
  kind?: string;
  status?: "PLANNED" | "CANCELLED";
  officeId?: string | null;
  capacity?: number | null;
  sessions: { date: string; start?: string; end?: string; minutes?: number; place?: string; online?: boolean }[];
  trainers?: ({ userId: string } | { external: string })[];
};

/** An event with its sessions and trainers, inserted by the owner (the calendar only reads them). */
async function insertEvent(tenant: { id: string }, author: TUserRow, spec: TEventSpec): Promise<{ id: string; sessionIds: string[] }> {
  const id = randomUUID();
  await ownerQuery(
    `INSERT INTO event (id, tenant_id, title, kind, support_type, status, capacity, office_id, created_by_id, updated_at)
     VALUES ($1, $2, $3, $4::"EventKind", 'TRAINING', $5::"EventStatus", $6, $7, $8, now())`,
    [id, tenant.id, spec.title, spec.kind ?? "TRAINING", spec.status ?? "PLANNED", spec.capacity ?? null, spec.officeId ?? null, author.id],
  );
  const sessionIds: string[] = [];
  for (const s of spec.sessions) {
    const sessionId = randomUUID();
    sessionIds.push(sessionId);
    await ownerQuery(
      `INSERT INTO event_session (id, tenant_id, event_id, date, start_time, end_time, duration_minutes, place, online_url)
       VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9)`,
      [sessionId, tenant.id, id, s.date, s.start ?? null, s.end ?? null, s.minutes ?? 120, s.place ?? null, s.online ? "https://meet.example.test/x" : null],
    );
  }
  for (const trainer of spec.trainers ?? []) {
    await ownerQuery(`INSERT INTO event_trainer (id, tenant_id, event_id, user_id, external_name) VALUES ($1, $2, $3, $4, $5)`, [
      randomUUID(),
      tenant.id,
      id,
      "userId" in trainer ? trainer.userId : null,
      "external" in trainer ? trainer.external : null,
    ]);
  }
  return { id, sessionIds };
}

async function register(tenant: { id: string }, eventId: string, by: TUserRow, status: "REGISTERED" | "WAITING" | "CANCELLED") {
  const client = await createClient(tenant);
  await ownerQuery(
    `INSERT INTO event_registration (id, tenant_id, event_id, client_id, person_client_id, person_key, status, registered_by_id)
     VALUES ($1, $2, $3, $4::uuid, $4::uuid, 'client:' || $4::text, $5::"RegistrationStatus", $6)`,
    [randomUUID(), tenant.id, eventId, client.id, status, by.id],
  );
}

const titlesOn = (page: TEventsCalendarPage) => page.weeks.flat().flatMap((day) => day.sessions.map((s) => `${day.date} ${s.title}`));
const titles = (page: TEventsCalendarPage) => [...new Set(page.weeks.flat().flatMap((day) => day.sessions.map((s) => s.title)))].sort();

let tenant: TTenantRow;
let manager: TUserRow;
let advisor: TUserRow;
let animator: TUserRow;
let specialist: TUserRow;
let kielce: TOfficeRow;
let busko: TOfficeRow;

beforeEach(async () => {
  tenant = await createTenant();
  kielce = await createOffice(tenant, { name: "Biuro w Kielcach" });
  busko = await createOffice(tenant, { name: "Biuro w Busku-Zdroju" });
  manager = await createUser(tenant, { role: "MANAGER", name: "Maria Menedżerska" });
  advisor = await createUser(tenant, { role: "KEY_ADVISOR", name: "Dorota Doradczyni" });
  animator = await createUser(tenant, { role: "ANIMATOR", name: "Adam Animator" });
  specialist = await createUser(tenant, { role: "SPECIALIST", name: "Sylwia Specjalistka" });
});

describe("the period", () => {
  it("a month shows whole weeks from Monday to Sunday, and its neighbours are a month away", () => {
    expect(calendarPeriod("month", "2026-11-17")).toEqual({ from: "2026-10-26", to: "2026-12-06", month: "2026-11", previous: "2026-10-01", next: "2026-12-01" });
    expect(calendarPeriod("month", "2026-01-31")).toMatchObject({ from: "2025-12-29", to: "2026-02-01", previous: "2025-12-01", next: "2026-02-01" });
  });

  it("a week runs Monday to Sunday: a Sunday belongs to the week that began the Monday before", () => {
    expect(calendarPeriod("week", "2026-11-08")).toMatchObject({ from: "2026-11-02", to: "2026-11-08", previous: "2026-10-26", next: "2026-11-09" });
    expect(calendarPeriod("week", "2026-11-09")).toMatchObject({ from: "2026-11-09", to: "2026-11-15" });
  });
});

describe("getEventsCalendarPage", () => {
  it("shows the month's sessions, the grid's days of the neighbouring months greyed, nothing outside the grid", async () => {
    await insertEvent(tenant, manager, { title: "Przed siatką", sessions: [{ date: "2026-10-25" }] });
    await insertEvent(tenant, manager, { title: "Koniec października", sessions: [{ date: "2026-10-26", start: "09:00" }] });
    await insertEvent(tenant, manager, { title: "Pierwsza niedziela", sessions: [{ date: "2026-11-01", start: "10:00", end: "12:00" }] });
    await insertEvent(tenant, manager, {
      title: "Szkolenie dwudniowe",
      sessions: [
        { date: "2026-11-30", start: "09:00", end: "15:00", minutes: 360 },
        { date: "2026-12-01", start: "09:00", end: "15:00", minutes: 360 },
      ],
    });
    await insertEvent(tenant, manager, { title: "Ostatni dzień siatki", sessions: [{ date: "2026-12-06" }] });
    await insertEvent(tenant, manager, { title: "Po siatce", sessions: [{ date: "2026-12-07" }] });

    const page = await getEventsCalendarPage(contextFor(advisor), { view: "month", date: "2026-11-17" });

    expect(page).toMatchObject({ view: "month", month: "2026-11", from: "2026-10-26", to: "2026-12-06", previous: "2026-10-01", next: "2026-12-01" });
    expect(page.weeks).toHaveLength(6);
    expect(page.weeks.every((week) => week.length === 7)).toBe(true);
    expect(page.weeks[0]?.[0]).toMatchObject({ date: "2026-10-26", inPeriod: false });
    expect(page.weeks[0]?.[6]).toMatchObject({ date: "2026-11-01", inPeriod: true });
    expect(titlesOn(page)).toEqual([
      "2026-10-26 Koniec października",
      "2026-11-01 Pierwsza niedziela",
      "2026-11-30 Szkolenie dwudniowe",
      "2026-12-01 Szkolenie dwudniowe",
      "2026-12-06 Ostatni dzień siatki",
    ]);
    // The count is the month's own sessions.
    expect(page.sessionCount).toBe(2);
  });

  it("a week shows its seven days, Monday first, and a Sunday session in the week before the Monday after", async () => {
    await insertEvent(tenant, manager, { title: "Niedzielny dyżur", kind: "DUTY_HOURS", sessions: [{ date: "2026-11-08", start: "10:00" }] });
    await insertEvent(tenant, manager, { title: "Poniedziałkowe warsztaty", kind: "WORKSHOP", sessions: [{ date: "2026-11-02", start: "10:00" }, { date: "2026-11-09", start: "10:00" }] });

    const sundayWeek = await getEventsCalendarPage(contextFor(advisor), { view: "week", date: "2026-11-08" });
    expect(sundayWeek).toMatchObject({ from: "2026-11-02", to: "2026-11-08", previous: "2026-10-26", next: "2026-11-09" });
    expect(sundayWeek.weeks).toHaveLength(1);
    expect(sundayWeek.weeks[0]?.map((d) => d.date)).toEqual(["2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05", "2026-11-06", "2026-11-07", "2026-11-08"]);
    expect(titlesOn(sundayWeek)).toEqual(["2026-11-02 Poniedziałkowe warsztaty", "2026-11-08 Niedzielny dyżur"]);
    expect(sundayWeek.sessionCount).toBe(2);

    const nextWeek = await getEventsCalendarPage(contextFor(advisor), { view: "week", date: "2026-11-09" });
    expect(titlesOn(nextWeek)).toEqual(["2026-11-09 Poniedziałkowe warsztaty"]);
  });

  it("orders a day's sessions by time and tells what each one is: time, kind, place or online, office, seats, cancellation", async () => {
    const training = await insertEvent(tenant, manager, {
      title: "Księgowość w spółdzielni socjalnej",
      officeId: kielce.id,
      capacity: 12,
      sessions: [{ date: "2026-11-17", start: "13:00", end: "16:00", minutes: 180, place: "Sala 2, ul. Sienkiewicza 1" }],
    });
    await insertEvent(tenant, manager, { title: "Webinar o zamówieniach", kind: "WORKSHOP", status: "CANCELLED", sessions: [{ date: "2026-11-17", start: "09:00", online: true }] });
    await insertEvent(tenant, manager, { title: "Dyżur bez godziny", kind: "DUTY_HOURS", sessions: [{ date: "2026-11-17", minutes: 240 }] });
    await register(tenant, training.id, manager, "REGISTERED");
    await register(tenant, training.id, manager, "REGISTERED");
    await register(tenant, training.id, manager, "WAITING");
    await register(tenant, training.id, manager, "CANCELLED");

    const page = await getEventsCalendarPage(contextFor(specialist), { view: "week", date: "2026-11-17" });
    const day = page.weeks.flat().find((d) => d.date === "2026-11-17");
    expect(day?.sessions.map((s) => s.title)).toEqual(["Webinar o zamówieniach", "Księgowość w spółdzielni socjalnej", "Dyżur bez godziny"]);
    expect(day?.sessions[0]).toMatchObject({ kind: "WORKSHOP", status: "CANCELLED", online: true, place: null, capacity: null, seatsTaken: 0 });
    expect(day?.sessions[1]).toMatchObject({
      eventId: training.id,
      sessionId: training.sessionIds[0],
      kind: "TRAINING",
      status: "PLANNED",
      startTime: "13:00",
      endTime: "16:00",
      durationMinutes: 180,
      place: "Sala 2, ul. Sienkiewicza 1",
      online: false,
      officeName: "Biuro w Kielcach",
      capacity: 12,
      // Registered only: neither the waiting list nor the cancelled take a seat.
      seatsTaken: 2,
    });
    expect(day?.sessions[2]).toMatchObject({ startTime: null, durationMinutes: 240 });
    // No participant's name travels with the calendar.
    expect(JSON.stringify(page)).not.toMatch(/Klient /);
  });

  it("filters by kind, office and staff trainer, and offers the offices and the staff who train", async () => {
    await insertEvent(tenant, manager, { title: "Szkolenie w Kielcach", officeId: kielce.id, sessions: [{ date: "2026-11-10" }], trainers: [{ userId: animator.id }] });
    await insertEvent(tenant, manager, {
      title: "Warsztaty w Busku",
      kind: "WORKSHOP",
      officeId: busko.id,
      sessions: [{ date: "2026-11-12" }],
      trainers: [{ userId: specialist.id }, { external: "Jan Zewnętrzny" }],
    });
    await insertEvent(tenant, manager, { title: "Spotkanie animacyjne", kind: "ANIMATION_MEETING", officeId: busko.id, sessions: [{ date: "2026-11-20" }], trainers: [{ userId: animator.id }] });
    const ctx = contextFor(manager);
    const month = { view: "month", date: "2026-11-01" };

    expect(titles(await getEventsCalendarPage(ctx, month))).toEqual(["Spotkanie animacyjne", "Szkolenie w Kielcach", "Warsztaty w Busku"]);
    const workshops = await getEventsCalendarPage(ctx, { ...month, kind: "WORKSHOP" });
    expect(titles(workshops)).toEqual(["Warsztaty w Busku"]);
    expect(workshops.filters).toEqual({ kind: "WORKSHOP" });
    expect(titles(await getEventsCalendarPage(ctx, { ...month, officeId: busko.id }))).toEqual(["Spotkanie animacyjne", "Warsztaty w Busku"]);
    expect(titles(await getEventsCalendarPage(ctx, { ...month, trainerId: animator.id }))).toEqual(["Spotkanie animacyjne", "Szkolenie w Kielcach"]);
    expect(titles(await getEventsCalendarPage(ctx, { ...month, officeId: busko.id, trainerId: animator.id, kind: "ANIMATION_MEETING" }))).toEqual(["Spotkanie animacyjne"]);
    expect(titles(await getEventsCalendarPage(ctx, { ...month, officeId: kielce.id, kind: "WORKSHOP" }))).toEqual([]);

    const { options } = await getEventsCalendarPage(ctx, month);
    expect(options.offices.map((o) => o.name)).toEqual(["Biuro w Busku-Zdroju", "Biuro w Kielcach"]);
    // Staff who train in some event; not the advisor who trains in none, not an external trainer.
    expect(options.trainers.map((u) => u.name)).toEqual(["Adam Animator", "Sylwia Specjalistka"]);
    expect(options.kinds).toContain("STUDY_VISIT");
  });

  it("never shows another centre's events, offices or trainers; a filter naming another centre's is ignored like a missing one", async () => {
    await insertEvent(tenant, manager, { title: "Nasze szkolenie", sessions: [{ date: "2026-11-10" }] });
    const other = await createTenant();
    const otherManager = await createUser(other, { role: "MANAGER" });
    const otherOffice = await createOffice(other, { name: "Biuro obce" });
    const otherTrainer = await createUser(other, { role: "ANIMATOR", name: "Obcy Trener" });
    await insertEvent(other, otherManager, { title: "Obce szkolenie", officeId: otherOffice.id, sessions: [{ date: "2026-11-10" }], trainers: [{ userId: otherTrainer.id }] });
    const ctx = contextFor(manager);

    const page = await getEventsCalendarPage(ctx, { view: "month", date: "2026-11-10" });
    expect(titles(page)).toEqual(["Nasze szkolenie"]);
    expect(page.options.offices.map((o) => o.name)).not.toContain("Biuro obce");
    expect(page.options.trainers).toEqual([]);
    // A foreign office or trainer is not one of the choices: ignored, exactly like a missing one.
    for (const filter of [{ officeId: otherOffice.id }, { trainerId: otherTrainer.id }]) {
      const foreign = await getEventsCalendarPage(ctx, { view: "month", date: "2026-11-10", ...filter });
      expect(foreign.filters).toEqual({});
      expect(foreign).toEqual(await getEventsCalendarPage(ctx, { view: "month", date: "2026-11-10", ...Object.fromEntries(Object.keys(filter).map((k) => [k, randomUUID()])) }));
    }
    expect(titles(await getEventsCalendarPage(contextFor(otherManager), { view: "month", date: "2026-11-10" }))).toEqual(["Obce szkolenie"]);
  });

  it("reads a bad query string as no filter and today's month; says who may create events", async () => {
    await insertEvent(tenant, manager, { title: "Dzisiejsze", sessions: [{ date: todayInPoland() }] });
    const page = await getEventsCalendarPage(contextFor(advisor), { view: "year", date: "2026-13-45", kind: "PARTY", officeId: "nie-uuid", trainerId: "" });
    expect(page).toMatchObject({ view: "month", date: todayInPoland(), today: todayInPoland(), month: todayInPoland().slice(0, 7), filters: {} });
    expect(page.weeks.flat().find((d) => d.isToday)?.sessions.map((s) => s.title)).toEqual(["Dzisiejsze"]);
    expect(page.canCreate).toBe(false);
    expect((await getEventsCalendarPage(contextFor(manager), {})).canCreate).toBe(true);
    expect((await getEventsCalendarPage(contextFor(animator), {})).canCreate).toBe(true);
  });

  it("refuses a role without events.read before reading anything", async () => {
    const admin = await createUser(tenant, { role: "ADMIN" });
    const error = await appErrorOf(getEventsCalendarPage(contextFor(admin), { view: "month" }));
    expect(error.code).toBe("FORBIDDEN");
    const [refusal] = await ownerQuery<{ entity_id: string }>(`SELECT entity_id FROM audit_log WHERE tenant_id = $1 AND action = 'auth.forbidden'`, [tenant.id]);
    expect(refusal?.entity_id).toBe("events.read");
  });
});
