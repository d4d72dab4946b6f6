import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { todayInPoland } from "@/lib/dates";
import { clientScopeWhere } from "@/lib/domain/clients/access";
import { mayReadSensitive } from "@/lib/domain/clients/viewer";
import { CONSENT_STATE_SELECT, sensitiveShownTo } from "@/lib/domain/privacy/consent-policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { missingMonitoringFields, type TMonitoringField } from "./completeness";
import { incompleteWhere, participationInYearWhere } from "./completeness-where";
import { completenessPerson, participantDataSelect } from "./person";
import { FIRST_PROGRAMME_YEAR, ZParticipantsListInput, type TParticipantsListInput } from "./schemas";

export type TParticipantsFilters = { year?: number; incomplete: boolean };

export type TParticipantsListRow = { id: string; name: string; missing: TMonitoringField[] };

export type TParticipantsPage = TPage<TParticipantsListRow> & {
  filters: TParticipantsFilters;
  /** The year filter's choices: from the programme's first year to next year. */
  years: number[];
  /** The special-category gaps are left out for this viewer. */
  sensitiveHidden: boolean;
};

/**
 * The persons the caller may read as participants (`participants.report`, clients in their
 * `clients.read` scope), filtered by the year their participation overlaps and by completeness.
 * The list and the register export share it, so they list the same people.
 */
export function participantsWhere(ctx: TContext, filters: TParticipantsFilters, today: string): Prisma.ClientWhereInput | null {
  const scope = clientScopeWhere(ctx, "clients.read");
  if (scope === null) return null;
  return {
    AND: [
      { tenantId: ctx.tenantId, kind: "PERSON" },
      scope,
      ...(filters.year !== undefined ? [participationInYearWhere(filters.year)] : []),
      ...(filters.incomplete ? [incompleteWhere(today, { sensitive: mayReadSensitive(ctx) })] : []),
    ],
  };
}

/** The participants' completeness check (/participants): per person, what monitoring still needs; by name, a page at a time. */
export async function getParticipantsPage(ctx: TContext, rawInput: TParticipantsListInput): Promise<TParticipantsPage> {
  await assertCan(ctx, "participants.report");
  const input = parseInput(ZParticipantsListInput, rawInput);
  const sensitive = mayReadSensitive(ctx);
  const today = todayInPoland();
  const filters: TParticipantsFilters = { ...(input.year !== undefined ? { year: input.year } : {}), incomplete: input.incomplete };
  const thisYear = Number(today.slice(0, 4));
  const years = Array.from({ length: thisYear + 2 - FIRST_PROGRAMME_YEAR }, (_, i) => thisYear + 1 - i);
  const where = participantsWhere(ctx, filters, today);
  if (where === null) return { ...toPage([], 0, input), filters, years, sensitiveHidden: !sensitive };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const rows = await tx.client.findMany({
      where,
      select: {
        id: true,
        name: true,
        status: true,
        voivodeship: true,
        county: true,
        commune: true,
        participantData: { select: participantDataSelect(sensitive) },
        ...CONSENT_STATE_SELECT,
      },
      orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
      ...toSkipTake(input),
    });
    const total = await tx.client.count({ where });
    // A person whose SENSITIVE_DATA consent is withdrawn is not asked for those answers (consent-policy.ts).
    const items = rows.map((row) => ({
      id: row.id,
      name: row.name,
      missing: missingMonitoringFields(completenessPerson(row), today, { sensitive: sensitiveShownTo(ctx, row) }),
    }));
    return { ...toPage(items, total, input), filters, years, sensitiveHidden: !sensitive };
  });
}

/** The list's URL for some filters (pagination, the export link). */
export function participantsHref(filters: TParticipantsFilters, page?: number): string {
  const query = new URLSearchParams();
  if (filters.year !== undefined) query.set("year", String(filters.year));
  if (filters.incomplete) query.set("incomplete", "1");
  if (page && page > 1) query.set("page", String(page));
  const search = query.toString();
  return search ? `/participants?${search}` : "/participants";
}

/** The register export's URL for a year (or every year). */
export function participantRegisterHref(year: number | undefined): string {
  return year !== undefined ? `/participants/export?year=${year}` : "/participants/export";
}
