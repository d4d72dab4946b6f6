import "server-only";

import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { isCentreWide } from "@/lib/auth/scope";
import { dateOnly, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { parseInput } from "@/lib/validation";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { checkPossibleDuplicate, recordDuplicateOverride, refuseTakenIdentifiers } from "./duplicates";
import { assertIdentifiersFree, assertOfficeInTenant, auditView, clientData, loadClient, replacePeople, stateOfInput, type TClientDetails } from "./repository";
import { ZClientInput, type TClientInput } from "./schemas";
import { forViewer } from "./viewer";

/**
 * Whoever registers a client already knows them: unless their scope is centre-wide, they join the
 * new client's team (audited like any team change), so the client stays readable to them while it
 * waits in the queue. A manager or coordinator may remove them later.
 */
async function addRegistrarToTeam(tx: TTx, ctx: TContext, clientId: string) {
  if (isCentreWide(ctx, "clients.read")) return;
  const startsOn = todayInPoland();
  const { id } = await tx.clientTeamMember.create({
    data: { tenantId: ctx.tenantId, clientId, userId: ctx.userId, role: "ADVISOR", startsOn: dateOnly(startsOn), addedById: ctx.userId },
    select: { id: true },
  });
  await recordAudit(tx, auditActor(ctx), {
    action: "client.team_add",
    entityType: "Client",
    entityId: clientId,
    after: { memberId: id, userId: ctx.userId, role: "ADVISOR", startsOn, endsOn: null, reason: "registered" },
  });
}

/**
 * Registers a client. New clients wait in the unassigned queue (oldest first) until a key advisor
 * is assigned; the registrar joins their team. Refused with DUPLICATE_IDENTIFIER when a PESEL/NIP/REGON/KRS is already used in the
 * tenant, and with POSSIBLE_DUPLICATE for the same name in the same town unless confirmed. Never merges.
 */
export async function createClient(ctx: TContext, rawInput: TClientInput): Promise<TClientDetails> {
  await assertCan(ctx, "clients.write");
  const input = parseInput(ZClientInput, rawInput);
  const state = stateOfInput(input);
  const created = await refuseTakenIdentifiers(ctx, { state, clientId: null }, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      await assertIdentifiersFree(tx, ctx, state, null);
      await assertOfficeInTenant(tx, ctx, state.officeId);
      const duplicate = await checkPossibleDuplicate(tx, ctx, state, input.confirmPossibleDuplicate, null);
      const { id } = await tx.client.create({
        data: { ...clientData(state), tenantId: ctx.tenantId, status: "WAITING", waitingSince: new Date() },
        select: { id: true },
      });
      await replacePeople(tx, ctx, id, state.people);
      await recordAudit(tx, auditActor(ctx), { action: "client.create", entityType: "Client", entityId: id, after: auditView(state) });
      await addRegistrarToTeam(tx, ctx, id);
      if (duplicate) await recordDuplicateOverride(tx, ctx, id, duplicate);
      return loadClient(tx, ctx, id, true);
    }),
  );
  return forViewer(ctx, created);
}
