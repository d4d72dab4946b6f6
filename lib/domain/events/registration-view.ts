import "server-only";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { inScope, isCentreWide } from "@/lib/auth/scope";
import type { TTx } from "@/lib/db/transaction";
import { loadClientRelations } from "@/lib/domain/clients/access";
import { limitYearOf, personTrainingCounts, type TPersonCount } from "./limit";
import { isRegistrationOpen } from "./registration";

/** How a participant stands to the client served: the client themself, or its representative or member. */
export type TParticipantKind = "INDIVIDUAL" | "REPRESENTATIVE" | "MEMBER";

export type TRegistrationRow = {
  id: string;
  status: "REGISTERED" | "WAITING";
  /** 1, 2, … on the waiting list; null with a seat. */
  position: number | null;
  /** The person's name, or null where need-to-know hides it (shown as "Uczestnik"). */
  personName: string | null;
  kind: TParticipantKind;
  /** The client served ("reprezentuje: Spółdzielnia X"), or null where hidden. */
  client: { id: string; name: string } | null;
  /** Whether the viewer may open the client's record (a link). */
  canOpenClient: boolean;
  /** "2 z 3 szkoleń" for an event counting toward a limit; null otherwise. */
  count: TPersonCount | null;
  /** The written reason of an admission over the limit (null where hidden or none). */
  exceptionReason: string | null;
  registeredAt: Date;
  promotedAt: Date | null;
  canCancel: boolean;
};

export type TEventRegistrationsView = {
  seats: { taken: number; capacity: number | null; waiting: number };
  /** The limit the event counts toward ({ limit: 3, year: 2026 }), or null when it does not count or the tenant has none. */
  limit: { limit: number; year: number } | null;
  registered: TRegistrationRow[];
  waiting: TRegistrationRow[];
  abilities: {
    /** Registration is open and the viewer may register people. */
    canRegister: boolean;
    /** The viewer may admit a person over the limit with a reason. */
    canGrantException: boolean;
    /** The viewer may print attendance lists and certificates. */
    canPrintCertificates: boolean;
  };
};

type TRegistrationDbRow = {
  id: string;
  status: "REGISTERED" | "WAITING";
  clientId: string;
  clientName: string;
  personKey: string;
  personName: string | null;
  personRole: "REPRESENTATIVE" | "MEMBER" | null;
  exceptionReason: string | null;
  registeredAt: Date;
  promotedAt: Date | null;
};

/**
 * An event's registrations as its page shows them, inside the page's transaction (the caller has
 * checked events.read and loaded the event): seats, the registered and the waiting list (in order),
 * each person's count against the limit. At most 3 statements.
 *
 * Need-to-know (lib/auth/scope.ts): a person's name is personal data. The organisers of events
 * (events.manage) and those who take attendance and print certificates (events.attendance) see
 * every participant; anyone else sees the names only of participants whose client is in their
 * clients.read scope — the others read "Uczestnik", with no client and no link. A link to the
 * client's record is offered only where the viewer may open it.
 */
export async function loadEventRegistrations(
  tx: TTx,
  ctx: TContext,
  event: {
    id: string;
    capacity: number | null;
    countsTowardLimit: boolean;
    limitYear: number | null;
    status: "PLANNED" | "CANCELLED";
    /** Closes registration after this Polish calendar date; without it only the status decides. */
    registrationDeadline?: Date | null;
  },
): Promise<TEventRegistrationsView> {
  const rows = await tx.$queryRaw<TRegistrationDbRow[]>`
    SELECT r.id, r.status::text AS status, r.client_id AS "clientId", c.name AS "clientName", r.person_key AS "personKey",
      coalesce(cp.name, pc.name) AS "personName", cp.role::text AS "personRole",
      r.limit_exception_reason AS "exceptionReason", r.registered_at AS "registeredAt", r.promoted_at AS "promotedAt"
    FROM event_registration r
    JOIN client c ON c.tenant_id = r.tenant_id AND c.id = r.client_id
    LEFT JOIN client pc ON pc.tenant_id = r.tenant_id AND pc.id = r.person_client_id
    LEFT JOIN client_person cp ON cp.tenant_id = r.tenant_id AND cp.id = r.client_person_id
    WHERE r.tenant_id = ${ctx.tenantId}::uuid AND r.event_id = ${event.id}::uuid AND r.status <> 'CANCELLED'
    ORDER BY r.registered_at, r.id`;

  const seesEveryone = can(ctx.role, "events.manage") || can(ctx.role, "events.attendance");
  const centreWide = isCentreWide(ctx, "clients.read");
  const relations = centreWide || rows.length === 0 ? null : await loadClientRelations(tx, ctx, [...new Set(rows.map((r) => r.clientId))]);
  const readsClient = (clientId: string) => {
    if (centreWide) return true;
    const access = relations?.get(clientId);
    return access !== undefined && inScope(ctx, "clients.read", access.relation);
  };

  const year = limitYearOf(event);
  const counts = year !== null ? await personTrainingCounts(tx, ctx.tenantId, rows.map((r) => r.personKey), year) : null;
  const limit = counts && counts.limit > 0 && year !== null ? { limit: counts.limit, year } : null;

  const mayRegister = can(ctx.role, "events.register");
  const mayManage = can(ctx.role, "events.manage");
  let waitingPosition = 0;
  const view = rows.map((row): TRegistrationRow => {
    const inScopeOfViewer = readsClient(row.clientId);
    const shown = seesEveryone || inScopeOfViewer;
    return {
      id: row.id,
      status: row.status,
      position: row.status === "WAITING" ? ++waitingPosition : null,
      personName: shown ? row.personName : null,
      kind: row.personRole ?? "INDIVIDUAL",
      client: shown ? { id: row.clientId, name: row.clientName } : null,
      canOpenClient: inScopeOfViewer,
      count: limit && counts ? { count: counts.counts.get(row.personKey) ?? 0, limit: limit.limit } : null,
      exceptionReason: shown ? row.exceptionReason : null,
      registeredAt: row.registeredAt,
      promotedAt: row.promotedAt,
      canCancel: mayRegister && (mayManage || inScopeOfViewer),
    };
  });
  const registered = view.filter((row) => row.status === "REGISTERED");
  const waiting = view.filter((row) => row.status === "WAITING");
  return {
    seats: { taken: registered.length, capacity: event.capacity, waiting: waiting.length },
    limit,
    registered,
    waiting,
    abilities: {
      canRegister: mayRegister && isRegistrationOpen(event),
      canGrantException: can(ctx.role, "events.limit_exception"),
      canPrintCertificates: can(ctx.role, "events.attendance"),
    },
  };
}

export type TClientRegistration = {
  id: string;
  eventId: string;
  eventTitle: string;
  /** The date of the event's first session, or null while it has none. */
  firstSessionOn: Date | null;
  status: "REGISTERED" | "WAITING" | "CANCELLED";
  personName: string;
  kind: TParticipantKind;
  /** "2 z 3 szkoleń" in the event's year, when it counts toward the tenant's limit. */
  count: (TPersonCount & { year: number }) | null;
};

/**
 * A client's registrations — the individual's own, or of the organisation's people — newest
 * events first, for the client's page, inside its transaction (the caller has checked that the
 * viewer may read the client). Empty for a viewer without events.read. One statement.
 */
export async function listClientRegistrations(tx: TTx, ctx: TContext, clientId: string): Promise<TClientRegistration[]> {
  if (!can(ctx.role, "events.read")) return [];
  const rows = await tx.$queryRaw<
    (Omit<TClientRegistration, "count" | "kind"> & { personRole: "REPRESENTATIVE" | "MEMBER" | null; limitYear: number | null; count: number; limit: number })[]
  >`
    SELECT r.id, r.event_id AS "eventId", e.title AS "eventTitle", r.status::text AS status,
      (SELECT min(s.date) FROM event_session s WHERE s.tenant_id = r.tenant_id AND s.event_id = r.event_id) AS "firstSessionOn",
      coalesce(cp.name, pc.name) AS "personName", cp.role::text AS "personRole", r.limit_year AS "limitYear",
      (SELECT count(*)::int FROM event_registration o
        WHERE o.tenant_id = r.tenant_id AND o.person_key = r.person_key AND o.limit_year = r.limit_year AND o.status <> 'CANCELLED') AS count,
      (SELECT t.training_limit_per_person FROM tenant t WHERE t.id = r.tenant_id) AS "limit"
    FROM event_registration r
    JOIN event e ON e.tenant_id = r.tenant_id AND e.id = r.event_id
    LEFT JOIN client pc ON pc.tenant_id = r.tenant_id AND pc.id = r.person_client_id
    LEFT JOIN client_person cp ON cp.tenant_id = r.tenant_id AND cp.id = r.client_person_id
    WHERE r.tenant_id = ${ctx.tenantId}::uuid AND r.client_id = ${clientId}::uuid
    ORDER BY "firstSessionOn" DESC NULLS FIRST, r.registered_at DESC, r.id`;
  return rows.map(({ personRole, limitYear, count, limit, ...row }) => ({
    ...row,
    kind: personRole ?? "INDIVIDUAL",
    count: limitYear !== null && limit > 0 ? { count, limit, year: limitYear } : null,
  }));
}
