import { randomUUID } from "node:crypto";
import { addDays, todayInPoland } from "@/lib/dates";
import { createClient, type TClientRow } from "./clients";
import { ownerQuery } from "./db";

/**
 * Events, client people and registrations inserted as the owner: setup, not the services under
 * test. An event is a training of the seeded support type TRAINING with one session two weeks
 * ahead, counting toward the limit in this year, unless told otherwise.
 */
export type TEventRow = {
  id: string;
  tenantId: string;
  title: string;
  kind: string;
  status: "PLANNED" | "CANCELLED";
  capacity: number | null;
  /** YYYY-MM-DD or null. */
  registrationDeadline: string | null;
  countsTowardLimit: boolean;
  limitYear: number | null;
};

export type TCreateEventOverrides = Partial<Omit<TEventRow, "id" | "tenantId">> & {
  createdById: string;
  /** The date of its one session (YYYY-MM-DD); null for none. Default: two weeks from today. */
  sessionDate?: string | null;
};

let sequence = 0;

const thisYear = () => Number(todayInPoland().slice(0, 4));

/** `count` events with the same settings, in one INSERT each for events and sessions. */
export async function createEvents(tenant: { id: string }, count: number, overrides: TCreateEventOverrides): Promise<TEventRow[]> {
  sequence += 1;
  const countsTowardLimit = overrides.countsTowardLimit ?? true;
  const rows: TEventRow[] = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    tenantId: tenant.id,
    title: overrides.title && count === 1 ? overrides.title : `${overrides.title ?? "Szkolenie"} ${sequence}-${i + 1}`,
    kind: overrides.kind ?? "TRAINING",
    status: overrides.status ?? "PLANNED",
    capacity: overrides.capacity === undefined ? 20 : overrides.capacity,
    registrationDeadline: overrides.registrationDeadline ?? null,
    countsTowardLimit,
    limitYear: overrides.limitYear === undefined ? (countsTowardLimit ? thisYear() : null) : overrides.limitYear,
  }));
  const first = rows[0];
  if (!first) return [];
  await ownerQuery(
    `INSERT INTO event (id, tenant_id, title, kind, support_type, status, capacity, registration_deadline, counts_toward_limit, limit_year, created_by_id, updated_at)
     SELECT e.id, $2::uuid, e.title, $3::"EventKind", 'TRAINING', $4::"EventStatus", $5::int, $6::date, $7, $8::int, $9::uuid, now()
     FROM unnest($1::uuid[], $10::text[]) AS e(id, title)`,
    [
      rows.map((r) => r.id),
      tenant.id,
      first.kind,
      first.status,
      first.capacity,
      first.registrationDeadline,
      first.countsTowardLimit,
      first.limitYear,
      overrides.createdById,
      rows.map((r) => r.title),
    ],
  );
  const sessionDate = overrides.sessionDate === undefined ? addDays(todayInPoland(), 14) : overrides.sessionDate;
  if (sessionDate !== null) {
    await ownerQuery(
      `INSERT INTO event_session (id, tenant_id, event_id, date, start_time, end_time, duration_minutes, place)
       SELECT gen_random_uuid(), $2::uuid, e, $3::date, '09:00', '13:00', 240, 'Sala 1' FROM unnest($1::uuid[]) AS e`,
      [rows.map((r) => r.id), tenant.id, sessionDate],
    );
  }
  return rows;
}

export async function createEvent(tenant: { id: string }, overrides: TCreateEventOverrides): Promise<TEventRow> {
  const [row] = await createEvents(tenant, 1, overrides);
  if (!row) throw new Error("no event created");
  return row;
}

export type TClientPersonRow = { id: string; tenantId: string; clientId: string; name: string; role: "REPRESENTATIVE" | "MEMBER" };

/** One of a client's people: a representative of an organisation by default. */
export async function createClientPerson(
  client: Pick<TClientRow, "id" | "tenantId">,
  overrides: { name?: string; role?: TClientPersonRow["role"] } = {},
): Promise<TClientPersonRow> {
  const row: TClientPersonRow = {
    id: randomUUID(),
    tenantId: client.tenantId,
    clientId: client.id,
    name: overrides.name ?? `Osoba ${randomUUID().slice(0, 8)}`,
    role: overrides.role ?? "REPRESENTATIVE",
  };
  await ownerQuery(`INSERT INTO client_person (id, tenant_id, client_id, role, name) VALUES ($1, $2, $3, $4::"ClientPersonRole", $5)`, [
    row.id,
    row.tenantId,
    row.clientId,
    row.role,
    row.name,
  ]);
  return row;
}

/** The person a registration names: an individual client, or one of a client's people. */
export type TPersonRef = { personClientId: string } | { clientPersonId: string; clientId: string };

export const personKeyOf = (person: TPersonRef) => ("personClientId" in person ? `client:${person.personClientId}` : `person:${person.clientPersonId}`);

/** A registration as the services would have left it (its limit year copied from the event when it counts). */
export async function insertRegistration(
  event: Pick<TEventRow, "id" | "tenantId" | "countsTowardLimit" | "limitYear">,
  person: TPersonRef,
  overrides: { registeredById: string; status?: "REGISTERED" | "WAITING" | "CANCELLED"; registeredAt?: Date },
): Promise<{ id: string }> {
  const id = randomUUID();
  const status = overrides.status ?? "REGISTERED";
  await ownerQuery(
    `INSERT INTO event_registration (id, tenant_id, event_id, client_id, person_client_id, client_person_id, person_key, status, limit_year,
                                     registered_at, registered_by_id, cancelled_at, cancelled_by_id, cancel_reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::"RegistrationStatus", $9, $10, $11,
             CASE WHEN $8 = 'CANCELLED' THEN now() END, CASE WHEN $8 = 'CANCELLED' THEN $11::uuid END, CASE WHEN $8 = 'CANCELLED' THEN 'Rezygnacja' END)`,
    [
      id,
      event.tenantId,
      event.id,
      "personClientId" in person ? person.personClientId : person.clientId,
      "personClientId" in person ? person.personClientId : null,
      "clientPersonId" in person ? person.clientPersonId : null,
      personKeyOf(person),
      status,
      event.countsTowardLimit ? event.limitYear : null,
      overrides.registeredAt ?? new Date(),
      overrides.registeredById,
    ],
  );
  return { id };
}

/**
 * The event records the tenancy meta-tests name (cross-tenant, permission-first): an open counting
 * training with one registered individual, and a representative of an organisation not yet registered.
 */
export type TEventTargets = { event: TEventRow; registration: { id: string }; clientPerson: TClientPersonRow };

export async function createEventTargets(tenant: { id: string }, createdById: string): Promise<TEventTargets> {
  const event = await createEvent(tenant, { createdById, title: "Szkolenie z księgowości", capacity: 10 });
  const participant = await createClient(tenant, { name: "Halina Uczestniczka" });
  const registration = await insertRegistration(event, { personClientId: participant.id }, { registeredById: createdById });
  const organisation = await createClient(tenant, { kind: "SOCIAL_COOPERATIVE", name: "Spółdzielnia Socjalna Razem" });
  const clientPerson = await createClientPerson(organisation, { name: "Jan Reprezentant" });
  return { event, registration, clientPerson };
}
