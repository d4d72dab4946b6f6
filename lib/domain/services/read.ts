import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { addDays, dateOnly, isoDate, startOfWeek, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { assertAccessInScope, assertClientInScope, clientScopeWhere, clientTeamWhere, loadClientRelations } from "@/lib/domain/clients/access";
import { findClients } from "@/lib/domain/clients/service";
import { loadPathHead } from "@/lib/domain/paths/access";
import { assertId, parseInput } from "@/lib/validation";
import { RECORD_FIELDS } from "./select";
import { DELIVERING_ROLES, editWindowOpen, mayChangeRecord } from "./policy";
import { ZClientServicesInput, ZOwnServicesInput, type TClientServicesInput, type TOwnServicesInput } from "./schemas";

export const SERVICE_LIST_SELECT = {
  id: true,
  ...RECORD_FIELDS,
  authorId: true,
  createdAt: true,
  participations: { select: { planActionId: true, client: { select: { id: true, name: true } } }, orderBy: { client: { nameNormalized: "asc" } } },
  providers: { select: { user: { select: { id: true, name: true } } } },
} satisfies Prisma.ServiceRecordSelect;

type TServiceRow = Prisma.ServiceRecordGetPayload<{ select: typeof SERVICE_LIST_SELECT }>;
export type TServiceListItem = Omit<TServiceRow, "participations" | "providers"> & {
  clients: { id: string; name: string }[];
  providers: { id: string; name: string }[];
  planActionIds: string[];
  /** The caller may edit or delete it now (author or manager, edit window open). */
  canChange: boolean;
};

async function editWindowDays(tx: TTx, tenantId: string): Promise<number> {
  const tenant = await tx.tenant.findFirstOrThrow({ where: { id: tenantId }, select: { serviceEditWindowDays: true } });
  return tenant.serviceEditWindowDays;
}

function toListItem(ctx: TContext, row: TServiceRow, windowDays: number, now: Date): TServiceListItem {
  const { participations, providers, ...fields } = row;
  return {
    ...fields,
    clients: participations.map((p) => p.client),
    providers: providers.map((p) => p.user),
    planActionIds: participations.flatMap((p) => (p.planActionId ? [p.planActionId] : [])),
    canChange: mayChangeRecord(ctx, row) && editWindowOpen(row.createdAt, windowDays, now),
  };
}

const sumMinutes = (items: { durationMinutes: number }[]) => items.reduce((sum, i) => sum + i.durationMinutes, 0);

/**
 * The caller's day or week: the services they delivered or logged, oldest first, with the minutes
 * per day and in total.
 */
export async function listOwnServices(ctx: TContext, rawInput: TOwnServicesInput) {
  await assertCan(ctx, "services.log");
  const input = parseInput(ZOwnServicesInput, rawInput);
  const date = input.date ?? todayInPoland();
  const from = input.view === "week" ? startOfWeek(date) : date;
  const to = addDays(from, input.view === "week" ? 7 : 1);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const windowDays = await editWindowDays(tx, ctx.tenantId);
    const rows = await tx.serviceRecord.findMany({
      where: {
        tenantId: ctx.tenantId,
        deletedAt: null,
        date: { gte: dateOnly(from), lt: dateOnly(to) },
        // The provider rows carry the date too: bounding them keeps the lookup to the user's days,
        // not their whole history (docs/benchmarks.md).
        OR: [{ providers: { some: { userId: ctx.userId, date: { gte: dateOnly(from), lt: dateOnly(to) } } } }, { authorId: ctx.userId }],
      },
      select: SERVICE_LIST_SELECT,
      orderBy: [{ date: "asc" }, { startTime: { sort: "asc", nulls: "last" } }, { createdAt: "asc" }],
    });
    const now = new Date();
    const items = rows.map((row) => toListItem(ctx, row, windowDays, now));
    const days = Array.from({ length: input.view === "week" ? 7 : 1 }, (_, i) => {
      const day = addDays(from, i);
      const records = items.filter((item) => isoDate(item.date) === day);
      return { date: day, records, minutes: sumMinutes(records) };
    });
    return { view: input.view, date, from, to: addDays(to, -1), days, count: items.length, minutes: sumMinutes(items) };
  });
}

/** A client's service history, newest first, filtered by support type and period, with the filtered total. */
export async function listClientServices(
  ctx: TContext,
  clientId: string,
  rawInput: TClientServicesInput,
): Promise<TPage<TServiceListItem> & { minutes: number }> {
  await assertCan(ctx, "services.read");
  const input = parseInput(ZClientServicesInput, rawInput);
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    await assertClientInScope(tx, ctx, clientId, "services.read");
    const where: Prisma.ServiceRecordWhereInput = {
      tenantId: ctx.tenantId,
      deletedAt: null,
      participations: { some: { clientId } },
      ...(input.supportType ? { supportType: input.supportType } : {}),
      ...(input.from || input.to
        ? { date: { ...(input.from ? { gte: dateOnly(input.from) } : {}), ...(input.to ? { lte: dateOnly(input.to) } : {}) } }
        : {}),
    };
    const windowDays = await editWindowDays(tx, ctx.tenantId);
    const rows = await tx.serviceRecord.findMany({
      where,
      select: SERVICE_LIST_SELECT,
      orderBy: [{ date: "desc" }, { startTime: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }],
      ...toSkipTake(input),
    });
    const totals = await tx.serviceRecord.aggregate({ where, _count: { _all: true }, _sum: { durationMinutes: true } });
    const now = new Date();
    return { ...toPage(rows.map((row) => toListItem(ctx, row, windowDays, now)), totals._count._all, input), minutes: totals._sum.durationMinutes ?? 0 };
  }));
}

/**
 * The path's implementation: each action of the approved plan next to the services delivered for
 * it, then the services of this path linked to earlier plan versions or to no action.
 */
export async function getPathImplementation(ctx: TContext, pathId: string) {
  await assertCan(ctx, "paths.read");
  await assertCan(ctx, "services.read");
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    const head = await loadPathHead(tx, ctx, pathId, false);
    const approved = await tx.pathPlanVersion.findFirst({
      where: { tenantId: ctx.tenantId, pathId: head.id, status: "APPROVED" },
      select: {
        id: true,
        number: true,
        actions: {
          select: { id: true, position: true, supportType: true, specialistArea: true, description: true, plannedFrom: true, plannedTo: true, status: true },
          orderBy: { position: "asc" },
        },
      },
    });
    const windowDays = await editWindowDays(tx, ctx.tenantId);
    const rows = await tx.serviceRecord.findMany({
      where: { tenantId: ctx.tenantId, deletedAt: null, participations: { some: { pathId: head.id, clientId: head.clientId } } },
      select: SERVICE_LIST_SELECT,
      orderBy: [{ date: "asc" }, { createdAt: "asc" }],
    });
    const now = new Date();
    // The action this path's client's participation implements (other participants link their own).
    const services = rows.map((row) => ({
      ...toListItem(ctx, row, windowDays, now),
      planActionId: row.participations.find((p) => p.client.id === head.clientId)?.planActionId ?? null,
    }));
    // A revised plan keeps an action where it stood (as the plan comparison does): services linked
    // to an earlier approved version's action at the same position and of the same type belong to
    // the current one.
    const earlier = approved
      ? await tx.pathPlanAction.findMany({
          where: { tenantId: ctx.tenantId, planVersion: { pathId: head.id, status: "SUPERSEDED" } },
          select: { id: true, position: true, supportType: true },
        })
      : [];
    const currentActionOf = new Map<string, string>();
    for (const action of approved?.actions ?? []) {
      currentActionOf.set(action.id, action.id);
      for (const old of earlier) if (old.position === action.position && old.supportType === action.supportType) currentActionOf.set(old.id, action.id);
    }
    const delivered = (actionId: string) => services.filter((s) => s.planActionId && currentActionOf.get(s.planActionId) === actionId);
    return {
      pathId: head.id,
      clientId: head.clientId,
      planNumber: approved?.number ?? null,
      actions: (approved?.actions ?? []).map((action) => {
        const forAction = delivered(action.id);
        return { ...action, services: forAction, minutes: sumMinutes(forAction) };
      }),
      otherServices: services.filter((s) => !s.planActionId || !currentActionOf.has(s.planActionId)),
      minutes: sumMinutes(services),
    };
  }));
}

/** One record as its edit form needs it; only its author or a manager may open it. */
export async function getServiceForEdit(ctx: TContext, serviceId: string) {
  await assertCan(ctx, "services.log");
  assertId(serviceId, "ServiceRecord");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const row = await tx.serviceRecord.findFirst({
      where: { tenantId: ctx.tenantId, id: serviceId, deletedAt: null },
      select: {
        ...SERVICE_LIST_SELECT,
        officeId: true,
        participations: {
          select: {
            planActionId: true,
            client: { select: { id: true, name: true } },
            planAction: { select: { id: true, position: true, supportType: true, description: true } },
          },
        },
      },
    });
    if (!row) throw notFound("ServiceRecord");
    const item = toListItem(ctx, row, await editWindowDays(tx, ctx.tenantId), new Date());
    return {
      ...item,
      officeId: row.officeId,
      planActionByClient: Object.fromEntries(row.participations.map((p) => [p.client.id, p.planActionId ?? ""])),
      /** The actions it is linked to now (perhaps of a plan version since superseded: the edit form still offers them). */
      linkedActions: row.participations.flatMap((p): TPlanActionOption[] => (p.planAction ? [{ ...p.planAction, clientId: p.client.id }] : [])),
    };
  });
}

export type TPlanActionOption = { id: string; clientId: string; position: number; supportType: string; description: string };

/** The actions a service for these clients may implement: those of the approved plan of each one's open path. */
async function loadPlanActions(tx: TTx, ctx: TContext, clientIds: string[]): Promise<TPlanActionOption[]> {
  if (clientIds.length === 0) return [];
  const actions = await tx.pathPlanAction.findMany({
    where: { tenantId: ctx.tenantId, planVersion: { status: "APPROVED", path: { openClientId: { in: clientIds } } } },
    select: { id: true, position: true, supportType: true, description: true, planVersion: { select: { path: { select: { clientId: true } } } } },
    orderBy: { position: "asc" },
  });
  return actions.map(({ planVersion, ...a }) => ({ ...a, clientId: planVersion.path.clientId }));
}

/** Clients to add to a service by name or identifier (the client list's search), with their plan actions. */
export async function findClientsForService(ctx: TContext, query: string) {
  await assertCan(ctx, "services.log");
  const page = await findClients(ctx, { q: query, pageSize: 10 }, { scopedTo: "services.log" });
  const clients = page.items.map((c) => ({ id: c.id, name: c.name, town: c.town }));
  const planActions = await tenantTransaction(ctx.tenantId, (tx) => loadPlanActions(tx, ctx, clients.map((c) => c.id)));
  return { clients, planActions, total: page.total };
}

/**
 * What the entry form offers: the users who may deliver, the offices, the caller's own clients
 * (key-advisor caseload and clients they served in the last 90 days), and for the given clients
 * the actions of their open path's approved plan.
 */
export async function getServiceFormOptions(ctx: TContext, clientIds: readonly string[] = []) {
  await assertCan(ctx, "services.log");
  for (const id of clientIds) assertId(id, "Client");
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    const providers = await tx.user.findMany({
      where: { tenantId: ctx.tenantId, active: true, role: { in: [...DELIVERING_ROLES] } },
      select: { id: true, name: true, role: true },
      orderBy: { name: "asc" },
    });
    const offices = await tx.office.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
    // From the user's own recent work (index on provider, user, date), not from every client's history.
    const since = addDays(todayInPoland(), -90);
    const recent = await tx.$queryRaw<{ clientId: string }[]>`
      SELECT DISTINCT p.client_id AS "clientId"
      FROM service_provider sp
      JOIN service_record r ON r.tenant_id = sp.tenant_id AND r.id = sp.service_id AND r.deleted_at IS NULL
      JOIN service_participation p ON p.tenant_id = sp.tenant_id AND p.service_id = sp.service_id
      WHERE sp.tenant_id = ${ctx.tenantId}::uuid AND sp.user_id = ${ctx.userId}::uuid AND sp.date >= ${since}::date
      LIMIT 100`;
    // Only clients the caller may still log for (a member removed from a team loses them).
    const scope = clientScopeWhere(ctx, "services.log");
    const myClients = scope === null ? [] : await tx.client.findMany({
      where: {
        tenantId: ctx.tenantId,
        AND: [scope, { OR: [{ keyAdvisorId: ctx.userId, status: "ACTIVE" }, clientTeamWhere(ctx), { id: { in: recent.map((r) => r.clientId) } }] }],
      },
      select: { id: true, name: true },
      orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
      take: 100,
    });
    const given = clientIds.length
      ? await tx.client.findMany({ where: { tenantId: ctx.tenantId, id: { in: [...clientIds] } }, select: { id: true, name: true } })
      : [];
    if (given.length !== new Set(clientIds).size) throw notFound("Client");
    const relations = await loadClientRelations(tx, ctx, given.map((c) => c.id));
    for (const access of relations.values()) assertAccessInScope(ctx, access, "services.log", "services.read");
    const clients = [...given, ...myClients.filter((c) => !given.some((g) => g.id === c.id))];
    const planActions = await loadPlanActions(tx, ctx, clients.map((c) => c.id));
    const me = await tx.user.findFirst({ where: { tenantId: ctx.tenantId, id: ctx.userId }, select: { officeId: true } });
    return {
      providers,
      offices,
      myOfficeId: me?.officeId ?? null,
      clients,
      planActions,
    };
  }));
}
