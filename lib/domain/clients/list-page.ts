import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import type { TPage } from "@/lib/pagination";
import { loadClients, type TClientListItem } from "./find-clients";
import { loadClientOptions, type TClientOptions } from "./form-options";
import { CLIENT_KINDS, CLIENT_STATUSES } from "./schemas";

export const CLIENT_SEARCH_MAX = 100;

export type TClientListFilters = { q?: string; kind?: string; status?: string; officeId?: string; advisorId?: string };

/**
 * The client list's page in one transaction: the filters' choices (listClientOptions, one
 * statement) and one page of the search (findClients). The filters come from the query string: a
 * value that is not one of the offered choices is ignored (a foreign office or advisor exactly like
 * a missing one), and `filters` says which ones applied.
 */
export async function getClientListPage(
  ctx: TContext,
  raw: TClientListFilters & { page?: number },
): Promise<{ options: TClientOptions; filters: TClientListFilters; result: TPage<TClientListItem> }> {
  await assertCan(ctx, "clients.read");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const options = await loadClientOptions(tx, ctx);
    const filters = {
      q: raw.q?.trim().slice(0, CLIENT_SEARCH_MAX) || undefined,
      kind: CLIENT_KINDS.find((k) => k === raw.kind),
      status: CLIENT_STATUSES.find((s) => s === raw.status),
      officeId: options.offices.find((o) => o.id === raw.officeId)?.id,
      advisorId: raw.advisorId === "none" ? "none" : options.advisors.find((a) => a.id === raw.advisorId)?.id,
    };
    return { options, filters, result: await loadClients(tx, ctx, { ...filters, page: raw.page }) };
  });
}
