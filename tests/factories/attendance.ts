import { randomUUID } from "node:crypto";
import { ownerQuery } from "./db";
import { createClient, type TCreateClientOverrides } from "./clients";
import { createClientPerson, insertRegistration } from "./events";
import { polishDaysAgo } from "./services";

/**
 * A training with several sessions, trainers and participants, inserted as the owner (setup, not
 * the services under test), for the attendance and documents tests and the tenancy meta-tests.
 */
export type TSessionSpec = {
  date: string;
  startTime?: string | null;
  endTime?: string | null;
  durationMinutes?: number;
  place?: string | null;
  onlineUrl?: string | null;
};

export type TTraining = {
  id: string;
  tenantId: string;
  title: string;
  countsTowardLimit: boolean;
  limitYear: number | null;
  sessions: { id: string; date: string; durationMinutes: number }[];
};

export async function createTraining(
  tenant: { id: string },
  options: {
    createdById: string;
    title?: string;
    kind?: string;
    supportType?: string;
    officeId?: string | null;
    status?: "PLANNED" | "CANCELLED";
    sessions: TSessionSpec[];
    trainers?: ({ userId: string } | { externalName: string })[];
  },
): Promise<TTraining> {
  const id = randomUUID();
  const title = options.title ?? `Szkolenie ${id.slice(0, 8)}`;
  const year = Number(options.sessions[0]?.date.slice(0, 4));
  await ownerQuery(
    `INSERT INTO event (id, tenant_id, title, kind, support_type, status, capacity, office_id, counts_toward_limit, limit_year, created_by_id, updated_at)
     VALUES ($1, $2, $3, $4::"EventKind", $5, $6::"EventStatus", 30, $7, true, $8, $9, now())`,
    [id, tenant.id, title, options.kind ?? "TRAINING", options.supportType ?? "TRAINING", options.status ?? "PLANNED", options.officeId ?? null, year, options.createdById],
  );
  const sessions: TTraining["sessions"] = [];
  for (const spec of options.sessions) {
    const session = { id: randomUUID(), date: spec.date, durationMinutes: spec.durationMinutes ?? 240 };
    await ownerQuery(
      `INSERT INTO event_session (id, tenant_id, event_id, date, start_time, end_time, duration_minutes, place, online_url)
       VALUES ($1, $2, $3, $4::date, $5, $6, $7, $8, $9)`,
      [
        session.id,
        tenant.id,
        id,
        spec.date,
        spec.startTime === undefined ? "09:00" : spec.startTime,
        spec.endTime === undefined ? "13:00" : spec.endTime,
        session.durationMinutes,
        spec.place === undefined ? "Sala konferencyjna, ul. Długa 1, Kielce" : spec.place,
        spec.onlineUrl ?? null,
      ],
    );
    sessions.push(session);
  }
  for (const trainer of options.trainers ?? []) {
    await ownerQuery(`INSERT INTO event_trainer (id, tenant_id, event_id, user_id, external_name) VALUES (gen_random_uuid(), $1, $2, $3, $4)`, [
      tenant.id,
      id,
      "userId" in trainer ? trainer.userId : null,
      "externalName" in trainer ? trainer.externalName : null,
    ]);
  }
  return { id, tenantId: tenant.id, title, countsTowardLimit: true, limitYear: year, sessions };
}

export type TParticipant = { registrationId: string; clientId: string; name: string };

/** An individual client registered for `training` (REGISTERED unless told otherwise). */
export async function registerIndividual(
  training: TTraining,
  registeredById: string,
  overrides: { name?: string; status?: "REGISTERED" | "WAITING" | "CANCELLED"; client?: TCreateClientOverrides } = {},
): Promise<TParticipant> {
  const client = await createClient({ id: training.tenantId }, { name: overrides.name ?? `Uczestnik ${randomUUID().slice(0, 6)}`, ...overrides.client });
  const registration = await insertRegistration(training, { personClientId: client.id }, { registeredById, ...(overrides.status ? { status: overrides.status } : {}) });
  return { registrationId: registration.id, clientId: client.id, name: client.name };
}

/** An organisation with `names.length` representatives, each registered for `training`. */
export async function registerRepresentatives(training: TTraining, registeredById: string, organisation: string, names: string[]): Promise<TParticipant[]> {
  const client = await createClient({ id: training.tenantId }, { kind: "SOCIAL_COOPERATIVE", name: organisation });
  const participants: TParticipant[] = [];
  for (const name of names) {
    const person = await createClientPerson(client, { name });
    const registration = await insertRegistration(training, { clientPersonId: person.id, clientId: client.id }, { registeredById });
    participants.push({ registrationId: registration.id, clientId: client.id, name });
  }
  return participants;
}

/** The session's attendance rows as the owner sees them, by registration. */
export async function attendanceRows(sessionId: string) {
  const rows = await ownerQuery<{ registration_id: string; status: string; materials: boolean; accommodation: boolean; meals: boolean; travel: string | null }>(
    `SELECT registration_id, status::text, materials, accommodation, meals, travel_reimbursement::text AS travel FROM event_attendance WHERE session_id = $1`,
    [sessionId],
  );
  return new Map(rows.map((r) => [r.registration_id, r]));
}

/** The service record a session points at (null when none). */
export async function sessionServiceId(sessionId: string): Promise<string | null> {
  const [row] = await ownerQuery<{ service_id: string | null }>(`SELECT service_id FROM event_session WHERE id = $1`, [sessionId]);
  return row?.service_id ?? null;
}

/**
 * What the tenancy meta-tests name for attendance and documents: a session that took place
 * yesterday, and a registered person who was present at it (so a certificate can be printed).
 */
export type TAttendanceTargets = { attendanceEvent: { id: string }; attendanceSession: { id: string }; attendanceRegistration: { id: string } };

export async function createAttendanceTargets(tenant: { id: string }, createdById: string): Promise<TAttendanceTargets> {
  const training = await createTraining(tenant, { createdById, title: "Warsztaty z ekonomii społecznej", sessions: [{ date: polishDaysAgo(1) }] });
  const session = training.sessions[0];
  if (!session) throw new Error("setup");
  const participant = await registerIndividual(training, createdById, { name: "Lucyna Obecna" });
  await ownerQuery(
    `INSERT INTO event_attendance (tenant_id, session_id, registration_id, status, recorded_by_id) VALUES ($1, $2, $3, 'PRESENT', $4)`,
    [tenant.id, session.id, participant.registrationId, createdById],
  );
  return { attendanceEvent: { id: training.id }, attendanceSession: { id: session.id }, attendanceRegistration: { id: participant.registrationId } };
}
