import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope, isCentreWide } from "@/lib/auth/scope";
import { tenantTransaction } from "@/lib/db/transaction";
import { todayInPoland } from "@/lib/dates";
import { loadClientRelations } from "@/lib/domain/clients/access";
import { accessOfEach, recordAccess } from "@/lib/domain/privacy/access-log";
import { notFound } from "@/lib/errors";
import type { IndicatorSource, PathResultType } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, ZPageInput, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { CUT_KINDS_LIST, type TCutKind } from "./cut-kinds";
import { countingRuleOf, evidenceHref, loadActuals, loadCut, loadEvidencePage, type TCountingRule } from "./evidence";
import { currentYearKey, parsePeriodKey, periodChoices, periodKeyString, resolvePeriod, type TIndicatorPeriod } from "./periods";
import {
  buildComparison,
  buildReport,
  loadTenant,
  percentOf,
  projectDatesOf,
  type TIndicatorComparison,
  type TIndicatorHead,
  type TIndicatorReport,
} from "./report";

/**
 * The indicator screens' page services (decision 013: one call per page): the report, one
 * indicator's evidence (the drill-down) and the comparison of two periods. The URL is read
 * forgivingly: a period or cut it does not name falls back to the current year or no cut.
 */

const cutOf = (raw: unknown): TCutKind | null => ((CUT_KINDS_LIST as readonly unknown[]).includes(raw) ? (raw as TCutKind) : null);
const periodKeyOf = (raw: unknown) => periodKeyString(parsePeriodKey(raw) ?? currentYearKey());

export type TIndicatorReportPage = {
  /** The period asked for (as the URL names it) and the picker's choices. */
  periodKey: string;
  periodChoices: string[];
  cutKind: TCutKind | null;
  /** Null when the period is PROJECT and the centre has not set its project dates. */
  report: TIndicatorReport | null;
};

/** The report page: the report of the URL's period (default: this year) and cut. */
export async function getIndicatorReportPage(ctx: TContext, query: { period?: string; cut?: string }): Promise<TIndicatorReportPage> {
  await assertCan(ctx, "indicators.read");
  const periodKey = periodKeyOf(query.period);
  const cutKind = cutOf(query.cut);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const tenant = await loadTenant(tx, ctx);
    const key = parsePeriodKey(periodKey) ?? currentYearKey();
    const period = resolvePeriod(key, projectDatesOf(tenant));
    const report = period ? await buildReport(tx, ctx, tenant.name, period, cutKind) : null;
    return { periodKey, periodChoices: periodChoices(), cutKind, report };
  });
}

export type TEvidenceRow = {
  source: IndicatorSource;
  evidenceId: string;
  href: string;
  /** The evidence date, and for a contract the day it ends (null: open-ended). */
  validFrom: Date;
  validTo: Date | null;
  quantity: number;
  resultType: PathResultType | null;
  title: string | null;
  reference: string | null;
  /** The person or job was counted by an earlier row of the period: this row adds nothing. */
  repeated: boolean;
  /** Named only to a viewer who may read the client (need-to-know); `outOfScope` otherwise. */
  client: { kind: "none" } | { kind: "readable"; id: string; name: string } | { kind: "outOfScope" };
};

export type TIndicatorEvidencePage = TPage<TEvidenceRow> & {
  indicator: TIndicatorHead & { rule: TCountingRule };
  periodKey: string;
  periodChoices: string[];
  period: TIndicatorPeriod | null;
  /** The indicator's actual in the period, its target and %. */
  actual: number;
  target: number | null;
  percent: number | null;
  /** The cut value the list is narrowed to, with the actual within it. */
  cut: {
    kind: TCutKind;
    value: string;
    label: string | null;
    actual: number;
  } | null;
};

/**
 * One indicator's evidence in a period (optionally within one cut value): the list behind its
 * actual, paginated, each row linked to where the evidence lives. A foreign, inactive or malformed
 * indicator id is NOT_FOUND.
 */
export async function getIndicatorEvidencePage(
  ctx: TContext,
  indicatorId: string,
  query: {
    period?: string;
    cut?: string;
    value?: string;
    page?: number | string;
  },
): Promise<TIndicatorEvidencePage> {
  await assertCan(ctx, "indicators.read");
  assertId(indicatorId, "Indicator");
  const pageInput = parseInput(ZPageInput, { page: query.page ?? 1 });
  const periodKey = periodKeyOf(query.period);
  const cutKind = cutOf(query.cut);
  const cutValue = cutKind && typeof query.value === "string" && query.value.length > 0 && query.value.length <= 200 ? query.value : null;
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const tenant = await loadTenant(tx, ctx);
    const period = resolvePeriod(parsePeriodKey(periodKey) ?? currentYearKey(), projectDatesOf(tenant));
    const [head] = await tx.$queryRaw<(TIndicatorHead & { target: number | null })[]>`
      SELECT i.id, i.code, i.name, i.name_en AS "nameEn", i.unit, i.evidence_kind AS "evidenceKind", i.source::text AS source,
             i.result_type::text AS "resultType", t.value AS target
      FROM indicator i
      LEFT JOIN indicator_target t ON t.tenant_id = i.tenant_id AND t.indicator_id = i.id AND t.period = ${period?.targetPeriod ?? null}
      WHERE i.tenant_id = ${ctx.tenantId}::uuid AND i.id = ${indicatorId}::uuid AND i.active`;
    if (!head) throw notFound("Indicator");
    const { target, ...indicator } = head;
    const base = {
      indicator: { ...indicator, rule: countingRuleOf(indicator.source) },
      periodKey,
      periodChoices: periodChoices(),
      period,
      target,
    };
    if (!period)
      return {
        ...base,
        ...toPage<TEvidenceRow>([], 0, pageInput),
        actual: 0,
        percent: null,
        cut: null,
      };

    const actual = (await loadActuals(tx, ctx, period, indicator.id)).get(indicator.id) ?? 0;
    let cut: TIndicatorEvidencePage["cut"] = null;
    if (cutKind && cutValue) {
      const figure = (await loadCut(tx, ctx, period, cutKind, indicator.id)).figures.find((f) => f.value === cutValue);
      cut = {
        kind: cutKind,
        value: cutValue,
        label: figure?.label ?? null,
        actual: figure?.actual ?? 0,
      };
    }
    const { skip, take } = toSkipTake(pageInput);
    const rows = await loadEvidencePage(tx, ctx, {
      period,
      indicatorId: indicator.id,
      cut: cut ? { kind: cut.kind, value: cut.value } : null,
      skip,
      take,
    });

    // A viewer who reads every client needs no relations; a coordinator, one lookup for the page.
    const centreWide = isCentreWide(ctx, "clients.read");
    const clientIds = centreWide ? [] : [...new Set(rows.flatMap((r) => (r.clientId ? [r.clientId] : [])))];
    const relations = await loadClientRelations(tx, ctx, clientIds);
    const mayRead = (clientId: string) => {
      const access = relations.get(clientId);
      return centreWide || (access !== undefined && inScope(ctx, "clients.read", access.relation));
    };
    const items: TEvidenceRow[] = rows.map((r) => ({
      source: r.source,
      evidenceId: r.evidenceId,
      href: evidenceHref(r.source, r.linkId),
      validFrom: r.validFrom,
      validTo: r.validTo,
      quantity: r.quantity,
      resultType: r.resultType,
      title: r.title,
      reference: r.reference,
      repeated: r.repeated,
      client:
        r.clientId === null ? { kind: "none" } : mayRead(r.clientId) ? { kind: "readable", id: r.clientId, name: r.clientName ?? "" } : { kind: "outOfScope" },
    }));
    // The clients the drill-down names are logged (issue 17); those shown only as "out of scope" are not named.
    await recordAccess(tx, ctx, accessOfEach(items.flatMap((item) => (item.client.kind === "readable" ? [item.client.id] : [])), "EXPORT", `indicators.report:${indicator.id}`));
    return {
      ...base,
      ...toPage(items, rows[0]?.total ?? 0, pageInput),
      actual,
      percent: percentOf(actual, target),
      cut,
    };
  });
}

export type TIndicatorComparisonPage = {
  a: string;
  b: string;
  periodChoices: string[];
  /** Null when a period is PROJECT and the centre has not set its project dates. */
  comparison: TIndicatorComparison | null;
};

/** The comparison page: ?a=2025&b=2026, by default last year against this one. */
export async function getIndicatorComparisonPage(ctx: TContext, query: { a?: string; b?: string }): Promise<TIndicatorComparisonPage> {
  await assertCan(ctx, "indicators.read");
  const thisYear = Number(todayInPoland().slice(0, 4));
  const a = periodKeyString(parsePeriodKey(query.a) ?? { kind: "YEAR", year: thisYear - 1 });
  const b = periodKeyString(parsePeriodKey(query.b) ?? { kind: "YEAR", year: thisYear });
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const tenant = await loadTenant(tx, ctx);
    const project = projectDatesOf(tenant);
    const periodA = resolvePeriod(parsePeriodKey(a) ?? currentYearKey(), project);
    const periodB = resolvePeriod(parsePeriodKey(b) ?? currentYearKey(), project);
    const comparison = periodA && periodB ? await buildComparison(tx, ctx, tenant.name, periodA, periodB) : null;
    return { a, b, periodChoices: periodChoices(), comparison };
  });
}
