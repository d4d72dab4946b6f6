"use client";

import { useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { entryName, type TCatalogueOption } from "@/lib/domain/catalogue/names";

type TCatalogueSelectProps = Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "children"> & {
  /** One list of the tenant's catalogue, retired entries included, in the tenant's order. */
  entries: readonly TCatalogueOption[];
  /**
   * Codes the record already has: offered even when retired (an edit may keep them). Every other
   * retired entry is left out — a new choice must be an active one.
   */
  kept?: readonly (string | null | undefined)[];
  /** A first, empty option ("— choose —"). */
  placeholder?: string;
  invalid?: boolean;
  ref?: React.Ref<HTMLSelectElement>;
};

/**
 * A native select over one list of the tenant's support catalogue, each entry by its name in the
 * reader's language; a retired entry the record keeps is marked as such.
 */
export function CatalogueSelect({ entries, kept = [], placeholder, invalid, className, ...select }: TCatalogueSelectProps) {
  const t = useTranslations("catalogue");
  const locale = useLocale();
  return (
    <select {...select} className={cn(inputClass(invalid), className)}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {entries
        .filter((e) => !e.retired || kept.includes(e.code))
        .map((e) => (
          <option key={e.code} value={e.code}>
            {e.retired ? t("retiredOption", { name: entryName(e, locale) }) : entryName(e, locale)}
          </option>
        ))}
    </select>
  );
}
