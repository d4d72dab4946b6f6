import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { cancelRegistration, registerPerson } from "@/lib/domain/events/registration";
import { isAppError } from "@/lib/errors";
import { todayInPoland } from "@/lib/dates";
import { contextFor, createClient, createTenant, createUser, ownerPool, ownerQuery } from "@/tests/factories";
import { waitForLockWaiter } from "@/tests/factories/db";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { createClientPerson, createEvent, createEvents, insertRegistration, personKeyOf, type TEventRow } from "@/tests/factories/events";

/**
 * Issue 14 "Done when": the per-person limit and the capacity hold under concurrency, like the
 * caseload cap (tests/integration/caseload/caseload-cap.test.ts): parallel registrations of one
 * person for different trainings never exceed the limit, parallel registrations for the last seat
 * never exceed the capacity, and nothing deadlocks. Each call runs in its own transaction with its
 * own context, through the app's pool (10 connections), as parallel requests would.
 */

const YEAR = Number(todayInPoland().slice(0, 4));
const PARALLEL = 30;

/** A failure that is not an AppError (a deadlock, a timeout, a constraint violation) is a bug: show it whole. */
function describeFailure(reason: unknown): string {
  if (isAppError(reason)) return `AppError ${reason.code}: ${reason.message}`;
  if (reason instanceof Error) return `${reason.name}: ${reason.message}\n${reason.stack ?? ""}`;
  return String(reason);
}

async function freshTenant() {
  const tenant = await createTenant();
  const manager = await createUser(tenant, { role: "MANAGER", name: "Maria Kierownik" });
  return { tenant, manager };
}

async function liveRegistrations(where: { eventIds?: string[]; personKey?: string }) {
  return ownerQuery<{ id: string; event_id: string; status: string; person_key: string }>(
    `SELECT id, event_id, status::text, person_key FROM event_registration
     WHERE status <> 'CANCELLED' AND ($1::uuid[] IS NULL OR event_id = ANY($1::uuid[])) AND ($2::text IS NULL OR person_key = $2)
     ORDER BY registered_at, id`,
    [where.eventIds ?? null, where.personKey ?? null],
  );
}

const auditCount = async (tenantId: string, action: string) =>
  (await ownerQuery<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND action = $2`, [tenantId, action]))[0]?.n ?? 0;

describe("the per-person limit under concurrency", () => {
  it(`${PARALLEL} parallel registrations of one person at 2 of 3 into ${PARALLEL} different trainings → exactly 1 lands, the rest TRAINING_LIMIT_REACHED (×5)`, async () => {
    for (let round = 1; round <= 5; round++) {
      const { tenant, manager } = await freshTenant();
      const cooperative = await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: `Spółdzielnia ${round}` });
      const jan = await createClientPerson(cooperative, { name: `Jan Nowak ${round}` });
      const person = { clientPersonId: jan.id, clientId: cooperative.id };
      for (const done of await createEvents(tenant, 2, { createdById: manager.id })) await insertRegistration(done, person, { registeredById: manager.id });
      const trainings = await createEvents(tenant, PARALLEL, { createdById: manager.id });

      // Managers and coordinators at once, each request with its own context.
      const coordinator = await createUser(tenant, { role: "COORDINATOR" });
      await ownerQuery(`UPDATE client SET key_advisor_id = $1, status = 'ACTIVE', waiting_since = NULL WHERE id = $2`, [coordinator.id, cooperative.id]);
      const results = await Promise.allSettled(
        trainings.map((event, i) => registerPerson(contextFor(i % 2 ? manager : coordinator), event.id, { clientPersonId: jan.id })),
      );

      const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      const unexpected = refused.filter((r) => !(isAppError(r.reason) && r.reason.code === "TRAINING_LIMIT_REACHED"));
      expect(unexpected.map((r) => describeFailure(r.reason)), `round ${round}`).toEqual([]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const { reason } of refused) expect(isAppError(reason) && reason.params).toEqual({ person: `Jan Nowak ${round}`, count: 3, limit: 3, year: YEAR });

      const live = await liveRegistrations({ personKey: personKeyOf(person) });
      expect(live).toHaveLength(3);
      const winner = trainings[results.findIndex((r) => r.status === "fulfilled")];
      expect(live.filter((r) => trainings.some((t) => t.id === r.event_id)).map((r) => r.event_id)).toEqual([winner?.id]);
      expect(await auditCount(tenant.id, "event.registration.create")).toBe(1);
    }
  });

  it("two people at 2 of 3, racing for the same trainings, each land exactly once; other people are not held up by them", async () => {
    const { tenant, manager } = await freshTenant();
    const [anna, bogdan, ...others] = await createCaseloadClients(tenant, 2 + 10);
    if (!anna || !bogdan) throw new Error("setup");
    for (const person of [anna, bogdan]) {
      for (const done of await createEvents(tenant, 2, { createdById: manager.id })) await insertRegistration(done, { personClientId: person.id }, { registeredById: manager.id });
    }
    const trainings = await createEvents(tenant, 10, { createdById: manager.id, capacity: 30 });

    const calls = trainings.flatMap((event, i) => [
      registerPerson(contextFor(manager), event.id, { personClientId: anna.id }),
      registerPerson(contextFor(manager), event.id, { personClientId: bogdan.id }),
      registerPerson(contextFor(manager), event.id, { personClientId: others[i]?.id ?? "" }),
    ]);
    const results = await Promise.allSettled(calls);

    const unexpected = results.flatMap((r) => (r.status === "rejected" && !(isAppError(r.reason) && r.reason.code === "TRAINING_LIMIT_REACHED") ? [describeFailure(r.reason)] : []));
    expect(unexpected).toEqual([]);
    expect((await liveRegistrations({ personKey: `client:${anna.id}` })).length).toBe(3);
    expect((await liveRegistrations({ personKey: `client:${bogdan.id}` })).length).toBe(3);
    // Everyone else had their first training: all ten landed.
    expect(results.filter((_, i) => i % 3 === 2).every((r) => r.status === "fulfilled")).toBe(true);
  });

  it("a registration waits for the person's lock held by another writer and then counts what it wrote", async () => {
    const { tenant, manager } = await freshTenant();
    const anna = await createClient(tenant, { name: "Anna Kowalska" });
    for (const done of await createEvents(tenant, 2, { createdById: manager.id })) await insertRegistration(done, { personClientId: anna.id }, { registeredById: manager.id });
    const [elsewhere, target] = await createEvents(tenant, 2, { createdById: manager.id });
    if (!elsewhere || !target) throw new Error("setup");

    // Another writer holds the person's lock and registers her (her 3rd) without committing yet.
    const other = await ownerPool().connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`training-limit:${tenant.id}:client:${anna.id}`]);
      await other.query(
        `INSERT INTO event_registration (id, tenant_id, event_id, client_id, person_client_id, person_key, status, limit_year, registered_by_id)
         VALUES ($1, $2, $3, $4, $4, $5, 'REGISTERED', $6, $7)`,
        [randomUUID(), tenant.id, elsewhere.id, anna.id, `client:${anna.id}`, YEAR, manager.id],
      );
      const pending = registerPerson(contextFor(manager), target.id, { personClientId: anna.id }).then(
        (value) => ({ value }),
        (error: unknown) => ({ error }),
      );
      await waitForLockWaiter({ role: "owes_app" });
      await other.query("COMMIT");

      const outcome = await pending;
      expect("error" in outcome && isAppError(outcome.error) && outcome.error.params).toEqual({ person: "Anna Kowalska", count: 3, limit: 3, year: YEAR });
    } finally {
      await other.query("ROLLBACK").catch(() => undefined);
      other.release();
    }
    expect(await liveRegistrations({ eventIds: [target.id] })).toEqual([]);
  });
});

describe("capacity under concurrency", () => {
  /** `capacity - 1` seats taken by people registered before. */
  async function almostFullEvent(round: number, capacity: number) {
    const { tenant, manager } = await freshTenant();
    const event = await createEvent(tenant, { createdById: manager.id, capacity, title: `Warsztaty ${round}` });
    for (const seated of await createCaseloadClients(tenant, capacity - 1, { namePrefix: "Zapisany" })) {
      await insertRegistration(event, { personClientId: seated.id }, { registeredById: manager.id });
    }
    return { tenant, manager, event };
  }

  async function expectSeatsHeld(event: TEventRow, contenders: number) {
    const live = await liveRegistrations({ eventIds: [event.id] });
    expect(live.filter((r) => r.status === "REGISTERED")).toHaveLength(event.capacity ?? 0);
    expect(live.filter((r) => r.status === "WAITING")).toHaveLength(contenders - 1);
  }

  it(`${PARALLEL} parallel registrations of different people for the last seat → exactly 1 seated, ${PARALLEL - 1} on the waiting list in distinct places (×5)`, async () => {
    for (let round = 1; round <= 5; round++) {
      const { tenant, manager, event } = await almostFullEvent(round, 5);
      const contenders = await createCaseloadClients(tenant, PARALLEL, { namePrefix: "Chętny" });
      const advisors = await Promise.all([1, 2, 3].map(() => createUser(tenant, { role: "ANIMATOR" })));
      // The animators register their own team's clients; the manager anyone.
      for (const [i, client] of contenders.entries()) {
        const advisor = advisors[i % 3];
        if (advisor && i % 2) {
          await ownerQuery(
            `INSERT INTO client_team_member (id, tenant_id, client_id, user_id, role, starts_on, added_by_id) VALUES (gen_random_uuid(), $1, $2, $3, 'ANIMATOR', current_date - 1, $4)`,
            [tenant.id, client.id, advisor.id, manager.id],
          );
        }
      }
      const ctxOf = (i: number): TContext => contextFor(i % 2 ? (advisors[i % 3] ?? manager) : manager);

      const results = await Promise.allSettled(contenders.map((client, i) => registerPerson(ctxOf(i), event.id, { personClientId: client.id })));

      const failures = results.flatMap((r) => (r.status === "rejected" ? [describeFailure(r.reason)] : []));
      expect(failures, `round ${round}`).toEqual([]);
      const outcomes = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
      expect(outcomes.filter((o) => o.status === "REGISTERED")).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === "WAITING").map((o) => o.position).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
        Array.from({ length: PARALLEL - 1 }, (_, i) => i + 1),
      );
      await expectSeatsHeld(event, PARALLEL);
    }
  });

  it("parallel cancellations and registrations keep the seats full from the waiting list, in order, and never over capacity", async () => {
    const { tenant, manager, event } = await almostFullEvent(1, 6);
    const ctx = () => contextFor(manager);
    const waiting = await createCaseloadClients(tenant, 10, { namePrefix: "Rezerwowy" });
    const places = [];
    for (const client of waiting) places.push(await registerPerson(ctx(), event.id, { personClientId: client.id }));
    const seated = (await liveRegistrations({ eventIds: [event.id] })).filter((r) => r.status === "REGISTERED");
    expect(seated).toHaveLength(6);
    const newcomers = await createCaseloadClients(tenant, 10, { namePrefix: "Nowy" });

    const results = await Promise.allSettled([
      ...seated.slice(0, 4).map((r) => cancelRegistration(ctx(), r.id, { reason: "Rezygnacja" })),
      ...newcomers.map((client) => registerPerson(ctx(), event.id, { personClientId: client.id })),
    ]);

    expect(results.flatMap((r) => (r.status === "rejected" ? [describeFailure(r.reason)] : []))).toEqual([]);
    const live = await liveRegistrations({ eventIds: [event.id] });
    expect(live.filter((r) => r.status === "REGISTERED")).toHaveLength(6);
    // The first four waiting got the four seats freed, whatever the newcomers did meanwhile.
    const promoted = places.slice(1, 5).map((p) => p.id);
    expect(live.filter((r) => promoted.includes(r.id)).map((r) => r.status)).toEqual(["REGISTERED", "REGISTERED", "REGISTERED", "REGISTERED"]);
    expect(live.filter((r) => r.status === "WAITING")).toHaveLength(9 - 4 + 10);
    expect(await auditCount(tenant.id, "event.registration.promote")).toBe(4);
  });

  it("a registration waits for the event's lock held by another writer and then sees the seat it took", async () => {
    const { tenant, manager, event } = await almostFullEvent(1, 2);
    const [taker, late] = await createCaseloadClients(tenant, 2);
    if (!taker || !late) throw new Error("setup");
    const other = await ownerPool().connect();
    try {
      await other.query("BEGIN");
      await other.query(`SELECT id FROM event WHERE id = $1 FOR UPDATE`, [event.id]);
      await other.query(
        `INSERT INTO event_registration (id, tenant_id, event_id, client_id, person_client_id, person_key, status, limit_year, registered_by_id)
         VALUES ($1, $2, $3, $4, $4, $5, 'REGISTERED', $6, $7)`,
        [randomUUID(), tenant.id, event.id, taker.id, `client:${taker.id}`, YEAR, manager.id],
      );
      const pending = registerPerson(contextFor(manager), event.id, { personClientId: late.id });
      await waitForLockWaiter({ role: "owes_app" });
      await other.query("COMMIT");
      expect(await pending).toMatchObject({ status: "WAITING", position: 1 });
    } finally {
      await other.query("ROLLBACK").catch(() => undefined);
      other.release();
    }
  });
});
