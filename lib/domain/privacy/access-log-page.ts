import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { accessLogWhereSql, countAccessLogRows, loadAccessLogRows, resolveAccessLogFilters, type TAccessLogRow, type TAccessLogUser } from "./access-log-query";
import { ZAccessLogQuery, type TAccessLogFilters, type TAccessLogQuery } from "./access-log-schemas";

export type TAccessLogPage = TPage<TAccessLogRow> & {
  /** The filters in force (the form's values, the pagination's and the export's links). */
  filters: TAccessLogFilters;
  /** The user filter's choices: every user of the tenant, by name. */
  users: TAccessLogUser[];
  /** "Who viewed this person": the person the log is narrowed to (?client=), named in the heading. */
  client: { id: string; name: string } | null;
  /** "What did this user view": the user the log is narrowed to (?user=). */
  user: TAccessLogUser | null;
};

/**
 * /privacy/access-log (privacy.access_log, the IOD): a page of the tenant's access log, newest
 * first, filtered by person (one client, or a name fragment or PESEL), user, view and Polish
 * days. Four statements in one transaction (BEGIN and the tenant setting aside): the users, the
 * narrowed-to client, the page and the total. A foreign or malformed client or user id is NOT_FOUND like a missing one.
 */
export async function getAccessLogPage(ctx: TContext, rawQuery: TAccessLogQuery): Promise<TAccessLogPage> {
  await assertCan(ctx, "privacy.access_log");
  const input = parseInput(ZAccessLogQuery, rawQuery);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const resolved = await resolveAccessLogFilters(tx, ctx, input);
    const where = accessLogWhereSql(ctx, resolved.filters);
    const rows = await loadAccessLogRows(tx, where, resolved.users, toSkipTake(input));
    const total = await countAccessLogRows(tx, where);
    return { ...toPage(rows, total, input), ...resolved };
  });
}
