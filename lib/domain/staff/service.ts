import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { dateOnly, isoDate } from "@/lib/dates";
import { AppError, notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertId, parseInput } from "@/lib/validation";
import { ZStaffInput, ZStaffWithdrawInput, type TParsedStaffInput, type TStaffInput, type TStaffWithdrawInput } from "./schemas";

/*
 * Staff records (staff.manage): who is employed as what, on which contract, from when to when.
 * They are the evidence of "animators employed" (an ANIMATOR on an EMPLOYMENT_CONTRACT counts in
 * every period the contract overlaps, once per person: the indicator_evidence view). Records are
 * corrected or withdrawn with a reason, never deleted; each change is audited ("staff.*").
 */

export const STAFF_FIELDS = {
  id: true,
  userId: true,
  personName: true,
  position: true,
  contractKind: true,
  reference: true,
  startsOn: true,
  endsOn: true,
  partnerId: true,
  officeId: true,
  withdrawnAt: true,
  withdrawReason: true,
} as const;

type TStaffRow = {
  userId: string | null;
  personName: string;
  position: string;
  contractKind: string;
  reference: string;
  startsOn: Date;
  endsOn: Date | null;
  partnerId: string | null;
  officeId: string | null;
};

/** What the audit trail keeps of a record (lib/domain/audit/fields.ts StaffEmployment). */
function auditState(row: TStaffRow) {
  return {
    userId: row.userId,
    personName: row.personName,
    position: row.position,
    contractKind: row.contractKind,
    reference: row.reference,
    startsOn: isoDate(row.startsOn),
    endsOn: row.endsOn ? isoDate(row.endsOn) : null,
    partnerId: row.partnerId,
    officeId: row.officeId,
  };
}

/** A record of the caller's tenant, locked; a foreign or made-up id is NOT_FOUND. */
export async function lockStaffRecord(tx: TTx, ctx: TContext, staffId: string) {
  assertId(staffId, "StaffEmployment");
  await tx.$queryRaw`SELECT id FROM staff_employment WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${staffId}::uuid FOR UPDATE`;
  const row = await tx.staffEmployment.findFirst({ where: { tenantId: ctx.tenantId, id: staffId }, select: STAFF_FIELDS });
  if (!row) throw notFound("StaffEmployment");
  return row;
}

/**
 * The record's data: the user, partner and office must be the tenant's (another tenant's or a
 * made-up id is NOT_FOUND, like a missing one). A chosen user gives the record their name.
 */
async function resolveData(tx: TTx, ctx: TContext, input: TParsedStaffInput): Promise<TStaffRow> {
  let personName = input.personName;
  if (input.userId) {
    const user = await tx.user.findFirst({ where: { tenantId: ctx.tenantId, id: input.userId }, select: { name: true } });
    if (!user) throw notFound("User");
    personName = user.name;
  }
  if (input.partnerId && !(await tx.partner.findFirst({ where: { tenantId: ctx.tenantId, id: input.partnerId }, select: { id: true } })))
    throw notFound("Partner");
  if (input.officeId && !(await tx.office.findFirst({ where: { tenantId: ctx.tenantId, id: input.officeId }, select: { id: true } }))) throw notFound("Office");
  return {
    userId: input.userId,
    personName: personName ?? "",
    position: input.position,
    contractKind: input.contractKind,
    reference: input.reference,
    startsOn: dateOnly(input.startsOn),
    endsOn: input.endsOn ? dateOnly(input.endsOn) : null,
    partnerId: input.partnerId,
    officeId: input.officeId,
  };
}

/** Adds a staff record (staff.manage). Audited `staff.create`. */
export async function createStaffRecord(ctx: TContext, rawInput: TStaffInput): Promise<{ id: string }> {
  await assertCan(ctx, "staff.manage");
  const input = parseInput(ZStaffInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const data = await resolveData(tx, ctx, input);
    const created = await tx.staffEmployment.create({
      data: { ...data, position: input.position, contractKind: input.contractKind, tenantId: ctx.tenantId, createdById: ctx.userId },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), { action: "staff.create", entityType: "StaffEmployment", entityId: created.id, after: auditState(data) });
    return { id: created.id };
  });
}

/** Corrects a staff record (not a withdrawn one: INVALID_STATE). Audited `staff.update` with before and after. */
export async function updateStaffRecord(ctx: TContext, staffId: string, rawInput: TStaffInput): Promise<{ id: string }> {
  await assertCan(ctx, "staff.manage");
  assertId(staffId, "StaffEmployment");
  const input = parseInput(ZStaffInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const before = await lockStaffRecord(tx, ctx, staffId);
    if (before.withdrawnAt) throw new AppError("INVALID_STATE", { message: "Staff record withdrawn" });
    const data = await resolveData(tx, ctx, input);
    await tx.staffEmployment.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: staffId } },
      data: { ...data, position: input.position, contractKind: input.contractKind },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "staff.update",
      entityType: "StaffEmployment",
      entityId: staffId,
      before: auditState(before),
      after: auditState(data),
    });
    return { id: staffId };
  });
}

/** Withdraws a staff record with a reason: it stays listed, no longer counts. Twice is INVALID_STATE. Audited `staff.withdraw`. */
export async function withdrawStaffRecord(ctx: TContext, staffId: string, rawInput: TStaffWithdrawInput): Promise<{ id: string }> {
  await assertCan(ctx, "staff.manage");
  assertId(staffId, "StaffEmployment");
  const { reason } = parseInput(ZStaffWithdrawInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const before = await lockStaffRecord(tx, ctx, staffId);
    if (before.withdrawnAt) throw new AppError("INVALID_STATE", { message: "Staff record already withdrawn" });
    await tx.staffEmployment.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: staffId } },
      data: { withdrawnAt: new Date(), withdrawnById: ctx.userId, withdrawReason: reason },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "staff.withdraw",
      entityType: "StaffEmployment",
      entityId: staffId,
      before: { withdrawn: false },
      after: { withdrawn: true, withdrawReason: reason },
    });
    return { id: staffId };
  });
}
