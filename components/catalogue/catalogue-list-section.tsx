import { getLocale, getTranslations } from "next-intl/server";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable, type TColumn } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { entryName, namer, type TCatalogueOption } from "@/lib/domain/catalogue/names";
import type { TCatalogueListName } from "@/lib/domain/catalogue/schemas";
import { entriesOf, type TCataloguePage } from "@/lib/domain/catalogue/service";
import { MoveEntryButtons, RetireEntryButton } from "./entry-controls";
import { EntryForm } from "./entry-form";

/**
 * One list of the catalogue: its entries in order (retired ones marked), how many records use
 * each, a support type's area flag or a template's obligatory types, the move, edit and retire
 * controls, and the form adding an entry. On a narrow screen the table keeps the name, the order
 * and the actions; the name's cell repeats the use count.
 */
export async function CatalogueListSection({ list, page }: { list: TCatalogueListName; page: TCataloguePage }) {
  const t = await getTranslations("catalogue");
  const tc = await getTranslations("common");
  const locale = await getLocale();
  const entries: TCatalogueOption[] = entriesOf(page.catalogue, list);
  const typeName = namer(page.catalogue.supportTypes, locale);
  const uses = page.uses[list];
  const headingId = `catalogue-${list}`;
  const columns: TColumn[] = [
    t("columns.name"),
    ...(list === "supportType" ? [{ label: t("columns.requiresArea"), hideBelow: "md" as const }] : []),
    ...(list === "pathTemplate" ? [{ label: t("columns.obligatory"), hideBelow: "md" as const }] : []),
    { label: t("columns.uses"), hideBelow: "sm" },
    t("columns.order"),
    t("columns.actions"),
  ];
  return (
    <section aria-labelledby={headingId} className="mt-10" data-testid={`catalogue-${list}`}>
      <h2 id={headingId} className="text-xl font-semibold">
        {t(`lists.${list}.title`)}
      </h2>
      {entries.length === 0 ? (
        <p className="mt-3">{t(`lists.${list}.empty`)}</p>
      ) : (
        <DataTable caption={t(`lists.${list}.title`)} columns={columns} className="mt-3">
          {entries.map((entry, index) => {
            const name = entryName(entry, locale);
            const count = uses[entry.code] ?? 0;
            const usage = count > 0 ? t("inUse", { count }) : t("notUsed");
            return (
              <tr key={entry.code} className="border-b border-slate-200 align-top" data-testid="catalogue-row" data-code={entry.code}>
                <th scope="row" className="wrap-anywhere p-2 text-left font-medium">
                  {name}
                  {entry.retired ? <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-semibold text-slate-800">{t("retiredBadge")}</span> : null}
                  {entry.nameEn && locale !== "en" ? (
                    <span lang="en" className="block text-sm font-normal text-slate-600">
                      {entry.nameEn}
                    </span>
                  ) : null}
                  <span className="block text-sm font-normal text-slate-600 sm:hidden">{usage}</span>
                </th>
                {list === "supportType" ? (
                  <td className={cn("p-2", cellClass("md"))}>{"requiresSpecialistArea" in entry && entry.requiresSpecialistArea ? tc("yes") : tc("no")}</td>
                ) : null}
                {list === "pathTemplate" ? (
                  <td className={cn("wrap-anywhere p-2", cellClass("md"))}>
                    {"obligatorySupportTypes" in entry && Array.isArray(entry.obligatorySupportTypes) && entry.obligatorySupportTypes.length > 0
                      ? entry.obligatorySupportTypes.map(typeName).join(", ")
                      : t("none")}
                  </td>
                ) : null}
                <td className={cn("p-2 whitespace-nowrap", cellClass("sm"))} data-testid="catalogue-uses">
                  {usage}
                </td>
                <td className="p-2">
                  <MoveEntryButtons entry={{ list, code: entry.code, name }} first={index === 0} last={index === entries.length - 1} />
                </td>
                <td className="p-2">
                  <span className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-3">
                    <TextLink href={`/admin/catalogue/${list}/${encodeURIComponent(entry.code)}`} aria-label={t("editLabel", { name })}>
                      {tc("edit")}
                    </TextLink>
                    <RetireEntryButton entry={{ list, code: entry.code, name }} retired={entry.retired} />
                  </span>
                </td>
              </tr>
            );
          })}
        </DataTable>
      )}
      <details className="mt-4 max-w-xl rounded-md border border-slate-300 bg-white p-4">
        <summary className="cursor-pointer font-semibold">{t(`lists.${list}.add`)}</summary>
        <div className="mt-3">
          <EntryForm list={list} mode={{ kind: "create" }} supportTypes={page.catalogue.supportTypes} defaults={{ name: "", nameEn: "", requiresSpecialistArea: false, obligatorySupportTypes: [] }} />
        </div>
      </details>
    </section>
  );
}
