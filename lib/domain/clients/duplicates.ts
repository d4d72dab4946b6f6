import "server-only";

import type { TContext } from "@/lib/auth/context";
import { refuseDuplicates } from "@/lib/db/errors";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, isAppError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertIdentifiersFree, clientData, findPossibleDuplicate, identifierFieldErrors, type TClientState } from "./repository";

/** A client being saved: its state, and its id when it exists already (an edit). */
type TSaving = { state: TClientState; clientId: string | null };

/**
 * The pre-check names the client holding an identifier; between it and the insert another save
 * may take the identifier, and then the unique index refuses. That refusal is answered like the
 * pre-check's (DUPLICATE_IDENTIFIER with the link), or as ALREADY_EXISTS if the owner cannot be read.
 * (The saved client's id only excludes it from that tenant-scoped search; `work` guards it.)
 */
export async function refuseTakenIdentifiers<T>(ctx: TContext, saving: TSaving, work: () => Promise<T>) {
  try {
    return await refuseDuplicates(identifierFieldErrors(saving.state), work);
  } catch (error) {
    if (isAppError(error) && error.code === "ALREADY_EXISTS") {
      await tenantTransaction(ctx.tenantId, (tx) => assertIdentifiersFree(tx, ctx, saving.state, saving.clientId));
    }
    throw error;
  }
}

/**
 * The same name in the same town is only a warning (it may be another person or organisation):
 * refused with POSSIBLE_DUPLICATE until the user confirms; a confirmed save is audited as an override.
 */
export async function checkPossibleDuplicate(tx: TTx, ctx: TContext, state: TClientState, confirmed: boolean, exceptClientId: string | null) {
  const duplicate = await findPossibleDuplicate(tx, ctx, clientData(state), exceptClientId);
  if (duplicate && !confirmed) {
    throw new AppError("POSSIBLE_DUPLICATE", { params: { clientId: duplicate.id, clientName: duplicate.name } });
  }
  return duplicate;
}

export async function recordDuplicateOverride(tx: TTx, ctx: TContext, clientId: string, duplicate: { id: string; name: string }) {
  await recordAudit(tx, auditActor(ctx), {
    action: "client.duplicate_override",
    entityType: "Client",
    entityId: clientId,
    after: { possibleDuplicateOfId: duplicate.id, possibleDuplicateOfName: duplicate.name },
  });
}
