import "server-only";
import { NO_CUT_VALUE, type TCutKind } from "./cut-kinds";

/**
 * How the report's periods and cut values are named in words, for the screen and the exports alike.
 * Pure: `t` is a translator of the root messages (next-intl's getTranslations() or createTranslator).
 */
export type TRootTranslator = (key: string, values?: Record<string, string | number>) => string;

/** "Rok 2026", "1 kwartał 2026", "Cały okres projektu". */
export function periodLabel(t: TRootTranslator, key: string): string {
  if (key === "PROJECT") return t("indicators.report.periods.PROJECT");
  const [year, quarter] = key.split("-Q");
  return quarter ? t("indicators.report.periods.quarter", { year: year ?? key, quarter }) : t("indicators.report.periods.year", { year: year ?? key });
}

/** A cut value's name: a sphere's, a partner's or office's own name, a county; the unassigned. */
export function cutValueLabel(t: TRootTranslator, kind: TCutKind, value: { value: string; label: string | null }): string {
  if (value.value === NO_CUT_VALUE) return kind === "SPHERE" ? t("indicators.report.noSphere") : t("indicators.report.unassigned");
  if (kind === "SPHERE") return t(`clients.spheres.${value.value}`);
  return value.label ?? value.value;
}

/** The indicator's name in the reader's language (the Polish one when no English one was given). */
export function indicatorName(indicator: { name: string; nameEn: string | null }, locale: string): string {
  return locale === "en" && indicator.nameEn ? indicator.nameEn : indicator.name;
}
