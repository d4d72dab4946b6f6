import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { refuseDuplicates } from "@/lib/db/errors";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { queueInvitation, unusablePasswordHash } from "@/lib/domain/accounts/invite";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import {
  ZChangeOwnPasswordInput,
  ZCreateUserInput,
  ZFindUsersInput,
  ZUpdateUserInput,
  type TChangeOwnPasswordInput,
  type TCreateUserInput,
  type TFindUsersInput,
  type TUpdateUserInput,
} from "./schemas";

const USER_SELECT = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  partnerId: true,
  officeId: true,
  lastSignInAt: true,
  /** Null while the invitation is pending (the user has not chosen a password yet). */
  passwordSetAt: true,
  partner: { select: { name: true } },
  office: { select: { name: true } },
} satisfies Prisma.UserSelect;

export type TUser = Prisma.UserGetPayload<{ select: typeof USER_SELECT }>;

/** The audited shape of a user: what an auditor needs to see changed, never the hash. */
function auditView(user: TUser) {
  return {
    name: user.name,
    email: user.email,
    role: user.role,
    active: user.active,
    partnerId: user.partnerId,
    officeId: user.officeId,
  };
}

async function loadUser(tx: TTx, ctx: TContext, userId: string): Promise<TUser> {
  assertId(userId, "User");
  const user = await tx.user.findFirst({ where: { id: userId, tenantId: ctx.tenantId }, select: USER_SELECT });
  if (!user) throw notFound("User");
  return user;
}

/** Partner and office ids come from the form: they must exist in the caller's tenant. */
async function assertOrganisationRefs(tx: TTx, ctx: TContext, refs: { partnerId: string | null; officeId: string | null }) {
  if (refs.partnerId) {
    const found = await tx.partner.count({ where: { id: refs.partnerId, tenantId: ctx.tenantId } });
    if (!found) throw new AppError("VALIDATION_FAILED", { fieldErrors: { partnerId: "unknownPartner" } });
  }
  if (refs.officeId) {
    const found = await tx.office.count({ where: { id: refs.officeId, tenantId: ctx.tenantId } });
    if (!found) throw new AppError("VALIDATION_FAILED", { fieldErrors: { officeId: "unknownOffice" } });
  }
}

/** The pre-check below gives the message; the unique index settles a race between two saves. */
const withUniqueEmail = <T>(work: () => Promise<T>) => refuseDuplicates({ email: "emailTaken" }, work);

async function assertEmailFree(tx: TTx, ctx: TContext, email: string, exceptUserId?: string) {
  const taken = await tx.user.findFirst({
    where: { tenantId: ctx.tenantId, email, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) },
    select: { id: true },
  });
  if (taken) throw new AppError("ALREADY_EXISTS", { fieldErrors: { email: "emailTaken" } });
}

export async function findUsers(ctx: TContext, rawInput: TFindUsersInput): Promise<TPage<TUser>> {
  await assertCan(ctx, "users.read");
  const input = parseInput(ZFindUsersInput, rawInput);
  const where: Prisma.UserWhereInput = {
    tenantId: ctx.tenantId,
    ...(input.active === "all" ? {} : { active: input.active === "active" }),
    ...(input.role ? { role: input.role } : {}),
    ...(input.q
      ? {
          OR: [
            { name: { contains: input.q, mode: "insensitive" } },
            { email: { contains: input.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const [items, total] = await Promise.all([
      tx.user.findMany({ where, select: USER_SELECT, orderBy: [{ name: "asc" }, { id: "asc" }], ...toSkipTake(input) }),
      tx.user.count({ where }),
    ]);
    return toPage(items, total, input);
  });
}

export async function getUser(ctx: TContext, userId: string): Promise<TUser> {
  await assertCan(ctx, "users.read");
  return tenantTransaction(ctx.tenantId, (tx) => loadUser(tx, ctx, userId));
}

/**
 * A user with the options of their edit form. Only users.manage opens the form, and it is checked
 * before the user is looked up: a role that may read users but not manage them gets FORBIDDEN for
 * every id, never NOT_FOUND for some (a check raced against the lookup answered either).
 */
export async function getUserForEdit(ctx: TContext, userId: string): Promise<{ user: TUser } & TUserFormOptions> {
  await assertCan(ctx, "users.manage");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const user = await loadUser(tx, ctx, userId);
    return { user, ...(await loadUserFormOptions(tx, ctx)) };
  });
}

/**
 * The admin creates a user, who is invited by e-mail to choose a password (a single-use link,
 * 72 hours): the e-mail is queued in the same transaction, so it goes exactly when the user
 * exists. Until then the account's password is one nobody knows (signing in fails like a wrong
 * password) and `passwordSetAt` is null — "invitation pending".
 */
export async function createUser(ctx: TContext, rawInput: TCreateUserInput): Promise<TUser> {
  await assertCan(ctx, "users.manage");
  const input = parseInput(ZCreateUserInput, rawInput);
  const passwordHash = await unusablePasswordHash();
  return withUniqueEmail(() => tenantTransaction(ctx.tenantId, async (tx) => {
    await assertOrganisationRefs(tx, ctx, input);
    await assertEmailFree(tx, ctx, input.email);
    const created = await tx.user.create({
      data: {
        tenantId: ctx.tenantId,
        name: input.name,
        email: input.email,
        role: input.role,
        partnerId: input.partnerId,
        officeId: input.officeId,
        passwordHash,
        passwordSetAt: null,
      },
      select: USER_SELECT,
    });
    // One row for the act: the user was created and invited ("user.create" is the action of
    // users made before invitations, when the admin typed their password).
    await recordAudit(tx, auditActor(ctx), {
      action: "user.invite",
      entityType: "User",
      entityId: created.id,
      after: auditView(created),
    });
    await queueInvitation(tx, ctx.tenantId, created.id);
    return created;
  }));
}

export async function updateUser(ctx: TContext, userId: string, rawInput: TUpdateUserInput): Promise<TUser> {
  await assertCan(ctx, "users.manage");
  const input = parseInput(ZUpdateUserInput, rawInput);
  return withUniqueEmail(() => tenantTransaction(ctx.tenantId, async (tx) => {
    const before = await loadUser(tx, ctx, userId);
    if (userId === ctx.userId && input.role !== before.role) {
      throw new AppError("SELF_MODIFICATION_REFUSED", { fieldErrors: { role: "cannotChangeOwnRole" } });
    }
    await assertOrganisationRefs(tx, ctx, input);
    await assertEmailFree(tx, ctx, input.email, userId);
    const roleChanged = input.role !== before.role;
    const after = await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: userId } },
      data: {
        name: input.name,
        email: input.email,
        role: input.role,
        partnerId: input.partnerId,
        officeId: input.officeId,
        // A new role means new permissions: sessions minted under the old role end.
        ...(roleChanged ? { sessionVersion: { increment: 1 } } : {}),
      },
      select: USER_SELECT,
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "user.update",
      entityType: "User",
      entityId: userId,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  }));
}

/** Deactivation ends every open session of the user at their next request. */
export async function setUserActive(ctx: TContext, userId: string, active: boolean): Promise<TUser> {
  await assertCan(ctx, "users.manage");
  if (userId === ctx.userId && !active) throw new AppError("SELF_MODIFICATION_REFUSED");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const before = await loadUser(tx, ctx, userId);
    if (before.active === active) return before;
    const after = await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: userId } },
      data: { active, sessionVersion: { increment: 1 } },
      select: USER_SELECT,
    });
    await recordAudit(tx, auditActor(ctx), {
      action: active ? "user.activate" : "user.deactivate",
      entityType: "User",
      entityId: userId,
      before: { active: before.active },
      after: { active: after.active },
    });
    return after;
  });
}

/** The signed-in user changes their own password; every session, this one included, ends. */
export async function changeOwnPassword(ctx: TContext, rawInput: TChangeOwnPasswordInput): Promise<void> {
  await assertCan(ctx, "account.manage_own");
  const input = parseInput(ZChangeOwnPasswordInput, rawInput);
  const current = await tenantTransaction(ctx.tenantId, (tx) =>
    tx.user.findFirst({ where: { id: ctx.userId, tenantId: ctx.tenantId }, select: { passwordHash: true } }),
  );
  if (!current) throw notFound("User");
  if (!(await verifyPassword(current.passwordHash, input.currentPassword))) {
    throw new AppError("INVALID_CURRENT_PASSWORD", { fieldErrors: { currentPassword: "wrongCurrentPassword" } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await tenantTransaction(ctx.tenantId, async (tx) => {
    await tx.user.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: ctx.userId } },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "user.password_change",
      entityType: "User",
      entityId: ctx.userId,
      after: { passwordChanged: true },
    });
  });
}

type TUserFormOptions = { partners: { id: string; name: string }[]; offices: { id: string; name: string }[] };

async function loadUserFormOptions(tx: TTx, ctx: TContext): Promise<TUserFormOptions> {
  const [partners, offices] = await Promise.all([
    tx.partner.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    tx.office.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { partners, offices };
}

/** Options for the partner/office selects of the user form. */
export async function listUserFormOptions(ctx: TContext): Promise<TUserFormOptions> {
  await assertCan(ctx, "users.manage");
  return tenantTransaction(ctx.tenantId, (tx) => loadUserFormOptions(tx, ctx));
}
