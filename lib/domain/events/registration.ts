import "server-only";
import { assertCan, recordScopeRefusals, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { inScope } from "@/lib/auth/scope";
import { isUniqueViolation } from "@/lib/db/errors";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { isoDate, todayInPoland } from "@/lib/dates";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { loadClientRelations } from "@/lib/domain/clients/access";
import { notify } from "@/lib/domain/notifications/outbox";
import { assertClientTakesServices } from "@/lib/domain/services/policy";
import { AppError, notFound } from "@/lib/errors";
import { assertId, parseInput } from "@/lib/validation";
import { assertWithinTrainingLimit, countPersonTrainings, limitYearOf, lockPersonForLimit, lockTenantTrainingLimit } from "./limit";
import { registrationNotices } from "./registration-notices";
import { resolveRegistrationPerson } from "./registration-person";
import { ZCancelRegistrationInput, ZRegisterPersonInput, type TCancelRegistrationInput, type TRegisterPersonInput } from "./registration-schemas";

/**
 * Registrations for events (issue 14): capacity with a waiting list in order, and the per-person
 * training limit (./limit.ts), both race-proof like the caseload cap (lib/domain/caseload/locks.ts).
 * Every write to an event's registrations takes the same locks in the same order:
 *   1. the event row, FOR UPDATE — its seats and waiting list;
 *   2. an advisory lock on the person (lockPersonForLimit) — their count, when the event counts;
 *   3. the tenant row, FOR SHARE — the limit itself.
 * The partial unique index event_registration_live_person_key keeps one live registration per
 * person and event whatever the writer.
 */

export type TEventForRegistration = {
  id: string;
  title: string;
  status: "PLANNED" | "CANCELLED";
  capacity: number | null;
  registrationDeadline: Date | null;
  countsTowardLimit: boolean;
  limitYear: number | null;
};

/** The event's row, FOR UPDATE: the first lock of every registration write (see above). */
export async function lockEventForRegistration(tx: TTx, tenantId: string, eventId: string): Promise<TEventForRegistration> {
  const [row] = await tx.$queryRaw<TEventForRegistration[]>`
    SELECT id, title, status::text AS status, capacity, registration_deadline AS "registrationDeadline",
      counts_toward_limit AS "countsTowardLimit", limit_year AS "limitYear"
    FROM event WHERE tenant_id = ${tenantId}::uuid AND id = ${eventId}::uuid
    FOR UPDATE`;
  if (!row) throw notFound("Event");
  return row;
}

/** Registrations are taken for a planned event up to and including its deadline (a Polish calendar date). */
export function isRegistrationOpen(event: { status: string; registrationDeadline?: Date | null }, today: string = todayInPoland()): boolean {
  if (event.status !== "PLANNED") return false;
  return !event.registrationDeadline || isoDate(event.registrationDeadline) >= today;
}

/** The event's live registrations: seats taken, the waiting list's length, and whether `personKey` holds one. */
async function seatsOf(tx: TTx, tenantId: string, eventId: string, personKey: string) {
  const [row] = await tx.$queryRaw<{ taken: number; waiting: number; already: boolean }[]>`
    SELECT count(*) FILTER (WHERE status = 'REGISTERED')::int AS taken,
      count(*) FILTER (WHERE status = 'WAITING')::int AS waiting,
      coalesce(bool_or(person_key = ${personKey}), false) AS already
    FROM event_registration
    WHERE tenant_id = ${tenantId}::uuid AND event_id = ${eventId}::uuid AND status <> 'CANCELLED'`;
  return row ?? { taken: 0, waiting: 0, already: false };
}

export type TRegistrationResult = {
  id: string;
  status: "REGISTERED" | "WAITING";
  /** The place on the waiting list (1 = next to get a seat), or null with a seat. */
  position: number | null;
  /** Admitted over the training limit with the caller's written reason. */
  byException: boolean;
};

/**
 * Registers a person (an individual client or one of a client's people) for an event: a seat
 * while there is one, else the end of the waiting list. The client served must be in the caller's
 * clients.read scope (else NOT_FOUND, like a missing one) and still supported (CLIENT_SUPPORT_ENDED);
 * the event planned and its deadline not passed (REGISTRATION_CLOSED); the person not registered
 * yet (ALREADY_EXISTS). For an event counting toward the limit, a person at the limit is refused
 * (TRAINING_LIMIT_REACHED: person, count, limit, year) unless `exceptionReason` is given by a
 * holder of events.limit_exception — stored on the registration and audited on its own (a reason
 * given for a person below the limit admits nothing and is not kept). A seat is announced to the
 * key advisor of the client served, in the same transaction (registration_confirmed); a place on
 * the waiting list is not — its seat, when it comes, is (fillFreeSeats).
 */
export async function registerPerson(ctx: TContext, eventId: string, rawInput: TRegisterPersonInput): Promise<TRegistrationResult> {
  await assertCan(ctx, "events.register");
  const input = parseInput(ZRegisterPersonInput, rawInput);
  // A reason given without the right is refused, not ignored: the caller meant an exception.
  if (input.exceptionReason) await assertCan(ctx, "events.limit_exception");
  assertId(eventId, "Event");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const event = await lockEventForRegistration(tx, ctx.tenantId, eventId);
      if (!isRegistrationOpen(event)) throw new AppError("REGISTRATION_CLOSED", { params: { event: event.title } });
      const person = await resolveRegistrationPerson(tx, ctx, input);
      assertClientTakesServices(person.access);
      const seats = await seatsOf(tx, ctx.tenantId, event.id, person.personKey);
      if (seats.already) throw new AppError("ALREADY_EXISTS", { fieldErrors: { person: "alreadyRegistered" }, params: { person: person.name } });

      const limitYear = limitYearOf(event);
      let exception: { count: number; limit: number; year: number } | null = null;
      if (limitYear !== null) {
        await lockPersonForLimit(tx, ctx.tenantId, person.personKey);
        const limit = await lockTenantTrainingLimit(tx, ctx.tenantId);
        if (limit > 0) {
          const count = await countPersonTrainings(tx, ctx.tenantId, person.personKey, limitYear);
          const { byException } = assertWithinTrainingLimit({ person: person.name, count, limit, year: limitYear, exceptionReason: input.exceptionReason });
          if (byException) exception = { count, limit, year: limitYear };
        }
      }

      const status = event.capacity === null || seats.taken < event.capacity ? "REGISTERED" : "WAITING";
      const registration = await tx.eventRegistration
        .create({
          data: {
            tenantId: ctx.tenantId,
            eventId: event.id,
            clientId: person.clientId,
            personClientId: person.personClientId,
            clientPersonId: person.clientPersonId,
            personKey: person.personKey,
            status,
            limitYear,
            // Taken under the event's lock: the waiting list's order is the order places were given.
            registeredAt: new Date(),
            registeredById: ctx.userId,
            limitExceptionReason: exception ? input.exceptionReason : null,
            limitExceptionById: exception ? ctx.userId : null,
          },
          select: { id: true },
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) throw new AppError("ALREADY_EXISTS", { fieldErrors: { person: "alreadyRegistered" }, params: { person: person.name } });
          throw error;
        });

      await recordAudit(tx, auditActor(ctx), {
        action: "event.registration.create",
        entityType: "EventRegistration",
        entityId: registration.id,
        after: {
          eventId: event.id,
          clientId: person.clientId,
          personClientId: person.personClientId,
          clientPersonId: person.clientPersonId,
          personName: person.name,
          status,
          limitYear,
        },
      });
      if (exception) {
        await recordAudit(tx, auditActor(ctx), {
          action: "event.registration.limit_exception",
          entityType: "EventRegistration",
          entityId: registration.id,
          after: { eventId: event.id, personName: person.name, ...exception, reason: input.exceptionReason },
        });
      }
      if (status === "REGISTERED") {
        const notices = registrationNotices("registration_confirmed", {
          id: registration.id,
          eventId: event.id,
          eventTitle: event.title,
          personName: person.name,
          keyAdvisorId: person.access.keyAdvisorId,
          registeredById: ctx.userId,
        });
        await notify(tx, ctx.tenantId, notices, { actorId: ctx.userId });
      }
      return { id: registration.id, status, position: status === "WAITING" ? seats.waiting + 1 : null, byException: exception !== null };
    }),
  );
}

/**
 * Cancels a registration with a reason. A seat it held goes to the first on the waiting list
 * (registeredAt, id) in the same transaction, under the event's lock. The person's attendance rows
 * stay. The caller needs events.register and either the client in their clients.read scope or
 * events.manage (the organiser keeps the list); otherwise the registration is not found.
 */
export async function cancelRegistration(
  ctx: TContext,
  registrationId: string,
  rawInput: TCancelRegistrationInput,
): Promise<{ id: string; eventId: string; promotedId: string | null }> {
  await assertCan(ctx, "events.register");
  assertId(registrationId, "EventRegistration");
  const input = parseInput(ZCancelRegistrationInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      // Which event to lock; read again under the lock, since it may change until then.
      const peeked = await tx.eventRegistration.findFirst({ where: { tenantId: ctx.tenantId, id: registrationId }, select: { eventId: true } });
      if (!peeked) throw notFound("EventRegistration");
      const event = await lockEventForRegistration(tx, ctx.tenantId, peeked.eventId);
      const registration = await tx.eventRegistration.findFirst({
        where: { tenantId: ctx.tenantId, eventId: event.id, id: registrationId },
        select: { id: true, status: true, clientId: true },
      });
      if (!registration) throw notFound("EventRegistration");
      if (!can(ctx.role, "events.manage")) {
        const access = (await loadClientRelations(tx, ctx, [registration.clientId])).get(registration.clientId);
        if (!access || !inScope(ctx, "clients.read", access.relation)) {
          throw new ScopeRefusal("events.register", { clientId: registration.clientId, reason: "needToKnow" }, "EventRegistration");
        }
      }
      if (registration.status === "CANCELLED") throw new AppError("INVALID_STATE", { message: "Registration already cancelled" });

      await tx.eventRegistration.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: registration.id }, eventId: event.id, status: registration.status },
        data: { status: "CANCELLED", cancelledAt: new Date(), cancelledById: ctx.userId, cancelReason: input.reason },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "event.registration.cancel",
        entityType: "EventRegistration",
        entityId: registration.id,
        before: { status: registration.status },
        after: { status: "CANCELLED", reason: input.reason },
      });
      const promoted = registration.status === "REGISTERED" ? await fillFreeSeats(tx, ctx, event) : [];
      return { id: registration.id, eventId: event.id, promotedId: promoted[0] ?? null };
    }),
  );
}

/**
 * Gives every free seat of a planned event to the waiting list, first come first served
 * (registeredAt, id), audited per person and announced (registration_promoted) to the key
 * advisor of the client each serves and to whoever registered them. Call it under
 * lockEventForRegistration: after a cancellation, and after raising an event's capacity (or
 * removing it). Returns the promoted ids.
 */
export async function fillFreeSeats(tx: TTx, ctx: TContext, event: Pick<TEventForRegistration, "id" | "status" | "capacity">): Promise<string[]> {
  if (event.status !== "PLANNED") return [];
  const [seats] = await tx.$queryRaw<{ taken: number }[]>`
    SELECT count(*)::int AS taken FROM event_registration
    WHERE tenant_id = ${ctx.tenantId}::uuid AND event_id = ${event.id}::uuid AND status = 'REGISTERED'`;
  // LIMIT NULL is no limit: an event without a capacity seats everyone waiting.
  const free = event.capacity === null ? null : event.capacity - (seats?.taken ?? 0);
  if (free !== null && free <= 0) return [];
  const promoted = await tx.$queryRaw<{ id: string; eventTitle: string; personName: string; keyAdvisorId: string | null; registeredById: string }[]>`
    UPDATE event_registration r SET status = 'REGISTERED', promoted_at = now()
    FROM (
      SELECT id FROM event_registration
      WHERE tenant_id = ${ctx.tenantId}::uuid AND event_id = ${event.id}::uuid AND status = 'WAITING'
      ORDER BY registered_at, id
      LIMIT ${free}::int
    ) next
    WHERE r.tenant_id = ${ctx.tenantId}::uuid AND r.id = next.id
    RETURNING r.id, r.registered_by_id AS "registeredById",
      (SELECT e.title FROM event e WHERE e.tenant_id = r.tenant_id AND e.id = r.event_id) AS "eventTitle",
      (SELECT c.key_advisor_id FROM client c WHERE c.tenant_id = r.tenant_id AND c.id = r.client_id) AS "keyAdvisorId",
      coalesce(
        (SELECT c.name FROM client c WHERE c.tenant_id = r.tenant_id AND c.id = r.person_client_id),
        (SELECT p.name FROM client_person p WHERE p.tenant_id = r.tenant_id AND p.id = r.client_person_id)
      ) AS "personName"`;
  for (const { id } of promoted) {
    await recordAudit(tx, auditActor(ctx), {
      action: "event.registration.promote",
      entityType: "EventRegistration",
      entityId: id,
      before: { status: "WAITING" },
      after: { status: "REGISTERED" },
    });
  }
  await notify(
    tx,
    ctx.tenantId,
    promoted.flatMap((row) => registrationNotices("registration_promoted", { eventId: event.id, ...row })),
    { actorId: ctx.userId },
  );
  return promoted.map((row) => row.id);
}
