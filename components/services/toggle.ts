/** The ids with `id` ticked on or off (once, at the end, when ticked). */
export function toggleIn(ids: readonly string[] | undefined, id: string, on: boolean): string[] {
  const others = (ids ?? []).filter((v) => v !== id);
  return on ? [...others, id] : others;
}
