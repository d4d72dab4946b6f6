import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { addDays, todayInPoland } from "@/lib/dates";
import { personTrainingCounts } from "@/lib/domain/events/limit";
import { cancelRegistration, registerPerson } from "@/lib/domain/events/registration";
import { findRegistrationCandidates } from "@/lib/domain/events/registration-candidates";
import { listClientRegistrations, loadEventRegistrations } from "@/lib/domain/events/registration-view";
import { auditRows, contextFor, createClient, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { createClientPerson, createEvent, createEvents, insertRegistration, type TEventRow } from "@/tests/factories/events";
import { recordStatements } from "@/tests/support/statement-counter";

/**
 * Issue 14, registrations: seats and the waiting list, the per-person training limit (seed 003:
 * three trainings per person and project year) with a manager's exception, need-to-know on who is
 * registered, and the counts "2 z 3 szkoleń". The races are in registration-races.test.ts.
 */

const YEAR = Number(todayInPoland().slice(0, 4));

let tenant: TTenantRow;
let manager: TUserRow;
let managerCtx: TContext;

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER", name: "Maria Kierownik" });
  managerCtx = contextFor(manager);
});

const training = (overrides: Partial<Parameters<typeof createEvent>[1]> = {}) => createEvent(tenant, { createdById: manager.id, ...overrides });

type TStoredRegistration = {
  id: string;
  status: string;
  client_id: string;
  person_key: string;
  limit_year: number | null;
  promoted_at: Date | null;
  cancel_reason: string | null;
  limit_exception_reason: string | null;
  limit_exception_by_id: string | null;
};

async function storedRegistrations(eventId: string): Promise<TStoredRegistration[]> {
  return ownerQuery<TStoredRegistration>(
    `SELECT id, status::text, client_id, person_key, limit_year, promoted_at, cancel_reason, limit_exception_reason, limit_exception_by_id
     FROM event_registration WHERE event_id = $1 ORDER BY registered_at, id`,
    [eventId],
  );
}

function pageView(ctx: TContext, event: TEventRow) {
  return tenantTransaction(ctx.tenantId, (tx) =>
    loadEventRegistrations(tx, ctx, { id: event.id, capacity: event.capacity, countsTowardLimit: event.countsTowardLimit, limitYear: event.limitYear, status: event.status }),
  );
}

/** `person` holding `n` registrations in other counting trainings of this year. */
async function alreadyTrained(person: { personClientId: string } | { clientPersonId: string; clientId: string }, n: number) {
  for (const event of await createEvents(tenant, n, { createdById: manager.id })) await insertRegistration(event, person, { registeredById: manager.id });
}

describe("registering", () => {
  it("gives an individual a seat, registers a representative for the organisation they represent, and the page says whom they represent", async () => {
    const event = await training({ capacity: 5 });
    const anna = await createClient(tenant, { name: "Anna Kowalska" });
    const cooperative = await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Spółdzielnia Socjalna Razem" });
    const jan = await createClientPerson(cooperative, { name: "Jan Nowak" });

    const first = await registerPerson(managerCtx, event.id, { personClientId: anna.id });
    const second = await registerPerson(managerCtx, event.id, { clientPersonId: jan.id });

    expect(first).toEqual({ id: expect.any(String), status: "REGISTERED", position: null, byException: false });
    expect(second).toMatchObject({ status: "REGISTERED", position: null });
    expect(await storedRegistrations(event.id)).toEqual([
      expect.objectContaining({ id: first.id, status: "REGISTERED", client_id: anna.id, person_key: `client:${anna.id}`, limit_year: YEAR }),
      expect.objectContaining({ id: second.id, status: "REGISTERED", client_id: cooperative.id, person_key: `person:${jan.id}`, limit_year: YEAR }),
    ]);

    const view = await pageView(managerCtx, event);
    expect(view.seats).toEqual({ taken: 2, capacity: 5, waiting: 0 });
    expect(view.limit).toEqual({ limit: 3, year: YEAR });
    expect(view.registered).toEqual([
      expect.objectContaining({ id: first.id, personName: "Anna Kowalska", kind: "INDIVIDUAL", client: { id: anna.id, name: "Anna Kowalska" }, count: { count: 1, limit: 3 } }),
      expect.objectContaining({ id: second.id, personName: "Jan Nowak", kind: "REPRESENTATIVE", client: { id: cooperative.id, name: "Spółdzielnia Socjalna Razem" }, count: { count: 1, limit: 3 } }),
    ]);
    expect(view.abilities).toEqual({ canRegister: true, canGrantException: true, canPrintCertificates: true });

    const audit = await auditRows(tenant.id);
    expect(audit.map((row) => row.action)).toEqual(["event.registration.create", "event.registration.create"]);
    expect(audit.find((row) => row.entity_id === second.id)).toMatchObject({
      actor_id: manager.id,
      entity_type: "EventRegistration",
      after: { eventId: event.id, clientId: cooperative.id, clientPersonId: jan.id, personName: "Jan Nowak", status: "REGISTERED", limitYear: YEAR },
    });
  });

  it("puts people on the waiting list in order once the seats are taken; cancelling a seat gives it to the first waiting", async () => {
    const event = await training({ capacity: 2 });
    const people = await Promise.all(["Ala", "Bogdan", "Celina", "Dariusz", "Ewa"].map((name) => createClient(tenant, { name })));
    const results = [];
    for (const person of people) results.push(await registerPerson(managerCtx, event.id, { personClientId: person.id }));

    expect(results.map((r) => [r.status, r.position])).toEqual([
      ["REGISTERED", null],
      ["REGISTERED", null],
      ["WAITING", 1],
      ["WAITING", 2],
      ["WAITING", 3],
    ]);
    let view = await pageView(managerCtx, event);
    expect(view.waiting.map((row) => [row.personName, row.position])).toEqual([
      ["Celina", 1],
      ["Dariusz", 2],
      ["Ewa", 3],
    ]);

    const [ala, , celina, dariusz] = results;
    const cancelled = await cancelRegistration(managerCtx, ala?.id ?? "", { reason: "Choroba" });

    expect(cancelled).toEqual({ id: ala?.id, eventId: event.id, promotedId: celina?.id });
    const stored = await storedRegistrations(event.id);
    expect(stored.map((r) => [r.id, r.status])).toEqual(results.map((r) => [r.id, r.id === ala?.id ? "CANCELLED" : r.id === celina?.id ? "REGISTERED" : r.status]));
    expect(stored.find((r) => r.id === ala?.id)?.cancel_reason).toBe("Choroba");
    expect(stored.find((r) => r.id === celina?.id)?.promoted_at).toBeInstanceOf(Date);
    view = await pageView(managerCtx, event);
    expect(view.seats).toEqual({ taken: 2, capacity: 2, waiting: 2 });
    expect(view.waiting.map((row) => [row.id, row.position])).toEqual([
      [dariusz?.id, 1],
      [results[4]?.id, 2],
    ]);

    const audit = (await auditRows(tenant.id)).slice(5);
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "event.registration.cancel", entity_id: ala?.id, before: { status: "REGISTERED" }, after: { status: "CANCELLED", reason: "Choroba" } }),
        expect.objectContaining({ action: "event.registration.promote", entity_id: celina?.id, before: { status: "WAITING" }, after: { status: "REGISTERED" } }),
      ]),
    );
    expect(audit).toHaveLength(2);
  });

  it("cancelling a waiting place promotes nobody; a cancelled person may register again, a registered one not twice", async () => {
    const event = await training({ capacity: 1 });
    const [seated, waiting] = await Promise.all([createClient(tenant, { name: "Ala" }), createClient(tenant, { name: "Bogdan" })]);
    await registerPerson(managerCtx, event.id, { personClientId: seated?.id ?? "" });
    const place = await registerPerson(managerCtx, event.id, { personClientId: waiting?.id ?? "" });

    expect(await cancelRegistration(managerCtx, place.id, { reason: "Rezygnacja" })).toMatchObject({ promotedId: null });
    expect((await appErrorOf(cancelRegistration(managerCtx, place.id, { reason: "Jeszcze raz" }))).code).toBe("INVALID_STATE");
    expect((await appErrorOf(cancelRegistration(managerCtx, place.id, { reason: "  " }))).fieldErrors).toEqual({ reason: "required" });

    const again = await registerPerson(managerCtx, event.id, { personClientId: waiting?.id ?? "" });
    expect(again).toMatchObject({ status: "WAITING", position: 1 });
    const twice = await appErrorOf(registerPerson(managerCtx, event.id, { personClientId: waiting?.id ?? "" }));
    expect(twice).toMatchObject({ code: "ALREADY_EXISTS", fieldErrors: { person: "alreadyRegistered" }, params: { person: "Bogdan" } });
    expect((await storedRegistrations(event.id)).map((r) => r.status)).toEqual(["REGISTERED", "CANCELLED", "WAITING"]);
  });

  it("closes after the registration deadline (a Polish calendar date) and for a cancelled event", async () => {
    const today = todayInPoland();
    const person = await createClient(tenant, { name: "Ala" });
    const lastDay = await training({ registrationDeadline: today });
    const past = await training({ registrationDeadline: addDays(today, -1), title: "Szkolenie po terminie" });
    const cancelled = await training({ status: "CANCELLED", title: "Szkolenie odwołane" });

    expect(await registerPerson(managerCtx, lastDay.id, { personClientId: person.id })).toMatchObject({ status: "REGISTERED" });
    for (const event of [past, cancelled]) {
      const refused = await appErrorOf(registerPerson(managerCtx, event.id, { personClientId: person.id }));
      expect(refused).toMatchObject({ code: "REGISTRATION_CLOSED", params: { event: event.title } });
      expect(await storedRegistrations(event.id)).toEqual([]);
    }
    const view = await tenantTransaction(tenant.id, (tx) =>
      loadEventRegistrations(tx, managerCtx, { ...past, status: "PLANNED", registrationDeadline: new Date(`${addDays(today, -1)}T00:00:00Z`) }),
    );
    expect(view.abilities.canRegister).toBe(false);
  });

  it("refuses a client whose support has ended, and an organisation named as an individual", async () => {
    const event = await training();
    const closed = await createClient(tenant, { name: "Zenon Zamknięty", status: "CLOSED" });
    const organisation = await createClient(tenant, { kind: "NGO", name: "Stowarzyszenie Razem" });
    const closedOrganisation = await createClient(tenant, { kind: "NGO", name: "Fundacja Zamknięta", status: "CLOSED" });
    const itsRepresentative = await createClientPerson(closedOrganisation);

    expect(await appErrorOf(registerPerson(managerCtx, event.id, { personClientId: closed.id }))).toMatchObject({
      code: "CLIENT_SUPPORT_ENDED",
      params: { client: "Zenon Zamknięty" },
    });
    expect(await appErrorOf(registerPerson(managerCtx, event.id, { clientPersonId: itsRepresentative.id }))).toMatchObject({
      code: "CLIENT_SUPPORT_ENDED",
      params: { client: "Fundacja Zamknięta" },
    });
    expect(await appErrorOf(registerPerson(managerCtx, event.id, { personClientId: organisation.id }))).toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { personClientId: "notAPerson" },
    });
    expect((await appErrorOf(registerPerson(managerCtx, event.id, {}))).fieldErrors).toEqual({ person: "required" });
    expect(await storedRegistrations(event.id)).toEqual([]);
  });
});

describe("the per-person training limit", () => {
  it("refuses a person at 3 of 3 this year with their name, the count, the limit and the year, and writes nothing", async () => {
    const cooperative = await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Spółdzielnia Pracy Staszowianka" });
    const jan = await createClientPerson(cooperative, { name: "Jan Nowak" });
    await alreadyTrained({ clientPersonId: jan.id, clientId: cooperative.id }, 3);
    const event = await training();
    const before = await tenantSnapshot(tenant.id);

    const refused = await appErrorOf(registerPerson(managerCtx, event.id, { clientPersonId: jan.id }));

    expect(refused).toMatchObject({ code: "TRAINING_LIMIT_REACHED", params: { person: "Jan Nowak", count: 3, limit: 3, year: YEAR } });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
    // Another person of the same organisation has a limit of their own.
    const ewa = await createClientPerson(cooperative, { name: "Ewa Nowak" });
    expect(await registerPerson(managerCtx, event.id, { clientPersonId: ewa.id })).toMatchObject({ status: "REGISTERED" });
  });

  it("lets a manager admit a person over the limit with a written reason, stored and audited", async () => {
    const anna = await createClient(tenant, { name: "Anna Kowalska" });
    await alreadyTrained({ personClientId: anna.id }, 3);
    const event = await training();

    const admitted = await registerPerson(managerCtx, event.id, { personClientId: anna.id, exceptionReason: "  Kontynuacja ścieżki — zgoda kierownika  " });

    expect(admitted).toMatchObject({ status: "REGISTERED", byException: true });
    expect(await storedRegistrations(event.id)).toEqual([
      expect.objectContaining({ limit_exception_reason: "Kontynuacja ścieżki — zgoda kierownika", limit_exception_by_id: manager.id }),
    ]);
    const audit = await auditRows(tenant.id);
    expect(audit.map((row) => row.action).sort()).toEqual(["event.registration.create", "event.registration.limit_exception"]);
    expect(audit.find((row) => row.action === "event.registration.limit_exception")).toMatchObject({
      actor_id: manager.id,
      entity_id: admitted.id,
      after: { eventId: event.id, personName: "Anna Kowalska", count: 3, limit: 3, year: YEAR, reason: "Kontynuacja ścieżki — zgoda kierownika" },
    });
    const view = await pageView(managerCtx, event);
    expect(view.registered[0]).toMatchObject({ count: { count: 4, limit: 3 }, exceptionReason: "Kontynuacja ścieżki — zgoda kierownika" });
  });

  it("refuses an exception asked by a coordinator (FORBIDDEN, audited) and writes nothing else", async () => {
    const coordinator = await createUser(tenant, { role: "COORDINATOR" });
    const anna = await createClient(tenant, { name: "Anna Kowalska", keyAdvisorId: coordinator.id });
    await alreadyTrained({ personClientId: anna.id }, 3);
    const event = await training();
    const { audit_log: _auditBefore, ...before } = await tenantSnapshot(tenant.id);

    const refused = await appErrorOf(registerPerson(contextFor(coordinator), event.id, { personClientId: anna.id, exceptionReason: "Bardzo proszę" }));

    expect(refused.code).toBe("FORBIDDEN");
    const { audit_log: audit, ...after } = await tenantSnapshot(tenant.id);
    expect(after).toEqual(before);
    expect(audit).toEqual([expect.objectContaining({ action: "auth.forbidden", actor_id: coordinator.id, after: expect.objectContaining({ permission: "events.limit_exception" }) })]);
    // Without a reason the coordinator hears what the limit says.
    expect((await appErrorOf(registerPerson(contextFor(coordinator), event.id, { personClientId: anna.id }))).code).toBe("TRAINING_LIMIT_REACHED");
  });

  it("does not apply with a limit of 0", async () => {
    await ownerQuery(`UPDATE tenant SET training_limit_per_person = 0 WHERE id = $1`, [tenant.id]);
    const anna = await createClient(tenant, { name: "Anna Kowalska" });
    await alreadyTrained({ personClientId: anna.id }, 5);
    const event = await training();

    expect(await registerPerson(managerCtx, event.id, { personClientId: anna.id })).toMatchObject({ status: "REGISTERED", byException: false });
    expect((await pageView(managerCtx, event)).limit).toBeNull();
    expect((await pageView(managerCtx, event)).registered[0]?.count).toBeNull();
  });

  it("counts live places (a waiting one too) in counting events of the same year only: not other events, not cancelled ones, not other years", async () => {
    const anna = await createClient(tenant, { name: "Anna Kowalska" });
    const me = { personClientId: anna.id };
    for (const event of await createEvents(tenant, 3, { createdById: manager.id, countsTowardLimit: false })) await insertRegistration(event, me, { registeredById: manager.id });
    for (const event of await createEvents(tenant, 3, { createdById: manager.id })) await insertRegistration(event, me, { registeredById: manager.id, status: "CANCELLED" });
    for (const event of await createEvents(tenant, 3, { createdById: manager.id, limitYear: YEAR - 1 })) await insertRegistration(event, me, { registeredById: manager.id });
    const [waitingIn] = await createEvents(tenant, 1, { createdById: manager.id });
    if (!waitingIn) throw new Error("setup");
    await insertRegistration(waitingIn, me, { registeredById: manager.id, status: "WAITING" });
    const counts = await tenantTransaction(tenant.id, (tx) => personTrainingCounts(tx, tenant.id, [`client:${anna.id}`, "client:nobody"], YEAR));
    expect(counts).toEqual({ limit: 3, counts: new Map([[`client:${anna.id}`, 1], ["client:nobody", 0]]) });

    const [second, third, fourth] = await createEvents(tenant, 3, { createdById: manager.id });
    await registerPerson(managerCtx, second?.id ?? "", me);
    await registerPerson(managerCtx, third?.id ?? "", me);
    const refused = await appErrorOf(registerPerson(managerCtx, fourth?.id ?? "", me));
    expect(refused).toMatchObject({ code: "TRAINING_LIMIT_REACHED", params: { count: 3, limit: 3 } });
    // An event that does not count takes her whatever her count.
    const workshop = await training({ countsTowardLimit: false, kind: "WORKSHOP" });
    expect(await registerPerson(managerCtx, workshop.id, me)).toMatchObject({ status: "REGISTERED" });
    expect((await storedRegistrations(workshop.id))[0]?.limit_year).toBeNull();
  });
});

describe("need-to-know", () => {
  let advisor: TUserRow;
  let advisorCtx: TContext;
  let own: Awaited<ReturnType<typeof createClient>>;
  let others: Awaited<ReturnType<typeof createClient>>;
  let othersRepresentative: { id: string };

  beforeEach(async () => {
    advisor = await createUser(tenant, { role: "KEY_ADVISOR", name: "Dorota Doradczyni" });
    advisorCtx = contextFor(advisor);
    const colleague = await createUser(tenant, { role: "KEY_ADVISOR" });
    own = await createClient(tenant, { name: "Olga Własna", keyAdvisorId: advisor.id });
    others = await createClient(tenant, { name: "Piotr Cudzy", keyAdvisorId: colleague.id });
    const organisation = await createClient(tenant, { kind: "NGO", name: "Fundacja Cudza", keyAdvisorId: colleague.id });
    othersRepresentative = await createClientPerson(organisation, { name: "Rafał Reprezentant" });
  });

  it("registers only people of clients in the caller's scope: others answer NOT_FOUND like missing ones, and the refusal is audited", async () => {
    const event = await training();
    expect(await registerPerson(advisorCtx, event.id, { personClientId: own.id })).toMatchObject({ status: "REGISTERED" });

    const outOfScope = await appErrorOf(registerPerson(advisorCtx, event.id, { personClientId: others.id }));
    const missing = await appErrorOf(registerPerson(advisorCtx, event.id, { personClientId: randomUUID() }));
    expect(outOfScope).toMatchObject({ code: "NOT_FOUND", message: missing.message });
    const outOfScopePerson = await appErrorOf(registerPerson(advisorCtx, event.id, { clientPersonId: othersRepresentative.id }));
    const missingPerson = await appErrorOf(registerPerson(advisorCtx, event.id, { clientPersonId: randomUUID() }));
    expect(outOfScopePerson).toMatchObject({ code: "NOT_FOUND", message: missingPerson.message });

    expect(await storedRegistrations(event.id)).toHaveLength(1);
    const refusals = (await auditRows(tenant.id)).filter((row) => row.action === "auth.forbidden");
    expect(refusals.map((row) => row.after)).toEqual([
      expect.objectContaining({ permission: "events.register", clientId: others.id, reason: "needToKnow" }),
      expect.objectContaining({ permission: "events.register", reason: "needToKnow" }),
    ]);
  });

  it("shows an advisor the names of their own clients' participants only, and lets them cancel only those; organisers see everyone", async () => {
    const event = await training();
    const mine = await registerPerson(managerCtx, event.id, { personClientId: own.id });
    const theirs = await registerPerson(managerCtx, event.id, { personClientId: others.id });
    const represented = await registerPerson(managerCtx, event.id, { clientPersonId: othersRepresentative.id });

    const advisorView = await pageView(advisorCtx, event);
    expect(advisorView.registered).toEqual([
      expect.objectContaining({ id: mine.id, personName: "Olga Własna", client: { id: own.id, name: "Olga Własna" }, canOpenClient: true, canCancel: true }),
      expect.objectContaining({ id: theirs.id, personName: null, client: null, canOpenClient: false, canCancel: false }),
      expect.objectContaining({ id: represented.id, personName: null, kind: "REPRESENTATIVE", client: null, canOpenClient: false, canCancel: false }),
    ]);
    expect(advisorView.abilities).toEqual({ canRegister: true, canGrantException: false, canPrintCertificates: false });
    expect(JSON.stringify(advisorView)).not.toMatch(/Piotr|Rafał|Fundacja/);
    const refused = await appErrorOf(cancelRegistration(advisorCtx, theirs.id, { reason: "Pomyłka" }));
    const missing = await appErrorOf(cancelRegistration(advisorCtx, randomUUID(), { reason: "Pomyłka" }));
    expect(refused).toMatchObject({ code: "NOT_FOUND", message: missing.message });

    // A specialist takes attendance and prints certificates: every name, but no link to clients outside their team.
    const specialist = contextFor(await createUser(tenant, { role: "SPECIALIST" }));
    const specialistView = await pageView(specialist, event);
    expect(specialistView.registered.map((row) => [row.personName, row.canOpenClient, row.canCancel])).toEqual([
      ["Olga Własna", false, false],
      ["Piotr Cudzy", false, false],
      ["Rafał Reprezentant", false, false],
    ]);
    const animator = contextFor(await createUser(tenant, { role: "ANIMATOR" }));
    expect((await pageView(animator, event)).registered.map((row) => [row.client?.name, row.canCancel])).toEqual([
      ["Olga Własna", true],
      ["Piotr Cudzy", true],
      ["Fundacja Cudza", true],
    ]);
    expect(await cancelRegistration(animator, theirs.id, { reason: "Zmiana planów" })).toMatchObject({ id: theirs.id });
  });

  it("answers NOT_FOUND for another tenant's event, person and registration, and changes nothing in either tenant", async () => {
    const otherTenant = await createTenant();
    const otherManager = await createUser(otherTenant, { role: "MANAGER" });
    const foreignEvent = await createEvent(otherTenant, { createdById: otherManager.id });
    const foreignPerson = await createClient(otherTenant, { name: "Obca Osoba" });
    const foreignOrganisation = await createClient(otherTenant, { kind: "NGO" });
    const foreignRepresentative = await createClientPerson(foreignOrganisation);
    const foreignRegistration = await insertRegistration(foreignEvent, { personClientId: foreignPerson.id }, { registeredById: otherManager.id });
    const event = await training();
    const local = await createClient(tenant);
    const snapshots = async () => [await tenantSnapshot(tenant.id), await tenantSnapshot(otherTenant.id)];
    const before = await snapshots();

    for (const call of [
      () => registerPerson(managerCtx, foreignEvent.id, { personClientId: local.id }),
      () => registerPerson(managerCtx, event.id, { personClientId: foreignPerson.id }),
      () => registerPerson(managerCtx, event.id, { clientPersonId: foreignRepresentative.id }),
      () => cancelRegistration(managerCtx, foreignRegistration.id, { reason: "Obcy" }),
      () => findRegistrationCandidates(managerCtx, foreignEvent.id, { q: "Obca" }),
    ]) {
      expect((await appErrorOf(call())).code).toBe("NOT_FOUND");
    }
    expect(await snapshots()).toEqual(before);
  });
});

describe("finding whom to register", () => {
  it("finds individuals and clients' people by a fragment of the name without Polish letters, only in scope and still supported, with their counts", async () => {
    const advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
    const colleague = await createUser(tenant, { role: "KEY_ADVISOR" });
    const lukasz = await createClient(tenant, { name: "Łukasz Żółć", keyAdvisorId: advisor.id });
    const cooperative = await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Spółdzielnia Łąka", keyAdvisorId: advisor.id });
    const member = await createClientPerson(cooperative, { name: "Łucja Żółcińska", role: "MEMBER" });
    await createClient(tenant, { name: "Łukasz Żółćkiewicz", keyAdvisorId: colleague.id });
    await createClient(tenant, { name: "Łukasz Żółcik", status: "CLOSED" });
    await createClient(tenant, { kind: "NGO", name: "Żółć i spółka", keyAdvisorId: advisor.id });
    const event = await training();
    await alreadyTrained({ personClientId: lukasz.id }, 2);
    await insertRegistration(event, { clientPersonId: member.id, clientId: cooperative.id }, { registeredById: manager.id });

    const found = await findRegistrationCandidates(contextFor(advisor), event.id, { q: "zolc" });

    expect(found).toEqual({
      limit: { limit: 3, year: YEAR },
      items: [
        { key: `person:${member.id}`, personClientId: null, clientPersonId: member.id, name: "Łucja Żółcińska", kind: "MEMBER", client: { id: cooperative.id, name: "Spółdzielnia Łąka" }, count: 1, alreadyRegistered: true },
        { key: `client:${lukasz.id}`, personClientId: lukasz.id, clientPersonId: null, name: "Łukasz Żółć", kind: "INDIVIDUAL", client: { id: lukasz.id, name: "Łukasz Żółć" }, count: 2, alreadyRegistered: false },
      ],
    });
    // A manager's scope is the centre: the colleague's client too, never the closed one.
    expect((await findRegistrationCandidates(managerCtx, event.id, { q: "ŁUKASZ" })).items.map((c) => c.name)).toEqual(["Łukasz Żółć", "Łukasz Żółćkiewicz"]);
    expect(await appErrorOf(findRegistrationCandidates(managerCtx, event.id, { q: " l " }))).toMatchObject({ code: "VALIDATION_FAILED", fieldErrors: { q: "searchTooShort" } });
    expect((await findRegistrationCandidates(managerCtx, event.id, { q: "50%_" })).items).toEqual([]);
  });
});

describe("a person's count wherever they are registered", () => {
  it("lists a client's registrations with their events, first session dates and counts", async () => {
    const cooperative = await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Spółdzielnia Razem" });
    const jan = await createClientPerson(cooperative, { name: "Jan Nowak" });
    const early = await training({ title: "Księgowość", sessionDate: `${YEAR}-01-15` });
    const late = await training({ title: "Marketing", sessionDate: `${YEAR}-12-10`, countsTowardLimit: false });
    await insertRegistration(early, { clientPersonId: jan.id, clientId: cooperative.id }, { registeredById: manager.id });
    await insertRegistration(late, { clientPersonId: jan.id, clientId: cooperative.id }, { registeredById: manager.id, status: "WAITING" });

    const listed = await tenantTransaction(tenant.id, (tx) => listClientRegistrations(tx, managerCtx, cooperative.id));

    expect(listed).toEqual([
      expect.objectContaining({ eventId: late.id, eventTitle: "Marketing", firstSessionOn: new Date(`${YEAR}-12-10T00:00:00Z`), status: "WAITING", personName: "Jan Nowak", kind: "REPRESENTATIVE", count: null }),
      expect.objectContaining({ eventId: early.id, eventTitle: "Księgowość", status: "REGISTERED", count: { count: 1, limit: 3, year: YEAR } }),
    ]);
    const admin = contextFor(await createUser(tenant, { role: "ADMIN" }));
    expect(await tenantTransaction(tenant.id, (tx) => listClientRegistrations(tx, admin, cooperative.id))).toEqual([]);
  });

  it("the event page's registrations cost at most 3 statements however many are registered", async () => {
    const event = await training({ capacity: 3 });
    const advisor = await createUser(tenant, { role: "KEY_ADVISOR" });
    for (let i = 0; i < 6; i++) {
      const client = await createClient(tenant, { keyAdvisorId: i % 2 ? advisor.id : null });
      await insertRegistration(event, { personClientId: client.id }, { registeredById: manager.id, status: i < 3 ? "REGISTERED" : "WAITING" });
    }
    for (const ctx of [managerCtx, contextFor(advisor)]) {
      const { result, statements } = await recordStatements(() => pageView(ctx, event));
      const work = statements.filter((s) => !/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i.test(s) && !s.includes("set_config"));
      expect(work.length, work.join("\n")).toBeLessThanOrEqual(3);
      expect(result.seats).toEqual({ taken: 3, capacity: 3, waiting: 3 });
    }
  });
});
