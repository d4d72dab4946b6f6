import "server-only";
import { z } from "zod";
import { CUT_KINDS_LIST } from "./cut-kinds";

/** A period as the URL names it ("2026", "2026-Q1", "PROJECT"); periods.ts reads it. */
export const ZPeriodKey = z
  .string("invalid")
  .trim()
  .toUpperCase()
  .regex(/^(PROJECT|\d{4}(-Q[1-4])?)$/, "invalidPeriod");

export const ZIndicatorReportInput = z.object({
  period: ZPeriodKey,
  cut: z.enum(CUT_KINDS_LIST, "invalid").optional(),
});
export type TIndicatorReportInput = z.input<typeof ZIndicatorReportInput>;

export const ZIndicatorComparisonInput = z.object({
  a: ZPeriodKey,
  b: ZPeriodKey,
});
export type TIndicatorComparisonInput = z.input<typeof ZIndicatorComparisonInput>;
