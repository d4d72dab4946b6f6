import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { clientScopeWhere } from "@/lib/domain/clients/access";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { notFound } from "@/lib/errors";
import { assertId, parseInput } from "@/lib/validation";
import { limitYearOf, personTrainingCounts } from "./limit";
import { ZFindRegistrationCandidatesInput, type TFindRegistrationCandidatesInput } from "./registration-schemas";
import type { TParticipantKind } from "./registration-view";

/** At most this many persons answer one search. */
const MAX_CANDIDATES = 20;
/** Names of client people matched before the scope narrows them (a name query matches few). */
const MAX_NAME_MATCHES = 500;

export type TRegistrationCandidate = {
  /** The person's key ("client:<id>" / "person:<id>"). */
  key: string;
  /** What to send to registerPerson: exactly one of the two. */
  personClientId: string | null;
  clientPersonId: string | null;
  name: string;
  kind: TParticipantKind;
  /** The client served: the person themself, or the organisation or group they represent. */
  client: { id: string; name: string };
  /** Counting trainings the person holds in the event's year, when the event counts toward a limit. */
  count: number | null;
  /** The person already holds a seat or a place on the waiting list of this event. */
  alreadyRegistered: boolean;
};

export type TRegistrationCandidates = {
  items: TRegistrationCandidate[];
  /** The limit the event counts toward, or null when it does not count or the tenant has none. */
  limit: { limit: number; year: number } | null;
};

/** "%" and "_" typed by the user match only themselves in LIKE. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, "\\$&");

/**
 * Persons who could be registered for the event, by a fragment of their name (at least 2
 * characters, without regard to case or Polish diacritics: "lodz" finds "Łódź"): individual
 * clients and the people of clients (representatives, members) — only of clients in the caller's
 * clients.read scope whose support has not ended. At most 20, by name, each with their count in the
 * event's limit year and whether they are registered already.
 */
export async function findRegistrationCandidates(
  ctx: TContext,
  eventId: string,
  rawInput: TFindRegistrationCandidatesInput,
): Promise<TRegistrationCandidates> {
  await assertCan(ctx, "events.register");
  assertId(eventId, "Event");
  const { q } = parseInput(ZFindRegistrationCandidatesInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const event = await tx.event.findFirst({ where: { tenantId: ctx.tenantId, id: eventId }, select: { id: true, countsTowardLimit: true, limitYear: true } });
    if (!event) throw notFound("Event");
    const scope = clientScopeWhere(ctx, "clients.read");
    if (scope === null) return { items: [], limit: null };
    const folded = foldForSearch(q);
    const supported = { status: { not: "CLOSED" as const }, AND: [scope] };

    const individuals = await tx.client.findMany({
      where: { tenantId: ctx.tenantId, kind: "PERSON", nameNormalized: { contains: escapeLike(folded) }, ...supported },
      select: { id: true, name: true },
      orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
      take: MAX_CANDIDATES,
    });
    // client_person keeps no folded name: fold the Polish letters here (the table is small per tenant).
    const matched = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM client_person
      WHERE tenant_id = ${ctx.tenantId}::uuid
        AND lower(translate(name, 'ĄĆĘŁŃÓŚŹŻąćęłńóśźż', 'ACELNOSZZacelnoszz')) LIKE ${`%${escapeLike(folded)}%`}
      LIMIT ${MAX_NAME_MATCHES}`;
    const people =
      matched.length === 0
        ? []
        : await tx.clientPerson.findMany({
            where: { tenantId: ctx.tenantId, id: { in: matched.map((m) => m.id) }, client: supported },
            select: { id: true, name: true, role: true, client: { select: { id: true, name: true } } },
          });

    const found = [
      ...individuals.map((c) => ({ key: `client:${c.id}`, personClientId: c.id, clientPersonId: null, name: c.name, kind: "INDIVIDUAL" as const, client: c })),
      ...people.map((p) => ({ key: `person:${p.id}`, personClientId: null, clientPersonId: p.id, name: p.name, kind: p.role, client: p.client })),
    ]
      .map((person) => ({ person, sortKey: foldForSearch(person.name) }))
      .sort((a, b) => a.sortKey.localeCompare(b.sortKey) || a.person.key.localeCompare(b.person.key))
      .slice(0, MAX_CANDIDATES)
      .map(({ person }) => person);
    if (found.length === 0) return { items: [], limit: null };

    const keys = found.map((p) => p.key);
    const live = await tx.eventRegistration.findMany({
      where: { tenantId: ctx.tenantId, eventId: event.id, personKey: { in: keys }, status: { not: "CANCELLED" } },
      select: { personKey: true },
    });
    const registered = new Set(live.map((r) => r.personKey));
    const year = limitYearOf(event);
    const counts = year !== null ? await personTrainingCounts(tx, ctx.tenantId, keys, year) : null;
    const limit = counts && counts.limit > 0 && year !== null ? { limit: counts.limit, year } : null;
    return {
      items: found.map((person) => ({ ...person, count: limit ? (counts?.counts.get(person.key) ?? 0) : null, alreadyRegistered: registered.has(person.key) })),
      limit,
    };
  });
}
