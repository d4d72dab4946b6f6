import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { refuseDuplicates } from "@/lib/db/errors";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import type { InstitutionKind, Prisma } from "@/lib/generated/prisma/client";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { ZInstitutionInput, ZInstitutionListInput, type TInstitutionInput, type TInstitutionListInput, type TParsedInstitutionInput } from "./schemas";

/**
 * The centre's directory of institutions it exchanges information with (seed 000: labour-market
 * and social-assistance institutions, the ODR). Kept by institutions.manage holders; an
 * institution is never deleted: a retired one is not offered for new exchanges but stays on old ones.
 */

const INSTITUTION_SELECT = {
  id: true,
  name: true,
  kind: true,
  town: true,
  address: true,
  email: true,
  phone: true,
  retiredAt: true,
  _count: { select: { exchanges: true } },
} as const;

export type TInstitution = {
  id: string;
  name: string;
  kind: InstitutionKind;
  town: string | null;
  address: string | null;
  email: string | null;
  phone: string | null;
  retiredAt: Date | null;
  /** How many exchanges name it (a retired institution keeps them). */
  exchangeCount: number;
};

type TInstitutionRow = Omit<TInstitution, "exchangeCount"> & { _count: { exchanges: number } };
const toInstitution = ({ _count, ...row }: TInstitutionRow): TInstitution => ({ ...row, exchangeCount: _count.exchanges });

/** What the audit trail keeps of an institution: every field a user typed or chose. */
const auditState = (i: Pick<TInstitution, "name" | "kind" | "town" | "address" | "email" | "phone">) => ({
  name: i.name,
  kind: i.kind,
  town: i.town,
  address: i.address,
  email: i.email,
  phone: i.phone,
});

/**
 * A duplicate name is refused next to the name field: here ignoring case (two spellings of one
 * office are one entry), by the unique index for the race between two saves.
 */
async function assertNameFree(tx: TTx, ctx: TContext, name: string, exceptId: string | null): Promise<void> {
  const taken = await tx.institution.findFirst({
    where: { tenantId: ctx.tenantId, name: { equals: name, mode: "insensitive" }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { id: true },
  });
  if (taken) throw nameTaken();
}
const nameTaken = () => new AppError("ALREADY_EXISTS", { fieldErrors: { name: "institutionNameTaken" } });
const withUniqueName = <T>(work: () => Promise<T>) => refuseDuplicates({ name: "institutionNameTaken" }, work);

/** An institution of the caller's tenant, locked for a change when `lock`; a foreign or missing id is NOT_FOUND. */
async function loadInstitution(tx: TTx, ctx: TContext, institutionId: string, lock: boolean): Promise<TInstitution> {
  assertId(institutionId, "Institution");
  if (lock) await tx.$queryRaw`SELECT id FROM institution WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${institutionId}::uuid FOR UPDATE`;
  const row = await tx.institution.findFirst({ where: { tenantId: ctx.tenantId, id: institutionId }, select: INSTITUTION_SELECT });
  if (!row) throw notFound("Institution");
  return toInstitution(row);
}

export type TInstitutionsPage = TPage<TInstitution> & {
  /** The filters applied (a bad value dropped). */
  filters: { q?: string; kind?: InstitutionKind; status: "active" | "retired" | "all" };
};

/** The directory: institutions by name, searched by a fragment of the name and filtered by kind and status. */
export async function getInstitutionsPage(ctx: TContext, rawInput: TInstitutionListInput): Promise<TInstitutionsPage> {
  await assertCan(ctx, "institutions.manage");
  const input = parseInput(ZInstitutionListInput, rawInput);
  const where: Prisma.InstitutionWhereInput = {
    tenantId: ctx.tenantId,
    ...(input.q ? { name: { contains: input.q, mode: "insensitive" } } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.status === "active" ? { retiredAt: null } : input.status === "retired" ? { retiredAt: { not: null } } : {}),
  };
  const { skip, take } = toSkipTake(input);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const rows = await tx.institution.findMany({ where, select: INSTITUTION_SELECT, orderBy: [{ name: "asc" }, { id: "asc" }], skip, take });
    const total = await tx.institution.count({ where });
    return {
      ...toPage(rows.map(toInstitution), total, input),
      filters: { ...(input.q ? { q: input.q } : {}), ...(input.kind ? { kind: input.kind } : {}), status: input.status },
    };
  });
}

/** One institution of the directory, for its edit page. */
export async function getInstitution(ctx: TContext, institutionId: string): Promise<TInstitution> {
  await assertCan(ctx, "institutions.manage");
  return tenantTransaction(ctx.tenantId, (tx) => loadInstitution(tx, ctx, institutionId, false));
}

function institutionData(input: TParsedInstitutionInput) {
  return { name: input.name, kind: input.kind, town: input.town, address: input.address, email: input.email, phone: input.phone };
}

/** Adds an institution to the directory (audited). */
export async function createInstitution(ctx: TContext, rawInput: TInstitutionInput): Promise<{ id: string }> {
  await assertCan(ctx, "institutions.manage");
  const input = parseInput(ZInstitutionInput, rawInput);
  return withUniqueName(() =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      await assertNameFree(tx, ctx, input.name, null);
      const created = await tx.institution.create({ data: { tenantId: ctx.tenantId, ...institutionData(input) }, select: { id: true } });
      await recordAudit(tx, auditActor(ctx), { action: "institution.create", entityType: "Institution", entityId: created.id, after: auditState(input) });
      return created;
    }),
  );
}

/** Edits an institution (audited with before and after); its exchanges keep pointing at it. */
export async function updateInstitution(ctx: TContext, institutionId: string, rawInput: TInstitutionInput): Promise<{ id: string }> {
  await assertCan(ctx, "institutions.manage");
  assertId(institutionId, "Institution");
  const input = parseInput(ZInstitutionInput, rawInput);
  return withUniqueName(() =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const before = await loadInstitution(tx, ctx, institutionId, true);
      await assertNameFree(tx, ctx, input.name, institutionId);
      await tx.institution.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: institutionId } }, data: institutionData(input), select: { id: true } });
      await recordAudit(tx, auditActor(ctx), {
        action: "institution.update",
        entityType: "Institution",
        entityId: institutionId,
        before: auditState(before),
        after: auditState(input),
      });
      return { id: institutionId };
    }),
  );
}

/**
 * Retires an institution (no longer offered for new exchanges; its exchanges stay as they are) or
 * brings it back. Setting the state it already has changes nothing and writes no audit row.
 */
export async function setInstitutionRetired(ctx: TContext, institutionId: string, retired: boolean): Promise<{ id: string; retired: boolean }> {
  await assertCan(ctx, "institutions.manage");
  assertId(institutionId, "Institution");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const before = await loadInstitution(tx, ctx, institutionId, true);
    if ((before.retiredAt !== null) === retired) return { id: institutionId, retired };
    await tx.institution.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: institutionId } },
      data: { retiredAt: retired ? new Date() : null },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: retired ? "institution.retire" : "institution.restore",
      entityType: "Institution",
      entityId: institutionId,
      before: { retired: !retired },
      after: { retired },
    });
    return { id: institutionId, retired };
  });
}
