import { beforeEach, describe, expect, it } from "vitest";
import { saveSessionAttendance } from "@/lib/domain/events/attendance";
import { getEventPage } from "@/lib/domain/events/event-page";
import { createEvent, updateEvent } from "@/lib/domain/events/events";
import { registerPerson } from "@/lib/domain/events/registration";
import { deleteService, listClientServices, updateService } from "@/lib/domain/services/service";
import type { TEventInput } from "@/lib/domain/events/schemas";
import { contextFor, createClient, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { appErrorOf } from "@/tests/factories/assertions";
import { polishDaysAgo, serviceRow } from "@/tests/factories/services";

/**
 * A session whose attendance was taken is a record of the service log: editing the event moves
 * the record with it (date, length, trainers), so timesheets and histories never disagree with the
 * event. And an event cannot take a support type whose services must name a specialist area.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let trainerA: TUserRow;
let trainerB: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  trainerA = await createUser(tenant, { role: "ANIMATOR" });
  trainerB = await createUser(tenant, { role: "SPECIALIST" });
});

const input = (overrides: Partial<TEventInput> = {}): TEventInput => ({
  title: "Księgowość spółdzielni",
  kind: "TRAINING",
  supportType: "TRAINING",
  countsTowardLimit: true,
  sessions: [{ date: polishDaysAgo(4), startTime: "09:00", endTime: "12:00", place: "Kielce" }],
  trainers: [{ userId: trainerA.id }],
  ...overrides,
});

async function recordOf(eventId: string) {
  const [row] = await ownerQuery<{ service_id: string | null; date: string }>(
    `SELECT s.service_id, to_char(r.date, 'YYYY-MM-DD') AS date FROM event_session s LEFT JOIN service_record r ON r.id = s.service_id WHERE s.event_id = $1`,
    [eventId],
  );
  return row;
}

describe("editing an event whose attendance was taken", () => {
  it("moves the session's service record with the new date, length and trainers", async () => {
    const ctx = contextFor(manager);
    const client = await createClient(tenant, { kind: "PERSON", name: "Halina Żak", status: "ACTIVE", keyAdvisorId: manager.id });
    const event = await createEvent(ctx, input());
    const registration = await registerPerson(ctx, event.id, { personClientId: client.id });
    const [session] = (await getEventPage(ctx, event.id)).sessions;
    if (!session) throw new Error("setup");
    await saveSessionAttendance(ctx, session.id, { rows: [{ registrationId: registration.id, status: "PRESENT" }] });
    const before = await recordOf(event.id);
    expect(before?.date).toBe(polishDaysAgo(4));

    await updateEvent(
      ctx,
      event.id,
      input({ sessions: [{ id: session.id, date: polishDaysAgo(5), startTime: "09:00", endTime: "13:00", place: "Kielce" }], trainers: [{ userId: trainerB.id }] }),
    );

    const after = await recordOf(event.id);
    expect(after?.service_id).toBe(before?.service_id);
    expect(after?.date).toBe(polishDaysAgo(5));
    const record = await serviceRow(after?.service_id ?? "");
    expect(record?.duration_minutes).toBe(240);
    expect(record?.provider_ids).toEqual([trainerB.id]);
    expect(record?.client_ids).toEqual([client.id]);
  });
});

describe("the service record of a session", () => {
  it("is changed through the attendance and the event, never in the service log", async () => {
    const ctx = contextFor(manager);
    const client = await createClient(tenant, { kind: "PERSON", name: "Roman Łoś", status: "ACTIVE", keyAdvisorId: manager.id });
    const event = await createEvent(ctx, input());
    const registration = await registerPerson(ctx, event.id, { personClientId: client.id });
    const [session] = (await getEventPage(ctx, event.id)).sessions;
    if (!session) throw new Error("setup");
    await saveSessionAttendance(ctx, session.id, { rows: [{ registrationId: registration.id, status: "PRESENT" }] });
    const serviceId = (await recordOf(event.id))?.service_id ?? "";
    const before = await serviceRow(serviceId);

    const edit = await appErrorOf(
      updateService(ctx, serviceId, { date: polishDaysAgo(1), durationMinutes: 30, form: "GROUP", channel: "IN_PERSON", supportType: "TRAINING", clientIds: [client.id] }),
    );
    const removal = await appErrorOf(deleteService(ctx, serviceId, { reason: "pomyłka" }));

    expect([edit.code, removal.code]).toEqual(["SERVICE_FROM_ATTENDANCE", "SERVICE_FROM_ATTENDANCE"]);
    // The history offers no edit for it, but the way to the event whose list wrote it.
    const [item] = (await listClientServices(ctx, client.id, {})).items;
    expect(item).toMatchObject({ id: serviceId, eventId: event.id, canChange: false });
    expect(edit.params).toEqual({ eventId: event.id });
    expect(await serviceRow(serviceId)).toEqual(before);
  });
});

describe("an event's support type", () => {
  it("cannot be one whose services must name a specialist area", async () => {
    const error = await appErrorOf(createEvent(contextFor(manager), input({ supportType: "SPECIALIST_ADVISORY" })));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.fieldErrors).toEqual({ supportType: "eventForm.specialistAreaType" });
  });
});
