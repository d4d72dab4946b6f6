import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { todayInPoland } from "@/lib/dates";
import { notFound } from "@/lib/errors";
import type { IndicatorSource, PathResultType } from "@/lib/generated/prisma/enums";
import { assertId } from "@/lib/validation";
import { indicatorHasEvidence, INDICATOR_FIELDS } from "./catalogue";
import { PROJECT_PERIOD, ZTargetYear } from "./schemas";
import { loadProjectSettings, type TProjectSettings } from "./settings";

/** An indicator as the catalogue lists it, with its targets for the chosen year and the project. */
export type TCatalogueIndicator = {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  unit: string;
  evidenceKind: string;
  source: IndicatorSource;
  resultType: PathResultType | null;
  description: string | null;
  position: number;
  active: boolean;
  yearTarget: number | null;
  projectTarget: number | null;
};

/** The year a page shows: the one asked for when valid, else the current Polish year. */
function yearOf(raw: string | number | undefined): string {
  const parsed = ZTargetYear.safeParse(raw);
  return parsed.success ? parsed.data : todayInPoland().slice(0, 4);
}

/** Every indicator of the tenant (active first, by position) with its targets for `year` and the project: two statements. */
async function loadCatalogue(tx: TTx, ctx: TContext, year: string): Promise<TCatalogueIndicator[]> {
  const indicators = await tx.indicator.findMany({
    where: { tenantId: ctx.tenantId },
    select: INDICATOR_FIELDS,
    orderBy: [{ active: "desc" }, { position: "asc" }, { code: "asc" }],
  });
  const targets = await tx.indicatorTarget.findMany({
    where: { tenantId: ctx.tenantId, period: { in: [year, PROJECT_PERIOD] } },
    select: { indicatorId: true, period: true, value: true },
  });
  const of = (id: string, period: string) => targets.find((t) => t.indicatorId === id && t.period === period)?.value ?? null;
  return indicators.map((i) => ({ ...i, yearTarget: of(i.id, year), projectTarget: of(i.id, PROJECT_PERIOD) }));
}

export type TIndicatorCataloguePage = { year: string; indicators: TCatalogueIndicator[]; settings: TProjectSettings };

/** /admin/indicators: the catalogue with the targets of `year` and the project, and the project settings (three statements). */
export async function getIndicatorCataloguePage(ctx: TContext, rawYear?: string | number): Promise<TIndicatorCataloguePage> {
  await assertCan(ctx, "indicators.manage");
  const year = yearOf(rawYear);
  return tenantTransaction(ctx.tenantId, async (tx) => ({
    year,
    indicators: await loadCatalogue(tx, ctx, year),
    settings: await loadProjectSettings(tx, ctx),
  }));
}

export type TIndicatorEditPage = {
  indicator: Omit<TCatalogueIndicator, "yearTarget" | "projectTarget">;
  /** Whether evidence counts toward it: then its source and result type are fixed. */
  hasEvidence: boolean;
};

/** /admin/indicators/[id]: one indicator to edit, and whether what it counts may still change. */
export async function getIndicatorEditPage(ctx: TContext, indicatorId: string): Promise<TIndicatorEditPage> {
  await assertCan(ctx, "indicators.manage");
  assertId(indicatorId, "Indicator");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const indicator = await tx.indicator.findFirst({ where: { tenantId: ctx.tenantId, id: indicatorId }, select: INDICATOR_FIELDS });
    if (!indicator) throw notFound("Indicator");
    return { indicator, hasEvidence: await indicatorHasEvidence(tx, ctx, indicator) };
  });
}

export type TTargetsPage = { year: string; indicators: TCatalogueIndicator[] };

/** /admin/indicators/targets?year=…: the grid of the active indicators (and retired ones that still have targets). */
export async function getTargetsPage(ctx: TContext, rawYear?: string | number): Promise<TTargetsPage> {
  await assertCan(ctx, "indicators.manage");
  const year = yearOf(rawYear);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const indicators = await loadCatalogue(tx, ctx, year);
    return { year, indicators: indicators.filter((i) => i.active || i.yearTarget !== null || i.projectTarget !== null) };
  });
}
