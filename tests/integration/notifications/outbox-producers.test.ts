import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { assignClient, handoverClients, releaseClient, takeClientFromQueue } from "@/lib/domain/caseload/service";
import { cancelRegistration, fillFreeSeats, lockEventForRegistration, registerPerson } from "@/lib/domain/events/registration";
import { movePath } from "@/lib/domain/paths/service";
import { contextFor, createClient, createPartner, createTenant, createUser, ownerQuery, type TPartnerRow, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { createCaseloadClients, setCaseloadLimit } from "@/tests/factories/caseload";
import { createClientPerson, createEvent, insertRegistration } from "@/tests/factories/events";
import { openPathAt } from "@/tests/factories/paths";
import { chooseDailyDigest, noticesOf, queuedEmailJobs, setEmailPreference, storedNotifications } from "./outbox-support";

/**
 * Issue 15, the outbox's other producers: the advisor a client comes to (assigned, reassigned,
 * back with a reopened path, handed over — never when they took the client themselves), and the
 * people around a registration that got a seat (the key advisor of the client served, whoever
 * registered the person) — never the actor, never another tenant.
 */

let tenant: TTenantRow;
let partner: TPartnerRow;
let manager: TUserRow;
let coordinator: TUserRow;
let anna: TUserRow;
let bartek: TUserRow;
let managerCtx: TContext;
let coordinatorCtx: TContext;

beforeEach(async () => {
  tenant = await createTenant();
  partner = await createPartner(tenant);
  manager = await createUser(tenant, { role: "MANAGER" });
  coordinator = await createUser(tenant, { role: "COORDINATOR", partnerId: partner.id });
  anna = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, name: "Anna Doradczyni" });
  bartek = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, name: "Bartek Doradca" });
  managerCtx = contextFor(manager);
  coordinatorCtx = contextFor(coordinator);
});

/** The notices written since `before` (a list of ids read earlier). */
async function newNotices(before: string[] = []) {
  return (await storedNotifications(tenant.id)).filter((row) => !before.includes(row.id));
}
const idsOf = async () => (await storedNotifications(tenant.id)).map((row) => row.id);

describe("a client's new key advisor", () => {
  it("assigned from the queue → client_assigned to the advisor, leading to the client, with its e-mail job; the coordinator who assigned gets nothing", async () => {
    const client = await createClient(tenant, { name: "Jan Kowalski" });
    await assignClient(coordinatorCtx, { clientId: client.id, advisorId: anna.id, reason: "" });

    const rows = await storedNotifications(tenant.id);
    expect(rows).toEqual([
      { id: expect.any(String), userId: anna.id, kind: "client_assigned", href: `/clients/${client.id}`, params: { clientName: "Jan Kowalski" }, emailStatus: "PENDING" },
    ]);
    expect(await queuedEmailJobs(tenant.id)).toEqual(rows.map((row) => row.id));
  });

  it("reassigned → only the new advisor is told; an unchanged assignment tells nobody", async () => {
    const client = await createClient(tenant, { keyAdvisorId: anna.id });
    await assignClient(managerCtx, { clientId: client.id, advisorId: bartek.id, reason: "Urlop" });
    expect(noticesOf(await storedNotifications(tenant.id))).toEqual([{ userId: bartek.id, kind: "client_assigned", href: `/clients/${client.id}` }]);

    const before = await idsOf();
    await expect(assignClient(managerCtx, { clientId: client.id, advisorId: bartek.id })).resolves.toEqual({ kind: "unchanged" });
    expect(await newNotices(before)).toEqual([]);
  });

  it("taking a client from the queue (their own act) and releasing one tell nobody; a refused assignment (advisor full) tells nobody", async () => {
    const waiting = await createClient(tenant);
    await takeClientFromQueue(contextFor(anna), waiting.id);
    await releaseClient(coordinatorCtx, { clientId: waiting.id, reason: "Błąd" });

    await setCaseloadLimit(bartek, 0);
    const refused = await appErrorOf(assignClient(coordinatorCtx, { clientId: waiting.id, advisorId: bartek.id }));
    expect(refused.code).toBe("CASELOAD_LIMIT_REACHED");

    expect(await storedNotifications(tenant.id)).toEqual([]);
    expect(await queuedEmailJobs(tenant.id)).toEqual([]);
  });

  it("a reopened path brings the client back onto the advisor's load: told when someone else reopened it", async () => {
    const client = await createClient(tenant, { keyAdvisorId: anna.id, name: "Celina Wiśniewska" });
    const { pathId } = await openPathAt(contextFor(anna), coordinatorCtx, client.id, "CLOSED");
    const before = await idsOf();

    await movePath(coordinatorCtx, pathId, { to: "IMPLEMENTATION" });
    expect((await newNotices(before)).map(({ userId, kind, href, params }) => ({ userId, kind, href, params }))).toEqual([
      { userId: anna.id, kind: "client_assigned", href: `/clients/${client.id}`, params: { clientName: "Celina Wiśniewska" } },
    ]);
  });

  it("a handover tells the receiving advisor once per client moved, each leading to its client; not the leaving advisor, not for a client that did not move", async () => {
    const leaving = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id });
    const clients = await createCaseloadClients(tenant, 3, { status: "ACTIVE", keyAdvisorId: leaving.id, namePrefix: "Przekazany" });
    await setCaseloadLimit(bartek, 2);
    const summary = await handoverClients(managerCtx, { fromAdvisorId: leaving.id, toAdvisorIds: [bartek.id], reason: "Odejście z pracy" });
    expect(summary.moved).toHaveLength(2);
    expect(summary.notMoved).toHaveLength(1);

    const rows = await storedNotifications(tenant.id);
    expect(noticesOf(rows)).toEqual(
      summary.moved
        .map((m) => ({ userId: bartek.id, kind: "client_handed_over", href: `/clients/${m.clientId}` }))
        .sort((a, b) => (a.href < b.href ? -1 : 1)),
    );
    const byHref = new Map(rows.map((row) => [row.href, row.params]));
    for (const moved of summary.moved) expect(byHref.get(`/clients/${moved.clientId}`)).toEqual({ clientName: moved.clientName });
    expect(clients.map((c) => c.id)).toEqual(expect.arrayContaining(summary.moved.map((m) => m.clientId)));
  });
});

describe("a registration that got a seat", () => {
  it("registered with a seat → registration_confirmed to the person's key advisor (for a representative: the organisation's), leading to the event; not to the registering actor", async () => {
    const event = await createEvent(tenant, { createdById: manager.id, capacity: 5, title: "Księgowość spółdzielni" });
    const person = await createClient(tenant, { keyAdvisorId: anna.id, name: "Dorota Lis" });
    const cooperative = await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", keyAdvisorId: bartek.id, name: "Spółdzielnia Razem" });
    const jan = await createClientPerson(cooperative, { name: "Jan Nowak" });

    await registerPerson(managerCtx, event.id, { personClientId: person.id });
    await registerPerson(managerCtx, event.id, { clientPersonId: jan.id });

    const rows = await storedNotifications(tenant.id);
    expect(rows.map(({ userId, kind, href, params }) => ({ userId, kind, href, params })).sort((a, b) => (a.userId < b.userId ? -1 : 1))).toEqual(
      [
        { userId: anna.id, kind: "registration_confirmed", href: `/events/${event.id}`, params: { eventTitle: "Księgowość spółdzielni", personName: "Dorota Lis" } },
        { userId: bartek.id, kind: "registration_confirmed", href: `/events/${event.id}`, params: { eventTitle: "Księgowość spółdzielni", personName: "Jan Nowak" } },
      ].sort((a, b) => (a.userId < b.userId ? -1 : 1)),
    );
    expect(await queuedEmailJobs(tenant.id)).toEqual(rows.map((row) => row.id).sort());
  });

  it("a place on the waiting list is not announced; the key advisor registering their own client is not told about their own act", async () => {
    const event = await createEvent(tenant, { createdById: manager.id, capacity: 1 });
    const own = await createClient(tenant, { keyAdvisorId: anna.id });
    const other = await createClient(tenant, { keyAdvisorId: bartek.id });
    await expect(registerPerson(contextFor(anna), event.id, { personClientId: own.id })).resolves.toMatchObject({ status: "REGISTERED" });
    await expect(registerPerson(managerCtx, event.id, { personClientId: other.id })).resolves.toMatchObject({ status: "WAITING" });
    expect(await storedNotifications(tenant.id)).toEqual([]);
  });

  it("an inactive key advisor (deactivated, clients not yet handed over) is told nothing", async () => {
    const event = await createEvent(tenant, { createdById: manager.id, capacity: 5 });
    const client = await createClient(tenant, { keyAdvisorId: anna.id });
    await ownerQuery(`UPDATE "user" SET active = false WHERE id = $1`, [anna.id]);
    await expect(registerPerson(managerCtx, event.id, { personClientId: client.id })).resolves.toMatchObject({ status: "REGISTERED" });
    expect(await storedNotifications(tenant.id)).toEqual([]);
  });

  it("moved off the waiting list by a cancellation → registration_promoted to the person's key advisor and to whoever registered them, not to the one who cancelled", async () => {
    const event = await createEvent(tenant, { createdById: manager.id, capacity: 1, title: "Warsztat" });
    const seated = await createClient(tenant, { keyAdvisorId: anna.id });
    const waiting = await createClient(tenant, { keyAdvisorId: bartek.id, name: "Ewa Zielińska" });
    const seat = await insertRegistration(event, { personClientId: seated.id }, { registeredById: anna.id });
    await insertRegistration(event, { personClientId: waiting.id }, { registeredById: coordinator.id, status: "WAITING" });

    await cancelRegistration(contextFor(anna), seat.id, { reason: "Rezygnacja" });

    const rows = await storedNotifications(tenant.id);
    expect(noticesOf(rows)).toEqual(
      [bartek.id, coordinator.id].sort().map((userId) => ({ userId, kind: "registration_promoted", href: `/events/${event.id}` })),
    );
    for (const row of rows) expect(row.params).toEqual({ eventTitle: "Warsztat", personName: "Ewa Zielińska" });
  });

  it("seats added to an event go to the waiting list: each promoted person's advisor is told (one notice when they also registered them), with their preferences", async () => {
    const event = await createEvent(tenant, { createdById: manager.id, capacity: 1, title: "Szkolenie" });
    await insertRegistration(event, { personClientId: (await createClient(tenant, { keyAdvisorId: anna.id })).id }, { registeredById: anna.id });
    const first = await createClient(tenant, { keyAdvisorId: anna.id, name: "Filip" });
    const cooperative = await createClient(tenant, { kind: "NGO", keyAdvisorId: bartek.id });
    const member = await createClientPerson(cooperative, { name: "Grażyna", role: "MEMBER" });
    const third = await createClient(tenant, { name: "Henryk" });
    // The waiting list's order is the time of registration: distinct times, or two inserted within
    // one millisecond would wait in the order of their random ids.
    const waitedSince = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await insertRegistration(event, { personClientId: first.id }, { registeredById: anna.id, status: "WAITING", registeredAt: waitedSince(3) });
    await insertRegistration(event, { clientPersonId: member.id, clientId: cooperative.id }, { registeredById: anna.id, status: "WAITING", registeredAt: waitedSince(2) });
    await insertRegistration(event, { personClientId: third.id }, { registeredById: anna.id, status: "WAITING", registeredAt: waitedSince(1) });
    await setEmailPreference(bartek, "registration_promoted", false);
    await chooseDailyDigest(anna);
    const otherTenant = await createTenant();
    await createUser(otherTenant, { role: "MANAGER" });

    await ownerQuery(`UPDATE event SET capacity = 3 WHERE id = $1`, [event.id]);
    const promoted = await tenantTransaction(tenant.id, async (tx) => fillFreeSeats(tx, managerCtx, await lockEventForRegistration(tx, tenant.id, event.id)));
    expect(promoted).toHaveLength(2);

    const rows = await storedNotifications(tenant.id);
    // Filip: his advisor Anna registered him (one notice); Grażyna: Bartek (her group's advisor) and Anna who registered her; Henryk waits.
    expect(rows.map(({ userId, params, emailStatus }) => ({ userId, personName: params.personName, emailStatus })).sort((a, b) => `${a.personName}${a.userId}`.localeCompare(`${b.personName}${b.userId}`))).toEqual(
      [
        { userId: anna.id, personName: "Filip", emailStatus: "DIGEST" },
        { userId: anna.id, personName: "Grażyna", emailStatus: "DIGEST" },
        { userId: bartek.id, personName: "Grażyna", emailStatus: "SKIPPED" },
      ].sort((a, b) => `${a.personName}${a.userId}`.localeCompare(`${b.personName}${b.userId}`)),
    );
    expect(await queuedEmailJobs(tenant.id)).toEqual([]);
    expect(await storedNotifications(otherTenant.id)).toEqual([]);
  });
});
