import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { addDays, dateOnly, isoDate, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ClientKind, SubjectRequestKind, SubjectRequestStatus } from "@/lib/generated/prisma/enums";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { DUE_SOON_DAYS, dueOnFor, effectiveDeadline, extensionRefusal, latestExtensionFor, requestUrgency, type TRequestUrgency } from "./request-policy";
import {
  ZCloseSubjectRequestInput,
  ZCreateSubjectRequestInput,
  ZExtendSubjectRequestInput,
  ZFindSubjectRequestsInput,
  type TCloseSubjectRequestInput,
  type TCreateSubjectRequestInput,
  type TExtendSubjectRequestInput,
  type TFindSubjectRequestsInput,
  type TRequestDueFilter,
} from "./request-schemas";

/**
 * The register of data subjects' requests (issue 17 §4; GDPR art. 15–18): the IOD records a request
 * with the day it came, the one-month deadline follows (art. 12(3)), an extension by up to two
 * months is recorded once with its reason, and the request is closed as done or refused with the
 * legal reason. Everything takes privacy.requests; every change is audited on the request.
 */

// ── loading ─────────────────────────────────────────────────────────────────────────────────────

const REQUEST_SELECT = {
  id: true,
  clientId: true,
  kind: true,
  status: true,
  requesterName: true,
  receivedOn: true,
  dueOn: true,
  extendedTo: true,
  extensionReason: true,
  outcome: true,
  closedAt: true,
  closedById: true,
  createdById: true,
  createdAt: true,
  client: { select: { id: true, name: true, kind: true, town: true, restrictedAt: true, anonymisedAt: true } },
} satisfies Prisma.SubjectRequestSelect;

export type TRequestRow = Prisma.SubjectRequestGetPayload<{ select: typeof REQUEST_SELECT }>;

/**
 * The request within the caller's tenant, locked against a concurrent change (another tab closing
 * it, an erasure running on it); a foreign, missing or malformed id is NOT_FOUND. For the services
 * of this area that act on a request (restriction, erasure, the access export).
 */
export async function loadRequestForUpdate(tx: TTx, ctx: TContext, requestId: string): Promise<TRequestRow> {
  assertId(requestId, "SubjectRequest");
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM subject_request WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${requestId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound("SubjectRequest");
  return loadRequest(tx, ctx, requestId);
}

async function loadRequest(tx: TTx, ctx: TContext, requestId: string): Promise<TRequestRow> {
  const request = await tx.subjectRequest.findFirst({ where: { tenantId: ctx.tenantId, id: requestId }, select: REQUEST_SELECT });
  if (!request) throw notFound("SubjectRequest");
  return request;
}

/** Refuses a change to a closed request (a key of privacy.requests.validation above the form). */
export function assertRequestOpen(request: { status: SubjectRequestStatus }): void {
  if (request.status !== "OPEN") throw new AppError("INVALID_STATE", { fieldErrors: { _form: "requestClosed" } });
}

/** The request's person: a request registered without one cannot be acted on for a person. */
export function requestClient(request: TRequestRow): NonNullable<TRequestRow["client"]> {
  if (!request.client) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "requestWithoutPerson" } });
  return request.client;
}

const deadlineOf = (r: { dueOn: Date; extendedTo: Date | null }) =>
  effectiveDeadline({ dueOn: isoDate(r.dueOn), extendedTo: r.extendedTo ? isoDate(r.extendedTo) : null });

// ── writing ─────────────────────────────────────────────────────────────────────────────────────

/** Registers a request; its deadline is one calendar month from receipt. Returns its id. */
export async function createSubjectRequest(ctx: TContext, rawInput: TCreateSubjectRequestInput): Promise<{ id: string }> {
  await assertCan(ctx, "privacy.requests");
  const input = parseInput(ZCreateSubjectRequestInput, rawInput);
  const dueOn = dueOnFor(input.receivedOn);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    if (input.clientId) {
      const client = await tx.client.findFirst({ where: { tenantId: ctx.tenantId, id: input.clientId }, select: { id: true } });
      if (!client) throw notFound("Client");
    }
    const request = await tx.subjectRequest.create({
      data: {
        tenantId: ctx.tenantId,
        clientId: input.clientId,
        kind: input.kind,
        requesterName: input.requesterName,
        receivedOn: dateOnly(input.receivedOn),
        dueOn: dateOnly(dueOn),
        createdById: ctx.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "subject_request.create",
      entityType: "SubjectRequest",
      entityId: request.id,
      after: { kind: input.kind, requesterName: input.requesterName, clientId: input.clientId, receivedOn: input.receivedOn, dueOn },
    });
    return request;
  });
}

/**
 * Extends an open request's deadline once, to a later day at most two months past the first one,
 * with the reason the person is told (art. 12(3)); decided before the first deadline has passed.
 */
export async function extendSubjectRequest(ctx: TContext, requestId: string, rawInput: TExtendSubjectRequestInput): Promise<void> {
  await assertCan(ctx, "privacy.requests");
  assertId(requestId, "SubjectRequest");
  const input = parseInput(ZExtendSubjectRequestInput, rawInput);
  await tenantTransaction(ctx.tenantId, async (tx) => {
    const request = await loadRequestForUpdate(tx, ctx, requestId);
    const current = { status: request.status, dueOn: isoDate(request.dueOn), extendedTo: request.extendedTo ? isoDate(request.extendedTo) : null };
    const refusal = extensionRefusal(current, input.extendedTo, todayInPoland());
    if (refusal) {
      throw new AppError(refusal.field === "_form" ? "INVALID_STATE" : "VALIDATION_FAILED", { fieldErrors: { [refusal.field]: refusal.key } });
    }
    await tx.subjectRequest.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: requestId } },
      data: { extendedTo: dateOnly(input.extendedTo), extensionReason: input.reason },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "subject_request.extend",
      entityType: "SubjectRequest",
      entityId: requestId,
      before: { extendedTo: null },
      after: { extendedTo: input.extendedTo, extensionReason: input.reason },
    });
  });
}

/**
 * Closes an open request as COMPLETED (what was done) or REFUSED (the legal reason), inside the
 * caller's transaction — for the erasure, which closes its request with what it did or why it could not.
 */
export async function closeRequestIn(tx: TTx, ctx: TContext, request: TRequestRow, status: "COMPLETED" | "REFUSED", outcome: string): Promise<void> {
  assertRequestOpen(request);
  await tx.subjectRequest.update({
    where: { tenantId_id: { tenantId: ctx.tenantId, id: request.id } },
    data: { status, outcome, closedAt: new Date(), closedById: ctx.userId },
    select: { id: true },
  });
  await recordAudit(tx, auditActor(ctx), {
    action: status === "COMPLETED" ? "subject_request.complete" : "subject_request.refuse",
    entityType: "SubjectRequest",
    entityId: request.id,
    before: { status: request.status },
    after: { status, outcome },
  });
}

async function closeSubjectRequest(ctx: TContext, requestId: string, rawInput: TCloseSubjectRequestInput, status: "COMPLETED" | "REFUSED"): Promise<void> {
  assertId(requestId, "SubjectRequest");
  const input = parseInput(ZCloseSubjectRequestInput, rawInput);
  await tenantTransaction(ctx.tenantId, async (tx) => {
    const request = await loadRequestForUpdate(tx, ctx, requestId);
    await closeRequestIn(tx, ctx, request, status, input.outcome);
  });
}

/** Closes an open request as done, saying what was done (e.g. "Kopię danych wysłano pocztą 12.01.2027"). */
export async function completeSubjectRequest(ctx: TContext, requestId: string, rawInput: TCloseSubjectRequestInput): Promise<void> {
  await assertCan(ctx, "privacy.requests");
  await closeSubjectRequest(ctx, requestId, rawInput, "COMPLETED");
}

/** Refuses an open request, with the legal reason (art. 12(4): the person is told why and of the right to complain). */
export async function refuseSubjectRequest(ctx: TContext, requestId: string, rawInput: TCloseSubjectRequestInput): Promise<void> {
  await assertCan(ctx, "privacy.requests");
  await closeSubjectRequest(ctx, requestId, rawInput, "REFUSED");
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────────

export type TSubjectRequestListItem = {
  id: string;
  kind: SubjectRequestKind;
  status: SubjectRequestStatus;
  requesterName: string;
  client: { id: string; name: string } | null;
  receivedOn: string;
  /** The deadline in force (the extended one when extended). */
  deadline: string;
  extended: boolean;
  urgency: TRequestUrgency;
};

export type TSubjectRequestList = TPage<TSubjectRequestListItem> & {
  today: string;
  filters: { status?: SubjectRequestStatus; kind?: SubjectRequestKind; due?: TRequestDueFilter };
};

/** The deadline in force of a request aliased `r`. */
const DEADLINE_SQL = Prisma.sql`COALESCE(r.extended_to, r.due_on)`;

/** Open requests past their deadline (`overdue`) or due within DUE_SOON_DAYS (`soon`): the list's filter and the dashboard's counts alike. */
function dueConditionSql(due: TRequestDueFilter, today: string): Prisma.Sql {
  return due === "overdue"
    ? Prisma.sql`r.status = 'OPEN' AND ${DEADLINE_SQL} < ${today}::date`
    : Prisma.sql`r.status = 'OPEN' AND ${DEADLINE_SQL} BETWEEN ${today}::date AND ${addDays(today, DUE_SOON_DAYS)}::date`;
}

/**
 * The IOD dashboard's counts of the register, as one JSON value: open requests, those overdue and
 * those due within DUE_SOON_DAYS — the conditions of the list's filters they link to.
 */
export function subjectRequestCountsSql(ctx: TContext, today: string): Prisma.Sql {
  return Prisma.sql`(SELECT json_build_object(
      'open', count(*) FILTER (WHERE r.status = 'OPEN'),
      'overdue', count(*) FILTER (WHERE ${dueConditionSql("overdue", today)}),
      'soon', count(*) FILTER (WHERE ${dueConditionSql("soon", today)}))
    FROM subject_request r WHERE r.tenant_id = ${ctx.tenantId}::uuid)`;
}

type TListRow = {
  id: string;
  kind: SubjectRequestKind;
  status: SubjectRequestStatus;
  requesterName: string;
  clientId: string | null;
  clientName: string | null;
  receivedOn: Date;
  deadline: Date;
  extended: boolean;
  total: number;
};

/**
 * The register: by status, kind and deadline (overdue, due soon); open requests first, each group
 * by the deadline in force, soonest first; paginated. Overdue and due-soon rows are marked.
 */
export async function findSubjectRequests(ctx: TContext, rawInput: TFindSubjectRequestsInput = {}): Promise<TSubjectRequestList> {
  await assertCan(ctx, "privacy.requests");
  const input = parseInput(ZFindSubjectRequestsInput, rawInput);
  const today = todayInPoland();
  const conditions = [
    Prisma.sql`r.tenant_id = ${ctx.tenantId}::uuid`,
    ...(input.status ? [Prisma.sql`r.status = ${input.status}::"SubjectRequestStatus"`] : []),
    ...(input.kind ? [Prisma.sql`r.kind = ${input.kind}::"SubjectRequestKind"`] : []),
    ...(input.due ? [dueConditionSql(input.due, today)] : []),
  ];
  const where = Prisma.join(conditions, " AND ");
  const { skip, take } = toSkipTake(input);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const rows = await tx.$queryRaw<TListRow[]>`
      SELECT r.id, r.kind::text AS kind, r.status::text AS status, r.requester_name AS "requesterName", c.id AS "clientId", c.name AS "clientName",
             r.received_on AS "receivedOn", ${DEADLINE_SQL} AS deadline, r.extended_to IS NOT NULL AS extended, count(*) OVER ()::int AS total
      FROM subject_request r LEFT JOIN client c ON c.tenant_id = r.tenant_id AND c.id = r.client_id
      WHERE ${where}
      ORDER BY (r.status = 'OPEN') DESC, ${DEADLINE_SQL} ASC, r.received_on ASC, r.id ASC
      LIMIT ${take} OFFSET ${skip}`;
    // Past the last page no row carries the total.
    const total =
      rows[0]?.total ?? (await tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM subject_request r WHERE ${where}`)[0]?.total ?? 0;
    const items = rows.map((r): TSubjectRequestListItem => {
      const deadline = isoDate(r.deadline);
      return {
        id: r.id,
        kind: r.kind,
        status: r.status,
        requesterName: r.requesterName,
        client: r.clientId && r.clientName !== null ? { id: r.clientId, name: r.clientName } : null,
        receivedOn: isoDate(r.receivedOn),
        deadline,
        extended: r.extended,
        urgency: requestUrgency({ status: r.status, deadline }, today),
      };
    });
    return { ...toPage(items, total, input), today, filters: { status: input.status, kind: input.kind, due: input.due } };
  });
}

/** What the IOD may do with a request now (the page shows only these controls; the services check again). */
export type TSubjectRequestAbilities = {
  canExtend: boolean;
  canClose: boolean;
  /** An access request (art. 15) of an identified person: download their data. */
  canExport: boolean;
  /** An open erasure request (art. 17) of an identified person not yet anonymised. */
  canErase: boolean;
  /** A restriction request (art. 18): restrict while open, lift whenever restricted. */
  canRestrict: boolean;
  canLiftRestriction: boolean;
};

export type TSubjectRequestPage = {
  request: {
    id: string;
    kind: SubjectRequestKind;
    status: SubjectRequestStatus;
    requesterName: string;
    receivedOn: string;
    dueOn: string;
    extendedTo: string | null;
    extensionReason: string | null;
    deadline: string;
    /** The latest day an extension may set. */
    latestExtension: string;
    urgency: TRequestUrgency;
    outcome: string | null;
    closedAt: Date | null;
    closedBy: string | null;
    createdBy: string | null;
    createdAt: Date;
  };
  client: { id: string; name: string; kind: ClientKind; town: string | null; restrictedAt: Date | null; anonymisedAt: Date | null } | null;
  today: string;
  abilities: TSubjectRequestAbilities;
};

/** One request with its person and what may be done with it now (three statements in one transaction). */
export async function getSubjectRequestPage(ctx: TContext, requestId: string): Promise<TSubjectRequestPage> {
  await assertCan(ctx, "privacy.requests");
  assertId(requestId, "SubjectRequest");
  const today = todayInPoland();
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const r = await loadRequest(tx, ctx, requestId);
    const staffIds = [r.createdById, r.closedById].filter((id): id is string => id !== null);
    const staff = await tx.user.findMany({ where: { tenantId: ctx.tenantId, id: { in: staffIds } }, select: { id: true, name: true } });
    const nameOf = (id: string | null) => (id ? (staff.find((u) => u.id === id)?.name ?? null) : null);
    const dueOn = isoDate(r.dueOn);
    const extendedTo = r.extendedTo ? isoDate(r.extendedTo) : null;
    const deadline = deadlineOf(r);
    const open = r.status === "OPEN";
    const person = r.client && r.client.anonymisedAt === null ? r.client : null;
    return {
      request: {
        id: r.id,
        kind: r.kind,
        status: r.status,
        requesterName: r.requesterName,
        receivedOn: isoDate(r.receivedOn),
        dueOn,
        extendedTo,
        extensionReason: r.extensionReason,
        deadline,
        latestExtension: latestExtensionFor(dueOn),
        urgency: requestUrgency({ status: r.status, deadline }, today),
        outcome: r.outcome,
        closedAt: r.closedAt,
        closedBy: nameOf(r.closedById),
        createdBy: nameOf(r.createdById),
        createdAt: r.createdAt,
      },
      client: r.client,
      today,
      abilities: {
        canExtend: extensionRefusal({ status: r.status, dueOn, extendedTo }, addDays(dueOn, 1), today) === null,
        canClose: open,
        canExport: r.kind === "ACCESS" && person !== null,
        canErase: r.kind === "ERASURE" && open && person !== null,
        canRestrict: r.kind === "RESTRICTION" && open && person !== null && person.restrictedAt === null,
        canLiftRestriction: r.kind === "RESTRICTION" && r.client !== null && r.client.restrictedAt !== null,
      },
    };
  });
}

/** The new request's form: today (the latest day it may have been received). Only for privacy.requests. */
export async function getNewSubjectRequestPage(ctx: TContext): Promise<{ today: string }> {
  await assertCan(ctx, "privacy.requests");
  return { today: todayInPoland() };
}
