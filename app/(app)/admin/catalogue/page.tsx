import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CatalogueListSection } from "@/components/catalogue/catalogue-list-section";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { CATALOGUE_LISTS } from "@/lib/domain/catalogue/schemas";
import { getCataloguePage } from "@/lib/domain/catalogue/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("catalogue"))("title") };
}

/** The support catalogue's editor (catalogue.manage): its three lists, each with its entries, uses and an add form. */
export default async function CataloguePage() {
  const ctx = await requireSessionUser();
  const page = await loadForPage(() => getCataloguePage(ctx));
  const t = await getTranslations("catalogue");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 max-w-3xl text-slate-700">{t("lead")}</p>
      {CATALOGUE_LISTS.map((list) => (
        <CatalogueListSection key={list} list={list} page={page} />
      ))}
    </>
  );
}
