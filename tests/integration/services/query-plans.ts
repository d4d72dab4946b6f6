import pg from "pg";
import { ownerQuery } from "@/tests/factories";
import type { TStatement } from "@/tests/support/statement-counter";

export { captureStatements, type TStatement } from "@/tests/support/statement-counter";

/**
 * Issue 12: proving that a service reads a bounded slice of the service log. The statements Prisma
 * actually sends while a real service runs are captured, then each is explained (EXPLAIN (FORMAT
 * JSON), the planner's choice for those very values) as the app role, under row-level security
 * with the tenant set, as the service ran it. No timings: plans only, so a busy machine cannot
 * make the proof flaky.
 */

export const SERVICE_LOG_TABLES = ["service_record", "service_provider", "service_participation"] as const;

/** The captured statements that read one of the service log's tables. */
export function serviceLogReads(statements: TStatement[]): TStatement[] {
  return statements.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.text) && SERVICE_LOG_TABLES.some((table) => s.text.includes(`"${table}"`) || new RegExp(`\\b${table}\\b`).test(s.text)));
}

type TPlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  "Recheck Cond"?: string;
  "Filter"?: string;
  Plans?: TPlanNode[];
};

/** One scan of a table in a plan: how (node type, index) and on what condition. */
export type TScan = { relation: string; nodeType: string; indexName: string | null; indexCond: string };

/**
 * The scans of a plan's tables. A bitmap heap scan takes its index and condition from the bitmap
 * index scans beneath it.
 */
export function scansOf(node: TPlanNode, out: TScan[] = []): TScan[] {
  if (node["Relation Name"]) {
    const bitmaps = node["Node Type"] === "Bitmap Heap Scan" ? bitmapIndexScans(node) : [];
    out.push({
      relation: node["Relation Name"],
      nodeType: node["Node Type"],
      indexName: node["Index Name"] ?? (bitmaps.length > 0 ? bitmaps.map((b) => b["Index Name"]).join(", ") : null),
      indexCond: node["Index Cond"] ?? (bitmaps.length > 0 ? bitmaps.map((b) => b["Index Cond"] ?? "").join(" ; ") : (node["Recheck Cond"] ?? "")),
    });
  }
  for (const child of node.Plans ?? []) scansOf(child, out);
  return out;
}

function bitmapIndexScans(node: TPlanNode): TPlanNode[] {
  return (node.Plans ?? []).flatMap((child) => (child["Node Type"] === "Bitmap Index Scan" ? [child] : bitmapIndexScans(child)));
}

/** EXPLAIN (FORMAT JSON) of a captured statement as the app role, under row-level security with the tenant set. */
export async function explainAsApp(tenantId: string, statement: TStatement): Promise<TScan[]> {
  const url = process.env.APP_DATABASE_URL;
  if (!url) throw new Error("APP_DATABASE_URL is not set: run in the integration project");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    const [{ role }] = (await client.query<{ role: string }>("SELECT current_user AS role")).rows as [{ role: string }];
    if (role !== "owes_app") throw new Error(`expected to explain as owes_app, connected as ${role}`);
    await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
    const result = await client.query<{ "QUERY PLAN": [{ Plan: TPlanNode }] }>(`EXPLAIN (FORMAT JSON) ${statement.text}`, statement.values);
    const plan = result.rows[0]?.["QUERY PLAN"][0]?.Plan;
    if (!plan) throw new Error("no plan");
    return scansOf(plan);
  } finally {
    await client.query("ROLLBACK").catch(() => undefined);
    await client.end();
  }
}

/** Explains every captured statement that reads the service log; each entry keeps its SQL for messages. */
export async function explainServiceLogReads(tenantId: string, statements: TStatement[]): Promise<{ sql: string; scans: TScan[] }[]> {
  const reads = serviceLogReads(statements);
  const plans: { sql: string; scans: TScan[] }[] = [];
  for (const statement of reads) plans.push({ sql: statement.text, scans: await explainAsApp(tenantId, statement) });
  // PLANS_DEBUG=1 prints what was explained, for a failing assertion's context.
  if (process.env.PLANS_DEBUG) for (const plan of plans) console.info(plan.sql, "\n", plan.scans);
  return plans;
}

/** The scans of the service log's tables across the explained statements. */
export function serviceLogScans(plans: { scans: TScan[] }[]): TScan[] {
  return plans.flatMap((p) => p.scans.filter((s) => (SERVICE_LOG_TABLES as readonly string[]).includes(s.relation)));
}

/** A condition bounds `column` from below and above by the given dates (`>= 'from'` and `< 'to'`). */
export function boundsDates(cond: string, column: string, from: string, to: string): boolean {
  return new RegExp(`\\b${column} >= '${from}'`).test(cond) && new RegExp(`\\b${column} < '${to}'`).test(cond);
}

/**
 * Service records, participations and providers for `tenantId`, written by the owner in one
 * statement: `count` records, the n-th on `firstDay + n % days`, delivered and logged by
 * `userIds[n % …]` for `clientIds[n % …]`, 15–120 minutes; `pathId`/`planActionIds` link every
 * participation to that path and (cycling, null for none) action. Returns nothing: tests count.
 */
export async function seedServiceLog(
  tenantId: string,
  { count, firstDay, days, userIds, clientIds, pathId = null, planActionIds = [null] }: {
    count: number;
    firstDay: string;
    days: number;
    userIds: string[];
    clientIds: string[];
    pathId?: string | null;
    planActionIds?: (string | null)[];
  },
): Promise<void> {
  await ownerQuery(
    `WITH draws AS MATERIALIZED (
       SELECT gen_random_uuid() AS id, $3::date + (g % $4) AS date, g,
              ($5::uuid[])[1 + g % cardinality($5::uuid[])] AS user_id,
              ($6::uuid[])[1 + g % cardinality($6::uuid[])] AS client_id,
              ($8::uuid[])[1 + g % cardinality($8::uuid[])] AS plan_action_id
       FROM generate_series(1, $2::int) g),
     records AS (
       INSERT INTO service_record (id, tenant_id, date, start_time, duration_minutes, form, channel, support_type, topic, author_id, idempotency_key, created_at, updated_at)
       SELECT id, $1, date, lpad((8 + g % 9)::text, 2, '0') || ':00', 15 + (g % 8) * 15, 'INDIVIDUAL', 'IN_PERSON', 'ADVISORY', 'Konsultacja ' || g, user_id, gen_random_uuid(), now(), now()
       FROM draws),
     participations AS (
       INSERT INTO service_participation (id, tenant_id, service_id, client_id, path_id, plan_action_id, date)
       SELECT gen_random_uuid(), $1, id, client_id, $7::uuid, plan_action_id, date FROM draws)
     INSERT INTO service_provider (id, tenant_id, service_id, user_id, date)
     SELECT gen_random_uuid(), $1, id, user_id, date FROM draws`,
    [tenantId, count, firstDay, days, userIds, clientIds, pathId, planActionIds],
  );
}

/** Fresh statistics, as autovacuum would gather them on a live database (the owner runs it). */
export async function analyzeServiceLog(): Promise<void> {
  await ownerQuery(`ANALYZE service_record, service_participation, service_provider, support_path, path_plan_action, path_plan_version, "user", client`);
}
