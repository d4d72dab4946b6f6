import "server-only";
import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { Prisma, type IndicatorSource, type PathResultType } from "@/lib/generated/prisma/client";
import { NO_CUT_VALUE, type TCutKind } from "./cut-kinds";
import type { TIndicatorPeriod } from "./periods";

/**
 * The ONE reader of the SQL view `indicator_evidence` (migration 20261204090000): the view says
 * what evidence exists and when it is valid; this file says how it is counted, as data the screen
 * and the exports show, and holds every query of the reports. Each figure set is one statement,
 * filtered by the caller's tenant (row-level security holds too), over active indicators only.
 */

/** How one source's evidence adds up: the quantities it records, or its distinct keys once each. */
export type TCountingMode = "SUM_QUANTITY" | "DISTINCT_KEY";
/** What is counted once per period. */
export type TCountedUnit = "EVIDENCE" | "PERSON" | "JOB";
/** Which date puts the evidence in a period. */
export type TDecidingDate = "RESULT_DATE" | "DOCUMENT_DATE" | "LAST_SESSION" | "CONTRACT_DAYS" | "CHECK_DATE";

export type TCountingRule = {
  source: IndicatorSource;
  mode: TCountingMode;
  oncePer: TCountedUnit;
  date: TDecidingDate;
};

/**
 * The counting rules, written down once (the screen's "how we count" and the exports print them,
 * messages `indicators.rules.<source>` explain them in words). The view's `count_key` is what
 * "once per" means: a result or a record itself, a person (`person_key`, or the staff member), a job.
 */
export const COUNTING_RULES: readonly TCountingRule[] = [
  // A path evaluation's result: its quantity (jobs created: 3) for indicators of its result type.
  {
    source: "PATH_RESULT",
    mode: "SUM_QUANTITY",
    oncePer: "EVIDENCE",
    date: "RESULT_DATE",
  },
  // A person who completed a training (present at ≥ 80% of its sessions), once however many trainings.
  {
    source: "TRAINING_COMPLETION",
    mode: "DISTINCT_KEY",
    oncePer: "PERSON",
    date: "LAST_SESSION",
  },
  // An animator on an employment contract running on any day of the period, once however many contracts.
  {
    source: "ANIMATOR_EMPLOYMENT",
    mode: "DISTINCT_KEY",
    oncePer: "PERSON",
    date: "CONTRACT_DAYS",
  },
  // A job confirmed maintained by a durability check, once however many checks.
  {
    source: "JOBS_MAINTAINED",
    mode: "DISTINCT_KEY",
    oncePer: "JOB",
    date: "CHECK_DATE",
  },
  // Evidence registered by hand for the one indicator it names, with its quantity.
  {
    source: "MANUAL",
    mode: "SUM_QUANTITY",
    oncePer: "EVIDENCE",
    date: "DOCUMENT_DATE",
  },
];

const SUM_SOURCES: string[] = COUNTING_RULES.filter((r) => r.mode === "SUM_QUANTITY").map((r) => r.source);

export function countingRuleOf(source: IndicatorSource): TCountingRule {
  const rule = COUNTING_RULES.find((r) => r.source === source);
  if (!rule) throw new Error(`No counting rule for ${source}`);
  return rule;
}

/**
 * The evidence rows that count toward the tenant's active indicators in `period` (optionally one
 * indicator): a row counts in a period it overlaps; a path result counts for the indicators of its
 * result type, manual evidence only for its own indicator, the other sources for every indicator
 * of that source.
 */
function countedEvidence(ctx: TContext, period: TIndicatorPeriod, indicatorId?: string): Prisma.Sql {
  const tenant = Prisma.sql`${ctx.tenantId}::uuid`;
  return Prisma.sql`
    SELECT i.id AS indicator_id, e.source, e.count_key, e.quantity, e.valid_from, e.valid_to, e.evidence_id, e.link_id,
           e.client_id, e.spheres, e.partner_id, e.office_id, e.county
    FROM indicator i
    JOIN indicator_evidence e ON e.tenant_id = i.tenant_id AND e.source = i.source
      AND (i.source IN ('TRAINING_COMPLETION', 'ANIMATOR_EMPLOYMENT', 'JOBS_MAINTAINED')
        OR (i.source = 'PATH_RESULT' AND e.result_type = i.result_type)
        OR (i.source = 'MANUAL' AND e.indicator_id = i.id))
    WHERE i.tenant_id = ${tenant} AND e.tenant_id = ${tenant} AND i.active
      AND e.valid_from <= ${period.to}::date AND coalesce(e.valid_to, ${period.to}::date) >= ${period.from}::date
      ${indicatorId ? Prisma.sql`AND i.id = ${indicatorId}::uuid` : Prisma.empty}`;
}

/** A counted unit's weight: its quantities for a summing source, 1 for a distinct key. */
const unitWeight = Prisma.sql`CASE WHEN min(c.source::text) = ANY(${SUM_SOURCES}::text[]) THEN sum(c.quantity) ELSE 1 END`;

/** The values a counted row `c` takes in a cut (`cv.value`): every sphere it carries, else NONE. */
function cutValues(kind: TCutKind): Prisma.Sql {
  switch (kind) {
    case "SPHERE":
      return Prisma.sql`CROSS JOIN LATERAL unnest(CASE WHEN cardinality(c.spheres) > 0 THEN c.spheres::text[] ELSE ARRAY[${NO_CUT_VALUE}]::text[] END) AS cv(value)`;
    case "PARTNER":
      return Prisma.sql`CROSS JOIN LATERAL (SELECT coalesce(c.partner_id::text, ${NO_CUT_VALUE})) AS cv(value)`;
    case "OFFICE":
      return Prisma.sql`CROSS JOIN LATERAL (SELECT coalesce(c.office_id::text, ${NO_CUT_VALUE})) AS cv(value)`;
    case "COUNTY":
      return Prisma.sql`CROSS JOIN LATERAL (SELECT coalesce(nullif(lower(btrim(c.county)), ''), ${NO_CUT_VALUE})) AS cv(value)`;
  }
}

/** The name of a cut value `x.value` (a partner's or an office's; a county is its own name; spheres are translated on screen). */
function cutLabel(ctx: TContext, kind: TCutKind): Prisma.Sql {
  const tenant = Prisma.sql`${ctx.tenantId}::uuid`;
  if (kind === "PARTNER") return Prisma.sql`(SELECT p.name FROM partner p WHERE p.tenant_id = ${tenant} AND p.id::text = x.value)`;
  if (kind === "OFFICE") return Prisma.sql`(SELECT o.name FROM office o WHERE o.tenant_id = ${tenant} AND o.id::text = x.value)`;
  if (kind === "COUNTY") return Prisma.sql`x.county_name`;
  return Prisma.sql`NULL::text`;
}

/** Per active indicator with any evidence in the period, its actual. */
export async function loadActuals(tx: TTx, ctx: TContext, period: TIndicatorPeriod, indicatorId?: string): Promise<Map<string, number>> {
  const rows = await tx.$queryRaw<{ indicatorId: string; actual: number }[]>`
    WITH counted AS (${countedEvidence(ctx, period, indicatorId)}),
    units AS (SELECT c.indicator_id, ${unitWeight} AS weight FROM counted c GROUP BY c.indicator_id, c.count_key)
    SELECT indicator_id AS "indicatorId", sum(weight)::int AS actual FROM units GROUP BY indicator_id`;
  return new Map(rows.map((r) => [r.indicatorId, r.actual]));
}

/**
 * Per indicator, what each month of the period adds: every counted unit in the month it first
 * counts in the period (a contract running since before the period counts in its first month).
 */
export async function loadMonthlyGains(tx: TTx, ctx: TContext, period: TIndicatorPeriod): Promise<{ indicatorId: string; month: string; gain: number }[]> {
  return tx.$queryRaw<{ indicatorId: string; month: string; gain: number }[]>`
    WITH counted AS (${countedEvidence(ctx, period)}),
    units AS (
      SELECT c.indicator_id, to_char(greatest(min(c.valid_from), ${period.from}::date), 'YYYY-MM') AS month, ${unitWeight} AS weight
      FROM counted c GROUP BY c.indicator_id, c.count_key)
    SELECT indicator_id AS "indicatorId", month, sum(weight)::int AS gain FROM units GROUP BY indicator_id, month ORDER BY month`;
}

export type TCutFigure = {
  indicatorId: string;
  value: string;
  label: string | null;
  actual: number;
};

/**
 * (Each statement reads only the view's columns it needs: PostgreSQL then drops the view's joins
 * that would feed the others — a sphere cut of path results never touches the client table.)
 *
 * Per indicator and cut value, its actual within the value: a unit counts once in each value it
 * carries, so evidence with two spheres counts in both and the values add up to more than the total.
 * `multiSphere` says which indicators have such evidence.
 */
export async function loadCut(
  tx: TTx,
  ctx: TContext,
  period: TIndicatorPeriod,
  kind: TCutKind,
  indicatorId?: string,
): Promise<{ figures: TCutFigure[]; multiSphere: Set<string> }> {
  const rows = await tx.$queryRaw<(TCutFigure & { multi: boolean })[]>`
    WITH counted AS (${countedEvidence(ctx, period, indicatorId)}),
    units AS (
      SELECT c.indicator_id, cv.value, ${unitWeight} AS weight,
             ${kind === "SPHERE" ? Prisma.sql`bool_or(coalesce(cardinality(c.spheres), 0) > 1)` : Prisma.sql`false`} AS multi,
             ${kind === "COUNTY" ? Prisma.sql`min(btrim(c.county))` : Prisma.sql`NULL::text`} AS county_name
      FROM counted c ${cutValues(kind)}
      GROUP BY c.indicator_id, cv.value, c.count_key),
    x AS (SELECT indicator_id, value, sum(weight)::int AS actual, bool_or(multi) AS multi, min(county_name) AS county_name FROM units GROUP BY indicator_id, value)
    SELECT x.indicator_id AS "indicatorId", x.value, ${cutLabel(ctx, kind)} AS label, x.actual, x.multi FROM x
    ORDER BY x.indicator_id, x.value`;
  return {
    figures: rows.map(({ multi: _multi, ...figure }) => figure),
    multiSphere: new Set(kind === "SPHERE" ? rows.filter((r) => r.multi).map((r) => r.indicatorId) : []),
  };
}

export type TEvidenceRowSql = {
  source: IndicatorSource;
  evidenceId: string;
  linkId: string;
  validFrom: Date;
  validTo: Date | null;
  quantity: number;
  resultType: PathResultType | null;
  clientId: string | null;
  clientName: string | null;
  /** What the evidence is: the result's or the document's kind, the training's title, the staff member, the job. */
  title: string | null;
  reference: string | null;
  /** The same person or job counted earlier in the period (this row adds nothing to a distinct count). */
  repeated: boolean;
  total: number;
};

/**
 * One page of the evidence behind one indicator's actual in `period` (optionally within one cut
 * value), newest first, with what each piece is. Rows of a distinct-key source that repeat a person
 * or job already counted say so.
 */
export async function loadEvidencePage(
  tx: TTx,
  ctx: TContext,
  input: {
    period: TIndicatorPeriod;
    indicatorId: string;
    cut: { kind: TCutKind; value: string } | null;
    skip: number;
    take: number;
  },
): Promise<TEvidenceRowSql[]> {
  const tenant = Prisma.sql`${ctx.tenantId}::uuid`;
  const cut = input.cut;
  return tx.$queryRaw<TEvidenceRowSql[]>`
    WITH counted AS (${countedEvidence(ctx, input.period, input.indicatorId)}),
    within AS (
      SELECT c.* FROM counted c
      ${cut ? Prisma.sql`${cutValues(cut.kind)} WHERE cv.value = ${cut.value}` : Prisma.empty}),
    chosen AS (
      SELECT c.*, row_number() OVER (PARTITION BY c.count_key ORDER BY c.valid_from, c.evidence_id) > 1 AS repeated
      FROM within c)
    SELECT c.source::text AS source, c.evidence_id AS "evidenceId", c.link_id AS "linkId", c.valid_from AS "validFrom", c.valid_to AS "validTo",
           c.quantity, r.type::text AS "resultType", c.client_id AS "clientId", cl.name AS "clientName", c.repeated,
           coalesce(r.evidence_kind, m.document_kind, ev.title, s.person_name, j.position, j.person_name) AS title,
           coalesce(r.evidence_reference, m.reference, s.reference, k.evidence, j.evidence) AS reference,
           count(*) OVER ()::int AS total
    FROM chosen c
    LEFT JOIN client cl ON cl.tenant_id = ${tenant} AND cl.id = c.client_id
    LEFT JOIN path_result r ON c.source = 'PATH_RESULT' AND r.tenant_id = ${tenant} AND r.id = c.evidence_id
    LEFT JOIN indicator_evidence_record m ON c.source = 'MANUAL' AND m.tenant_id = ${tenant} AND m.id = c.evidence_id
    LEFT JOIN event ev ON c.source = 'TRAINING_COMPLETION' AND ev.tenant_id = ${tenant} AND ev.id = c.link_id
    LEFT JOIN staff_employment s ON c.source = 'ANIMATOR_EMPLOYMENT' AND s.tenant_id = ${tenant} AND s.id = c.evidence_id
    LEFT JOIN job_check k ON c.source = 'JOBS_MAINTAINED' AND k.tenant_id = ${tenant} AND k.id = c.evidence_id
    LEFT JOIN job_record j ON c.source = 'JOBS_MAINTAINED' AND j.tenant_id = ${tenant} AND j.id = c.link_id
    ORDER BY c.valid_from DESC, c.evidence_id
    LIMIT ${input.take} OFFSET ${input.skip}`;
}

/** Where a piece of evidence is seen in the app (the drill-down's link). */
export function evidenceHref(source: IndicatorSource, linkId: string): string {
  switch (source) {
    case "PATH_RESULT":
      return `/paths/${linkId}?tab=evaluation`;
    case "MANUAL":
      return `/indicators/evidence/${linkId}`;
    case "TRAINING_COMPLETION":
      return `/events/${linkId}`;
    case "ANIMATOR_EMPLOYMENT":
      return `/admin/staff/${linkId}`;
    case "JOBS_MAINTAINED":
      return `/durability/${linkId}`;
  }
}
