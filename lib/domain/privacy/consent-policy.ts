import "server-only";
import type { TContext } from "@/lib/auth/context";
import { mayReadSensitive } from "@/lib/domain/clients/viewer";
import type { ConsentPurpose, Prisma } from "@/lib/generated/prisma/client";

/**
 * THE rule "withdrawal hides optional data at once" (issue 17 §3), in one place. Every reader of a
 * person's special-category data — the client page (clients/repository.ts loadClient), the
 * participant page and its save (participants/service.ts), the completeness list and its filter
 * (participants/page.ts, completeness-where.ts) and the participant register export — asks here.
 *
 * - SENSITIVE_DATA withdrawn (and not given again): Client.hasDisability and the participant's
 *   disability, foreign origin and minority are withheld from every reader, whatever their role;
 *   the screens say "zgoda wycofana <date>" instead of the value, completeness stops asking for
 *   them, and a save keeps what is stored (the data are hidden, not erased: given again, they show).
 * - CONTACT_OFFERS withdrawn: the e-mail and phone stay (they serve the support itself) but the
 *   client page marks them "bez zgody na kontakt w sprawie oferty". No mailing or marketing list
 *   exists yet; one built later must leave these persons out.
 * - A person with no consent recorded for a purpose is not "withdrawn": their data were collected
 *   on the project's basis before consents were recorded, and show as before.
 *
 * One active consent per person and purpose (a partial unique index): a withdrawn one stays as
 * history and giving it again records a new row. So the state of a purpose is its active row if
 * there is one, else its latest withdrawal.
 */

/** The purposes whose withdrawal changes what a reader sees. */
export const HIDING_PURPOSES = ["SENSITIVE_DATA", "CONTACT_OFFERS"] as const satisfies readonly ConsentPurpose[];

/**
 * The client's consent rows that decide what is hidden, read in the same statement as the client
 * (a nested select: the relation is joined). Per purpose the active row (no withdrawal) comes
 * first, then the latest withdrawal.
 */
export const CONSENT_STATE_SELECT = {
  consents: {
    where: { purpose: { in: [...HIDING_PURPOSES] } },
    select: { purpose: true, withdrawnOn: true },
    orderBy: [{ withdrawnOn: { sort: "desc", nulls: "first" } }, { createdAt: "desc" }],
  },
} satisfies Prisma.ClientSelect;

export type TConsentStateRows = { consents: readonly { purpose: ConsentPurpose; withdrawnOn: Date | null }[] };

/** When the consent for `purpose` was withdrawn, if it was and has not been given again; otherwise null. */
export function consentWithdrawnOn(row: TConsentStateRows, purpose: (typeof HIDING_PURPOSES)[number]): Date | null {
  return row.consents.find((consent) => consent.purpose === purpose)?.withdrawnOn ?? null;
}

/** What a screen says about a client's withdrawn consents (null: not withdrawn). */
export type TConsentMarks = {
  /** SENSITIVE_DATA withdrawn on this day: the special-category values are withheld. */
  sensitiveWithdrawnOn: Date | null;
  /** CONTACT_OFFERS withdrawn on this day: no contact about the centre's offer. */
  contactWithdrawnOn: Date | null;
};

export function consentMarks(row: TConsentStateRows): TConsentMarks {
  return { sensitiveWithdrawnOn: consentWithdrawnOn(row, "SENSITIVE_DATA"), contactWithdrawnOn: consentWithdrawnOn(row, "CONTACT_OFFERS") };
}

/**
 * Whether this reader is shown this person's special-category data: their role may read it
 * (clients.read_sensitive) and the person's SENSITIVE_DATA consent is not withdrawn. Also what a
 * save may change: a value the reader is not shown is kept as stored.
 */
export function sensitiveShownTo(ctx: TContext, row: TConsentStateRows): boolean {
  return mayReadSensitive(ctx) && consentWithdrawnOn(row, "SENSITIVE_DATA") === null;
}

/**
 * The persons whose SENSITIVE_DATA consent stands (never recorded, or active), as a filter on
 * clients: the SQL twin of `consentWithdrawnOn(row, "SENSITIVE_DATA") === null`, for the
 * completeness filter (completeness-where.ts), which must list exactly the gaps the rows show.
 */
export const sensitiveConsentStandsWhere: Prisma.ClientWhereInput = {
  OR: [
    { consents: { none: { purpose: "SENSITIVE_DATA", withdrawnOn: { not: null } } } },
    { consents: { some: { purpose: "SENSITIVE_DATA", withdrawnOn: null } } },
  ],
};
