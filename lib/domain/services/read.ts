import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { addDays, dateOnly, isoDate, startOfWeek, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, ZPageInput, type TPage, type TPageInput } from "@/lib/pagination";
import { assertAccessInScope, assertClientInScope, clientScopeWhere, clientTeamWhere, loadClientRelations } from "@/lib/domain/clients/access";
import { catalogueJsonSql, loadCatalogue, toCatalogue, type TCatalogue, type TSupportTypeOption } from "@/lib/domain/catalogue/read";
import { findClients } from "@/lib/domain/clients/service";
import { loadPathHead } from "@/lib/domain/paths/access";
import { recordAccess } from "@/lib/domain/privacy/access-log";
import { assertId, parseInput } from "@/lib/validation";
import { RECORD_FIELDS } from "./select";
import { DELIVERING_ROLES, editWindowOpen, mayChangeRecord } from "./policy";
import { ZClientServicesInput, ZOwnServicesInput, type TClientServicesInput, type TOwnServicesInput } from "./schemas";

export const SERVICE_LIST_SELECT = {
  id: true,
  ...RECORD_FIELDS,
  // The names of the record's support type and area in the tenant's catalogue (retired ones too),
  // joined by the list's own statement.
  supportTypeEntry: { select: { name: true, nameEn: true } },
  specialistAreaEntry: { select: { name: true, nameEn: true } },
  authorId: true,
  createdAt: true,
  participations: { select: { planActionId: true, client: { select: { id: true, name: true } } }, orderBy: { client: { nameNormalized: "asc" } } },
  providers: { select: { user: { select: { id: true, name: true } } } },
  eventSession: { select: { eventId: true } },
} satisfies Prisma.ServiceRecordSelect;

type TServiceRow = Prisma.ServiceRecordGetPayload<{ select: typeof SERVICE_LIST_SELECT }>;
export type TServiceListItem = Omit<TServiceRow, "participations" | "providers" | "eventSession"> & {
  clients: { id: string; name: string }[];
  providers: { id: string; name: string }[];
  planActionIds: string[];
  /** The event whose session's attendance list wrote the record (it changes there); null for a logged one. */
  eventId: string | null;
  /** The caller may edit or delete it now (author or manager, edit window open, not written by an attendance list). */
  canChange: boolean;
};

async function editWindowDays(tx: TTx, tenantId: string): Promise<number> {
  const tenant = await tx.tenant.findFirstOrThrow({ where: { id: tenantId }, select: { serviceEditWindowDays: true } });
  return tenant.serviceEditWindowDays;
}

function toListItem(ctx: TContext, row: TServiceRow, windowDays: number, now: Date): TServiceListItem {
  const { participations, providers, eventSession, ...fields } = row;
  return {
    ...fields,
    clients: participations.map((p) => p.client),
    providers: providers.map((p) => p.user),
    planActionIds: participations.flatMap((p) => (p.planActionId ? [p.planActionId] : [])),
    eventId: eventSession?.eventId ?? null,
    canChange: !eventSession && mayChangeRecord(ctx, row) && editWindowOpen(row.createdAt, windowDays, now),
  };
}

const sumMinutes = (items: { durationMinutes: number }[]) => items.reduce((sum, i) => sum + i.durationMinutes, 0);

/**
 * The caller's day or week: the services they delivered or logged, oldest first, with the minutes
 * per day and in total.
 */
export async function listOwnServices(ctx: TContext, rawInput: TOwnServicesInput): Promise<TOwnServices> {
  await assertCan(ctx, "services.log");
  const input = parseInput(ZOwnServicesInput, rawInput);
  return tenantTransaction(ctx.tenantId, (tx) => loadOwnServices(tx, ctx, input));
}

/**
 * The day view's page in one transaction: the caller's period (listOwnServices) and the entry
 * form's options (getServiceFormOptions).
 */
export async function getOwnServicesPage(ctx: TContext, rawInput: TOwnServicesInput) {
  await assertCan(ctx, "services.log");
  const input = parseInput(ZOwnServicesInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => ({ own: await loadOwnServices(tx, ctx, input), options: await loadServiceFormOptions(tx, ctx, []) }));
}

async function loadOwnServices(tx: TTx, ctx: TContext, input: { date?: string; view: "day" | "week" }) {
  const date = input.date ?? todayInPoland();
  const from = input.view === "week" ? startOfWeek(date) : date;
  const to = addDays(from, input.view === "week" ? 7 : 1);
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
}

export type TOwnServices = Awaited<ReturnType<typeof loadOwnServices>>;

export type TClientServicesPage = TPage<TServiceListItem> & { minutes: number; client: { id: string; name: string } };

/**
 * A client's service history, newest first, filtered by support type and period, with the filtered
 * total and the tenant's support types (the filter's choices, retired ones too: old records have them).
 */
export async function listClientServices(
  ctx: TContext,
  clientId: string,
  rawInput: TClientServicesInput,
): Promise<TClientServicesPage & { supportTypes: TSupportTypeOption[] }> {
  await assertCan(ctx, "services.read");
  const input = parseInput(ZClientServicesInput, rawInput);
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    const client = await assertClientInScope(tx, ctx, clientId, "services.read");
    const page = await loadClientServices(tx, ctx, client, input);
    await recordAccess(tx, ctx, [{ clientId: client.id, view: "CLIENT_SERVICES", detail: "services" }]);
    return { ...page, supportTypes: (await loadCatalogue(tx, ctx.tenantId)).supportTypes };
  }));
}

/**
 * listClientServices inside the caller's transaction, for a caller that has already checked
 * services.read on the client (the client page, lib/domain/clients/client-page.ts).
 */
export async function loadClientServices(
  tx: TTx,
  ctx: TContext,
  client: { id: string; name: string },
  rawInput: TClientServicesInput,
): Promise<TClientServicesPage> {
  const input = parseInput(ZClientServicesInput, rawInput);
  // Driven from the client's own participations (the (tenant_id, client_id, date) index, the date
  // copied from the record), never from the centre's records filtered down to the client.
  const where: Prisma.ServiceParticipationWhereInput = {
    tenantId: ctx.tenantId,
    clientId: client.id,
    ...(input.from || input.to
      ? { date: { ...(input.from ? { gte: dateOnly(input.from) } : {}), ...(input.to ? { lte: dateOnly(input.to) } : {}) } }
      : {}),
    service: { deletedAt: null, ...(input.supportType ? { supportType: input.supportType } : {}) },
  };
  const windowDays = await editWindowDays(tx, ctx.tenantId);
  const participations = await tx.serviceParticipation.findMany({
    where,
    select: { service: { select: SERVICE_LIST_SELECT } },
    orderBy: [{ date: "desc" }, { service: { startTime: { sort: "desc", nulls: "last" } } }, { service: { createdAt: "desc" } }, { serviceId: "desc" }],
    ...toSkipTake(input),
  });
  const rows = participations.map((p) => p.service);
  const [totals] = await tx.$queryRaw<{ count: number; minutes: number }[]>`
    SELECT count(*)::int AS count, coalesce(sum(r.duration_minutes), 0)::int AS minutes
    FROM service_participation p
    JOIN service_record r ON r.tenant_id = p.tenant_id AND r.id = p.service_id
    WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.client_id = ${client.id}::uuid AND r.deleted_at IS NULL
      ${input.from ? Prisma.sql`AND p.date >= ${input.from}::date` : Prisma.empty}
      ${input.to ? Prisma.sql`AND p.date <= ${input.to}::date` : Prisma.empty}
      ${input.supportType ? Prisma.sql`AND r.support_type = ${input.supportType}::text` : Prisma.empty}`;
  const now = new Date();
  const page = toPage(rows.map((row) => toListItem(ctx, row, windowDays, now)), totals?.count ?? 0, input);
  return { ...page, minutes: totals?.minutes ?? 0, client: { id: client.id, name: client.name } };
}

/** Services per page on the path's implementation tab. */
export const IMPLEMENTATION_PAGE_SIZE = 20;

/**
 * The path's implementation: each action of the approved plan with the number and minutes of the
 * services delivered for it (over the whole path), then one page of the path's services, newest
 * first, grouped by the action they implement (`services` on each action, `otherServices` for
 * those linked to earlier plan versions or to no action). Bounded: the totals are aggregates over
 * the path's own participations (the (tenant, path, date) index, or the client's) and the page
 * takes 20 of them: neither reads the centre's history, and the page does not grow with the path's.
 */
export async function getPathImplementation(ctx: TContext, pathId: string, rawInput: Partial<TPageInput> = {}) {
  await assertCan(ctx, "paths.read");
  await assertCan(ctx, "services.read");
  const input = parseInput(ZPageInput, { pageSize: IMPLEMENTATION_PAGE_SIZE, ...rawInput });
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => loadPathImplementation(tx, ctx, await loadPathHead(tx, ctx, pathId, false), input)),
  );
}

/**
 * getPathImplementation inside the caller's transaction, for a caller that has already checked
 * paths.read and services.read and loaded the path's head (the path page, getPathPage), which may
 * pass the tenant's `serviceEditWindowDays` it has read already.
 */
export async function loadPathImplementation(
  tx: TTx,
  ctx: TContext,
  head: { id: string; clientId: string },
  rawInput: Partial<TPageInput> = {},
  known: { serviceEditWindowDays?: number } = {},
) {
  const input = parseInput(ZPageInput, { pageSize: IMPLEMENTATION_PAGE_SIZE, ...rawInput });
  // The approved plan and the versions it superseded, in one statement. A revised plan keeps an
  // action where it stood (as the plan comparison does): services linked to an earlier approved
  // version's action at the same position and of the same type belong to the current one.
  const versions = await tx.pathPlanVersion.findMany({
    where: { tenantId: ctx.tenantId, pathId: head.id, status: { in: ["APPROVED", "SUPERSEDED"] } },
    select: {
      id: true,
      number: true,
      status: true,
      actions: {
        select: { id: true, position: true, supportType: true, specialistArea: true, description: true, plannedFrom: true, plannedTo: true, status: true },
        orderBy: { position: "asc" },
      },
    },
  });
  const approved = versions.find((v) => v.status === "APPROVED");
  const earlier = approved ? versions.filter((v) => v.status === "SUPERSEDED").flatMap((v) => v.actions) : [];
  const currentActionOf = new Map<string, string>();
  for (const action of approved?.actions ?? []) {
    currentActionOf.set(action.id, action.id);
    for (const old of earlier) if (old.position === action.position && old.supportType === action.supportType) currentActionOf.set(old.id, action.id);
  }
  const actionOf = (planActionId: string | null) => (planActionId ? (currentActionOf.get(planActionId) ?? null) : null);

  // The path's client's participations (other participants of a group session link their own
  // paths): totals per linked action in one aggregate over the path's rows.
  const totals = await tx.$queryRaw<{ planActionId: string | null; count: number; minutes: number }[]>`
    SELECT p.plan_action_id AS "planActionId", count(*)::int AS count, coalesce(sum(r.duration_minutes), 0)::int AS minutes
    FROM service_participation p
    JOIN service_record r ON r.tenant_id = p.tenant_id AND r.id = p.service_id
    WHERE p.tenant_id = ${ctx.tenantId}::uuid AND p.path_id = ${head.id}::uuid AND p.client_id = ${head.clientId}::uuid AND r.deleted_at IS NULL
    GROUP BY p.plan_action_id`;
  const byAction = new Map<string | null, { count: number; minutes: number }>();
  for (const row of totals) {
    const key = actionOf(row.planActionId);
    const entry = byAction.get(key) ?? { count: 0, minutes: 0 };
    entry.count += row.count;
    entry.minutes += row.minutes;
    byAction.set(key, entry);
  }
  const count = totals.reduce((sum, row) => sum + row.count, 0);

  // One page, newest first, from the same rows, each with its record's clients and providers
  // (relationJoins: one statement; the path's rows through (tenant_id, path_id, date)).
  const page = await tx.serviceParticipation.findMany({
    where: { tenantId: ctx.tenantId, pathId: head.id, clientId: head.clientId, service: { deletedAt: null } },
    select: { planActionId: true, service: { select: SERVICE_LIST_SELECT } },
    orderBy: [{ date: "desc" }, { service: { startTime: { sort: "desc", nulls: "last" } } }, { service: { createdAt: "desc" } }, { serviceId: "desc" }],
    ...toSkipTake(input),
  });
  const windowDays = known.serviceEditWindowDays ?? (await editWindowDays(tx, ctx.tenantId));
  const now = new Date();
  // The action this path's client's participation implements, as the current plan names it.
  const services = page.map(({ planActionId, service }) => ({ ...toListItem(ctx, service, windowDays, now), planActionId, actionId: actionOf(planActionId) }));
  return {
    pathId: head.id,
    clientId: head.clientId,
    planNumber: approved?.number ?? null,
    actions: (approved?.actions ?? []).map((action) => ({
      ...action,
      count: byAction.get(action.id)?.count ?? 0,
      minutes: byAction.get(action.id)?.minutes ?? 0,
      /** This page's services for the action. */
      services: services.filter((s) => s.actionId === action.id),
    })),
    /** The services linked to no action of the approved plan: their totals, and this page's. */
    other: byAction.get(null) ?? { count: 0, minutes: 0 },
    otherServices: services.filter((s) => s.actionId === null),
    count,
    minutes: totals.reduce((sum, row) => sum + row.minutes, 0),
    /** The page of services (newest first) with the path's total. */
    page: toPage(services, count, input),
  };
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
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, (tx) => loadServiceFormOptions(tx, ctx, clientIds)));
}

async function loadServiceFormOptions(tx: TTx, ctx: TContext, clientIds: readonly string[]) {
  const { staff: providers, offices, catalogue } = await loadFormLists(tx, ctx);
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
  return { providers, offices, myOfficeId: await myOfficeId(tx, ctx), clients, planActions, supportTypes: catalogue.supportTypes, specialistAreas: catalogue.specialistAreas };
}

export type TServiceFormOptions = Awaited<ReturnType<typeof loadServiceFormOptions>>;

/**
 * The entry form's options on a client's page, inside the caller's transaction, for a caller that
 * has already checked services.log on the client: the form is for this client (others are added
 * by search), so the caller's quick-pick list of clients is not read. `lists` is
 * {@link loadFormLists}, which the page reads once for the team too.
 */
export async function loadClientFormOptions(
  tx: TTx,
  ctx: TContext,
  client: { id: string; name: string },
  lists: TFormLists,
): Promise<TServiceFormOptions> {
  const planActions = await loadPlanActions(tx, ctx, [client.id]);
  return {
    providers: lists.staff,
    offices: lists.offices,
    myOfficeId: await myOfficeId(tx, ctx),
    clients: [client],
    planActions,
    supportTypes: lists.catalogue.supportTypes,
    specialistAreas: lists.catalogue.specialistAreas,
  };
}

export type TDeliveringStaff = { id: string; name: string; role: string };
export type TFormLists = {
  staff: TDeliveringStaff[];
  offices: { id: string; name: string }[];
  /** The tenant's support catalogue: the form's types and areas, and the names of listed records'. */
  catalogue: TCatalogue;
};

/**
 * The form's reference lists in one statement: the active users who may deliver services
 * (DELIVERING_ROLES) — the form's providers and the client team's candidates — the offices, each
 * by name, and the tenant's support catalogue.
 */
export async function loadFormLists(tx: TTx, ctx: TContext): Promise<TFormLists> {
  const rows = await tx.$queryRaw<{ kind: "user" | "office" | "catalogue"; id: string; name: string; role: string | null; catalogue: unknown }[]>`
    SELECT 'user' AS kind, u.id, u.name, u.role::text AS role, NULL::json AS catalogue
    FROM "user" u
    WHERE u.tenant_id = ${ctx.tenantId}::uuid AND u.active AND u.role::text = ANY(${[...DELIVERING_ROLES]}::text[])
    UNION ALL
    SELECT 'office', o.id, o.name, NULL, NULL FROM office o WHERE o.tenant_id = ${ctx.tenantId}::uuid
    UNION ALL
    SELECT 'catalogue', NULL, '', NULL, ${catalogueJsonSql(ctx.tenantId)}
    ORDER BY kind DESC, name, id`;
  return {
    staff: rows.flatMap((r) => (r.kind === "user" && r.role ? [{ id: r.id, name: r.name, role: r.role }] : [])),
    offices: rows.filter((r) => r.kind === "office").map((r) => ({ id: r.id, name: r.name })),
    catalogue: toCatalogue(rows.find((r) => r.kind === "catalogue")?.catalogue),
  };
}

/** The caller's office: from the session when it brought it, else read. */
async function myOfficeId(tx: TTx, ctx: TContext): Promise<string | null> {
  if (ctx.officeId !== undefined) return ctx.officeId;
  const me = await tx.user.findFirst({ where: { tenantId: ctx.tenantId, id: ctx.userId }, select: { officeId: true } });
  return me?.officeId ?? null;
}
