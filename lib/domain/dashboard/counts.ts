import "server-only";
import type { TContext } from "@/lib/auth/context";
import { staffFilter } from "@/lib/auth/scope";
import type { TTx } from "@/lib/db/transaction";
import { advisorRowLoadSql } from "@/lib/domain/caseload/load";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PathStep } from "@/lib/generated/prisma/enums";

/**
 * The dashboard's counts as SQL expressions, each one scalar (a number or a JSON value): a role's
 * dashboard selects the ones it shows in ONE statement ({@link selectCounts}), each an aggregate
 * over an index, none loading rows to count them. Each states the same condition as the list its
 * number links to (the comment names it).
 */

const tenantOf = (ctx: TContext) => Prisma.sql`${ctx.tenantId}::uuid`;

/** The staff condition of `permission`'s scope on a user aliased `u` (TRUE centre-wide). */
function staffScopeSql(ctx: TContext, permission: Parameters<typeof staffFilter>[1], alias = "u"): Prisma.Sql {
  const scope = staffFilter(ctx, permission);
  if (scope === "all") return Prisma.sql`TRUE`;
  const u = Prisma.raw(alias);
  return Prisma.sql`(${u}.id = ANY(${scope.userIds}::uuid[]) OR ${u}.partner_id = ANY(${scope.partnerIds}::uuid[]))`;
}

/** Open paths per step, as a JSON object step → clients (a client has at most one open path): the client list's `step` filter. */
export function funnelSql(ctx: TContext, of: "centre" | "partner"): Prisma.Sql {
  // The centre's: an index-only scan of the open paths (support_path_open_step_idx). A coordinator's:
  // the clients whose key advisor belongs to their partner (the partner scope), read from the
  // partner's advisors down — their clients by (tenant_id, key_advisor_id), each client's open path
  // by (tenant_id, open_client_id) — never the centre's clients.
  const counted =
    of === "partner"
      ? Prisma.sql`SELECT sp.step FROM "user" u
          JOIN client c ON c.tenant_id = u.tenant_id AND c.key_advisor_id = u.id
          JOIN support_path sp ON sp.tenant_id = c.tenant_id AND sp.open_client_id = c.id
          WHERE u.tenant_id = ${tenantOf(ctx)} AND u.partner_id = ${ctx.partnerId}::uuid`
      : Prisma.sql`SELECT sp.step FROM support_path sp WHERE sp.tenant_id = ${tenantOf(ctx)} AND sp.closed_at IS NULL`;
  return Prisma.sql`(SELECT coalesce(json_object_agg(f.step, f.n), '{}'::json) FROM (
      SELECT o.step::text AS step, count(*)::int AS n FROM (${counted}) o GROUP BY o.step) f)`;
}

/** The unassigned queue's length and its longest wait (the queue page: every WAITING client, oldest first). */
export function queueSql(ctx: TContext): Prisma.Sql {
  return Prisma.sql`(SELECT json_build_object('count', count(*), 'oldest', min(c.waiting_since))
      FROM client c WHERE c.tenant_id = ${tenantOf(ctx)} AND c.status = 'WAITING')`;
}

/**
 * Plans waiting for a decision and the oldest submission, in the caller's scope of
 * paths.approve_plan — the plan inbox's condition (lib/domain/paths/read-path.ts findPlanInbox: the
 * client's key advisor within the scope).
 */
export function planInboxSql(ctx: TContext): Prisma.Sql {
  const scope = staffFilter(ctx, "paths.approve_plan");
  const scoped =
    scope === "all"
      ? Prisma.empty
      : Prisma.sql`AND v.path_id IN (SELECT sp.id FROM support_path sp
          JOIN client c ON c.tenant_id = sp.tenant_id AND c.id = sp.client_id
          JOIN "user" u ON u.tenant_id = c.tenant_id AND u.id = c.key_advisor_id
          WHERE sp.tenant_id = ${tenantOf(ctx)} AND ${staffScopeSql(ctx, "paths.approve_plan")})`;
  return Prisma.sql`(SELECT json_build_object('count', count(*), 'oldest', min(v.submitted_at))
      FROM path_plan_version v WHERE v.tenant_id = ${tenantOf(ctx)} AND v.status = 'SUBMITTED' ${scoped})`;
}

/** The buckets of the load distribution, in chart order. */
export const LOAD_BUCKETS = ["low", "half", "near", "at", "over"] as const;
export type TLoadBucket = (typeof LOAD_BUCKETS)[number];

/**
 * The active key advisors in the caller's scope of the caseload board per load bucket, as a JSON
 * object bucket → advisors: under 50 % of the limit, 50–79 %, 80–99 %, at the limit, over it (the
 * board's limit: the advisor's own, never above the tenant's maximum; its "over" filter).
 */
export function loadBucketsSql(ctx: TContext): Prisma.Sql {
  return Prisma.sql`(SELECT coalesce(json_object_agg(b.bucket, b.n), '{}'::json) FROM (
      SELECT CASE WHEN l.load > m.lim THEN 'over' WHEN l.load = m.lim THEN 'at'
                  WHEN l.load * 100 >= m.lim * 80 THEN 'near' WHEN l.load * 100 >= m.lim * 50 THEN 'half' ELSE 'low' END AS bucket,
             count(*)::int AS n
      FROM "user" u
      JOIN tenant t ON t.id = u.tenant_id
      CROSS JOIN LATERAL (${advisorRowLoadSql}) l
      CROSS JOIN LATERAL (SELECT LEAST(COALESCE(u.caseload_limit, t.max_clients_per_advisor), t.max_clients_per_advisor) AS lim) m
      WHERE u.tenant_id = ${tenantOf(ctx)} AND u.role = 'KEY_ADVISOR' AND u.active AND ${staffScopeSql(ctx, "caseload.board.view")}
      GROUP BY 1) b)`;
}

/** Users active and inactive, partners and offices of the centre (the administrator's lists). */
export function organisationSql(ctx: TContext): Prisma.Sql {
  return Prisma.sql`json_build_object(
      'usersActive', (SELECT count(*) FROM "user" u WHERE u.tenant_id = ${tenantOf(ctx)} AND u.active),
      'usersInactive', (SELECT count(*) FROM "user" u WHERE u.tenant_id = ${tenantOf(ctx)} AND NOT u.active),
      'partners', (SELECT count(*) FROM partner p WHERE p.tenant_id = ${tenantOf(ctx)}),
      'offices', (SELECT count(*) FROM office o WHERE o.tenant_id = ${tenantOf(ctx)}))`;
}

/** Runs the named count expressions as one statement: `{ name: value }`. */
export async function selectCounts<K extends string>(tx: TTx, parts: Record<K, Prisma.Sql>): Promise<Record<K, unknown>> {
  const names = Object.keys(parts) as K[];
  const columns = names.map((name, i) => Prisma.sql`${parts[name]} AS ${Prisma.raw(`"c${i}"`)}`);
  const [row] = await tx.$queryRaw<Record<string, unknown>[]>`SELECT ${Prisma.join(columns, ", ")}`;
  return Object.fromEntries(names.map((name, i) => [name, row?.[`c${i}`]])) as Record<K, unknown>;
}

/** A `{ count, oldest }` JSON value as numbers and a date. */
export function countAndOldest(value: unknown): { count: number; oldest: Date | null } {
  const v = (value ?? {}) as { count?: number; oldest?: string | null };
  return { count: Number(v.count ?? 0), oldest: v.oldest ? new Date(v.oldest) : null };
}

/** A JSON object of counts by key, every key of `keys` present (0 when absent). */
export function countsByKey<K extends string>(value: unknown, keys: readonly K[]): Record<K, number> {
  const v = (value ?? {}) as Record<string, number>;
  return Object.fromEntries(keys.map((k) => [k, Number(v[k] ?? 0)])) as Record<K, number>;
}

/** The steps a client in support can stand at (an open path), in path order. */
export const OPEN_STEPS = ["IDENTIFICATION", "NEEDS", "PLAN", "IMPLEMENTATION", "MONITORING", "EVALUATION"] as const satisfies readonly PathStep[];
