/** The day or week view of `date` (YYYY-MM-DD). Server pages and client lists both link with it. */
export function servicesHref(date: string, view: "day" | "week"): string {
  return `/services?${new URLSearchParams({ date, view })}`;
}
