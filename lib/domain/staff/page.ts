import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { isoDate, isoDateOr } from "@/lib/dates";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StaffContractKind, StaffPosition } from "@/lib/generated/prisma/enums";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { ZStaffListInput, type TStaffInput, type TStaffListInput } from "./schemas";
import { STAFF_FIELDS } from "./service";

export type TStaffListItem = {
  id: string;
  personName: string;
  position: StaffPosition;
  contractKind: StaffContractKind;
  reference: string;
  startsOn: string;
  endsOn: string | null;
  partner: string | null;
  office: string | null;
  withdrawn: boolean;
};

export type TStaffListPage = TPage<TStaffListItem> & { filters: { position?: StaffPosition; withdrawn: boolean } };

/** /admin/staff: the records, latest start first, by position; withdrawn ones when asked (three statements). */
export async function getStaffListPage(ctx: TContext, rawQuery: TStaffListInput): Promise<TStaffListPage> {
  await assertCan(ctx, "staff.manage");
  const query = parseInput(ZStaffListInput, rawQuery);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const where: Prisma.StaffEmploymentWhereInput = {
      tenantId: ctx.tenantId,
      ...(query.position ? { position: query.position } : {}),
      ...(query.withdrawn ? {} : { withdrawnAt: null }),
    };
    const total = await tx.staffEmployment.count({ where });
    const rows = await tx.staffEmployment.findMany({
      where,
      select: {
        id: true,
        personName: true,
        position: true,
        contractKind: true,
        reference: true,
        startsOn: true,
        endsOn: true,
        withdrawnAt: true,
        partner: { select: { name: true } },
        office: { select: { name: true } },
      },
      orderBy: [{ startsOn: "desc" }, { personName: "asc" }, { id: "asc" }],
      ...toSkipTake(query),
    });
    const items = rows.map((r) => ({
      id: r.id,
      personName: r.personName,
      position: r.position,
      contractKind: r.contractKind,
      reference: r.reference,
      startsOn: isoDate(r.startsOn),
      endsOn: r.endsOn ? isoDate(r.endsOn) : null,
      partner: r.partner?.name ?? null,
      office: r.office?.name ?? null,
      withdrawn: r.withdrawnAt !== null,
    }));
    return { ...toPage(items, total, query), filters: { position: query.position, withdrawn: query.withdrawn } };
  });
}

/** The staff form's choices: the tenant's active users (and the record's), partners and offices. */
export type TStaffFormOptions = {
  users: { id: string; name: string }[];
  partners: { id: string; name: string }[];
  offices: { id: string; name: string }[];
};

async function loadFormOptions(tx: TTx, ctx: TContext, keepUserId: string | null): Promise<TStaffFormOptions> {
  const users = await tx.user.findMany({
    where: { tenantId: ctx.tenantId, OR: [{ active: true }, ...(keepUserId ? [{ id: keepUserId }] : [])] },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const partners = await tx.partner.findMany({
    where: { tenantId: ctx.tenantId },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
  const offices = await tx.office.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return { users, partners, offices };
}

/** /admin/staff/new: the form's choices (three statements). */
export async function getNewStaffPage(ctx: TContext): Promise<TStaffFormOptions> {
  await assertCan(ctx, "staff.manage");
  return tenantTransaction(ctx.tenantId, (tx) => loadFormOptions(tx, ctx, null));
}

export type TStaffPage = {
  id: string;
  personName: string;
  withdrawn: { at: Date; reason: string | null } | null;
  values: TStaffInput;
  options: TStaffFormOptions;
};

/** /admin/staff/[id]: one record as its correction form holds it, withdrawn or not. */
export async function getStaffPage(ctx: TContext, staffId: string): Promise<TStaffPage> {
  await assertCan(ctx, "staff.manage");
  assertId(staffId, "StaffEmployment");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const row = await tx.staffEmployment.findFirst({ where: { tenantId: ctx.tenantId, id: staffId }, select: STAFF_FIELDS });
    if (!row) throw notFound("StaffEmployment");
    return {
      id: row.id,
      personName: row.personName,
      withdrawn: row.withdrawnAt ? { at: row.withdrawnAt, reason: row.withdrawReason } : null,
      values: {
        userId: row.userId ?? "",
        personName: row.userId ? "" : row.personName,
        position: row.position,
        contractKind: row.contractKind,
        reference: row.reference,
        startsOn: isoDate(row.startsOn),
        endsOn: isoDateOr(row.endsOn),
        partnerId: row.partnerId ?? "",
        officeId: row.officeId ?? "",
      },
      options: await loadFormOptions(tx, ctx, row.userId),
    };
  });
}
