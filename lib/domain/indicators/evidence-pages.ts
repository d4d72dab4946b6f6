import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { isoDate, todayInPoland } from "@/lib/dates";
import type { KpresSphere } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import { clientScopeWhere, clientTeamWhere } from "@/lib/domain/clients/access";
import { findClients } from "@/lib/domain/clients/find-clients";
import { recordAccess } from "@/lib/domain/privacy/access-log";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { loadEvidenceForCaller } from "./manual-evidence";
import { ZEvidenceListInput, type TEvidenceInput, type TEvidenceListInput } from "./schemas";

/** The records a caller sees: those about no client, and those about a client whose full record they may read. */
function visibleEvidenceWhere(ctx: TContext): Prisma.IndicatorEvidenceWhereInput {
  const scope = clientScopeWhere(ctx, "clients.read");
  if (scope !== null && Object.keys(scope).length === 0) return { tenantId: ctx.tenantId };
  return { tenantId: ctx.tenantId, OR: [{ clientId: null }, ...(scope ? [{ client: scope }] : [])] };
}

/** The MANUAL indicators (evidence is registered by hand for these only), active first. */
async function loadManualIndicators(tx: TTx, ctx: TContext) {
  return tx.indicator.findMany({
    where: { tenantId: ctx.tenantId, source: "MANUAL" },
    select: { id: true, name: true, nameEn: true, evidenceKind: true, active: true },
    orderBy: [{ active: "desc" }, { position: "asc" }, { code: "asc" }],
  });
}

export type TEvidenceListItem = {
  id: string;
  indicator: { id: string; name: string; nameEn: string | null };
  documentKind: string;
  documentDate: string;
  reference: string;
  quantity: number;
  client: { id: string; name: string } | null;
  withdrawn: boolean;
};

export type TEvidenceListPage = TPage<TEvidenceListItem> & {
  filters: { indicatorId?: string; year?: string; withdrawn: boolean };
  indicators: { id: string; name: string; nameEn: string | null; active: boolean }[];
};

/**
 * /indicators/evidence: the records the caller may see, newest document first, filtered by
 * indicator, year of the document date and whether withdrawn ones show (four statements).
 */
export async function getEvidenceListPage(ctx: TContext, rawQuery: TEvidenceListInput): Promise<TEvidenceListPage> {
  await assertCan(ctx, "indicators.evidence");
  const query = parseInput(ZEvidenceListInput, rawQuery);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const indicators = await loadManualIndicators(tx, ctx);
    // An indicator that is not one of the choices (another tenant's, a made-up one) is no filter, like a missing one.
    const indicatorId = indicators.some((i) => i.id === query.indicatorId) ? query.indicatorId : undefined;
    const where: Prisma.IndicatorEvidenceWhereInput = {
      AND: [
        visibleEvidenceWhere(ctx),
        indicatorId ? { indicatorId } : {},
        query.year ? { documentDate: { gte: new Date(`${query.year}-01-01T00:00:00Z`), lt: new Date(`${Number(query.year) + 1}-01-01T00:00:00Z`) } } : {},
        query.withdrawn ? {} : { withdrawnAt: null },
      ],
    };
    const total = await tx.indicatorEvidence.count({ where });
    const rows = await tx.indicatorEvidence.findMany({
      where,
      select: {
        id: true,
        documentKind: true,
        documentDate: true,
        reference: true,
        quantity: true,
        withdrawnAt: true,
        indicator: { select: { id: true, name: true, nameEn: true } },
        client: { select: { id: true, name: true } },
      },
      orderBy: [{ documentDate: "desc" }, { createdAt: "desc" }, { id: "asc" }],
      ...toSkipTake(query),
    });
    const items = rows.map(({ withdrawnAt, documentDate, ...row }) => ({ ...row, documentDate: isoDate(documentDate), withdrawn: withdrawnAt !== null }));
    return {
      ...toPage(items, total, query),
      filters: { indicatorId, year: query.year, withdrawn: query.withdrawn },
      indicators: indicators.map(({ evidenceKind: _kind, ...i }) => i),
    };
  });
}

/** The choices of the evidence form: MANUAL indicators, and the clients offered without a search. */
export type TEvidenceFormOptions = {
  indicators: { id: string; name: string; nameEn: string | null; evidenceKind: string; active: boolean }[];
  /** The caller's own clients (key advisor or team) and the record's; search adds others. */
  clients: { id: string; name: string }[];
  today: string;
};

const OFFERED_CLIENTS = 100;

async function loadFormOptions(tx: TTx, ctx: TContext, keepClient: { id: string; name: string } | null): Promise<TEvidenceFormOptions> {
  const indicators = await loadManualIndicators(tx, ctx);
  const scope = clientScopeWhere(ctx, "clients.read");
  const own =
    scope === null
      ? []
      : await tx.client.findMany({
          where: { tenantId: ctx.tenantId, AND: [scope, clientTeamWhere(ctx)] },
          select: { id: true, name: true },
          orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
          take: OFFERED_CLIENTS,
        });
  const clients = keepClient && !own.some((c) => c.id === keepClient.id) ? [keepClient, ...own] : own;
  return { indicators, clients, today: todayInPoland() };
}

/** /indicators/evidence/new: the form's choices (two statements). */
export async function getNewEvidencePage(ctx: TContext): Promise<TEvidenceFormOptions> {
  await assertCan(ctx, "indicators.evidence");
  return tenantTransaction(ctx.tenantId, (tx) => loadFormOptions(tx, ctx, null));
}

export type TEvidencePage = {
  id: string;
  indicator: { id: string; name: string; nameEn: string | null; evidenceKind: string };
  client: { id: string; name: string } | null;
  kpresSpheres: KpresSphere[];
  createdBy: string;
  createdAt: Date;
  withdrawn: { at: Date; by: string | null; reason: string | null } | null;
  /** The record as the correction form holds it. */
  values: TEvidenceInput;
  options: TEvidenceFormOptions;
};

/**
 * /indicators/evidence/[id]: one record with who registered it and, when withdrawn, who withdrew
 * it and why, and the correction form's choices. A record about a client the caller may not read
 * is NOT_FOUND (audited).
 */
export async function getEvidencePage(ctx: TContext, evidenceId: string): Promise<TEvidencePage> {
  await assertCan(ctx, "indicators.evidence");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const record = await loadEvidenceForCaller(tx, ctx, evidenceId, false);
      const details = await tx.indicatorEvidence.findFirstOrThrow({
        where: { tenantId: ctx.tenantId, id: record.id },
        select: {
          createdAt: true,
          createdById: true,
          withdrawnById: true,
          indicator: { select: { id: true, name: true, nameEn: true, evidenceKind: true } },
          client: { select: { id: true, name: true } },
        },
      });
      const people = await tx.user.findMany({
        where: { tenantId: ctx.tenantId, id: { in: [details.createdById, ...(details.withdrawnById ? [details.withdrawnById] : [])] } },
        select: { id: true, name: true },
      });
      const nameOf = (id: string | null) => people.find((p) => p.id === id)?.name ?? null;
      const options = await loadFormOptions(tx, ctx, details.client);
      // A record about a person is a view of their data (issue 17); the register's list only names them.
      if (details.client) await recordAccess(tx, ctx, [{ clientId: details.client.id, view: "EXPORT", detail: `indicators.evidence:${record.id}` }]);
      return {
        id: record.id,
        indicator: details.indicator,
        client: details.client,
        kpresSpheres: record.kpresSpheres,
        createdBy: nameOf(details.createdById) ?? "",
        createdAt: details.createdAt,
        withdrawn: record.withdrawnAt ? { at: record.withdrawnAt, by: nameOf(details.withdrawnById), reason: record.withdrawReason } : null,
        values: {
          indicatorId: record.indicatorId,
          documentKind: record.documentKind,
          documentDate: isoDate(record.documentDate),
          reference: record.reference,
          quantity: record.quantity,
          clientId: record.clientId ?? "",
          spheresFromClient: false,
          kpresSpheres: record.kpresSpheres,
          description: record.description ?? "",
        },
        options,
      };
    }),
  );
}

/** The form's client search: clients whose full record the caller may read, by name or identifier. */
export async function findClientsForEvidence(ctx: TContext, query: string): Promise<{ id: string; name: string; town: string | null }[]> {
  await assertCan(ctx, "indicators.evidence");
  const page = await findClients(ctx, { q: query, pageSize: 10 }, { scopedTo: "clients.read" });
  return page.items.map((c) => ({ id: c.id, name: c.name, town: c.town }));
}
