import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { DeleteEntryButton, RetireEntryButton } from "@/components/catalogue/entry-controls";
import { EntryForm } from "@/components/catalogue/entry-form";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { entryName } from "@/lib/domain/catalogue/names";
import { getCatalogueEntryPage } from "@/lib/domain/catalogue/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalogue"))("title") };
}

type TProps = { params: Promise<{ list: string; code: string }> };

/** One catalogue entry: rename it (and its flag or obligatory types), retire or restore it, delete it while unused. */
export default async function CatalogueEntryPage({ params }: TProps) {
  const ctx = await requireSessionUser();
  const { list: rawList, code } = await params;
  const { list, entry, uses, catalogue } = await loadForPage(() => getCatalogueEntryPage(ctx, rawList, decodeURIComponent(code)));
  const t = await getTranslations("catalogue");
  const name = entryName(entry, await getLocale());
  const ref = { list, code: entry.code, name };
  return (
    <>
      <p className="text-sm">
        <TextLink href="/admin/catalogue">{t("back")}</TextLink>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t("editTitle", { name })}</h1>
      <dl className="mt-4 grid max-w-xl grid-cols-[auto_minmax(0,1fr)] gap-x-6 gap-y-1 wrap-anywhere">
        <dt className="font-medium">{t(`lists.${list}.title`)}</dt>
        <dd>{t("fields.code")}: {entry.code}</dd>
        <dt className="font-medium">{t("status")}</dt>
        <dd data-testid="entry-status">{entry.retired ? t("retiredBadge") : t("active")}</dd>
        <dt className="font-medium">{t("useCount")}</dt>
        <dd data-testid="entry-uses">{uses > 0 ? t("inUse", { count: uses }) : t("notUsed")}</dd>
      </dl>
      <section aria-labelledby="entry-form-heading" className="mt-8">
        <h2 id="entry-form-heading" className="mb-4 text-lg font-semibold">
          {t("settings")}
        </h2>
        <EntryForm
          list={list}
          mode={{ kind: "edit", code: entry.code }}
          supportTypes={catalogue.supportTypes}
          defaults={{
            name: entry.name,
            nameEn: entry.nameEn ?? "",
            requiresSpecialistArea: "requiresSpecialistArea" in entry ? Boolean(entry.requiresSpecialistArea) : false,
            obligatorySupportTypes: "obligatorySupportTypes" in entry && Array.isArray(entry.obligatorySupportTypes) ? entry.obligatorySupportTypes : [],
          }}
        />
      </section>
      <section aria-labelledby="entry-danger-heading" className="mt-10 max-w-xl rounded-md border border-slate-300 bg-white p-4">
        <h2 id="entry-danger-heading" className="text-lg font-semibold">
          {t("dangerZone")}
        </h2>
        <p className="mt-2">
          <RetireEntryButton entry={ref} retired={entry.retired} />
        </p>
        <div className="mt-4">{uses > 0 ? <p>{t("delete.inUse", { count: uses })}</p> : <DeleteEntryButton entry={ref} />}</div>
      </section>
    </>
  );
}
