import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope } from "@/lib/auth/scope";
import { tenantTransaction } from "@/lib/db/transaction";
import { dateOnly, isoDate } from "@/lib/dates";
import { AppError, notFound } from "@/lib/errors";
import type { ClientKind, ConsentPurpose, ProcessingBasis } from "@/lib/generated/prisma/client";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertClientInScope } from "@/lib/domain/clients/access";
import { assertId, parseInput } from "@/lib/validation";
import { loadClauseVersions, type TClauseVersion } from "./clauses";
import { CONSENT_PURPOSES, ZGiveConsentInput, ZWithdrawConsentInput, type TGiveConsentInput, type TWithdrawConsentInput } from "./consent-schemas";
import { assertClauseGivable, lockClientForPrivacy } from "./legal-basis";
import { recordAccess } from "./access-log";

/**
 * A client's consents per purpose (issue 17 §3): given on a day, with the clause version, and
 * withdrawn — never edited or deleted, so the history stays. One active consent per purpose (a
 * partial unique index); giving it again after a withdrawal records a new one. What a withdrawal
 * hides is consent-policy.ts's rule. Writes need clients.write in the client's scope and an open
 * record (not anonymised, not restricted); each is audited on the client.
 */

/**
 * Records a consent given (audited `consent.give`). Refused next to the purpose while one for it
 * is active; the clause version, when named, must be the tenant's and apply on that day.
 */
export async function giveConsent(ctx: TContext, clientId: string, rawInput: TGiveConsentInput): Promise<{ id: string }> {
  await assertCan(ctx, "clients.write");
  assertId(clientId, "Client");
  const input = parseInput(ZGiveConsentInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      // The row lock serialises writers of this client's consents: the check below cannot race.
      await lockClientForPrivacy(tx, ctx, clientId);
      const active = await tx.clientConsent.count({ where: { tenantId: ctx.tenantId, clientId, purpose: input.purpose, withdrawnOn: null } });
      if (active > 0) throw new AppError("VALIDATION_FAILED", { fieldErrors: { purpose: "consentActive" } });
      const clauseVersion = input.clauseId ? await assertClauseGivable(tx, ctx, input.clauseId, input.givenOn, "givenOn") : null;
      const consent = await tx.clientConsent.create({
        data: {
          tenantId: ctx.tenantId,
          clientId,
          purpose: input.purpose,
          givenOn: dateOnly(input.givenOn),
          clauseId: input.clauseId,
          recordedById: ctx.userId,
        },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "consent.give",
        entityType: "Client",
        entityId: clientId,
        after: { consentId: consent.id, purpose: input.purpose, givenOn: input.givenOn, clauseId: input.clauseId, clauseVersion },
      });
      return consent;
    }),
  );
}

/**
 * Records the withdrawal of the purpose's active consent on a day not before it was given
 * (audited `consent.withdraw`). From then on what the consent covered is hidden
 * (consent-policy.ts). Refused next to the purpose when none is active.
 */
export async function withdrawConsent(ctx: TContext, clientId: string, rawInput: TWithdrawConsentInput): Promise<{ id: string }> {
  await assertCan(ctx, "clients.write");
  assertId(clientId, "Client");
  const input = parseInput(ZWithdrawConsentInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      await lockClientForPrivacy(tx, ctx, clientId);
      const active = await tx.clientConsent.findFirst({
        where: { tenantId: ctx.tenantId, clientId, purpose: input.purpose, withdrawnOn: null },
        select: { id: true, givenOn: true },
      });
      if (!active) throw new AppError("VALIDATION_FAILED", { fieldErrors: { purpose: "consentNotActive" } });
      const givenOn = isoDate(active.givenOn);
      if (input.withdrawnOn < givenOn) throw new AppError("VALIDATION_FAILED", { fieldErrors: { withdrawnOn: "withdrawnBeforeGiven" } });
      await tx.clientConsent.update({
        where: { tenantId_id: { tenantId: ctx.tenantId, id: active.id } },
        data: { withdrawnOn: dateOnly(input.withdrawnOn), withdrawnById: ctx.userId },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "consent.withdraw",
        entityType: "Client",
        entityId: clientId,
        before: { consentId: active.id, purpose: input.purpose, givenOn, withdrawnOn: null },
        after: { consentId: active.id, purpose: input.purpose, givenOn, withdrawnOn: input.withdrawnOn },
      });
      return { id: active.id };
    }),
  );
}

/** One consent of the history. */
export type TConsentEntry = {
  id: string;
  givenOn: Date;
  clause: { id: string; version: number } | null;
  recordedByName: string | null;
  withdrawnOn: Date | null;
  withdrawnByName: string | null;
};

/** A purpose's state: its active consent, else its latest withdrawal, and every consent newest first. */
export type TConsentPurposeView = {
  purpose: ConsentPurpose;
  active: TConsentEntry | null;
  /** The latest withdrawal when none is active (what is hidden since then); null otherwise. */
  withdrawnOn: Date | null;
  history: TConsentEntry[];
};

export type TClientPrivacyPage = {
  client: {
    id: string;
    name: string;
    kind: ClientKind;
    processingBasis: ProcessingBasis | null;
    clause: { id: string; version: number; title: string } | null;
    clauseGivenOn: Date | null;
    restrictedAt: Date | null;
    anonymisedAt: Date | null;
  };
  consents: TConsentPurposeView[];
  /** The caller may set the basis and record consents: clients.write in scope, the record open. */
  canEdit: boolean;
  /** The tenant's clause versions for the forms, newest first (empty when the caller may not edit). */
  clauses: TClauseVersion[];
};

/**
 * The client's privacy tab (clients.read in scope, otherwise NOT_FOUND): the legal basis, the
 * clause given and when, the consents per purpose with their history, and — for a writer — the
 * clause versions to choose from. One transaction, four statements inside it.
 */
export async function getClientPrivacyPage(ctx: TContext, clientId: string): Promise<TClientPrivacyPage> {
  await assertCan(ctx, "clients.read");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const access = await assertClientInScope(tx, ctx, clientId, "clients.read");
      const client = await tx.client.findFirst({
        where: { tenantId: ctx.tenantId, id: clientId },
        select: {
          id: true,
          name: true,
          kind: true,
          processingBasis: true,
          clauseGivenOn: true,
          restrictedAt: true,
          anonymisedAt: true,
          clause: { select: { id: true, version: true, title: true } },
          consents: {
            select: {
              id: true,
              purpose: true,
              givenOn: true,
              withdrawnOn: true,
              recordedById: true,
              withdrawnById: true,
              clause: { select: { id: true, version: true } },
            },
            orderBy: [{ givenOn: "desc" }, { createdAt: "desc" }],
          },
        },
      });
      if (!client) throw notFound("Client");
      await recordAccess(tx, ctx, [{ clientId, view: "CLIENT_PRIVACY" }]);
      const userIds = [...new Set(client.consents.flatMap((c) => [c.recordedById, c.withdrawnById]).filter((id): id is string => id !== null))];
      const users = userIds.length ? await tx.user.findMany({ where: { tenantId: ctx.tenantId, id: { in: userIds } }, select: { id: true, name: true } }) : [];
      const nameOf = (id: string | null) => (id ? (users.find((u) => u.id === id)?.name ?? null) : null);
      const canEdit = inScope(ctx, "clients.write", access.relation) && client.anonymisedAt === null && client.restrictedAt === null;

      const entries = client.consents.map((c) => ({
        purpose: c.purpose,
        entry: {
          id: c.id,
          givenOn: c.givenOn,
          clause: c.clause,
          recordedByName: nameOf(c.recordedById),
          withdrawnOn: c.withdrawnOn,
          withdrawnByName: nameOf(c.withdrawnById),
        } satisfies TConsentEntry,
      }));
      const consents = CONSENT_PURPOSES.map((purpose): TConsentPurposeView => {
        const history = entries.filter((e) => e.purpose === purpose).map((e) => e.entry);
        const active = history.find((e) => e.withdrawnOn === null) ?? null;
        const latestWithdrawal = history.reduce<Date | null>(
          (latest, e) => (e.withdrawnOn && (!latest || e.withdrawnOn > latest) ? e.withdrawnOn : latest),
          null,
        );
        return { purpose, active, withdrawnOn: active ? null : latestWithdrawal, history };
      });
      const { consents: _rows, ...facts } = client;
      return { client: facts, consents, canEdit, clauses: canEdit ? await loadClauseVersions(tx, ctx) : [] };
    }),
  );
}
