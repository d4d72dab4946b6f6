import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope } from "@/lib/auth/scope";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { dateOnly, todayInPoland } from "@/lib/dates";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertClientInScope } from "@/lib/domain/clients/access";
import { mayReadSensitive } from "@/lib/domain/clients/viewer";
import { consentWithdrawnOn, sensitiveShownTo, type TConsentStateRows } from "@/lib/domain/privacy/consent-policy";
import { recordAccess } from "@/lib/domain/privacy/access-log";
import { AppError, notFound } from "@/lib/errors";
import type { ClientKind, ClientStatus } from "@/lib/generated/prisma/client";
import { assertId, parseInput } from "@/lib/validation";
import { missingMonitoringFields, participationEnded, type TMonitoringField } from "./completeness";
import { ageOn, peselFacts } from "./derive";
import { completenessPerson, personSelect, plainData } from "./person";
import { changedFields, stateToSave, type TParticipantState } from "./policy";
import {
  PARTICIPANT_DATA_FIELDS,
  SENSITIVE_PARTICIPANT_FIELDS,
  ZParticipantDataInput,
  type TParsedParticipantData,
  type TParticipantDataField,
  type TParticipantDataInput,
} from "./schemas";

/**
 * EFS+ participant data (issue 16 §5): one row per PERSON client. Read with clients.read, written
 * with clients.write, both in the client's scope (a client outside it answers like a missing one).
 * The special-category fields (disability, foreign origin, minority) are shown and changed only
 * with clients.read_sensitive; a save by a role without it keeps what is stored. Every change is
 * audited on the client (`participant.update`, the changed fields before and after; the trail
 * withholds the special-category ones from viewers without the permission: audit/redact.ts).
 */

/** The person's EFS+ data as the page shows it. */
export type TParticipantView = {
  /** The form's values ("" for nothing; the special-category fields "" when withheld). */
  values: Record<TParticipantDataField, string>;
  /** What monitoring still needs (completeness.ts), without the special-category fields when withheld. */
  missing: TMonitoringField[];
  /** Participation has ended (support closed, or the end date has come): the end and the situation count. */
  ended: boolean;
  /** What the client's PESEL says (offered to fill sex and birth date); null without a valid PESEL. */
  fromPesel: ReturnType<typeof peselFacts>;
  /** Age at the start of participation, from the birth date. */
  ageAtStart: number | null;
  /** The place of residence: the client's own address (edited on the client's form). */
  address: { voivodeship: string | null; county: string | null; commune: string | null; town: string | null; postalCode: string | null };
  /** The special-category fields are withheld from this viewer (their role, or a withdrawn consent). */
  sensitiveHidden: boolean;
  /** The person's SENSITIVE_DATA consent was withdrawn on this day (and not given again): the fields are withheld from everyone. */
  sensitiveWithdrawnOn: Date | null;
  /** Whether anything has been recorded yet. */
  recorded: boolean;
};

export type TParticipantPage = {
  client: { id: string; name: string; kind: ClientKind; status: ClientStatus };
  /** Null for a client who is not a person: EFS+ data is kept for persons only. */
  participant: TParticipantView | null;
  /** The caller may change the data (clients.write in the client's scope). */
  canEdit: boolean;
};

type TPersonWithData = {
  id: string;
  name: string;
  kind: ClientKind;
  status: ClientStatus;
  pesel: string | null;
  voivodeship: string | null;
  county: string | null;
  commune: string | null;
  town: string | null;
  postalCode: string | null;
  participantData: Partial<Record<TParticipantDataField, string | Date | null>> | null;
} & TConsentStateRows;

async function loadPerson(tx: TTx, ctx: TContext, clientId: string, sensitive: boolean): Promise<TPersonWithData> {
  const row = await tx.client.findFirst({ where: { tenantId: ctx.tenantId, id: clientId }, select: personSelect(sensitive) });
  if (!row) throw notFound("Client");
  return row;
}

/** `sensitive`: the viewer is shown the special-category values (consent-policy.ts sensitiveShownTo). */
function viewOf(person: TPersonWithData, sensitive: boolean): TParticipantView {
  const data = plainData(person.participantData);
  // Whatever was read, a viewer not shown them (role, or withdrawn consent) never gets the special-category values.
  if (data && !sensitive) for (const field of SENSITIVE_PARTICIPANT_FIELDS) delete data[field];
  const today = todayInPoland();
  const cp = completenessPerson(person);
  const values = Object.fromEntries(PARTICIPANT_DATA_FIELDS.map((field) => [field, data?.[field] ?? ""])) as Record<TParticipantDataField, string>;
  return {
    values,
    missing: missingMonitoringFields(cp, today, { sensitive }),
    ended: participationEnded(cp, today),
    fromPesel: peselFacts(person.pesel),
    ageAtStart: ageOn(data?.birthDate ?? null, data?.participationStart ?? null),
    address: { voivodeship: person.voivodeship, county: person.county, commune: person.commune, town: person.town, postalCode: person.postalCode },
    sensitiveHidden: !sensitive,
    sensitiveWithdrawnOn: consentWithdrawnOn(person, "SENSITIVE_DATA"),
    recorded: data !== null,
  };
}

/**
 * The person's EFS+ page in one transaction: the client (clients.read in scope, otherwise
 * NOT_FOUND), their data, what is missing, what the PESEL says, and whether the caller may edit.
 */
export async function getParticipantPage(ctx: TContext, clientId: string): Promise<TParticipantPage> {
  await assertCan(ctx, "clients.read");
  const sensitive = mayReadSensitive(ctx);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const access = await assertClientInScope(tx, ctx, clientId, "clients.read");
      const person = await loadPerson(tx, ctx, clientId, sensitive);
      const isPerson = person.kind === "PERSON";
      const participant = isPerson ? viewOf(person, sensitiveShownTo(ctx, person)) : null;
      // The view is logged (issue 17); the special-category answers apart, when some are shown.
      const showsSensitive = participant !== null && !participant.sensitiveHidden && SENSITIVE_PARTICIPANT_FIELDS.some((field) => participant.values[field] !== "");
      await recordAccess(tx, ctx, [
        { clientId, view: "CLIENT_PARTICIPANT" },
        ...(showsSensitive ? [{ clientId, view: "CLIENT_SENSITIVE" as const, detail: "participant" }] : []),
      ]);
      return {
        client: { id: person.id, name: person.name, kind: person.kind, status: person.status },
        participant,
        canEdit: isPerson && inScope(ctx, "clients.write", access.relation),
      };
    }),
  );
}

function stateOf(data: Partial<Record<TParticipantDataField, string | null>> | null): TParticipantState {
  return Object.fromEntries(PARTICIPANT_DATA_FIELDS.map((field) => [field, data?.[field] ?? null])) as TParticipantState;
}

/** A sex or birth date that the client's valid PESEL contradicts: refused next to the field. */
function assertAgreesWithPesel(pesel: string | null, state: TParticipantState): void {
  const facts = peselFacts(pesel);
  if (!facts) return;
  const fieldErrors: Record<string, string> = {};
  if (state.sex !== null && state.sex !== facts.sex) fieldErrors.sex = "sexContradictsPesel";
  if (state.birthDate !== null && state.birthDate !== facts.birthDate) fieldErrors.birthDate = "birthDateContradictsPesel";
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION_FAILED", { fieldErrors });
}

const DATE_COLUMNS = new Set<TParticipantDataField>(["birthDate", "participationStart", "participationEnd"]);

function columnsOf(state: TParticipantState) {
  const data: Record<string, unknown> = {};
  for (const field of PARTICIPANT_DATA_FIELDS) {
    const value = state[field];
    data[field] = value !== null && DATE_COLUMNS.has(field) ? dateOnly(value) : value;
  }
  return data as {
    [K in TParticipantDataField]: K extends "birthDate" | "participationStart" | "participationEnd" ? Date | null : TParsedParticipantData[K];
  };
}

/**
 * Saves a person's EFS+ data (clients.write in the client's scope). Refused for a client who is
 * not a person (PARTICIPANT_NOT_A_PERSON), and next to the field for a sex or birth date the
 * client's PESEL contradicts. A role without clients.read_sensitive never clears or changes the
 * special-category fields, nor does anyone while the person's SENSITIVE_DATA consent is withdrawn.
 * Nothing changed → nothing written or audited. Returns the new view.
 */
export async function saveParticipantData(ctx: TContext, clientId: string, rawInput: TParticipantDataInput): Promise<TParticipantView> {
  await assertCan(ctx, "clients.write");
  assertId(clientId, "Client");
  const input = parseInput(ZParticipantDataInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      // One writer at a time per client: the before of the audit is what the write replaces.
      const locked = await tx.$queryRaw<{ kind: ClientKind }[]>`
        SELECT kind::text AS kind FROM client WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${clientId}::uuid FOR UPDATE`;
      if (locked.length === 0) throw notFound("Client");
      await assertClientInScope(tx, ctx, clientId, "clients.write");
      if (locked[0]?.kind !== "PERSON") throw new AppError("PARTICIPANT_NOT_A_PERSON");

      // Read in full (the special-category fields too): a save without the permission keeps them.
      const person = await loadPerson(tx, ctx, clientId, true);
      // Values the caller is not shown (role, or a withdrawn consent) are kept as stored.
      const shown = sensitiveShownTo(ctx, person);
      const before = stateOf(plainData(person.participantData));
      const after = stateToSave(before, input, { sensitive: shown });
      assertAgreesWithPesel(person.pesel, after);

      const changed = changedFields(before, after);
      if (changed.length === 0) return viewOf(person, shown);
      const columns = columnsOf(after);
      await tx.participantData.upsert({
        where: { tenantId_clientId: { tenantId: ctx.tenantId, clientId } },
        create: { tenantId: ctx.tenantId, clientId, updatedById: ctx.userId, ...columns },
        update: { updatedById: ctx.userId, ...columns },
        select: { clientId: true },
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "participant.update",
        entityType: "Client",
        entityId: clientId,
        before: Object.fromEntries(changed.map((field) => [field, before[field]])),
        after: Object.fromEntries(changed.map((field) => [field, after[field]])),
      });
      return viewOf({ ...person, participantData: columns }, shown);
    }),
  );
}
