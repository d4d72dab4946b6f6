import "server-only";
import type { TDurabilityView } from "./schemas";

/** The durability list's address with its filters (the tabs, pagination and the dashboards link here). */
export function durabilityHref(filters: { view?: TDurabilityView; clientId?: string; year?: number }, page = 1): string {
  const params = new URLSearchParams();
  if (filters.view) params.set("view", filters.view);
  if (filters.clientId) params.set("clientId", filters.clientId);
  if (filters.year) params.set("year", String(filters.year));
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/durability?${query}` : "/durability";
}
