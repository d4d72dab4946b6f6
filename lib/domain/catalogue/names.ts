/*
 * The tenant's support catalogue as pages and forms get it, and how an entry is named in the
 * reader's language. Pure (no server-only): client components name codes with it too.
 */

/** An entry's names: Polish, and English when the tenant gave one. */
export type TEntryNames = { name: string; nameEn: string | null };

/** One catalogue entry: its stable code (stored on records) and its names. */
export type TCatalogueOption = {
  code: string;
  name: string;
  /** The English name; null when the tenant gave none (the Polish one is shown instead). */
  nameEn: string | null;
  /** Retired: kept on the records that carry it, not offered for new ones. */
  retired: boolean;
};

export type TSupportTypeOption = TCatalogueOption & {
  /** Services and plan actions of this type must name a specialist area. */
  requiresSpecialistArea: boolean;
};

export type TPathTemplateOption = TCatalogueOption & {
  /** Support type codes a path on this template must have delivered before its evaluation. */
  obligatorySupportTypes: string[];
};

/** The three lists, each in the tenant's order, retired entries included. */
export type TCatalogue = {
  supportTypes: TSupportTypeOption[];
  specialistAreas: TCatalogueOption[];
  pathTemplates: TPathTemplateOption[];
};

export const EMPTY_CATALOGUE: TCatalogue = { supportTypes: [], specialistAreas: [], pathTemplates: [] };

/** An entry's name in `locale`: the English name for "en" when it has one, else the Polish one. */
export function entryName(entry: TEntryNames, locale: string): string {
  return locale === "en" && entry.nameEn ? entry.nameEn : entry.name;
}

/**
 * The name of `code` in `entries` (one list of the catalogue) in `locale`. A code the list does not
 * hold (never expected: records reference entries by foreign key) reads as the code itself.
 */
export function nameOf(entries: readonly (TEntryNames & { code: string })[], code: string, locale: string): string {
  const entry = entries.find((e) => e.code === code);
  return entry ? entryName(entry, locale) : code;
}

/** A namer bound to one list and locale, for components that name many codes. */
export function namer(entries: readonly (TEntryNames & { code: string })[], locale: string): (code: string) => string {
  const names = new Map(entries.map((e) => [e.code, entryName(e, locale)]));
  return (code) => names.get(code) ?? code;
}
