import "server-only";

import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { assertId, parseInput } from "@/lib/validation";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { sensitiveShownTo } from "@/lib/domain/privacy/consent-policy";
import { assertNotRestricted } from "@/lib/domain/privacy/restriction";
import { assertClientInScope } from "./access";
import { checkPossibleDuplicate, recordDuplicateOverride, refuseTakenIdentifiers } from "./duplicates";
import {
  assertIdentifiersFree,
  assertOfficeInTenant,
  changedFields,
  clientData,
  loadClient,
  lockClientForUpdate,
  replacePeople,
  stateOfInput,
  stateOfRow,
  type TClientDetails,
} from "./repository";
import { ZClientInput, type TClientInput } from "./schemas";
import { forViewer } from "./viewer";

/**
 * Edits a client's data (not their key advisor or status: see the caseload area). The people list
 * is replaced as a whole. The name-and-town warning is raised only when the name or the town
 * changes, so a client saved over the warning once is not warned about on every later edit.
 * A role without clients.read_sensitive cannot change the special-category field it cannot see,
 * nor can anyone while the person's SENSITIVE_DATA consent is withdrawn (the stored value is kept).
 */
export async function updateClient(ctx: TContext, clientId: string, rawInput: TClientInput): Promise<TClientDetails> {
  await assertCan(ctx, "clients.write");
  assertId(clientId, "Client");
  const input = parseInput(ZClientInput, rawInput);
  const updated = await recordScopeRefusals(ctx, () => refuseTakenIdentifiers(ctx, { state: stateOfInput(input), clientId }, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const beforeRow = await lockClientForUpdate(tx, ctx, clientId);
      await assertClientInScope(tx, ctx, clientId, "clients.write");
      assertNotRestricted(beforeRow);
      const before = stateOfRow(beforeRow);
      const state = { ...stateOfInput(input), ...(sensitiveShownTo(ctx, beforeRow) ? {} : { hasDisability: before.hasDisability }) };
      const diff = changedFields(before, state);
      if (diff.changed.length === 0) return loadClient(tx, ctx, clientId, true);

      await assertIdentifiersFree(tx, ctx, state, clientId);
      await assertOfficeInTenant(tx, ctx, state.officeId);
      const beforeKeys = clientData(before);
      const afterKeys = clientData(state);
      const nameOrTownChanged = beforeKeys.nameNormalized !== afterKeys.nameNormalized || beforeKeys.townNormalized !== afterKeys.townNormalized;
      const duplicate = nameOrTownChanged
        ? await checkPossibleDuplicate(tx, ctx, state, input.confirmPossibleDuplicate, clientId)
        : null;

      await tx.client.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: clientId } },
        data: afterKeys,
        select: { id: true },
      });
      if (diff.changed.includes("people")) await replacePeople(tx, ctx, clientId, state.people);
      await recordAudit(tx, auditActor(ctx), {
        action: "client.update",
        entityType: "Client",
        entityId: clientId,
        before: diff.before,
        after: diff.after,
      });
      if (duplicate) await recordDuplicateOverride(tx, ctx, clientId, duplicate);
      return loadClient(tx, ctx, clientId, true);
    }),
  ));
  return forViewer(ctx, updated);
}
