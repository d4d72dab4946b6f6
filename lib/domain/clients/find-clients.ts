import "server-only";

import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope, type TScopedPermission } from "@/lib/auth/scope";
import { tenantTransaction } from "@/lib/db/transaction";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { clientScopeWhere, loadClientRelations } from "./access";
import { normalizeNip } from "./identifiers";
import { foldForSearch } from "./normalize";
import { ZFindClientsInput, type TFindClientsInput } from "./schemas";

const CLIENT_LIST_SELECT = {
  id: true,
  name: true,
  kind: true,
  status: true,
  town: true,
  keyAdvisor: { select: { id: true, name: true } },
  office: { select: { id: true, name: true } },
} satisfies Prisma.ClientSelect;

/** A search result: minimal data for everyone, and whether the caller may open the full record. */
export type TClientListItem = Prisma.ClientGetPayload<{ select: typeof CLIENT_LIST_SELECT }> & { canOpen: boolean };

/** Prisma passes `contains` to LIKE as it is: "%" and "_" typed by the user must match only themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/** Digits only and 9–14 long after dropping spaces, dashes and "PL": a PESEL, NIP, REGON or KRS. */
const IDENTIFIER_QUERY_RE = /^\d{9,14}$/;

/**
 * The client list: filters, and `q` as either a whole identifier (exact match) or a fragment of
 * the name, folded like the stored key so "lodz" finds "Łódź" (served by the trigram index).
 */
export async function findClients(
  ctx: TContext,
  rawInput: TFindClientsInput,
  options: { scopedTo?: TScopedPermission } = {},
): Promise<TPage<TClientListItem>> {
  await assertCan(ctx, "clients.read");
  const input = parseInput(ZFindClientsInput, rawInput);
  // A server-side narrowing (e.g. the service form offers only clients one may log for).
  const scope = options.scopedTo ? clientScopeWhere(ctx, options.scopedTo) : {};
  if (scope === null) return toPage([], 0, input);
  const identifier = input.q ? normalizeNip(input.q) : "";
  const folded = input.q ? foldForSearch(input.q) : "";
  const where: Prisma.ClientWhereInput = {
    tenantId: ctx.tenantId,
    ...(options.scopedTo ? { AND: [scope] } : {}),
    ...(input.kind ? { kind: input.kind } : {}),
    ...(input.status ? { status: input.status } : {}),
    ...(input.officeId ? { officeId: input.officeId } : {}),
    ...(input.advisorId ? { keyAdvisorId: input.advisorId === "none" ? null : input.advisorId } : {}),
    ...(IDENTIFIER_QUERY_RE.test(identifier)
      ? { OR: [{ pesel: identifier }, { nip: identifier }, { regon: identifier }, { krs: identifier }] }
      : folded
        ? { nameNormalized: { contains: escapeLike(folded) } }
        : {}),
  };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    // One connection runs a transaction's queries one at a time anyway; awaiting them in turn avoids
    // overlapping queries on one pg client (deprecated by node-postgres).
    const items = await tx.client.findMany({
      where,
      select: CLIENT_LIST_SELECT,
      orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
      ...toSkipTake(input),
    });
    const total = await tx.client.count({ where });
    const relations = await loadClientRelations(tx, ctx, items.map((item) => item.id));
    return toPage(
      items.map((item) => {
        const access = relations.get(item.id);
        return { ...item, canOpen: access !== undefined && inScope(ctx, "clients.read", access.relation) };
      }),
      total,
      input,
    );
  });
}
