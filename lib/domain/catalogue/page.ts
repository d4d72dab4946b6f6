import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { notFound } from "@/lib/errors";
import type { TCatalogue, TCatalogueOption } from "./names";
import { loadCatalogue } from "./read";
import { CATALOGUE_LISTS, type TCatalogueListName } from "./schemas";
import { countAllUses } from "./uses";

/** The editor's view: the whole catalogue, and how many records use each entry, by list and code. */
export type TCataloguePage = { catalogue: TCatalogue; uses: Record<TCatalogueListName, Record<string, number>> };

const LIST_KEY = { supportType: "supportTypes", specialistArea: "specialistAreas", pathTemplate: "pathTemplates" } as const satisfies Record<TCatalogueListName, keyof TCatalogue>;

/** The entries of one list of the catalogue. */
export function entriesOf(catalogue: TCatalogue, list: TCatalogueListName): TCatalogueOption[] {
  return catalogue[LIST_KEY[list]];
}

/** The catalogue editor (/admin/catalogue) in one transaction of two statements: the entries and their uses. */
export async function getCataloguePage(ctx: TContext): Promise<TCataloguePage> {
  await assertCan(ctx, "catalogue.manage");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const catalogue = await loadCatalogue(tx, ctx.tenantId);
    const counts = await countAllUses(tx, ctx.tenantId);
    const uses = Object.fromEntries(CATALOGUE_LISTS.map((list) => [list, Object.fromEntries(counts[list])])) as TCataloguePage["uses"];
    return { catalogue, uses };
  });
}

/**
 * One entry's edit page: the entry, its uses, and the catalogue (a template's obligatory types
 * are chosen among the support types). Another tenant's code or an unknown one is NOT_FOUND.
 */
export async function getCatalogueEntryPage(ctx: TContext, list: string, code: string) {
  await assertCan(ctx, "catalogue.manage");
  const page = await getCataloguePage(ctx);
  const known = CATALOGUE_LISTS.find((l) => l === list);
  const entry = known ? entriesOf(page.catalogue, known).find((e) => e.code === code) : undefined;
  if (!known || !entry) throw notFound("CatalogueEntry");
  return { list: known, entry, uses: page.uses[known][code] ?? 0, catalogue: page.catalogue };
}
