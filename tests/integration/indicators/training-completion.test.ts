import { beforeEach, describe, expect, it } from "vitest";
import { saveSessionAttendance } from "@/lib/domain/events/attendance";
import { contextFor, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { createTraining, registerIndividual, type TParticipant, type TTraining } from "@/tests/factories/attendance";
import { polishDaysAgo } from "@/tests/factories/services";

/**
 * "Completed a training" (present at ≥ 80% of its sessions, dated by the last session) is kept on
 * the registration by database triggers (migration 20261204090002), so the indicator report reads
 * one indexed date. Attendance is taken through the real service; the date follows every change.
 */

let tenant: TTenantRow;
let manager: TUserRow;
let training: TTraining;
let anna: TParticipant;
let jan: TParticipant;

const completedOn = async (p: TParticipant) =>
  (await ownerQuery<{ d: string | null }>(`SELECT completed_on::text AS d FROM event_registration WHERE id = $1`, [p.registrationId]))[0]?.d ?? null;
const present = (p: TParticipant) => ({ registrationId: p.registrationId, status: "PRESENT" as const });
const absent = (p: TParticipant) => ({ registrationId: p.registrationId, status: "ABSENT" as const });
const counted = async () =>
  (
    await ownerQuery<{ key: string }>(`SELECT count_key AS key FROM indicator_evidence WHERE tenant_id = $1 AND source = 'TRAINING_COMPLETION' ORDER BY 1`, [
      tenant.id,
    ])
  ).map((r) => r.key);

beforeEach(async () => {
  tenant = await createTenant();
  manager = await createUser(tenant, { role: "MANAGER" });
  const days = [polishDaysAgo(9), polishDaysAgo(8), polishDaysAgo(7), polishDaysAgo(6), polishDaysAgo(5)];
  training = await createTraining(tenant, { createdById: manager.id, sessions: days.map((date) => ({ date })) });
  anna = await registerIndividual(training, manager.id, { name: "Anna Kowalczyk" });
  jan = await registerIndividual(training, manager.id, { name: "Jan Nowicki" });
});

describe("training completion kept on the registration", () => {
  it("is set at 4 of 5 sessions present (80%), dated by the last session, and not at 3 of 5", async () => {
    const ctx = contextFor(manager);
    const [s1, s2, s3, s4, s5] = training.sessions;
    for (const session of [s1, s2, s3]) await saveSessionAttendance(ctx, session?.id ?? "", { rows: [present(anna), present(jan)] });
    expect(await completedOn(anna)).toBeNull();
    await saveSessionAttendance(ctx, s4?.id ?? "", { rows: [present(anna), absent(jan)] });
    await saveSessionAttendance(ctx, s5?.id ?? "", { rows: [absent(anna), absent(jan)] });

    expect(await completedOn(anna)).toBe(s5?.date);
    expect(await completedOn(jan)).toBeNull();
    expect(await counted()).toEqual([`client:${anna.clientId}`]);
  });

  it("follows a corrected attendance and a session added or removed afterwards", async () => {
    const ctx = contextFor(manager);
    for (const session of training.sessions) await saveSessionAttendance(ctx, session.id, { rows: [present(anna), present(jan)] });
    expect(await completedOn(jan)).toBe(training.sessions[4]?.date);

    // Corrected: Jan was absent at two sessions → 3 of 5, no longer completed.
    await saveSessionAttendance(ctx, training.sessions[0]?.id ?? "", { rows: [absent(jan)] });
    await saveSessionAttendance(ctx, training.sessions[1]?.id ?? "", { rows: [absent(jan)] });
    expect(await completedOn(jan)).toBeNull();

    // A sixth session nobody attended yet: Anna has 5 of 6 (83%) and completes on the new last day.
    const added = polishDaysAgo(2);
    await ownerQuery(`INSERT INTO event_session (id, tenant_id, event_id, date, duration_minutes) VALUES (gen_random_uuid(), $1, $2, $3::date, 60)`, [
      tenant.id,
      training.id,
      added,
    ]);
    expect(await completedOn(anna)).toBe(added);

    // The sixth removed again: back to the fifth session's date.
    await ownerQuery(`DELETE FROM event_session WHERE event_id = $1 AND date = $2::date`, [training.id, added]);
    expect(await completedOn(anna)).toBe(training.sessions[4]?.date);
    expect(await counted()).toEqual([`client:${anna.clientId}`]);
  });

  it("does not count a cancelled registration or a cancelled training, though the date stays on the row", async () => {
    const ctx = contextFor(manager);
    for (const session of training.sessions) await saveSessionAttendance(ctx, session.id, { rows: [present(anna), present(jan)] });
    expect((await counted()).length).toBe(2);
    await ownerQuery(`UPDATE event_registration SET status = 'CANCELLED', cancelled_at = now() WHERE id = $1`, [jan.registrationId]);
    expect(await counted()).toEqual([`client:${anna.clientId}`]);
    await ownerQuery(`UPDATE event SET status = 'CANCELLED' WHERE id = $1`, [training.id]);
    expect(await counted()).toEqual([]);
  });
});
