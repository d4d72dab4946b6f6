import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { clientNameSearchStatements } from "@/lib/domain/clients/find-clients";
import { normalizeNip } from "@/lib/domain/clients/identifiers";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import type { ClientKind } from "@/lib/generated/prisma/enums";
import { parseInput } from "@/lib/validation";
import { ZFindPersonsInput } from "./request-schemas";

/**
 * The IOD's lookup of the person a request concerns (issue 17 §4). The IOD does no casework and has
 * no clients.read: this finds any client of the tenant by name or identifier with the minimal data
 * that tells people apart, and nothing of their record.
 */

/** How many persons one lookup returns: enough to choose from, few enough to read. */
export const PERSON_LOOKUP_LIMIT = 20;

export type TPersonMatch = { id: string; name: string; kind: ClientKind; town: string | null; anonymisedAt: Date | null };

/** A whole PESEL or NIP (digits only after dropping spaces, dashes and "PL"). */
const IDENTIFIER_RE = /^\d{10,11}$/;
/** A fragment the trigram index can serve (see lib/domain/clients/find-clients.ts). */
const TRIGRAM_FRAGMENT_RE = /[\p{L}\p{N}]{3}/u;
const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

const MATCH_SELECT = { id: true, name: true, kind: true, town: true, anonymisedAt: true } as const;

/**
 * Clients of the tenant whose name contains `q` (diacritics optional, as the client list folds it),
 * or whose PESEL or NIP is `q` exactly; by name, at most PERSON_LOOKUP_LIMIT.
 */
export async function findPersons(ctx: TContext, q: string): Promise<TPersonMatch[]> {
  await assertCan(ctx, "privacy.requests");
  const query = parseInput(ZFindPersonsInput, q);
  const identifier = normalizeNip(query);
  const folded = foldForSearch(query);
  const page = { page: 1, pageSize: PERSON_LOOKUP_LIMIT };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    if (IDENTIFIER_RE.test(identifier)) {
      return tx.client.findMany({
        where: { tenantId: ctx.tenantId, OR: [{ pesel: identifier }, { nip: identifier }] },
        select: MATCH_SELECT,
        orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
        take: PERSON_LOOKUP_LIMIT,
      });
    }
    if (TRIGRAM_FRAGMENT_RE.test(folded)) {
      // The trigram index through the search function (row-level security would otherwise bar it).
      const matches = await tx.$queryRaw<{ id: string }[]>(clientNameSearchStatements(folded, {}, page).rows);
      if (matches.length === 0) return [];
      const rows = await tx.client.findMany({ where: { tenantId: ctx.tenantId, id: { in: matches.map((m) => m.id) } }, select: MATCH_SELECT });
      const byId = new Map(rows.map((row) => [row.id, row]));
      return matches.flatMap((m) => byId.get(m.id) ?? []);
    }
    return tx.client.findMany({
      where: { tenantId: ctx.tenantId, nameNormalized: { contains: escapeLike(folded) } },
      select: MATCH_SELECT,
      orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
      take: PERSON_LOOKUP_LIMIT,
    });
  });
}
