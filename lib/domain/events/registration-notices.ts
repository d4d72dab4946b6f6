import "server-only";
import type { TNotice } from "@/lib/domain/notifications/outbox";

/** A registration as its notices need it, as of the change. */
export type TRegistrationNoticeFacts = {
  /** The registration. */
  id: string;
  eventId: string;
  eventTitle: string;
  /** The person registered (an individual client, or a representative or member of one). */
  personName: string;
  /** The key advisor of the client served — for a representative or member, of their organisation or group. */
  keyAdvisorId: string | null;
  /** Who registered the person. */
  registeredById: string;
};

/**
 * The notices of a registration that got a seat: to the key advisor of the client it serves and to
 * whoever registered the person (one notice when they are the same; notify() drops the actor).
 * Keyed by the registration: a seat is announced once, and two people of one advisor seated by
 * the same change are two notices, not one (they share the event's href).
 */
export function registrationNotices(kind: "registration_confirmed" | "registration_promoted", facts: TRegistrationNoticeFacts): TNotice[] {
  const recipients = [...new Set([facts.keyAdvisorId, facts.registeredById])].flatMap((id) => (id ? [id] : []));
  return recipients.map((userId) => ({
    userId,
    kind,
    href: `/events/${facts.eventId}`,
    params: { eventTitle: facts.eventTitle, personName: facts.personName },
    dedupeKey: `${kind}:${facts.id}`,
  }));
}
