import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { PATH_STEPS } from "@/lib/domain/paths/state-machine";
import type { PathStep } from "@/lib/generated/prisma/client";
import type { TPage } from "@/lib/pagination";
import { loadClients, type TClientListItem } from "./find-clients";
import { loadClientOptions, type TClientOptions } from "./form-options";
import { loadClientProgress } from "./progress";
import { CLIENT_KINDS, CLIENT_LIST_SORTS, CLIENT_STATUSES, SORT_DIRECTIONS, type TClientListSort, type TSortDirection } from "./schemas";

export const CLIENT_SEARCH_MAX = 100;

/** The steps an open path can be at: the step filter's choices. */
export const OPEN_PATH_STEPS = PATH_STEPS.filter((step) => step !== "CLOSED");

export type TClientListFilters = { q?: string; kind?: string; status?: string; officeId?: string; advisorId?: string; step?: string };
export type TClientListOrder = { sort: TClientListSort; dir: TSortDirection };

/** A row of the client list: the search's minimal data, and where the client stands (for the page's rows only). */
export type TClientListRow = TClientListItem & { step: PathStep | null; lastContact: Date | null };

/**
 * The client list's page in one transaction: the filters' choices (listClientOptions, one
 * statement), one page of the search (findClients) in the chosen order, and the open path's step
 * and the last contact of that page's clients the caller may open (loadClientProgress, one
 * statement). The filters and
 * the order come from the query string: a value that is not one of the offered choices is ignored
 * (a foreign office or advisor exactly like a missing one), and `filters` and `order` say which
 * ones applied.
 */
export async function getClientListPage(
  ctx: TContext,
  raw: TClientListFilters & { sort?: string; dir?: string; page?: number },
): Promise<{ options: TClientOptions; filters: TClientListFilters; order: TClientListOrder; result: TPage<TClientListRow> }> {
  await assertCan(ctx, "clients.read");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const options = await loadClientOptions(tx, ctx);
    const filters = {
      q: raw.q?.trim().slice(0, CLIENT_SEARCH_MAX) || undefined,
      kind: CLIENT_KINDS.find((k) => k === raw.kind),
      status: CLIENT_STATUSES.find((s) => s === raw.status),
      officeId: options.offices.find((o) => o.id === raw.officeId)?.id,
      advisorId: raw.advisorId === "none" ? "none" : options.advisors.find((a) => a.id === raw.advisorId)?.id,
      step: OPEN_PATH_STEPS.find((s) => s === raw.step),
    };
    const order = { sort: CLIENT_LIST_SORTS.find((s) => s === raw.sort) ?? "name", dir: SORT_DIRECTIONS.find((d) => d === raw.dir) ?? "asc" };
    // The step is path data: filtering by it lists only clients whose paths the caller may read
    // (everyone's for a manager or an auditor, who go through the name search as before).
    const page = await loadClients(tx, ctx, { ...filters, ...order, page: raw.page }, filters.step ? { scopedTo: "paths.read" } : {});
    // The list shows every client's minimal data centre-wide; the step and the last contact only
    // of the page's clients the caller may open (clients.read in scope, as paths.read).
    const progress = await loadClientProgress(tx, ctx, page.items.filter((item) => item.canOpen).map((item) => item.id));
    const items = page.items.map((item) => ({ ...item, step: progress.get(item.id)?.step ?? null, lastContact: progress.get(item.id)?.lastContact ?? null }));
    return { options, filters, order, result: { ...page, items } };
  });
}
