import "server-only";
import { assertCan, recordScopeRefusals, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { dateOnly, isoDate } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertSupportChoices, assertSupportChoicesIn, entryLookupSql, supportChoiceUses, toEntryLookup, type TSupportChoice } from "@/lib/domain/catalogue/rules";
import { assertAccessInScope, loadClientRelations } from "@/lib/domain/clients/access";
import { assertOfficeInTenant } from "@/lib/domain/clients/repository";
import { assertNotRestricted } from "@/lib/domain/privacy/restriction";
import { assertId, parseInput } from "@/lib/validation";
import { createServiceRecord, deleteServiceRecord, lockServiceRecord, updateServiceRecord, type TPreviousLinks, type TRecordWrite } from "./record-writer";
import { assertClientTakesServices, DELIVERING_ROLES, editWindowOpen, mayChangeRecord } from "./policy";
import { ZDeleteServiceInput, ZLogServiceInput, ZServiceInput, type TDeleteServiceInput, type TParsedServiceInput, type TServiceInput } from "./schemas";

type TResolved = {
  input: TParsedServiceInput;
  providerIds: string[];
  officeId: string | null;
  participations: { clientId: string; pathId: string | null; planActionId: string | null }[];
};

/**
 * Checks a record's references inside the caller's transaction: clients, delivering users, plan
 * actions and office must be the tenant's (a foreign id is NOT_FOUND), every client must be in the
 * caller's scope of services.log, and a linked plan action must be in the approved plan of that client's open path.
 * An edit that keeps a client keeps the path its participation was logged against and may keep its
 * link even after a newer plan version superseded that action (`previous`).
 */
async function resolveRecord(tx: TTx, ctx: TContext, input: TParsedServiceInput, previous: TPreviousLinks): Promise<TResolved> {
  const tenantId = ctx.tenantId;
  // Need-to-know (lib/auth/scope.ts): a client outside the caller's scope answers like a missing
  // one. A client already on the record being edited stays: the deliverer of a group session logs
  // for its participants.
  const relations = await loadClientRelations(tx, ctx, input.clientIds);
  for (const clientId of input.clientIds) {
    const access = relations.get(clientId);
    if (!access) throw notFound("Client");
    if (!previous.has(clientId)) {
      assertAccessInScope(ctx, access, "services.log", "services.read");
      assertClientTakesServices(access);
      assertNotRestricted(access);
    }
  }

  const providerIds = input.providerIds.length > 0 ? input.providerIds : [ctx.userId];
  // The caller alone needs no lookup: this request's session check found them active, with this role.
  const providers =
    providerIds.length === 1 && providerIds[0] === ctx.userId
      ? [{ active: true, role: ctx.role }]
      : await tx.user.findMany({ where: { tenantId, id: { in: providerIds } }, select: { active: true, role: true } });
  if (providers.length !== providerIds.length) throw notFound("User");
  if (providers.some((p) => !p.active || !(DELIVERING_ROLES as readonly string[]).includes(p.role))) {
    throw new AppError("VALIDATION_FAILED", { fieldErrors: { providerIds: "notAProvider" } });
  }


  const actionPaths = new Map<string, string>();
  const fieldErrors: Record<string, string> = {};
  const newLinks = Object.entries(input.planActionIds).filter(([clientId, actionId]) => previous.get(clientId)?.planActionId !== actionId);
  const linked = newLinks.length === 0 ? [] : await tx.pathPlanAction.findMany({
    where: { tenantId, id: { in: newLinks.map(([, actionId]) => actionId) } },
    select: { id: true, planVersion: { select: { status: true, pathId: true, path: { select: { openClientId: true } } } } },
  });
  for (const [clientId, actionId] of newLinks) {
    const action = linked.find((a) => a.id === actionId);
    if (!action) throw notFound("PathPlanAction");
    // Only the plan being implemented: an approved version, on the client's own open path.
    if (action.planVersion.path.openClientId !== clientId || action.planVersion.status !== "APPROVED") {
      fieldErrors[`planActionIds.${clientId}`] = "planActionNotOnClientPath";
    } else {
      actionPaths.set(clientId, action.planVersion.pathId);
    }
  }
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION_FAILED", { fieldErrors });

  let officeId = input.officeId;
  if (officeId) {
    await assertOfficeInTenant(tx, ctx, officeId);
  } else if (ctx.officeId !== undefined) {
    officeId = ctx.officeId;
  } else {
    const author = await tx.user.findFirst({ where: { tenantId, id: ctx.userId }, select: { officeId: true } });
    officeId = author?.officeId ?? null;
  }

  const participations = input.clientIds.map((clientId) => {
    const openPathId = relations.get(clientId)?.openPathId ?? null;
    const kept = previous.get(clientId);
    const pathId = actionPaths.get(clientId) ?? (kept ? kept.pathId : openPathId);
    return { clientId, pathId, planActionId: input.planActionIds[clientId] ?? null };
  });
  return { input, providerIds, officeId, participations };
}

/** The record's support type and specialist area, as the catalogue's rules check them. */
function supportChoice(input: TParsedServiceInput): TSupportChoice {
  return { supportType: input.supportType, specialistArea: input.specialistArea, fields: { supportType: "supportType", specialistArea: "specialistArea" } };
}

/** The record as the writer takes it (lib/domain/services/record-writer.ts). */
function recordWrite(resolved: TResolved): TRecordWrite {
  const { input } = resolved;
  return {
    date: input.date,
    startTime: input.startTime,
    durationMinutes: input.durationMinutes,
    form: input.form,
    channel: input.channel,
    supportType: input.supportType,
    specialistArea: input.specialistArea,
    topic: input.topic,
    notes: input.notes,
    nextSteps: input.nextSteps,
    officeId: resolved.officeId,
    participations: resolved.participations,
    providerIds: resolved.providerIds,
    planActionIds: input.planActionIds,
  };
}

/**
 * The caller's earliest live record that is most likely the same meeting entered again: logged by
 * them, on the same date, of the same duration and support type, with at least one of the same
 * clients, and — when both give a start time — at the same time. Any shared client, not the same
 * set: re-entering a group session after the back button often adds or drops a participant, and
 * a true second meeting is one confirmation away. Different start times are two meetings.
 */
async function findPossibleDuplicate(tx: TTx, ctx: TContext, input: TParsedServiceInput) {
  return tx.serviceRecord.findFirst({
    where: {
      tenantId: ctx.tenantId,
      authorId: ctx.userId,
      deletedAt: null,
      date: dateOnly(input.date),
      durationMinutes: input.durationMinutes,
      supportType: input.supportType,
      participations: { some: { tenantId: ctx.tenantId, clientId: { in: input.clientIds } } },
      ...(input.startTime ? { OR: [{ startTime: null }, { startTime: input.startTime }] } : {}),
    },
    select: { id: true, date: true, topic: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}

/**
 * Logs a service: one record however many clients took part (a participation per client) and
 * however many users delivered it. The form's idempotency key makes a repeated submit — a double
 * click, a retry after a lost response, a reload — return the record the first one created, with
 * no warning. A new key with the facts of a record the caller already logged (findPossibleDuplicate:
 * the form entered again after the back button) is refused with POSSIBLE_DUPLICATE_SERVICE unless
 * the input confirms it (`confirmPossibleDuplicate`); a confirmed one is audited as an override
 * (`service.duplicate_override`, naming the record it resembles), like a client's.
 */
export async function logService(ctx: TContext, rawInput: TServiceInput & { idempotencyKey: string }): Promise<{ id: string; created: boolean }> {
  await assertCan(ctx, "services.log");
  const { idempotencyKey } = parseInput(ZLogServiceInput, rawInput);
  const input = parseInput(ZServiceInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      // Submits with one key queue here; each later one finds the first one's record.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`service:${ctx.tenantId}:${idempotencyKey}`}, 0))`;
      const existing = await tx.serviceRecord.findFirst({ where: { tenantId: ctx.tenantId, idempotencyKey }, select: { id: true, authorId: true } });
      if (existing) {
        if (existing.authorId !== ctx.userId) throw new AppError("CONFLICT", { message: "Idempotency key used by another user" });
        return { id: existing.id, created: false };
      }
      const resolved = await resolveRecord(tx, ctx, input, new Map());
      // One author's entries for one day queue here (after the key's lock, always in this order),
      // so two tabs saving the same meeting at once cannot both miss each other. The same statement
      // reads the catalogue entries the record names (logging keeps to its statement budget): a new
      // record needs an active support type, and an area when the type's entry asks for one.
      const [day] = await tx.$queryRaw<{ entries: unknown }[]>`
        SELECT ${entryLookupSql(ctx.tenantId, supportChoiceUses([supportChoice(input)]))} AS entries
        FROM (SELECT pg_advisory_xact_lock(hashtextextended(${`service-day:${ctx.tenantId}:${ctx.userId}:${input.date}`}, 0))) AS day_lock`;
      const [specialistArea = null] = assertSupportChoicesIn(toEntryLookup(day?.entries), [supportChoice(input)]);
      const duplicate = await findPossibleDuplicate(tx, ctx, input);
      if (duplicate && !input.confirmPossibleDuplicate) {
        throw new AppError("POSSIBLE_DUPLICATE_SERVICE", {
          params: { serviceId: duplicate.id, date: isoDate(duplicate.date), ...(duplicate.topic ? { topic: duplicate.topic } : {}) },
        });
      }
      const record = await createServiceRecord(tx, ctx, recordWrite({ ...resolved, input: { ...input, specialistArea } }), idempotencyKey);
      if (duplicate) {
        await recordAudit(tx, auditActor(ctx), {
          action: "service.duplicate_override",
          entityType: "ServiceRecord",
          entityId: record.id,
          after: { possibleDuplicateOfId: duplicate.id },
        });
      }
      return { id: record.id, created: true };
    }),
  );
}

/**
 * Locks a live record for a change and checks who may change it and whether the tenant's edit
 * window is still open. A deleted record is gone for everyone (NOT_FOUND).
 */
async function lockForChange(tx: TTx, ctx: TContext, serviceId: string) {
  const record = await lockServiceRecord(tx, ctx, serviceId);
  if (!record) throw notFound("ServiceRecord");
  if (!mayChangeRecord(ctx, record)) throw new ScopeRefusal("services.log", { serviceId, reason: "notAuthor" });
  // A session's attendance writes this record (lib/domain/events/attendance-record.ts): it changes
  // with the attendance list and the event, never beside them.
  if (record.eventId) throw new AppError("SERVICE_FROM_ATTENDANCE", { params: { eventId: record.eventId } });
  const tenant = await tx.tenant.findFirstOrThrow({ where: { id: ctx.tenantId }, select: { serviceEditWindowDays: true } });
  if (!editWindowOpen(record.createdAt, tenant.serviceEditWindowDays)) {
    throw new AppError("EDIT_WINDOW_CLOSED", { params: { days: tenant.serviceEditWindowDays } });
  }
  return record;
}

/** Edits a record (author or manager, within the edit window); the audit keeps before and after. */
export async function updateService(ctx: TContext, serviceId: string, rawInput: TServiceInput): Promise<{ id: string }> {
  await assertCan(ctx, "services.log");
  assertId(serviceId, "ServiceRecord");
  const input = parseInput(ZServiceInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const { state, previous } = await lockForChange(tx, ctx, serviceId);
      // An edit may keep the support type and area the record has, even when since retired.
      const kept = { supportType: typeof state.supportType === "string" ? [state.supportType] : [], specialistArea: typeof state.specialistArea === "string" ? [state.specialistArea] : [] };
      const [specialistArea = null] = await assertSupportChoices(tx, ctx.tenantId, [supportChoice(input)], kept);
      const resolved = await resolveRecord(tx, ctx, { ...input, specialistArea }, previous);
      await updateServiceRecord(tx, ctx, serviceId, recordWrite(resolved), state);
      return { id: serviceId };
    }),
  );
}

/**
 * Deletes a record (author or manager, within the edit window) by leaving a tombstone: the row
 * stays with who deleted it, when and why, and drops out of every view and total.
 */
export async function deleteService(ctx: TContext, serviceId: string, rawInput: TDeleteServiceInput): Promise<void> {
  await assertCan(ctx, "services.log");
  assertId(serviceId, "ServiceRecord");
  const input = parseInput(ZDeleteServiceInput, rawInput);
  await recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const { state, authorId } = await lockForChange(tx, ctx, serviceId);
      await deleteServiceRecord(tx, ctx, serviceId, { ...state, authorId }, input.reason);
    }),
  );
}
