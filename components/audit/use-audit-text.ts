import { useFormatter, useLocale, useTranslations } from "next-intl";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import type { TAuditValue } from "@/lib/domain/audit/describe";
import { entryName } from "@/lib/domain/catalogue/names";

/**
 * Reads an audited value (lib/domain/audit/describe.ts) in the viewer's language: labels through
 * the messages, catalogue entries by the name the tenant gave in that language, days in the locale's format, yes/no for booleans, "—" for nothing, lists comma-separated.
 */
export function useAuditText(): (value: TAuditValue) => string {
  const t = useTranslations();
  const format = useFormatter();
  const locale = useLocale();
  const text = (value: TAuditValue): string => {
    switch (value.kind) {
      case "none":
        return t("common.none");
      case "text":
        return value.text;
      case "number":
        return format.number(value.value);
      case "bool":
        return t(value.value ? "common.yes" : "common.no");
      case "date":
        return format.dateTime(dateOnly(value.day), CALENDAR_DATE);
      case "label":
        return t(value.key);
      case "name":
        return entryName(value, locale);
      case "phrase":
        return t(value.key, Object.fromEntries(Object.entries(value.values).map(([name, inner]) => [name, text(inner)])));
      case "list":
        return value.items.length === 0 ? t("common.none") : value.items.map(text).join(value.items.some((item) => item.kind === "record") ? "; " : ", ");
      case "record":
        return value.fields.map((field) => `${t(field.labelKey)}: ${text(field.value)}`).join(", ");
      case "pair":
        return `${text(value.key)}: ${text(value.value)}`;
    }
  };
  return text;
}
