import "server-only";
import type { TTx } from "@/lib/db/transaction";
import { dateOnly, isoDate } from "@/lib/dates";
import { notFound } from "@/lib/errors";
import { recordAudit } from "@/lib/domain/audit/service";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { generalisedBirthDate, nameForms } from "./anonymise-policy";

/**
 * Anonymisation (issue 17 §5): irreversible. A person's name, identifiers, contact data and address
 * below the commune go; every id and link stays (paths, services, registrations, results, jobs,
 * timesheets), and so do the attributes statistics read — kind, status, voivodeship, county and
 * commune (the indicator report's county cut, the EFS+ completeness rule), the target-group flags,
 * the EFS+ answers and participation dates. So every indicator and every total reads the same
 * before and after.
 *
 * Free texts anywhere in the tenant — service topics and notes, path texts, annotations, exchanges,
 * notifications, the audit trail's before/after — lose the person's full name (as written, "Surname
 * Name", without a middle name, in lower and upper case, folded), their PESEL, NIP, REGON, KRS,
 * e-mail and phone, and those of the client's representatives or members: the database function
 * anonymise_text (migration 20261205090002_anonymisation) walks every text column of every
 * tenant-owned table. A first name or a surname alone is left: it would hit other people ("Anna"),
 * and a declined form ("u p. Kowalskiej") no search can find reliably.
 */

/** The name an anonymised person carries, followed by a short code of their record. */
export const ANONYMISED_PERSON = "Osoba zanonimizowana";
/** The same for a client that is not an individual (a group, an organisation). */
export const ANONYMISED_CLIENT = "Klient zanonimizowany";
/** What replaces an identifier or a contact in a free text. */
export const ERASED_VALUE = "[usunięto]";

/** Why a client is anonymised: audited as the reason (AUDIT_REASON_LABELS). */
export type TAnonymiseReason = "retentionEnded" | "erasureRequest";

/** Who anonymises: the caller's context, or the approving IOD when the background job does it. */
export type TAnonymiseActor = { tenantId: string; userId: string | null; requestId?: string | null };

/** The client columns that go, in the order the audit lists them. */
const ERASED_CLIENT_FIELDS = ["name", "pesel", "nip", "regon", "krs", "email", "phone", "town", "street", "postalCode", "notes", "consentScope"] as const;
export type TErasedField = (typeof ERASED_CLIENT_FIELDS)[number] | "people" | "birthDate";
/** Every field the audit's `erasedFields` may name (lib/domain/audit/fields.ts labels them). */
export const ERASED_FIELDS: readonly TErasedField[] = [...ERASED_CLIENT_FIELDS, "people", "birthDate"];

/** The shortest text searched for: shorter ones would hit unrelated words (the database refuses them too). */
const MIN_NEEDLE = 3;

const code = (id: string) => id.replace(/-/g, "").slice(0, 8).toUpperCase();

export function anonymisedName(client: { id: string; kind: string }): string {
  return `${client.kind === "PERSON" ? ANONYMISED_PERSON : ANONYMISED_CLIENT} ${code(client.id)}`;
}

/** A phone as typed and as its digits alone ("+48 600 100 200" → "48600100200"). */
function phoneForms(phone: string): string[] {
  const digits = phone.replace(/\D/g, "");
  return digits.length >= 7 ? [phone, digits] : [phone];
}

type TReplacements = Map<string, string>;

function addNeedles(into: TReplacements, needles: readonly (string | null | undefined)[], replacement: string): void {
  for (const needle of needles) {
    if (!needle || needle.trim().length < MIN_NEEDLE || needle === replacement) continue;
    // The first replacement named for a text wins: a name stays a name's placeholder.
    if (!into.has(needle)) into.set(needle, replacement);
  }
}

const CLIENT_SELECT = {
  id: true,
  kind: true,
  name: true,
  nameNormalized: true,
  pesel: true,
  nip: true,
  regon: true,
  krs: true,
  email: true,
  phone: true,
  town: true,
  street: true,
  postalCode: true,
  notes: true,
  consentScope: true,
  anonymisedAt: true,
  people: { select: { id: true, name: true, email: true, phone: true }, orderBy: { id: "asc" } },
  participantData: { select: { birthDate: true, participationStart: true } },
} as const;

/**
 * Anonymises the clients `clientIds` in the caller's tenant transaction (the caller has checked its
 * permission: privacy.retention's approval through the background job, or privacy.requests'
 * erasure). All or nothing: an id not of the tenant is NOT_FOUND and nothing changes. A client
 * already anonymised is skipped, so a second run is a no-op. Each anonymised client is audited
 * `client.anonymise`, naming which fields were erased — never their values. Returns the ids
 * anonymised now.
 */
export async function anonymiseClients(
  tx: TTx,
  actor: TAnonymiseActor,
  clientIds: readonly string[],
  reason: TAnonymiseReason,
): Promise<{ anonymised: string[] }> {
  const ids = [...new Set(clientIds)].sort();
  if (ids.length === 0) return { anonymised: [] };
  // One writer per client, taken in id order (no deadlock between two batches).
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM client WHERE tenant_id = ${actor.tenantId}::uuid AND id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`;
  if (locked.length !== ids.length) throw notFound("Client");

  const clients = await tx.client.findMany({
    where: { tenantId: actor.tenantId, id: { in: ids }, anonymisedAt: null },
    select: CLIENT_SELECT,
    orderBy: { id: "asc" },
  });
  if (clients.length === 0) return { anonymised: [] };

  const now = new Date();
  const replacements: TReplacements = new Map();
  const erasedOf = new Map<string, TErasedField[]>();
  for (const client of clients) {
    const placeholder = anonymisedName(client);
    const birth = client.participantData?.birthDate ? isoDate(client.participantData.birthDate) : null;
    const start = client.participantData?.participationStart ? isoDate(client.participantData.participationStart) : null;
    const newBirth = generalisedBirthDate(birth, start);
    const erased: TErasedField[] = ERASED_CLIENT_FIELDS.filter((field) => client[field] !== null && client[field] !== "");
    if (client.people.length > 0) erased.push("people");
    if (birth !== null) erased.push("birthDate");

    addNeedles(replacements, [...nameForms(client.name, { reorder: client.kind === "PERSON" }), client.nameNormalized], placeholder);
    addNeedles(
      replacements,
      [client.pesel, client.nip, client.regon, client.krs, client.email, client.email?.toLowerCase(), ...(client.phone ? phoneForms(client.phone) : [])],
      ERASED_VALUE,
    );
    for (const person of client.people) {
      addNeedles(replacements, nameForms(person.name, { reorder: true }), `${ANONYMISED_PERSON} ${code(person.id)}`);
      addNeedles(replacements, [person.email, person.email?.toLowerCase(), ...(person.phone ? phoneForms(person.phone) : [])], ERASED_VALUE);
    }

    await tx.client.update({
      where: { tenantId_id: { tenantId: actor.tenantId, id: client.id } },
      data: {
        name: placeholder,
        nameNormalized: foldForSearch(placeholder),
        pesel: null,
        nip: null,
        regon: null,
        krs: null,
        email: null,
        phone: null,
        town: null,
        townNormalized: null,
        street: null,
        postalCode: null,
        notes: null,
        consentScope: null,
        anonymisedAt: now,
      },
      select: { id: true },
    });
    for (const person of client.people) {
      await tx.clientPerson.update({
        where: { tenantId_id: { tenantId: actor.tenantId, id: person.id } },
        data: { name: `${ANONYMISED_PERSON} ${code(person.id)}`, email: null, phone: null },
        select: { id: true },
      });
    }
    if (birth !== null) {
      await tx.participantData.update({
        where: { tenantId_clientId: { tenantId: actor.tenantId, clientId: client.id } },
        data: { birthDate: newBirth ? dateOnly(newBirth) : null },
        select: { clientId: true },
      });
    }
    // The client's own history keeps what was done, not the erased values (a masked PESEL or a
    // birth date is no text the free-text pass could find).
    const values = {
      ...Object.fromEntries(ERASED_CLIENT_FIELDS.map((field) => [field, null])),
      name: placeholder,
      people: [],
      birthDate: newBirth,
    };
    await tx.$executeRaw`SELECT anonymise_audit_values('Client', ${client.id}, ${JSON.stringify(values)}::jsonb)`;
    erasedOf.set(client.id, erased);
  }

  // Longest first: "Anna Maria Kowalska" before "Anna Kowalska", an e-mail before the name inside it.
  const needles = [...replacements.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
  await tx.$executeRaw`SELECT anonymise_text(${needles}::text[], ${needles.map((n) => replacements.get(n) ?? ERASED_VALUE)}::text[])`;

  await tx.retentionReview.updateMany({
    where: { tenantId: actor.tenantId, clientId: { in: clients.map((c) => c.id) }, anonymisedAt: null },
    data: { anonymisedAt: now },
  });
  // Written after the free-text pass, which therefore never touches them.
  for (const client of clients) {
    await recordAudit(tx, actor, {
      action: "client.anonymise",
      entityType: "Client",
      entityId: client.id,
      before: { erasedFields: erasedOf.get(client.id) ?? [] },
      after: { name: anonymisedName(client), reason },
    });
  }
  return { anonymised: clients.map((c) => c.id) };
}
