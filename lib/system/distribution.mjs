/**
 * How the schema would be spread over a Citus cluster (docs/decisions/018-distribution-by-tenant.md):
 * every table that has a `tenant_id` is distributed by it and colocated with the others; the tables
 * below are the only ones without it, each with its role and why. The catalogue test
 * (tests/integration/distribution) fails on any table that is in neither group, so a new global
 * table is a decision written down here, never an accident.
 *
 * Plain JavaScript so that scripts (the shard-map simulation) read the same list as the test.
 */

/** The column every tenant-owned table is distributed by. */
export const DISTRIBUTION_COLUMN = "tenant_id";

/**
 * Reference tables: small, global, replicated to every worker, so that a tenant table's foreign key
 * to them and joins with them stay local to a shard.
 */
export const REFERENCE_TABLES = Object.freeze({
  "public.tenant": "One row per centre: its name, slug and policies. Every tenant table references it.",
});

/**
 * Coordinator-local tables: never joined with tenant data, read and written on the coordinator only.
 * A pattern ending in `*` stands for every table of a schema.
 */
export const LOCAL_TABLES = Object.freeze({
  "public._prisma_migrations": "Prisma Migrate's record of the applied migrations.",
  "public.sign_in_throttle": "Failed sign-ins, keyed by a hash of (tenant slug, e-mail, IP) before any tenant is known.",
  "pgboss.*": "The job queue (pg-boss): jobs carry the tenant in their payload and run through the services, which scope every read and write.",
});

/** The role of a table (`schema.name`) in the plan, or null when the plan does not say. */
export function globalTableRole(qualifiedName) {
  if (qualifiedName in REFERENCE_TABLES) return "reference";
  if (qualifiedName in LOCAL_TABLES) return "local";
  const schema = qualifiedName.split(".")[0];
  return `${schema}.*` in LOCAL_TABLES ? "local" : null;
}
