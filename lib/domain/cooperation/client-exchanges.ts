import "server-only";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import type { TTx } from "@/lib/db/transaction";
import { TIME_ZONE } from "@/lib/dates";
import type { ExchangeChannel, ExchangeDirection, InstitutionKind } from "@/lib/generated/prisma/client";
import { mayChangeExchange } from "./policy";

/**
 * Exchanges as other pages show them: the client page's cooperation tab and the path's timeline.
 * Both run inside the caller's transaction, for a client or path the caller has already checked.
 */

export type TClientExchange = {
  id: string;
  /** A calendar date (DATE column, UTC midnight). */
  date: Date;
  institution: { id: string; name: string; kind: InstitutionKind; retired: boolean };
  direction: ExchangeDirection;
  channel: ExchangeChannel;
  subject: string;
  contactPerson: string | null;
  documentReference: string | null;
  followUpOn: Date | null;
  authorName: string | null;
  /** The path the exchange shows on (the client's path open on its date), if any. */
  pathId: string | null;
  /** The caller may edit it (its author, or a manager). */
  canEdit: boolean;
};

export type TClientExchanges = {
  items: TClientExchange[];
  /** Every exchange about the client (the items are the latest `take`). */
  total: number;
  /** The form to log one about this client, for a caller holding cooperation.write; null otherwise. */
  newExchangeHref: string | null;
};

type TExchangeRow = Omit<TClientExchange, "institution" | "canEdit"> & {
  institutionId: string;
  institutionName: string;
  institutionKind: InstitutionKind;
  institutionRetired: boolean;
  authorId: string;
  total: number;
};

/** The new-exchange form, prefilled with the client. */
export const newExchangeHref = (clientId: string) => `/cooperation/new?clientId=${clientId}`;

/**
 * The client's latest exchanges, newest first, and how many there are, in ONE statement, for a
 * caller who has already checked their access to the client (the client page's tab).
 */
export async function loadClientExchanges(tx: TTx, ctx: TContext, clientId: string, { take }: { take: number }): Promise<TClientExchanges> {
  const rows = await tx.$queryRaw<TExchangeRow[]>`
    SELECT x.id, x.date, x.direction::text AS direction, x.channel::text AS channel, x.subject,
           x.contact_person AS "contactPerson", x.document_reference AS "documentReference", x.follow_up_on AS "followUpOn",
           x.path_id AS "pathId", x.author_id AS "authorId", u.name AS "authorName",
           i.id AS "institutionId", i.name AS "institutionName", i.kind::text AS "institutionKind", (i.retired_at IS NOT NULL) AS "institutionRetired",
           count(*) OVER ()::int AS total
    FROM information_exchange x
    JOIN institution i ON i.tenant_id = x.tenant_id AND i.id = x.institution_id
    LEFT JOIN "user" u ON u.tenant_id = x.tenant_id AND u.id = x.author_id
    WHERE x.tenant_id = ${ctx.tenantId}::uuid AND x.client_id = ${clientId}::uuid
    ORDER BY x.date DESC, x.created_at DESC, x.id DESC
    LIMIT ${take}`;
  return {
    items: rows.map((row) => ({
      id: row.id,
      date: row.date,
      institution: { id: row.institutionId, name: row.institutionName, kind: row.institutionKind, retired: row.institutionRetired },
      direction: row.direction,
      channel: row.channel,
      subject: row.subject,
      contactPerson: row.contactPerson,
      documentReference: row.documentReference,
      followUpOn: row.followUpOn,
      authorName: row.authorName,
      pathId: row.pathId,
      canEdit: mayChangeExchange(ctx, row),
    })),
    total: rows[0]?.total ?? 0,
    newExchangeHref: can(ctx.role, "cooperation.write") ? newExchangeHref(clientId) : null,
  };
}

/** An exchange as a path's timeline shows it: with whom, which way, how, and its subject. */
export type TExchangeTimelineEvent = {
  /**
   * Where it falls among the path's events: when it was logged, or the end of its day for one
   * logged later (an exchange has a date, not a time; a late entry stays on its own day).
   */
  at: Date;
  kind: "exchange";
  actorName: string | null;
  step: null;
  planNumber: null;
  planStatus: null;
  /** The subject. */
  text: string;
  exchange: { id: string; date: Date; institution: string; institutionKind: InstitutionKind; direction: ExchangeDirection; channel: ExchangeChannel };
};

type TTimelineRow = { id: string; at: Date; date: Date; actorName: string | null; subject: string; institution: string; institutionKind: InstitutionKind; direction: ExchangeDirection; channel: ExchangeChannel };

/** The exchanges shown on a path's timeline (those logged against it), in time order, in one statement. */
export async function loadPathExchangeEvents(tx: TTx, ctx: TContext, pathId: string): Promise<TExchangeTimelineEvent[]> {
  const rows = await tx.$queryRaw<TTimelineRow[]>`
    SELECT x.id, x.date, x.subject, u.name AS "actorName", i.name AS institution, i.kind::text AS "institutionKind",
           x.direction::text AS direction, x.channel::text AS channel,
           LEAST(x.created_at, ((x.date + 1)::timestamp AT TIME ZONE ${TIME_ZONE}) - interval '1 millisecond') AS at
    FROM information_exchange x
    JOIN institution i ON i.tenant_id = x.tenant_id AND i.id = x.institution_id
    LEFT JOIN "user" u ON u.tenant_id = x.tenant_id AND u.id = x.author_id
    WHERE x.tenant_id = ${ctx.tenantId}::uuid AND x.path_id = ${pathId}::uuid
    ORDER BY at, x.id`;
  return rows.map((row) => ({
    at: row.at,
    kind: "exchange",
    actorName: row.actorName,
    step: null,
    planNumber: null,
    planStatus: null,
    text: row.subject,
    exchange: { id: row.id, date: row.date, institution: row.institution, institutionKind: row.institutionKind, direction: row.direction, channel: row.channel },
  }));
}

/** Two time-ordered lists as one, in time order; on a tie the path's own event comes first. */
export function mergeByTime<A extends { at: Date }, B extends { at: Date }>(first: A[], second: B[]): (A | B)[] {
  const merged: (A | B)[] = [];
  let i = 0;
  let j = 0;
  while (i < first.length || j < second.length) {
    const a = first[i];
    const b = second[j];
    if (a && (!b || a.at.getTime() <= b.at.getTime())) {
      merged.push(a);
      i++;
    } else if (b) {
      merged.push(b);
      j++;
    }
  }
  return merged;
}
