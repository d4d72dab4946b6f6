import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { refuseDuplicates } from "@/lib/db/errors";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertId, parseInput } from "@/lib/validation";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import {
  ZOfficeInput,
  ZOrganisationUnitInput,
  ZTenantPolicyInput,
  type TOfficeInput,
  type TOrganisationUnitInput,
  type TTenantPolicyInput,
} from "./schemas";

const PARTNER_SELECT = { id: true, name: true, _count: { select: { users: true } } } as const;
const OFFICE_SELECT = { id: true, name: true, address: true, _count: { select: { users: true } } } as const;

/** A duplicate name inside the tenant is refused next to the name field. */
const withUniqueName = <T>(work: () => Promise<T>) => refuseDuplicates({ name: "nameTaken" }, work);

async function loadPartner(tx: TTx, ctx: TContext, partnerId: string) {
  assertId(partnerId, "Partner");
  const partner = await tx.partner.findFirst({ where: { id: partnerId, tenantId: ctx.tenantId }, select: PARTNER_SELECT });
  if (!partner) throw notFound("Partner");
  return partner;
}

async function loadOffice(tx: TTx, ctx: TContext, officeId: string) {
  assertId(officeId, "Office");
  const office = await tx.office.findFirst({ where: { id: officeId, tenantId: ctx.tenantId }, select: OFFICE_SELECT });
  if (!office) throw notFound("Office");
  return office;
}

export async function listPartners(ctx: TContext) {
  await assertCan(ctx, "organisation.read");
  return tenantTransaction(ctx.tenantId, (tx) =>
    tx.partner.findMany({ where: { tenantId: ctx.tenantId }, select: PARTNER_SELECT, orderBy: { name: "asc" } }),
  );
}

export async function getPartner(ctx: TContext, partnerId: string) {
  await assertCan(ctx, "organisation.read");
  return tenantTransaction(ctx.tenantId, (tx) => loadPartner(tx, ctx, partnerId));
}

export async function createPartner(ctx: TContext, rawInput: TOrganisationUnitInput) {
  await assertCan(ctx, "organisation.manage");
  const input = parseInput(ZOrganisationUnitInput, rawInput);
  return withUniqueName(() =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const created = await tx.partner.create({ data: { tenantId: ctx.tenantId, name: input.name }, select: PARTNER_SELECT });
      await recordAudit(tx, auditActor(ctx), {
        action: "partner.create",
        entityType: "Partner",
        entityId: created.id,
        after: { name: created.name },
      });
      return created;
    }),
  );
}

export async function updatePartner(ctx: TContext, partnerId: string, rawInput: TOrganisationUnitInput) {
  await assertCan(ctx, "organisation.manage");
  const input = parseInput(ZOrganisationUnitInput, rawInput);
  return withUniqueName(() =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const before = await loadPartner(tx, ctx, partnerId);
      const after = await tx.partner.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: partnerId } },
        data: { name: input.name },
        select: PARTNER_SELECT,
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "partner.update",
        entityType: "Partner",
        entityId: partnerId,
        before: { name: before.name },
        after: { name: after.name },
      });
      return after;
    }),
  );
}

export async function listOffices(ctx: TContext) {
  await assertCan(ctx, "organisation.read");
  return tenantTransaction(ctx.tenantId, (tx) =>
    tx.office.findMany({ where: { tenantId: ctx.tenantId }, select: OFFICE_SELECT, orderBy: { name: "asc" } }),
  );
}

export async function getOffice(ctx: TContext, officeId: string) {
  await assertCan(ctx, "organisation.read");
  return tenantTransaction(ctx.tenantId, (tx) => loadOffice(tx, ctx, officeId));
}

export async function createOffice(ctx: TContext, rawInput: TOfficeInput) {
  await assertCan(ctx, "organisation.manage");
  const input = parseInput(ZOfficeInput, rawInput);
  return withUniqueName(() =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const created = await tx.office.create({
        data: { tenantId: ctx.tenantId, name: input.name, address: input.address },
        select: OFFICE_SELECT,
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "office.create",
        entityType: "Office",
        entityId: created.id,
        after: { name: created.name, address: created.address },
      });
      return created;
    }),
  );
}

export async function updateOffice(ctx: TContext, officeId: string, rawInput: TOfficeInput) {
  await assertCan(ctx, "organisation.manage");
  const input = parseInput(ZOfficeInput, rawInput);
  return withUniqueName(() =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const before = await loadOffice(tx, ctx, officeId);
      const after = await tx.office.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: officeId } },
        data: { name: input.name, address: input.address },
        select: OFFICE_SELECT,
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "office.update",
        entityType: "Office",
        entityId: officeId,
        before: { name: before.name, address: before.address },
        after: { name: after.name, address: after.address },
      });
      return after;
    }),
  );
}

export async function getTenantPolicy(ctx: TContext) {
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const tenant = await tx.tenant.findFirst({
      where: { id: ctx.tenantId },
      select: { name: true, maxClientsPerAdvisor: true, monitoringOverdueDays: true, serviceEditWindowDays: true, trainingLimitPerPerson: true, twoFactorRoles: true },
    });
    if (!tenant) throw notFound("Tenant");
    return tenant;
  });
}

export type TOrganisationChoice = { id: string; name: string };

/**
 * For a page that reads the tenant's policy and offers its partners and/or offices as choices (the
 * caseload board's filters), in one statement inside the caller's transaction: the caller has
 * checked organisation.read before asking for a list. Each list is by name; one not asked for is
 * not read (empty).
 */
export async function loadPolicyAndChoices(tx: TTx, ctx: TContext, want: { partners: boolean; offices: boolean }) {
  const lists = [
    ...(want.partners ? [Prisma.sql`SELECT 'partner' AS kind, id, name, NULL::int AS max FROM partner WHERE tenant_id = ${ctx.tenantId}::uuid`] : []),
    ...(want.offices ? [Prisma.sql`SELECT 'office', id, name, NULL FROM office WHERE tenant_id = ${ctx.tenantId}::uuid`] : []),
  ];
  const rows = await tx.$queryRaw<{ kind: "tenant" | "partner" | "office"; id: string; name: string; max: number | null }[]>`
    SELECT 'tenant' AS kind, id, name, max_clients_per_advisor AS max FROM tenant WHERE id = ${ctx.tenantId}::uuid
    ${lists.length ? Prisma.sql`UNION ALL ${Prisma.join(lists, " UNION ALL ")}` : Prisma.empty}
    ORDER BY kind, name, id`;
  const tenant = rows.find((r) => r.kind === "tenant");
  if (!tenant || tenant.max === null) throw notFound("Tenant");
  const choices = (kind: "partner" | "office"): TOrganisationChoice[] => rows.filter((r) => r.kind === kind).map((r) => ({ id: r.id, name: r.name }));
  return { policy: { name: tenant.name, maxClientsPerAdvisor: tenant.max }, partners: choices("partner"), offices: choices("office") };
}

/** The policy for its edit form: unlike {@link getTenantPolicy} (shown to everyone), only its managers may open it. */
export async function getTenantPolicyForEdit(ctx: TContext) {
  await assertCan(ctx, "tenant.policy.manage");
  return getTenantPolicy(ctx);
}

const POLICY_FIELDS = ["maxClientsPerAdvisor", "monitoringOverdueDays", "serviceEditWindowDays", "trainingLimitPerPerson", "twoFactorRoles"] as const;
const POLICY_SELECT = { maxClientsPerAdvisor: true, monitoringOverdueDays: true, serviceEditWindowDays: true, trainingLimitPerPerson: true, twoFactorRoles: true } as const;

export async function updateTenantPolicy(ctx: TContext, rawInput: TTenantPolicyInput) {
  await assertCan(ctx, "tenant.policy.manage");
  const input = parseInput(ZTenantPolicyInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    // Lock the tenant row: later issues check advisors' limits against this value under the same lock.
    await tx.$queryRaw`SELECT id FROM tenant WHERE id = ${ctx.tenantId}::uuid FOR UPDATE`;
    const before = await tx.tenant.findFirst({ where: { id: ctx.tenantId }, select: POLICY_SELECT });
    if (!before) throw notFound("Tenant");
    // Optional settings absent from the input stay as they are (and out of the audit row).
    const data = Object.fromEntries(POLICY_FIELDS.flatMap((field) => (input[field] === undefined ? [] : [[field, input[field]]])));
    const after = await tx.tenant.update({ where: { id: ctx.tenantId }, data, select: { name: true, ...POLICY_SELECT } });
    const pick = (row: typeof before) => Object.fromEntries(Object.keys(data).map((field) => [field, row[field as keyof typeof before]]));
    await recordAudit(tx, auditActor(ctx), {
      action: "tenant.policy_update",
      entityType: "Tenant",
      entityId: ctx.tenantId,
      before: pick(before),
      after: pick(after),
    });
    return after;
  });
}
