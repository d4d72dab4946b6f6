import { randomUUID } from "node:crypto";
import type { TContext } from "@/lib/auth/context";
import { hashPassword } from "@/lib/auth/password";
import type { TRole } from "@/lib/auth/permissions";
import { ownerQuery } from "./db";

export { auditRows, countRows, ownerPool, ownerQuery, type TAuditRow } from "./db";
export { createClient, type TClientKindValue, type TClientRow, type TCreateClientOverrides } from "./clients";

/** The password of every factory user unless a test gives another. */
export const DEFAULT_PASSWORD = "correct-horse-battery-staple";

// argon2 costs ~50–100 ms a hash: one hash of the default password serves every factory user.
let defaultHash: Promise<string> | null = null;
export function defaultPasswordHash(): Promise<string> {
  defaultHash ??= hashPassword(DEFAULT_PASSWORD);
  return defaultHash;
}

let sequence = 0;
/** Unique within the run (the counter) and across runs sharing a database (the random part). */
function unique(): string {
  sequence += 1;
  return `${sequence}-${randomUUID().slice(0, 8)}`;
}

export type TTenantRow = { id: string; name: string; slug: string; maxClientsPerAdvisor: number };
export type TPartnerRow = { id: string; tenantId: string; name: string };
export type TOfficeRow = { id: string; tenantId: string; name: string; address: string | null };
export type TUserRow = {
  id: string;
  tenantId: string;
  partnerId: string | null;
  officeId: string | null;
  email: string;
  name: string;
  role: TRole;
  active: boolean;
  sessionVersion: number;
  /** The plain password, when the factory knows it (not when a test passed only a hash). */
  password: string | null;
};

type TTenantRef = { id: string };

export async function createTenant(overrides: Partial<Omit<TTenantRow, "id">> = {}): Promise<TTenantRow> {
  const suffix = unique();
  const row: TTenantRow = {
    id: randomUUID(),
    name: overrides.name ?? `OWES ${suffix}`,
    slug: overrides.slug ?? `owes-${suffix}`,
    maxClientsPerAdvisor: overrides.maxClientsPerAdvisor ?? 15,
  };
  await ownerQuery(
    `INSERT INTO tenant (id, name, slug, max_clients_per_advisor, updated_at) VALUES ($1, $2, $3, $4, now())`,
    [row.id, row.name, row.slug, row.maxClientsPerAdvisor],
  );
  return row;
}

export async function createPartner(tenant: TTenantRef, overrides: { name?: string } = {}): Promise<TPartnerRow> {
  const row: TPartnerRow = { id: randomUUID(), tenantId: tenant.id, name: overrides.name ?? `Partner ${unique()}` };
  await ownerQuery(`INSERT INTO partner (id, tenant_id, name, updated_at) VALUES ($1, $2, $3, now())`, [
    row.id,
    row.tenantId,
    row.name,
  ]);
  return row;
}

export async function createOffice(
  tenant: TTenantRef,
  overrides: { name?: string; address?: string | null } = {},
): Promise<TOfficeRow> {
  const row: TOfficeRow = {
    id: randomUUID(),
    tenantId: tenant.id,
    name: overrides.name ?? `Office ${unique()}`,
    address: overrides.address === undefined ? null : overrides.address,
  };
  await ownerQuery(`INSERT INTO office (id, tenant_id, name, address, updated_at) VALUES ($1, $2, $3, $4, now())`, [
    row.id,
    row.tenantId,
    row.name,
    row.address,
  ]);
  return row;
}

export type TCreateUserOverrides = Partial<Omit<TUserRow, "id" | "tenantId" | "password">> & {
  /** A plain password to hash (slow); without it the cached hash of DEFAULT_PASSWORD is used. */
  password?: string;
  /** A precomputed hash; the returned `password` is then null unless `password` is given too. */
  passwordHash?: string;
};

/** A user of `tenant`, by default an active KEY_ADVISOR with DEFAULT_PASSWORD. */
export async function createUser(tenant: TTenantRef, overrides: TCreateUserOverrides = {}): Promise<TUserRow> {
  const suffix = unique();
  let password: string | null;
  let passwordHash: string;
  if (overrides.passwordHash !== undefined) {
    passwordHash = overrides.passwordHash;
    password = overrides.password ?? null;
  } else if (overrides.password !== undefined) {
    passwordHash = await hashPassword(overrides.password);
    password = overrides.password;
  } else {
    passwordHash = await defaultPasswordHash();
    password = DEFAULT_PASSWORD;
  }
  const row: TUserRow = {
    id: randomUUID(),
    tenantId: tenant.id,
    partnerId: overrides.partnerId ?? null,
    officeId: overrides.officeId ?? null,
    email: (overrides.email ?? `user-${suffix}@example.test`).toLowerCase(),
    name: overrides.name ?? `User ${suffix}`,
    role: overrides.role ?? "KEY_ADVISOR",
    active: overrides.active ?? true,
    sessionVersion: overrides.sessionVersion ?? 1,
    password,
  };
  await ownerQuery(
    `INSERT INTO "user" (id, tenant_id, partner_id, office_id, email, name, role, active, password_hash, session_version, password_set_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7::"Role", $8, $9, $10, now(), now())`,
    [row.id, row.tenantId, row.partnerId, row.officeId, row.email, row.name, row.role, row.active, passwordHash, row.sessionVersion],
  );
  return row;
}

/** The service context a signed-in `user` would get from their session. */
export function contextFor(user: Pick<TUserRow, "id" | "tenantId" | "role" | "partnerId">): TContext {
  return { userId: user.id, tenantId: user.tenantId, role: user.role, partnerId: user.partnerId, requestId: randomUUID() };
}

/** An audit row written directly by the owner (for tests of the table itself, not of a service). */
export async function createAuditEntry(
  tenant: TTenantRef,
  overrides: { actorId?: string | null; action?: string; entityType?: string; entityId?: string | null } = {},
): Promise<{ id: string; tenantId: string }> {
  const id = randomUUID();
  await ownerQuery(
    `INSERT INTO audit_log (id, tenant_id, actor_id, action, entity_type, entity_id) VALUES ($1, $2, $3, $4, $5, $6)`,
    [id, tenant.id, overrides.actorId ?? null, overrides.action ?? "user.create", overrides.entityType ?? "User", overrides.entityId ?? null],
  );
  return { id, tenantId: tenant.id };
}
