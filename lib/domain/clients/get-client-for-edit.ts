import "server-only";

import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { recordAccess } from "@/lib/domain/privacy/access-log";
import { assertClientInScope } from "./access";
import { loadClient, type TClientDetails } from "./repository";
import { mayReadSensitive } from "./viewer";

/** The client for its edit form: only for those who may change it (others get NOT_FOUND or FORBIDDEN). */
export async function getClientForEdit(ctx: TContext, clientId: string): Promise<TClientDetails> {
  await assertCan(ctx, "clients.write");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      await assertClientInScope(tx, ctx, clientId, "clients.write");
      const client = await loadClient(tx, ctx, clientId, mayReadSensitive(ctx));
      // The view is logged (issue 17); the form shows the special-category field to those who may read it.
      await recordAccess(tx, ctx, [
        { clientId, view: "CLIENT_EDIT" },
        ...(client.sensitiveHidden ? [] : [{ clientId, view: "CLIENT_SENSITIVE" as const, detail: "client.edit" }]),
      ]);
      return client;
    }),
  );
}
