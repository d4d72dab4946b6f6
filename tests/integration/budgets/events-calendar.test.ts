import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { getEventsCalendarPage } from "@/lib/domain/events/calendar";
import { contextFor, createClient, createOffice, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { pageStatements } from "@/tests/support/statement-counter";

/**
 * Issue 14: the events calendar is a page like the others — at most 10 statements, the session
 * check included, in one transaction — however many events, sessions, trainers and registrations
 * the month holds.
 */

const BUDGET = 10;

let tenant: TTenantRow;
let manager: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  const offices = [await createOffice(tenant), await createOffice(tenant)];
  manager = await createUser(tenant, { role: "MANAGER" });
  const trainers = [await createUser(tenant, { role: "ANIMATOR" }), await createUser(tenant, { role: "SPECIALIST" })];
  const clients = [await createClient(tenant), await createClient(tenant), await createClient(tenant)];
  for (let i = 0; i < 12; i++) {
    const eventId = randomUUID();
    await ownerQuery(
      `INSERT INTO event (id, tenant_id, title, kind, support_type, capacity, office_id, created_by_id, updated_at)
       VALUES ($1, $2, $3, $4::"EventKind", 'TRAINING', 20, $5, $6, now())`,
      [eventId, tenant.id, `Wydarzenie ${i + 1}`, i % 2 ? "WORKSHOP" : "TRAINING", offices[i % 2]?.id, manager.id],
    );
    for (const day of [3, 10, 17]) {
      await ownerQuery(
        `INSERT INTO event_session (id, tenant_id, event_id, date, start_time, duration_minutes) VALUES ($1, $2, $3, $4::date, '10:00', 90)`,
        [randomUUID(), tenant.id, eventId, `2026-11-${String(day + (i % 5)).padStart(2, "0")}`],
      );
    }
    await ownerQuery(`INSERT INTO event_trainer (id, tenant_id, event_id, user_id) VALUES ($1, $2, $3, $4)`, [randomUUID(), tenant.id, eventId, trainers[i % 2]?.id]);
    for (const client of clients) {
      await ownerQuery(
        `INSERT INTO event_registration (id, tenant_id, event_id, client_id, person_client_id, person_key, status, registered_by_id)
         VALUES ($1, $2, $3, $4::uuid, $4::uuid, 'client:' || $4::text, 'REGISTERED', $5)`,
        [randomUUID(), tenant.id, eventId, client.id, manager.id],
      );
    }
  }
});

describe("statements of the events calendar", () => {
  it.each([
    ["month", { view: "month", date: "2026-11-15" }],
    ["week, filtered", { view: "week", date: "2026-11-10", kind: "TRAINING", trainerId: randomUUID() }],
  ])(`/events (%s): at most ${BUDGET}`, async (_name, input) => {
    const statements = await pageStatements(manager, (ctx) => getEventsCalendarPage(ctx, input));
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(BUDGET);
    expect(statements.filter((s) => /^\s*BEGIN/i.test(s)).length, "one transaction").toBe(1);
  });

  it("reads what it shows", async () => {
    const result = await getEventsCalendarPage(contextFor(manager), { view: "month", date: "2026-11-15" });
    expect(result.sessionCount).toBe(36);
    expect(result.weeks.flat().flatMap((d) => d.sessions).every((s) => s.seatsTaken === 3 && s.capacity === 20)).toBe(true);
    expect(result.options.trainers).toHaveLength(2);
  });
});
