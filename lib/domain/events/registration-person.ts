import "server-only";
import { ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope } from "@/lib/auth/scope";
import type { TTx } from "@/lib/db/transaction";
import { loadClientRelations, type TClientAccess } from "@/lib/domain/clients/access";
import { AppError, notFound } from "@/lib/errors";

/**
 * A participant of an event is a person: an individual client (a client of kind PERSON) or one of
 * a client's people (the representative of an organisation, a member of an initiative group). The
 * registration names the client it serves either way — the person themself, or whom they represent.
 */
export type TRegistrationPerson = {
  /** "client:<id>" or "person:<id>": one key per person, for the limit and the one-live-registration index. */
  personKey: string;
  personClientId: string | null;
  clientPersonId: string | null;
  /** The client served. */
  clientId: string;
  /** The person's name. */
  name: string;
  /** The client served, as the scope sees it (its name, status and the caller's relation to it). */
  access: TClientAccess;
};

/** The key of a person (the CHECK event_registration_one_person holds the columns to it). */
export function personKeyOf(person: { personClientId: string | null; clientPersonId: string | null }): string {
  return person.personClientId !== null ? `client:${person.personClientId}` : `person:${person.clientPersonId}`;
}

/**
 * Finds the person to register within the tenant. A missing or foreign id is NOT_FOUND; so is a
 * person whose client the caller may not read (need-to-know: lib/auth/scope.ts), audited as a
 * refusal by recordScopeRefusals. A client of another kind than PERSON named as an individual is
 * VALIDATION_FAILED (its people are registered instead).
 */
export async function resolveRegistrationPerson(
  tx: TTx,
  ctx: TContext,
  input: { personClientId?: string | undefined; clientPersonId?: string | undefined },
): Promise<TRegistrationPerson> {
  if (input.personClientId !== undefined) {
    const client = await tx.client.findFirst({ where: { tenantId: ctx.tenantId, id: input.personClientId }, select: { id: true, kind: true, name: true } });
    if (!client) throw notFound("Client");
    const access = await accessInScope(tx, ctx, client.id, "Client");
    if (client.kind !== "PERSON") throw new AppError("VALIDATION_FAILED", { fieldErrors: { personClientId: "notAPerson" } });
    return { personKey: `client:${client.id}`, personClientId: client.id, clientPersonId: null, clientId: client.id, name: client.name, access };
  }
  if (input.clientPersonId === undefined) throw new AppError("VALIDATION_FAILED", { fieldErrors: { person: "required" } });
  const person = await tx.clientPerson.findFirst({ where: { tenantId: ctx.tenantId, id: input.clientPersonId }, select: { id: true, name: true, clientId: true } });
  if (!person) throw notFound("ClientPerson");
  const access = await accessInScope(tx, ctx, person.clientId, "ClientPerson");
  return { personKey: `person:${person.id}`, personClientId: null, clientPersonId: person.id, clientId: person.clientId, name: person.name, access };
}

/** The client's access facts; a client outside the caller's clients.read scope answers like a missing `entity`. */
async function accessInScope(tx: TTx, ctx: TContext, clientId: string, entity: string): Promise<TClientAccess> {
  const access = (await loadClientRelations(tx, ctx, [clientId])).get(clientId);
  if (!access) throw notFound(entity);
  if (!inScope(ctx, "clients.read", access.relation)) throw new ScopeRefusal("events.register", { clientId, reason: "needToKnow" }, entity);
  return access;
}
