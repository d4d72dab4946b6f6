import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { inScope, isCentreWide, type TScopedPermission } from "@/lib/auth/scope";
import { dateOnly, todayInPoland } from "@/lib/dates";
import { refuseDuplicates } from "@/lib/db/errors";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, isAppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { withoutSensitive } from "@/lib/domain/audit/redact";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertClientInScope, clientScopeWhere, loadClientRelations } from "./access";
import { normalizeNip } from "./identifiers";
import { foldForSearch } from "./normalize";
import {
  assertIdentifiersFree,
  assertOfficeInTenant,
  auditView,
  changedFields,
  clientData,
  findPossibleDuplicate,
  identifierFieldErrors,
  loadClient,
  lockClientForUpdate,
  replacePeople,
  stateOfInput,
  stateOfRow,
  type TClientDetails,
  type TClientState,
} from "./repository";
import { ZClientInput, ZFindClientsInput, type TClientInput, type TFindClientsInput } from "./schemas";

export type { TClientDetails } from "./repository";

const mayReadSensitive = (ctx: TContext) => can(ctx.role, "clients.read_sensitive");

/**
 * The pre-check names the client holding an identifier; between it and the insert another save
 * may take the identifier, and then the unique index refuses. That refusal is answered like the
 * pre-check's (DUPLICATE_IDENTIFIER with the link), or as ALREADY_EXISTS if the owner cannot be read.
 */
async function refuseTakenIdentifiers<T>(ctx: TContext, state: TClientState, exceptClientId: string | null, work: () => Promise<T>) {
  try {
    return await refuseDuplicates(identifierFieldErrors(state), work);
  } catch (error) {
    if (isAppError(error) && error.code === "ALREADY_EXISTS") {
      await tenantTransaction(ctx.tenantId, (tx) => assertIdentifiersFree(tx, ctx, state, exceptClientId));
    }
    throw error;
  }
}

/**
 * The same name in the same town is only a warning (it may be another person or organisation):
 * refused with POSSIBLE_DUPLICATE until the user confirms; a confirmed save is audited as an override.
 */
async function checkPossibleDuplicate(tx: TTx, ctx: TContext, state: TClientState, confirmed: boolean, exceptClientId: string | null) {
  const duplicate = await findPossibleDuplicate(tx, ctx, clientData(state), exceptClientId);
  if (duplicate && !confirmed) {
    throw new AppError("POSSIBLE_DUPLICATE", { params: { clientId: duplicate.id, clientName: duplicate.name } });
  }
  return duplicate;
}

async function recordDuplicateOverride(tx: TTx, ctx: TContext, clientId: string, duplicate: { id: string; name: string }) {
  await recordAudit(tx, auditActor(ctx), {
    action: "client.duplicate_override",
    entityType: "Client",
    entityId: clientId,
    after: { possibleDuplicateOfId: duplicate.id, possibleDuplicateOfName: duplicate.name },
  });
}

/** The caller's view of a client: without the special-category field unless their role may read it. */
function forViewer(ctx: TContext, client: TClientDetails): TClientDetails {
  if (mayReadSensitive(ctx) || client.sensitiveHidden) return client;
  const { hasDisability: _hidden, ...rest } = client;
  return { ...rest, sensitiveHidden: true };
}

/**
 * Whoever registers a client already knows them: unless their scope is centre-wide, they join the
 * new client's team (audited like any team change), so the client stays readable to them while it
 * waits in the queue. A manager or coordinator may remove them later.
 */
async function addRegistrarToTeam(tx: TTx, ctx: TContext, clientId: string) {
  if (isCentreWide(ctx, "clients.read")) return;
  const startsOn = todayInPoland();
  const { id } = await tx.clientTeamMember.create({
    data: { tenantId: ctx.tenantId, clientId, userId: ctx.userId, role: "ADVISOR", startsOn: dateOnly(startsOn), addedById: ctx.userId },
    select: { id: true },
  });
  await recordAudit(tx, auditActor(ctx), {
    action: "client.team_add",
    entityType: "Client",
    entityId: clientId,
    after: { memberId: id, userId: ctx.userId, role: "ADVISOR", startsOn, endsOn: null, reason: "registered" },
  });
}

/**
 * Registers a client. New clients wait in the unassigned queue (oldest first) until a key advisor
 * is assigned; the registrar joins their team. Refused with DUPLICATE_IDENTIFIER when a PESEL/NIP/REGON/KRS is already used in the
 * tenant, and with POSSIBLE_DUPLICATE for the same name in the same town unless confirmed. Never merges.
 */
export async function createClient(ctx: TContext, rawInput: TClientInput): Promise<TClientDetails> {
  await assertCan(ctx, "clients.write");
  const input = parseInput(ZClientInput, rawInput);
  const state = stateOfInput(input);
  const created = await refuseTakenIdentifiers(ctx, state, null, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      await assertIdentifiersFree(tx, ctx, state, null);
      await assertOfficeInTenant(tx, ctx, state.officeId);
      const duplicate = await checkPossibleDuplicate(tx, ctx, state, input.confirmPossibleDuplicate, null);
      const { id } = await tx.client.create({
        data: { ...clientData(state), tenantId: ctx.tenantId, status: "WAITING", waitingSince: new Date() },
        select: { id: true },
      });
      await replacePeople(tx, ctx, id, state.people);
      await recordAudit(tx, auditActor(ctx), { action: "client.create", entityType: "Client", entityId: id, after: auditView(state) });
      await addRegistrarToTeam(tx, ctx, id);
      if (duplicate) await recordDuplicateOverride(tx, ctx, id, duplicate);
      return loadClient(tx, ctx, id, true);
    }),
  );
  return forViewer(ctx, created);
}

/**
 * Edits a client's data (not their key advisor or status: see the caseload area). The people list
 * is replaced as a whole. The name-and-town warning is raised only when the name or the town
 * changes, so a client saved over the warning once is not warned about on every later edit.
 * A role without clients.read_sensitive cannot change the special-category field it cannot see.
 */
export async function updateClient(ctx: TContext, clientId: string, rawInput: TClientInput): Promise<TClientDetails> {
  await assertCan(ctx, "clients.write");
  assertId(clientId, "Client");
  const input = parseInput(ZClientInput, rawInput);
  const updated = await recordScopeRefusals(ctx, () => refuseTakenIdentifiers(ctx, stateOfInput(input), clientId, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const beforeRow = await lockClientForUpdate(tx, ctx, clientId);
      await assertClientInScope(tx, ctx, clientId, "clients.write");
      const before = stateOfRow(beforeRow);
      const state = { ...stateOfInput(input), ...(mayReadSensitive(ctx) ? {} : { hasDisability: before.hasDisability }) };
      const diff = changedFields(before, state);
      if (diff.changed.length === 0) return loadClient(tx, ctx, clientId, true);

      await assertIdentifiersFree(tx, ctx, state, clientId);
      await assertOfficeInTenant(tx, ctx, state.officeId);
      const beforeKeys = clientData(before);
      const afterKeys = clientData(state);
      const nameOrTownChanged = beforeKeys.nameNormalized !== afterKeys.nameNormalized || beforeKeys.townNormalized !== afterKeys.townNormalized;
      const duplicate = nameOrTownChanged
        ? await checkPossibleDuplicate(tx, ctx, state, input.confirmPossibleDuplicate, clientId)
        : null;

      await tx.client.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: clientId } },
        data: afterKeys,
        select: { id: true },
      });
      if (diff.changed.includes("people")) await replacePeople(tx, ctx, clientId, state.people);
      await recordAudit(tx, auditActor(ctx), {
        action: "client.update",
        entityType: "Client",
        entityId: clientId,
        before: diff.before,
        after: diff.after,
      });
      if (duplicate) await recordDuplicateOverride(tx, ctx, clientId, duplicate);
      return loadClient(tx, ctx, clientId, true);
    }),
  ));
  return forViewer(ctx, updated);
}

/**
 * One client with their office, key advisor and people. `hasDisability` is returned only to roles
 * holding clients.read_sensitive; for others it is absent and `sensitiveHidden` is true.
 */
export async function getClient(ctx: TContext, clientId: string): Promise<TClientDetails & { abilities: TClientAbilities }> {
  await assertCan(ctx, "clients.read");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const access = await assertClientInScope(tx, ctx, clientId, "clients.read");
      const client = await loadClient(tx, ctx, clientId, mayReadSensitive(ctx));
      return { ...client, abilities: abilitiesOf(ctx, access.relation) };
    }),
  );
}

/** What the caller may do with a client they can read, so pages need not re-derive the rules. */
export type TClientAbilities = {
  canEdit: boolean;
  canManageTeam: boolean;
  canLogService: boolean;
  canReadPaths: boolean;
  canOpenPath: boolean;
  canReadServices: boolean;
};

function abilitiesOf(ctx: TContext, relation: Parameters<typeof inScope>[2]): TClientAbilities {
  return {
    canEdit: inScope(ctx, "clients.write", relation),
    canManageTeam: inScope(ctx, "clients.team.manage", relation),
    canLogService: inScope(ctx, "services.log", relation),
    canReadPaths: inScope(ctx, "paths.read", relation),
    canOpenPath: inScope(ctx, "paths.write", relation),
    canReadServices: inScope(ctx, "services.read", relation),
  };
}

/** The client for its edit form: only for those who may change it (others get NOT_FOUND or FORBIDDEN). */
export async function getClientForEdit(ctx: TContext, clientId: string): Promise<TClientDetails> {
  await assertCan(ctx, "clients.write");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      await assertClientInScope(tx, ctx, clientId, "clients.write");
      return loadClient(tx, ctx, clientId, mayReadSensitive(ctx));
    }),
  );
}

const CLIENT_LIST_SELECT = {
  id: true,
  name: true,
  kind: true,
  status: true,
  town: true,
  keyAdvisor: { select: { id: true, name: true } },
  office: { select: { id: true, name: true } },
} satisfies Prisma.ClientSelect;

/** A search result: minimal data for everyone, and whether the caller may open the full record. */
export type TClientListItem = Prisma.ClientGetPayload<{ select: typeof CLIENT_LIST_SELECT }> & { canOpen: boolean };

/** Prisma passes `contains` to LIKE as it is: "%" and "_" typed by the user must match only themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** Digits only and 9–14 long after dropping spaces, dashes and "PL": a PESEL, NIP, REGON or KRS. */
const IDENTIFIER_QUERY_RE = /^\d{9,14}$/;

/**
 * The client list: filters, and `q` as either a whole identifier (exact match) or a fragment of
 * the name, folded like the stored key so "lodz" finds "Łódź" (served by the trigram index).
 */
export async function findClients(
  ctx: TContext,
  rawInput: TFindClientsInput,
  options: { scopedTo?: TScopedPermission } = {},
): Promise<TPage<TClientListItem>> {
  await assertCan(ctx, "clients.read");
  const input = parseInput(ZFindClientsInput, rawInput);
  // A server-side narrowing (e.g. the service form offers only clients one may log for).
  const scope = options.scopedTo ? clientScopeWhere(ctx, options.scopedTo) : {};
  if (scope === null) return toPage([], 0, input);
  const identifier = input.q ? normalizeNip(input.q) : "";
  const folded = input.q ? foldForSearch(input.q) : "";
  const where: Prisma.ClientWhereInput = {
    tenantId: ctx.tenantId,
    ...(options.scopedTo ? { AND: [scope] } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.officeId ? { officeId: input.officeId } : {}),
    ...(input.advisorId ? { keyAdvisorId: input.advisorId === "none" ? null : input.advisorId } : {}),
    ...(IDENTIFIER_QUERY_RE.test(identifier)
      ? { OR: [{ pesel: identifier }, { nip: identifier }, { regon: identifier }, { krs: identifier }] }
      : folded
        ? { nameNormalized: { contains: escapeLike(folded) } }
        : {}),
  };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    // One connection runs a transaction's queries one at a time anyway; awaiting them in turn avoids
    // overlapping queries on one pg client (deprecated by node-postgres).
    const items = await tx.client.findMany({
      where,
      select: CLIENT_LIST_SELECT,
      orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
      ...toSkipTake(input),
    });
    const total = await tx.client.count({ where });
    const relations = await loadClientRelations(tx, ctx, items.map((item) => item.id));
    return toPage(
      items.map((item) => {
        const access = relations.get(item.id);
        return { ...item, canOpen: access !== undefined && inScope(ctx, "clients.read", access.relation) };
      }),
      total,
      input,
    );
  });
}

const HISTORY_LIMIT = 50;

type TPersonRef = { id: string; name: string } | null;

export type TClientHistory = {
  id: string;
  /** Key-advisor assignments, newest first (at most 50). */
  assignments: {
    id: string;
    assignedAt: Date;
    advisor: { id: string; name: string };
    fromAdvisor: TPersonRef;
    assignedBy: TPersonRef;
    reason: string | null;
    releasedAt: Date | null;
    releasedBy: TPersonRef;
    releaseReason: string | null;
  }[];
  /** The client's audit entries, newest first (at most 50). */
  auditEntries: {
    id: string;
    createdAt: Date;
    action: string;
    actor: TPersonRef;
    before: Prisma.JsonValue;
    after: Prisma.JsonValue;
    /** True when special-category values were removed from before/after for this viewer. */
    sensitiveHidden: boolean;
  }[];
};

/** Who served the client and what changed: the assignment history and the client's audit trail. */
export async function getClientHistory(ctx: TContext, clientId: string): Promise<TClientHistory> {
  await assertCan(ctx, "clients.read");
  const sensitive = mayReadSensitive(ctx);
  return recordScopeRefusals(ctx, () => tenantTransaction(ctx.tenantId, async (tx) => {
    const client = await assertClientInScope(tx, ctx, clientId, "clients.read");
    const assignments = await tx.clientAssignment.findMany({
      where: { tenantId: ctx.tenantId, clientId },
      select: {
        id: true,
        assignedAt: true,
        advisor: { select: { id: true, name: true } },
        fromAdvisorId: true,
        assignedById: true,
        reason: true,
        releasedAt: true,
        releasedById: true,
        releaseReason: true,
      },
      orderBy: [{ assignedAt: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
    });
    const entries = await tx.auditLog.findMany({
      where: { tenantId: ctx.tenantId, entityType: "Client", entityId: clientId },
      select: { id: true, createdAt: true, action: true, actorId: true, before: true, after: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: HISTORY_LIMIT,
    });
    // The history's users in one query (these columns have no relation to user).
    const userIds = new Set<string>();
    for (const row of assignments) for (const id of [row.fromAdvisorId, row.assignedById, row.releasedById]) if (id) userIds.add(id);
    for (const entry of entries) if (entry.actorId) userIds.add(entry.actorId);
    const users = userIds.size
      ? await tx.user.findMany({ where: { tenantId: ctx.tenantId, id: { in: [...userIds] } }, select: { id: true, name: true } })
      : [];
    const byId = new Map(users.map((user) => [user.id, user]));
    const ref = (id: string | null): TPersonRef => (id ? (byId.get(id) ?? null) : null);

    return {
      id: client.id,
      assignments: assignments.map(({ fromAdvisorId, assignedById, releasedById, ...row }) => ({
        ...row,
        fromAdvisor: ref(fromAdvisorId),
        assignedBy: ref(assignedById),
        releasedBy: ref(releasedById),
      })),
      auditEntries: entries.map(({ actorId, before, after, ...entry }) => {
        const shownBefore = sensitive ? { value: before, removed: false } : withoutSensitive(before);
        const shownAfter = sensitive ? { value: after, removed: false } : withoutSensitive(after);
        return {
          ...entry,
          actor: ref(actorId),
          before: shownBefore.value,
          after: shownAfter.value,
          sensitiveHidden: shownBefore.removed || shownAfter.removed,
        };
      }),
    };
  }));
}

export { addTeamMember, getClientTeam, removeTeamMember } from "./team";
