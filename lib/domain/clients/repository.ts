import "server-only";
import type { TContext } from "@/lib/auth/context";
import { isoDate } from "@/lib/dates";
import type { TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { assertId } from "@/lib/validation";
import { CONSENT_STATE_SELECT, consentMarks, type TConsentMarks, type TConsentStateRows } from "@/lib/domain/privacy/consent-policy";
import { foldForSearch } from "./normalize";
import type { TParsedClientInput } from "./schemas";

/** What the client page shows, except the special-category field (added only for roles that may see it). */
export const CLIENT_DETAIL_SELECT = {
  id: true,
  kind: true,
  subtype: true,
  name: true,
  status: true,
  pesel: true,
  nip: true,
  regon: true,
  krs: true,
  email: true,
  phone: true,
  voivodeship: true,
  county: true,
  commune: true,
  town: true,
  street: true,
  postalCode: true,
  atRiskOfExclusion: true,
  aged50Plus: true,
  leavingReintegrationEntity: true,
  longTermUnemployed: true,
  kpresSpheres: true,
  waitingSince: true,
  consentDate: true,
  consentScope: true,
  consentLegalBasis: true,
  notes: true,
  /** Processing restricted (GDPR art. 18) since then: the page says so and updates are refused. */
  restrictedAt: true,
  createdAt: true,
  updatedAt: true,
  office: { select: { id: true, name: true } },
  keyAdvisor: { select: { id: true, name: true } },
  // createdAt carries the order the form gave (see replacePeople); id breaks ties of older rows.
  people: { select: { id: true, role: true, name: true, function: true, email: true, phone: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} satisfies Prisma.ClientSelect;

export const CLIENT_FULL_SELECT = { ...CLIENT_DETAIL_SELECT, hasDisability: true } satisfies Prisma.ClientSelect;

export type TClientRow = Prisma.ClientGetPayload<{ select: typeof CLIENT_DETAIL_SELECT }>;
export type TClientFullRow = Prisma.ClientGetPayload<{ select: typeof CLIENT_FULL_SELECT }>;

/**
 * A client as one role sees it. `hasDisability` is special-category data (GDPR art. 9): it is
 * present only for roles holding `clients.read_sensitive`; for the others it is not even read from
 * the database, and `sensitiveHidden` is true so the page can say that something is withheld.
 * It is withheld from every role too while the person's SENSITIVE_DATA consent is withdrawn
 * (`sensitiveWithdrawnOn`: lib/domain/privacy/consent-policy.ts).
 */
export type TClientDetails = TClientRow &
  TConsentMarks &
  ({ sensitiveHidden: false; hasDisability: boolean } | { sensitiveHidden: true; hasDisability?: undefined });

/** Loads a client of the caller's tenant; a foreign, missing or malformed id is NOT_FOUND. */
export async function loadClient(tx: TTx, ctx: TContext, clientId: string, sensitive: boolean): Promise<TClientDetails> {
  assertId(clientId, "Client");
  const where = { id: clientId, tenantId: ctx.tenantId };
  // The consent state comes in the same statement (a joined relation): a withdrawn consent hides at once.
  if (sensitive) {
    const row = await tx.client.findFirst({ where, select: { ...CLIENT_FULL_SELECT, ...CONSENT_STATE_SELECT } });
    if (!row) throw notFound("Client");
    const { consents, hasDisability, ...client } = row;
    const marks = consentMarks({ consents });
    return marks.sensitiveWithdrawnOn ? { ...client, ...marks, sensitiveHidden: true } : { ...client, ...marks, hasDisability, sensitiveHidden: false };
  }
  const row = await tx.client.findFirst({ where, select: { ...CLIENT_DETAIL_SELECT, ...CONSENT_STATE_SELECT } });
  if (!row) throw notFound("Client");
  const { consents, ...client } = row;
  return { ...client, ...consentMarks({ consents }), sensitiveHidden: true };
}

/** Like {@link loadClient} with every field, after locking the row against a concurrent edit. */
export async function lockClientForUpdate(tx: TTx, ctx: TContext, clientId: string): Promise<TClientFullRow & TConsentStateRows> {
  assertId(clientId, "Client");
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM client WHERE tenant_id = ${ctx.tenantId}::uuid AND id = ${clientId}::uuid FOR UPDATE`;
  if (locked.length === 0) throw notFound("Client");
  // With the consent state: a save keeps special-category values the consent withholds (consent-policy.ts).
  const client = await tx.client.findFirst({ where: { id: clientId, tenantId: ctx.tenantId }, select: { ...CLIENT_FULL_SELECT, ...CONSENT_STATE_SELECT } });
  if (!client) throw notFound("Client");
  return client;
}

/** The editable state of a client: what the form sets, what the audit trail compares. */
export type TClientState = Omit<TParsedClientInput, "confirmPossibleDuplicate">;

export function stateOfInput(input: TParsedClientInput): TClientState {
  const { confirmPossibleDuplicate: _confirm, ...state } = input;
  return state;
}

export function stateOfRow(row: TClientFullRow): TClientState {
  return {
    kind: row.kind,
    subtype: row.subtype,
    name: row.name,
    pesel: row.pesel,
    nip: row.nip,
    regon: row.regon,
    krs: row.krs,
    email: row.email,
    phone: row.phone,
    voivodeship: row.voivodeship as TClientState["voivodeship"],
    county: row.county,
    commune: row.commune,
    town: row.town,
    street: row.street,
    postalCode: row.postalCode,
    atRiskOfExclusion: row.atRiskOfExclusion,
    hasDisability: row.hasDisability,
    aged50Plus: row.aged50Plus,
    leavingReintegrationEntity: row.leavingReintegrationEntity,
    longTermUnemployed: row.longTermUnemployed,
    kpresSpheres: row.kpresSpheres,
    officeId: row.office?.id ?? null,
    consentDate: row.consentDate,
    consentScope: row.consentScope,
    consentLegalBasis: row.consentLegalBasis as TClientState["consentLegalBasis"],
    notes: row.notes,
    people: row.people.map(({ role, name, function: fn, email, phone }) => ({ role, name, function: fn, email, phone })),
  };
}

/**
 * The audited shape of a client: every field the form edits, the consent date as a calendar day.
 * The PESEL stays under the key `pesel`, which the audit redactor masks.
 */
export function auditView(state: TClientState): Record<string, unknown> {
  return { ...state, consentDate: state.consentDate ? isoDate(state.consentDate) : null };
}

/** The fields whose audited values differ, as before/after halves (empty when nothing changed). */
export function changedFields(before: TClientState, after: TClientState) {
  const beforeView = auditView(before);
  const afterView = auditView(after);
  const changed = Object.keys(afterView).filter((key) => JSON.stringify(beforeView[key]) !== JSON.stringify(afterView[key]));
  return {
    changed,
    before: Object.fromEntries(changed.map((key) => [key, beforeView[key]])),
    after: Object.fromEntries(changed.map((key) => [key, afterView[key]])),
  };
}

/** The client columns written from a state, with the folded search keys. */
export function clientData(state: TClientState) {
  const { people: _people, ...fields } = state;
  return {
    ...fields,
    nameNormalized: foldForSearch(state.name),
    townNormalized: state.town ? foldForSearch(state.town) : null,
  };
}

/**
 * Registers many clients at once (a spreadsheet import): one `INSERT … SELECT … FROM unnest(…)`, one
 * array per column, with the folded search keys as {@link clientData} writes them; people are not
 * part of it. Each client is new: WAITING since `waitingSince`, or CLOSED.
 */
export async function insertClients(
  tx: TTx,
  tenantId: string,
  clients: readonly { id: string; state: TClientState; status: "WAITING" | "CLOSED" }[],
  waitingSince: Date,
): Promise<void> {
  if (clients.length === 0) return;
  const rows = clients.map(({ id, state, status }) => ({ id, status, ...clientData(state) }));
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  // An array column cannot go through unnest as an array of arrays: each row's spheres travel as an array literal.
  const spheres = column((row) => `{${row.kpresSpheres.join(",")}}`);
  await tx.$executeRaw`
    INSERT INTO client (id, tenant_id, kind, subtype, name, name_normalized, status, pesel, nip, regon, krs, email, phone, voivodeship, county, commune,
                        town, town_normalized, street, postal_code, at_risk_of_exclusion, has_disability, aged_50_plus, leaving_reintegration_entity,
                        long_term_unemployed, kpres_spheres, office_id, waiting_since, consent_date, consent_scope, consent_legal_basis, notes, updated_at)
    SELECT c.id, ${tenantId}::uuid, c.kind::"ClientKind", c.subtype, c.name, c.name_normalized, c.status::"ClientStatus", c.pesel, c.nip, c.regon, c.krs,
           c.email, c.phone, c.voivodeship, c.county, c.commune, c.town, c.town_normalized, c.street, c.postal_code, c.at_risk, c.disability, c.aged_50,
           c.leaving, c.long_term, c.spheres::"KpresSphere"[], c.office_id,
           CASE WHEN c.status = 'WAITING' THEN ${waitingSince}::timestamptz END, c.consent_date, c.consent_scope, c.consent_legal_basis, c.notes, now()
    FROM unnest(${column((r) => r.id)}::uuid[], ${column((r) => r.kind)}::text[], ${column((r) => r.subtype)}::text[], ${column((r) => r.name)}::text[],
                ${column((r) => r.nameNormalized)}::text[], ${column((r) => r.status)}::text[], ${column((r) => r.pesel)}::text[], ${column((r) => r.nip)}::text[],
                ${column((r) => r.regon)}::text[], ${column((r) => r.krs)}::text[], ${column((r) => r.email)}::text[], ${column((r) => r.phone)}::text[],
                ${column((r) => r.voivodeship)}::text[], ${column((r) => r.county)}::text[], ${column((r) => r.commune)}::text[], ${column((r) => r.town)}::text[],
                ${column((r) => r.townNormalized)}::text[], ${column((r) => r.street)}::text[], ${column((r) => r.postalCode)}::text[],
                ${column((r) => r.atRiskOfExclusion)}::bool[], ${column((r) => r.hasDisability)}::bool[], ${column((r) => r.aged50Plus)}::bool[],
                ${column((r) => r.leavingReintegrationEntity)}::bool[], ${column((r) => r.longTermUnemployed)}::bool[], ${spheres}::text[],
                ${column((r) => r.officeId)}::uuid[], ${column((r) => (r.consentDate ? isoDate(r.consentDate) : null))}::date[],
                ${column((r) => r.consentScope)}::text[], ${column((r) => r.consentLegalBasis)}::text[], ${column((r) => r.notes)}::text[])
      AS c(id, kind, subtype, name, name_normalized, status, pesel, nip, regon, krs, email, phone, voivodeship, county, commune, town, town_normalized,
           street, postal_code, at_risk, disability, aged_50, leaving, long_term, spheres, office_id, consent_date, consent_scope, consent_legal_basis, notes)`;
}

/** Replaces the client's representatives or members with `people`, keeping the order given. */
export async function replacePeople(tx: TTx, ctx: TContext, clientId: string, people: TClientState["people"]) {
  await tx.clientPerson.deleteMany({ where: { tenantId: ctx.tenantId, clientId } });
  if (people.length === 0) return;
  // One INSERT gives every row the same now(): a millisecond apart, created_at keeps the form's order.
  const start = Date.now();
  await tx.clientPerson.createMany({
    data: people.map((person, i) => ({ ...person, tenantId: ctx.tenantId, clientId, createdAt: new Date(start + i) })),
  });
}

/** The office comes from the form: it must exist in the caller's tenant. */
export async function assertOfficeInTenant(tx: TTx, ctx: TContext, officeId: string | null) {
  if (!officeId) return;
  const found = await tx.office.count({ where: { id: officeId, tenantId: ctx.tenantId } });
  if (!found) throw new AppError("VALIDATION_FAILED", { fieldErrors: { officeId: "unknownOffice" } });
}

export const IDENTIFIER_FIELDS = ["pesel", "nip", "regon", "krs"] as const;
type TIdentifiers = Pick<TClientState, (typeof IDENTIFIER_FIELDS)[number]>;

/** The field errors of every identifier given: for a unique violation that names no field we can trust. */
export function identifierFieldErrors(identifiers: TIdentifiers): Record<string, string> {
  return Object.fromEntries(IDENTIFIER_FIELDS.filter((field) => identifiers[field]).map((field) => [field, "identifierTaken"]));
}

/**
 * Refuses identifiers another client of the tenant already holds (SPEC §3.5), naming that client
 * so the form can link to it. The unique indexes remain the final judge under a race.
 */
export async function assertIdentifiersFree(tx: TTx, ctx: TContext, identifiers: TIdentifiers, exceptClientId: string | null) {
  const given = IDENTIFIER_FIELDS.flatMap((field) => {
    const value = identifiers[field];
    return value ? [{ [field]: value }] : [];
  });
  if (given.length === 0) return;
  const owners = await tx.client.findMany({
    where: { tenantId: ctx.tenantId, OR: given, ...(exceptClientId ? { id: { not: exceptClientId } } : {}) },
    select: { id: true, name: true, pesel: true, nip: true, regon: true, krs: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const [first] = owners;
  if (!first) return;
  const fieldErrors: Record<string, string> = {};
  for (const field of IDENTIFIER_FIELDS) {
    if (identifiers[field] && owners.some((owner) => owner[field] === identifiers[field])) fieldErrors[field] = "identifierTaken";
  }
  throw new AppError("DUPLICATE_IDENTIFIER", { fieldErrors, params: { clientId: first.id, clientName: first.name } });
}

/**
 * The oldest other client with the same folded name in the same folded town, or null. Takes a
 * transaction-scoped advisory lock on the (tenant, name, town) pair first, so two saves of the same
 * new client cannot both miss each other and skip the warning.
 */
export async function findPossibleDuplicate(
  tx: TTx,
  ctx: TContext,
  keys: { nameNormalized: string; townNormalized: string | null },
  exceptClientId: string | null,
): Promise<{ id: string; name: string } | null> {
  if (!keys.townNormalized) return null;
  const lockKey = `client-name-town:${ctx.tenantId}:${keys.nameNormalized}:${keys.townNormalized}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
  return tx.client.findFirst({
    where: {
      tenantId: ctx.tenantId,
      nameNormalized: keys.nameNormalized,
      townNormalized: keys.townNormalized,
      ...(exceptClientId ? { id: { not: exceptClientId } } : {}),
    },
    select: { id: true, name: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
}
