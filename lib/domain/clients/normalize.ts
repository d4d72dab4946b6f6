import "server-only";
/**
 * The search and duplicate-detection key of a name or a town: lower case, diacritics folded
 * ("Łódź Spółdzielnia" → "lodz spoldzielnia"), whitespace collapsed. Stored in name_normalized
 * and town_normalized; queries are folded the same way, so typing without Polish letters finds
 * names written with them.
 */
export function foldForSearch(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    // ł has no decomposition in Unicode: NFD leaves it as it is.
    .replace(/ł/g, "l")
    .replace(/\s+/g, " ")
    .trim();
}
