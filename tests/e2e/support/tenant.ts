import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import type { TRole } from "@/lib/auth/permissions";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { ownerQuery } from "./database";
import { signIn } from "./fixtures";

/**
 * A journey's own centre: a fresh tenant with its own offices, partners, staff and clients,
 * written through SQL as the owner, so a journey never depends on the demo seed's numbers (which
 * change when the seed does) and never on what another journey did to them.
 */

/** The password of every fixture user. */
export const FIXTURE_PASSWORD = "E2E-fixture-haslo-2026";

// argon2id as the app hashes (lib/auth/password.ts): ~100 ms, so one hash serves every user of the run.
let fixtureHash: Promise<string> | null = null;

export type TFixtureUserSpec = {
  name: string;
  role: TRole;
  /** A partner name from the tenant spec's `partners`. */
  partner?: string;
  /** An office name from the tenant spec's `offices`. */
  office?: string;
  /** The advisor's own limit (empty: the tenant's maximum). */
  caseloadLimit?: number;
};

export type TFixtureClientSpec<TUserKey extends string> = {
  name: string;
  kind?: "PERSON" | "NGO" | "SOCIAL_COOPERATIVE";
  town?: string;
  office?: string;
  /** ACTIVE and carried by this user; without it the client waits in the queue. */
  keyAdvisor?: TUserKey;
};

export type TFixtureTenantSpec<TUserKey extends string> = {
  maxClientsPerAdvisor?: number;
  /**
   * Roles that must sign in with a second factor. Fixture tenants require none unless a test says so:
   * the product's default (ADMIN, MANAGER, IOD) would send every journey through enrolment first.
   */
  twoFactorRoles?: TRole[];
  offices?: string[];
  partners?: string[];
  users: Record<TUserKey, TFixtureUserSpec>;
  /** Waiting clients join the queue in this order (the first waits longest). */
  clients?: TFixtureClientSpec<NoInfer<TUserKey>>[];
};

/** What signIn needs, and who it is. */
export type TFixtureUser = { id: string; tenant: string; email: string; password: string; name: string; role: TRole };

export type TFixtureTenant<TUserKey extends string> = {
  id: string;
  /** The centre id typed at sign-in. */
  slug: string;
  name: string;
  users: Record<TUserKey, TFixtureUser>;
  /** Client ids by name. */
  clients: Map<string, string>;
  offices: Map<string, string>;
  partners: Map<string, string>;
};

/** `count` clients named `${prefix} 1` … `${prefix} N`, carried by `keyAdvisor` (or waiting). */
export function clientsNamed<TUserKey extends string>(prefix: string, count: number, keyAdvisor?: TUserKey): TFixtureClientSpec<TUserKey>[] {
  return Array.from({ length: count }, (_, i) => ({ name: `${prefix} ${i + 1}`, keyAdvisor }));
}

function idOf(map: Map<string, string>, name: string | undefined, what: string): string | null {
  if (name === undefined) return null;
  const id = map.get(name);
  if (!id) throw new Error(`the tenant spec has no ${what} "${name}"`);
  return id;
}

/** Creates a fresh tenant as `spec` describes; every user signs in with FIXTURE_PASSWORD. */
export async function createFixtureTenant<TUserKey extends string>(spec: TFixtureTenantSpec<TUserKey>): Promise<TFixtureTenant<TUserKey>> {
  fixtureHash ??= hashPassword(FIXTURE_PASSWORD);
  const passwordHash = await fixtureHash;
  const suffix = randomUUID().slice(0, 8);
  const tenant = { id: randomUUID(), slug: `e2e-${suffix}`, name: `OWES e2e ${suffix}` };
  const offices = new Map((spec.offices ?? []).map((name) => [name, randomUUID()]));
  const partners = new Map((spec.partners ?? []).map((name) => [name, randomUUID()]));
  const userKeys = Object.keys(spec.users) as TUserKey[];
  const users = Object.fromEntries(
    userKeys.map((key) => {
      const user = spec.users[key];
      return [key, { id: randomUUID(), tenant: tenant.slug, email: `${key.toLowerCase()}-${suffix}@e2e.example.pl`, password: FIXTURE_PASSWORD, name: user.name, role: user.role }];
    }),
  ) as Record<TUserKey, TFixtureUser>;
  const clientSpecs = spec.clients ?? [];
  const clients = new Map(clientSpecs.map((client) => [client.name, randomUUID()]));
  if (clients.size !== clientSpecs.length) throw new Error("client names in a fixture tenant must be unique");

  const userRows = userKeys.map((key) => {
    const user = spec.users[key];
    return [users[key].id, users[key].email, user.name, user.role, idOf(partners, user.partner, "partner"), idOf(offices, user.office, "office"), user.caseloadLimit ?? null];
  });
  const clientRows = clientSpecs.map((client, index) => [
    clients.get(client.name),
    client.kind ?? "PERSON",
    client.name,
    foldForSearch(client.name),
    client.town ?? "Kielce",
    foldForSearch(client.town ?? "Kielce"),
    idOf(offices, client.office, "office"),
    client.keyAdvisor === undefined ? null : users[client.keyAdvisor].id,
    // The queue is oldest first: the first client has waited the longest.
    clientSpecs.length - index,
  ]);
  const column = <T>(rows: unknown[][], i: number) => rows.map((row) => row[i] as T);

  // One statement, so a half-made tenant never stays behind.
  await ownerQuery(
    `WITH t AS (
       INSERT INTO tenant (id, name, slug, max_clients_per_advisor, two_factor_roles, updated_at) VALUES ($1, $2, $3, $4, $26::"Role"[], now()) RETURNING id),
     o AS (
       INSERT INTO office (id, tenant_id, name, updated_at) SELECT id, $1, name, now() FROM unnest($5::uuid[], $6::text[]) AS x(id, name)),
     p AS (
       INSERT INTO partner (id, tenant_id, name, updated_at) SELECT id, $1, name, now() FROM unnest($7::uuid[], $8::text[]) AS x(id, name)),
     u AS (
       INSERT INTO "user" (id, tenant_id, email, name, role, partner_id, office_id, caseload_limit, password_hash, password_set_at, updated_at)
       SELECT id, $1, email, name, role::"Role", partner_id, office_id, caseload_limit, $9, now(), now()
       FROM unnest($10::uuid[], $11::text[], $12::text[], $13::text[], $14::uuid[], $15::uuid[], $16::int[])
         AS x(id, email, name, role, partner_id, office_id, caseload_limit)),
     c AS (
       INSERT INTO client (id, tenant_id, kind, name, name_normalized, town, town_normalized, office_id, key_advisor_id, status, waiting_since, updated_at)
       SELECT id, $1, kind::"ClientKind", name, name_normalized, town, town_normalized, office_id, key_advisor_id,
              CASE WHEN key_advisor_id IS NULL THEN 'WAITING' ELSE 'ACTIVE' END::"ClientStatus",
              CASE WHEN key_advisor_id IS NULL THEN now() - make_interval(mins => waited) END, now()
       FROM unnest($17::uuid[], $18::text[], $19::text[], $20::text[], $21::text[], $22::text[], $23::uuid[], $24::uuid[], $25::int[])
         AS x(id, kind, name, name_normalized, town, town_normalized, office_id, key_advisor_id, waited)
       RETURNING id, key_advisor_id)
     INSERT INTO client_assignment (id, tenant_id, client_id, advisor_id, assigned_by_id)
     SELECT gen_random_uuid(), $1, c.id, c.key_advisor_id, c.key_advisor_id FROM c WHERE c.key_advisor_id IS NOT NULL`,
    [
      tenant.id,
      tenant.name,
      tenant.slug,
      spec.maxClientsPerAdvisor ?? 15,
      [...offices.values()],
      [...offices.keys()],
      [...partners.values()],
      [...partners.keys()],
      passwordHash,
      ...[0, 1, 2, 3, 4, 5, 6].map((i) => column(userRows, i)),
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => column(clientRows, i)),
      spec.twoFactorRoles ?? [],
    ],
  );
  return { ...tenant, users, clients, offices, partners };
}

/** The id of a client of a fixture tenant, by name. */
export function clientId(tenant: TFixtureTenant<string>, name: string): string {
  const id = tenant.clients.get(name);
  if (!id) throw new Error(`the fixture tenant has no client "${name}"`);
  return id;
}

/** Signs a fixture user in (see signIn). */
export function signInAs(page: Page, user: TFixtureUser): Promise<void> {
  return signIn(page, user, user.password);
}

/** A support path at `step` for a client (who must be ACTIVE with a key advisor), opened by that advisor. */
export async function createFixturePath(tenant: TFixtureTenant<string>, clientName: string, step: "IDENTIFICATION" | "NEEDS" | "PLAN" = "IDENTIFICATION"): Promise<string> {
  const id = randomUUID();
  const rows = await ownerQuery<{ id: string }>(
    `WITH c AS (SELECT id, tenant_id, key_advisor_id FROM client WHERE tenant_id = $1 AND id = $2 AND key_advisor_id IS NOT NULL),
          p AS (
            INSERT INTO support_path (id, tenant_id, client_id, open_client_id, direction, work_form, step, identification, key_advisor_id, created_by_id, updated_at)
            SELECT $3, c.tenant_id, c.id, c.id, 'FOUNDING_BY_NATURAL_PERSONS', 'INDIVIDUAL', $4::"PathStep", 'Osoba planująca założenie spółdzielni socjalnej.', c.key_advisor_id, c.key_advisor_id, now()
            FROM c RETURNING id, tenant_id, created_by_id)
     INSERT INTO path_transition (id, tenant_id, path_id, from_step, to_step, actor_id)
     SELECT gen_random_uuid(), p.tenant_id, p.id, NULL, $4::"PathStep", p.created_by_id FROM p
     RETURNING path_id AS id`,
    [tenant.id, clientId(tenant, clientName), id, step],
  );
  if (rows.length !== 1) throw new Error(`no path for "${clientName}": the client needs a key advisor`);
  return id;
}

/** A service logged today by `author` (who also delivered it) for the named clients. */
export async function createFixtureService(tenant: TFixtureTenant<string>, author: TFixtureUser, clientNames: string[], topic = "Konsultacja"): Promise<string> {
  const id = randomUUID();
  await ownerQuery(
    `WITH s AS (
       INSERT INTO service_record (id, tenant_id, date, duration_minutes, form, channel, support_type, topic, author_id, idempotency_key, updated_at)
       VALUES ($2, $1, (now() AT TIME ZONE 'Europe/Warsaw')::date, 60, 'INDIVIDUAL', 'IN_PERSON', 'ADVISORY', $4, $3, gen_random_uuid(), now())
       RETURNING id, tenant_id, date, author_id),
     pr AS (INSERT INTO service_provider (id, tenant_id, service_id, user_id, date) SELECT gen_random_uuid(), tenant_id, id, author_id, date FROM s)
     INSERT INTO service_participation (id, tenant_id, service_id, client_id, date)
     SELECT gen_random_uuid(), s.tenant_id, s.id, c, s.date FROM s, unnest($5::uuid[]) AS c`,
    [tenant.id, id, author.id, topic, clientNames.map((name) => clientId(tenant, name))],
  );
  return id;
}
