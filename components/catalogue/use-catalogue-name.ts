import { useLocale } from "next-intl";
import { useMemo } from "react";
import { namer, type TEntryNames } from "@/lib/domain/catalogue/names";

/** Names codes of one catalogue list in the reader's language (a code the list lacks reads as itself). */
export function useCatalogueName(entries: readonly (TEntryNames & { code: string })[]): (code: string) => string {
  const locale = useLocale();
  return useMemo(() => namer(entries, locale), [entries, locale]);
}
