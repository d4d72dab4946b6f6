import "server-only";
import { todayInPoland } from "@/lib/dates";
import type { TIndicatorReportInput } from "./schemas";

/** The report an export URL asks for (?period=2026&cut=SPHERE; no period: this year), as the screen's links write it. */
export function exportInputOf(url: URL): TIndicatorReportInput {
  const cut = url.searchParams.get("cut");
  return {
    period: url.searchParams.get("period") || todayInPoland().slice(0, 4),
    ...(cut ? { cut: cut as TIndicatorReportInput["cut"] } : {}),
  };
}

/** The export links of a report: the same period and cut as on screen. */
export function exportHref(format: "xlsx" | "pdf", periodKey: string, cut: string | null): string {
  const query = new URLSearchParams({ period: periodKey });
  if (cut) query.set("cut", cut);
  return `/indicators/export/${format}?${query.toString()}`;
}
