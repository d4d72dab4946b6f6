/** 90 → "1 h 30 min", 45 → "45 min", 120 → "2 h": how the log states a duration. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** Minutes as decimal hours with two places, the unit of a timesheet (90 → 1.5). */
export function toHours(minutes: number): number {
  return Math.round((minutes / 60) * 100) / 100;
}
