import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { todayInPoland } from "@/lib/dates";
import { AppError, notFound } from "@/lib/errors";
import type { IndicatorSource, PathResultType } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import type { TCutKind } from "./cut-kinds";
import { loadActuals, loadCut, loadMonthlyGains } from "./evidence";
import { monthsOf, parsePeriodKey, resolvePeriod, type TIndicatorPeriod, type TProjectDates } from "./periods";
import { ZIndicatorComparisonInput, ZIndicatorReportInput, type TIndicatorReportInput } from "./schemas";

/**
 * The indicator report (issue 16 §6): per active indicator its target for the period, the actual
 * computed from evidence (evidence.ts), the % of target and the cumulative progress month by month;
 * optionally cut by sphere, partner, office or county. The screen, the XLSX and the PDF all take
 * their numbers from {@link getIndicatorReport}; the comparison of two periods from
 * {@link getIndicatorComparison}.
 */

export type TIndicatorHead = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  unit: string;
  evidenceKind: string;
  source: IndicatorSource;
  resultType: PathResultType | null;
};

export type TCutValue = { value: string; label: string | null; actual: number };

export type TIndicatorReportRow = TIndicatorHead & {
  /** The target of the period (a quarter: its year's, see period.targetIsYearly); null when none is set. */
  target: number | null;
  actual: number;
  /** Actual as a whole % of the target; null without a (positive) target. */
  percent: number | null;
  /** The cumulative actual at the end of each month of the period (report.months). */
  series: number[];
  /** The actual within each cut value, when the report is cut; values without evidence are left out. */
  cut: { values: TCutValue[]; addsUp: boolean; multiSphere: boolean } | null;
};

export type TIndicatorReport = {
  centre: string;
  period: TIndicatorPeriod;
  /** The months of the period (YYYY-MM), the series' x axis. */
  months: string[];
  cut: {
    kind: TCutKind;
    /** Every value any indicator has evidence in, in order (NONE last). */
    values: { value: string; label: string | null }[];
    /**
     * Some indicator's values add up to more than its actual: evidence carrying several spheres, or
     * one person counted once overall but in two values. The screen says the cut does not add up.
     */
    overlapping: boolean;
  } | null;
  indicators: TIndicatorReportRow[];
  /** The Polish date the report was computed on. */
  generatedOn: string;
};

type TTenantRow = {
  name: string;
  projectStartsOn: Date | null;
  projectEndsOn: Date | null;
};

export async function loadTenant(tx: TTx, ctx: TContext): Promise<TTenantRow> {
  const tenant = await tx.tenant.findUnique({
    where: { id: ctx.tenantId },
    select: { name: true, projectStartsOn: true, projectEndsOn: true },
  });
  if (!tenant) throw notFound("Tenant");
  return tenant;
}

export const projectDatesOf = (tenant: TTenantRow): TProjectDates => ({
  startsOn: tenant.projectStartsOn,
  endsOn: tenant.projectEndsOn,
});

/** The tenant's active indicators in catalogue order, each with its target for `targetPeriod` (one statement). */
export async function loadIndicators(tx: TTx, ctx: TContext, targetPeriod: string | null): Promise<(TIndicatorHead & { target: number | null })[]> {
  return tx.$queryRaw<(TIndicatorHead & { target: number | null })[]>`
    SELECT i.id, i.code, i.name, i.name_en AS "nameEn", i.unit, i.evidence_kind AS "evidenceKind", i.source::text AS source,
           i.result_type::text AS "resultType", t.value AS target
    FROM indicator i
    LEFT JOIN indicator_target t ON t.tenant_id = i.tenant_id AND t.indicator_id = i.id AND t.period = ${targetPeriod}
    WHERE i.tenant_id = ${ctx.tenantId}::uuid AND i.active
    ORDER BY i.position, i.code`;
}

/** A period the URL names, resolved against the tenant; a PROJECT without dates is refused on the field. */
export function periodFor(rawKey: string, project: TProjectDates): TIndicatorPeriod {
  const key = parsePeriodKey(rawKey);
  if (!key)
    throw new AppError("VALIDATION_FAILED", {
      fieldErrors: { period: "invalidPeriod" },
    });
  const period = resolvePeriod(key, project);
  if (!period)
    throw new AppError("VALIDATION_FAILED", {
      fieldErrors: { period: "projectPeriodUnset" },
    });
  return period;
}

export const percentOf = (actual: number, target: number | null): number | null => (target && target > 0 ? Math.round((actual / target) * 100) : null);

/** Cumulative sums of the monthly gains over `months`. */
function cumulative(months: string[], gains: Map<string, number>): number[] {
  let sum = 0;
  return months.map((month) => (sum += gains.get(month) ?? 0));
}

/** Cut values in reading order: by name (a sphere by its code), the unassigned last. */
const sortCutValues = <T extends { value: string; label: string | null }>(values: T[]): T[] =>
  values.sort((a, b) => Number(a.value === "NONE") - Number(b.value === "NONE") || (a.label ?? a.value).localeCompare(b.label ?? b.value, "pl"));

/** The report for a resolved period inside the caller's transaction: 3 statements (4 with a cut). */
export async function buildReport(tx: TTx, ctx: TContext, centre: string, period: TIndicatorPeriod, cutKind: TCutKind | null): Promise<TIndicatorReport> {
  const indicators = await loadIndicators(tx, ctx, period.targetPeriod);
  // An actual is the sum of what each month adds (every counted unit in its first month): one pass
  // over the evidence gives both the total and the chart.
  const gains = await loadMonthlyGains(tx, ctx, period);
  const actuals = new Map<string, number>();
  for (const g of gains) actuals.set(g.indicatorId, (actuals.get(g.indicatorId) ?? 0) + g.gain);
  const cut = cutKind ? await loadCut(tx, ctx, period, cutKind) : null;
  const months = monthsOf(period);
  const gainsOf = new Map<string, Map<string, number>>();
  for (const g of gains) {
    const byMonth = gainsOf.get(g.indicatorId) ?? new Map<string, number>();
    byMonth.set(g.month, g.gain);
    gainsOf.set(g.indicatorId, byMonth);
  }
  const rows: TIndicatorReportRow[] = indicators.map((indicator) => {
    const actual = actuals.get(indicator.id) ?? 0;
    const values = cut
      ? sortCutValues(
          cut.figures
            .filter((f) => f.indicatorId === indicator.id)
            .map(({ value, label, actual: a }) => ({
              value,
              label,
              actual: a,
            })),
        )
      : [];
    return {
      ...indicator,
      actual,
      percent: percentOf(actual, indicator.target),
      series: cumulative(months, gainsOf.get(indicator.id) ?? new Map()),
      cut: cut
        ? {
            values,
            addsUp: values.reduce((sum, v) => sum + v.actual, 0) === actual,
            multiSphere: cut.multiSphere.has(indicator.id),
          }
        : null,
    };
  });
  const cutValues = cut ? sortCutValues([...new Map(cut.figures.map((f) => [f.value, { value: f.value, label: f.label }])).values()]) : [];
  return {
    centre,
    period,
    months,
    cut: cutKind
      ? {
          kind: cutKind,
          values: cutValues,
          overlapping: rows.some((r) => r.cut !== null && !r.cut.addsUp),
        }
      : null,
    indicators: rows,
    generatedOn: todayInPoland(),
  };
}

/**
 * The indicator report of a period ("2026", "2026-Q1", "PROJECT"), optionally cut. indicators.read
 * first; an unknown period or a PROJECT without dates is VALIDATION_FAILED on `period`.
 */
export async function getIndicatorReport(ctx: TContext, rawInput: TIndicatorReportInput): Promise<TIndicatorReport> {
  await assertCan(ctx, "indicators.read");
  const input = parseInput(ZIndicatorReportInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const tenant = await loadTenant(tx, ctx);
    return buildReport(tx, ctx, tenant.name, periodFor(input.period, projectDatesOf(tenant)), input.cut ?? null);
  });
}

export type TComparisonRow = TIndicatorHead & {
  actualA: number;
  actualB: number;
  difference: number;
};
export type TIndicatorComparison = {
  centre: string;
  a: TIndicatorPeriod;
  b: TIndicatorPeriod;
  indicators: TComparisonRow[];
};

/** Per active indicator its actuals in two periods and the difference (b − a). */
export async function buildComparison(tx: TTx, ctx: TContext, centre: string, a: TIndicatorPeriod, b: TIndicatorPeriod): Promise<TIndicatorComparison> {
  const indicators = await loadIndicators(tx, ctx, null);
  const actualsA = await loadActuals(tx, ctx, a);
  const actualsB = await loadActuals(tx, ctx, b);
  return {
    centre,
    a,
    b,
    indicators: indicators.map(({ target: _target, ...head }) => {
      const actualA = actualsA.get(head.id) ?? 0;
      const actualB = actualsB.get(head.id) ?? 0;
      return { ...head, actualA, actualB, difference: actualB - actualA };
    }),
  };
}

/** The comparison of two periods' actuals. indicators.read first; each period as in the report. */
export async function getIndicatorComparison(ctx: TContext, periodA: string, periodB: string): Promise<TIndicatorComparison> {
  await assertCan(ctx, "indicators.read");
  const input = parseInput(ZIndicatorComparisonInput, {
    a: periodA,
    b: periodB,
  });
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const tenant = await loadTenant(tx, ctx);
    const project = projectDatesOf(tenant);
    return buildComparison(tx, ctx, tenant.name, periodFor(input.a, project), periodFor(input.b, project));
  });
}
