import "server-only";
import { z } from "zod";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { isoDate, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { notify } from "@/lib/domain/notifications/outbox";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import type { ClientKind, ClientStatus, RetentionDecision } from "@/lib/generated/prisma/enums";
import { enqueue } from "@/lib/jobs/enqueue";
import { QUEUES } from "@/lib/jobs/queues";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { anonymiseClients } from "./anonymise";
import { retentionEndsOn } from "./retention-policy";
import {
  ZApproveRetentionInput,
  ZKeepRetentionInput,
  ZRetentionPageInput,
  type TApproveRetentionInput,
  type TKeepRetentionInput,
  type TRetentionPageInput,
} from "./retention-schemas";

/**
 * The retention review (issue 17 §5). Once the tenant's retention period has ended
 * (retention-policy.ts: 31 December of the last payment's year + retentionYears, before today),
 * the nightly job lists every person not yet anonymised for the IOD's decision — once: a listed
 * person is never listed again — and tells the tenant's IODs. The IOD approves anonymisation
 * (privacy.retention), which the background job `privacy.anonymise` carries out in batches, or
 * keeps the record with a reason (e.g. an audit of the project still running).
 */

/** Clients anonymised per transaction by the background job. */
export const ANONYMISE_BATCH = 20;

/** The retention period as the page shows it. */
export type TRetentionPeriod = {
  lastPaymentOn: string | null;
  retentionYears: number;
  /** The last day of retention; null while no last payment is recorded. */
  endsOn: string | null;
  ended: boolean;
};

async function loadPeriod(tx: TTx, tenantId: string, today: string): Promise<TRetentionPeriod> {
  const tenant = await tx.tenant.findUnique({ where: { id: tenantId }, select: { lastPaymentOn: true, retentionYears: true } });
  if (!tenant) throw notFound("Tenant");
  const ends = retentionEndsOn(tenant);
  return {
    lastPaymentOn: tenant.lastPaymentOn ? isoDate(tenant.lastPaymentOn) : null,
    retentionYears: tenant.retentionYears,
    endsOn: ends ? isoDate(ends) : null,
    ended: ends !== null && isoDate(ends) < today,
  };
}

/** Queues the anonymisation of the tenant's approved reviews (in the caller's transaction). */
async function enqueueAnonymisation(tx: TTx, tenantId: string): Promise<void> {
  // No singleton key: a job already running may have read its last batch before this approval
  // committed. Two jobs never take the same review (FOR UPDATE SKIP LOCKED), and one with nothing
  // left to do ends at once.
  await enqueue(tx, { queue: QUEUES.privacyAnonymise, data: { tenantId } });
}

// ── the nightly listing ─────────────────────────────────────────────────────────────────────────

/**
 * Lists for review every client of the tenant not yet anonymised nor listed, when the retention
 * period ended before `now`'s Polish day; nothing while it runs or has not started. Audited once
 * (`retention.list`, with the count); the tenant's active IODs are notified. Idempotent: a second
 * run the same night lists nobody. Also re-queues the anonymisation of approved reviews a lost job
 * left behind.
 */
export async function listRetentionReviews(tenantId: string, now: Date = new Date()): Promise<{ listed: number; notified: number }> {
  const today = todayInPoland(now);
  return tenantTransaction(tenantId, async (tx) => {
    const period = await loadPeriod(tx, tenantId, today);
    if (!period.ended || !period.endsOn) return { listed: 0, notified: 0 };
    const listed = await tx.$executeRaw`
      INSERT INTO retention_review (id, tenant_id, client_id, retention_ended_on)
      SELECT gen_random_uuid(), c.tenant_id, c.id, ${period.endsOn}::date
      FROM client c
      WHERE c.tenant_id = ${tenantId}::uuid AND c.anonymised_at IS NULL
      ON CONFLICT (tenant_id, client_id) DO NOTHING`;
    let notified = 0;
    if (listed > 0) {
      await recordAudit(
        tx,
        { tenantId, userId: null },
        {
          action: "retention.list",
          entityType: "Tenant",
          entityId: tenantId,
          after: { retentionListed: listed, retentionEndedOn: period.endsOn },
        },
      );
      const iods = await tx.user.findMany({ where: { tenantId, role: "IOD", active: true }, select: { id: true } });
      notified = await notify(
        tx,
        tenantId,
        iods.map((iod) => ({
          userId: iod.id,
          kind: "retention_review_due" as const,
          href: "/privacy/retention",
          params: { count: listed, endedOn: period.endsOn },
          dedupeKey: `retention_review_due:${today}`,
        })),
      );
    }
    const waiting = await tx.retentionReview.count({ where: { tenantId, decision: "APPROVED", anonymisedAt: null } });
    if (waiting > 0) await enqueueAnonymisation(tx, tenantId);
    return { listed, notified };
  });
}

// ── the background anonymisation ────────────────────────────────────────────────────────────────

/**
 * Anonymises the tenant's approved, not yet anonymised reviews in batches of ANONYMISE_BATCH, each
 * batch in its own transaction (a failed one rolls back alone and the job's retry takes it again),
 * until none is left; audited as the approving IOD. Returns how many reviews it completed.
 */
export async function runAnonymisation(tenantId: string, requestId: string | null = null): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await tenantTransaction(tenantId, async (tx) => {
      const batch = await tx.$queryRaw<{ id: string; clientId: string; decidedById: string | null }[]>`
        SELECT id::text, client_id::text AS "clientId", decided_by_id::text AS "decidedById"
        FROM retention_review
        WHERE tenant_id = ${tenantId}::uuid AND decision = 'APPROVED' AND anonymised_at IS NULL
        ORDER BY id LIMIT ${ANONYMISE_BATCH} FOR UPDATE SKIP LOCKED`;
      if (batch.length === 0) return 0;
      const byDecider = new Map<string | null, string[]>();
      for (const review of batch) byDecider.set(review.decidedById, [...(byDecider.get(review.decidedById) ?? []), review.clientId]);
      for (const [userId, clientIds] of byDecider) await anonymiseClients(tx, { tenantId, userId, requestId }, clientIds, "retentionEnded");
      // A client anonymised meanwhile (an erasure) is skipped above; its review is done all the same.
      await tx.retentionReview.updateMany({ where: { tenantId, id: { in: batch.map((r) => r.id) }, anonymisedAt: null }, data: { anonymisedAt: new Date() } });
      return batch.length;
    });
    if (done === 0) return total;
    total += done;
  }
}

const ZAnonymiseJob = z.object({ tenantId: z.uuid() });

/** The `privacy.anonymise` job: the tenant's approved anonymisations. */
export async function handleAnonymiseJob(data: Record<string, unknown>, context?: { jobId: string }): Promise<void> {
  await runAnonymisation(ZAnonymiseJob.parse(data).tenantId, context?.jobId ?? null);
}

// ── the IOD's page and decisions ────────────────────────────────────────────────────────────────

export type TPendingReview = {
  id: string;
  clientId: string;
  clientName: string;
  kind: ClientKind;
  status: ClientStatus;
  retentionEndedOn: string;
  listedAt: Date;
};

export type TDecidedReview = {
  id: string;
  clientId: string;
  clientName: string;
  decision: RetentionDecision;
  reason: string | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  anonymisedAt: Date | null;
};

export type TRetentionPage = {
  period: TRetentionPeriod;
  pending: TPage<TPendingReview>;
  /** The anonymisation's progress: approved reviews, those already anonymised, and those kept. */
  progress: { pending: number; approved: number; anonymised: number; kept: number };
  decided: TPage<TDecidedReview>;
};

/** /privacy/retention (privacy.retention): the period, the pending reviews, the progress and the decided ones (seven statements). */
export async function getRetentionPage(ctx: TContext, rawQuery: TRetentionPageInput = {}): Promise<TRetentionPage> {
  await assertCan(ctx, "privacy.retention");
  const query = parseInput(ZRetentionPageInput, rawQuery);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const period = await loadPeriod(tx, ctx.tenantId, todayInPoland());
    const [counts] = await tx.$queryRaw<{ pending: number; approved: number; anonymised: number; kept: number }[]>`
      SELECT count(*) FILTER (WHERE decision IS NULL AND anonymised_at IS NULL)::int AS pending,
             count(*) FILTER (WHERE decision = 'APPROVED')::int AS approved,
             count(*) FILTER (WHERE decision = 'APPROVED' AND anonymised_at IS NOT NULL)::int AS anonymised,
             count(*) FILTER (WHERE decision = 'KEPT')::int AS kept
      FROM retention_review WHERE tenant_id = ${ctx.tenantId}::uuid`;
    const progress = counts ?? { pending: 0, approved: 0, anonymised: 0, kept: 0 };

    const pendingRows = await tx.retentionReview.findMany({
      where: { tenantId: ctx.tenantId, decision: null, anonymisedAt: null },
      select: { id: true, clientId: true, retentionEndedOn: true, listedAt: true, client: { select: { name: true, kind: true, status: true } } },
      orderBy: [{ client: { nameNormalized: "asc" } }, { id: "asc" }],
      ...toSkipTake(query),
    });
    const pending = pendingRows.map((r) => ({
      id: r.id,
      clientId: r.clientId,
      clientName: r.client.name,
      kind: r.client.kind,
      status: r.client.status,
      retentionEndedOn: isoDate(r.retentionEndedOn),
      listedAt: r.listedAt,
    }));

    const decidedTotal = progress.approved + progress.kept;
    const decidedPage = { page: query.decidedPage, pageSize: query.pageSize };
    const decidedRows = await tx.retentionReview.findMany({
      where: { tenantId: ctx.tenantId, decision: { not: null } },
      select: {
        id: true,
        clientId: true,
        decision: true,
        reason: true,
        decidedAt: true,
        decidedById: true,
        anonymisedAt: true,
        client: { select: { name: true } },
      },
      orderBy: [{ decidedAt: "desc" }, { id: "asc" }],
      ...toSkipTake(decidedPage),
    });
    const deciderIds = [...new Set(decidedRows.flatMap((r) => (r.decidedById ? [r.decidedById] : [])))];
    const deciders = deciderIds.length
      ? new Map(
          (await tx.user.findMany({ where: { tenantId: ctx.tenantId, id: { in: deciderIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
        )
      : new Map<string, string>();
    const decided = decidedRows.flatMap((r): TDecidedReview[] =>
      r.decision
        ? [
            {
              id: r.id,
              clientId: r.clientId,
              clientName: r.client.name,
              decision: r.decision,
              reason: r.reason,
              decidedAt: r.decidedAt,
              decidedBy: r.decidedById ? (deciders.get(r.decidedById) ?? null) : null,
              anonymisedAt: r.anonymisedAt,
            },
          ]
        : [],
    );

    return {
      period,
      pending: toPage(pending, progress.pending, query),
      progress,
      decided: toPage(decided, decidedTotal, decidedPage),
    };
  });
}

type TLockedReview = { id: string; clientId: string; decision: RetentionDecision | null; anonymisedAt: Date | null; retentionEndedOn: Date };

/** Pending reviews of the caller's tenant matching `where`, locked in id order. */
function lockReviews(tx: TTx, ctx: TContext, where: Prisma.Sql): Promise<TLockedReview[]> {
  return tx.$queryRaw<TLockedReview[]>`
    SELECT id::text, client_id::text AS "clientId", decision::text AS decision, anonymised_at AS "anonymisedAt", retention_ended_on AS "retentionEndedOn"
    FROM retention_review WHERE tenant_id = ${ctx.tenantId}::uuid AND ${where} ORDER BY id FOR UPDATE`;
}

/**
 * Approves the anonymisation of the reviews ticked (each must be the tenant's: NOT_FOUND otherwise,
 * and still pending: INVALID_STATE), or of every pending review — refused with CONFLICT when their
 * number is no longer the one the confirmation named. Audited `retention.approve` per person; the
 * anonymisation is queued in the same transaction and runs in the background. Irreversible once run.
 */
export async function approveRetentionReviews(ctx: TContext, rawInput: TApproveRetentionInput): Promise<{ approved: number }> {
  await assertCan(ctx, "privacy.retention");
  const input = parseInput(ZApproveRetentionInput, rawInput);
  const ids = [...new Set(input.reviewIds)].sort();
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const rows = await lockReviews(tx, ctx, input.all ? Prisma.sql`decision IS NULL AND anonymised_at IS NULL` : Prisma.sql`id = ANY(${ids}::uuid[])`);
    if (!input.all && rows.length !== ids.length) throw notFound("RetentionReview");
    if (rows.some((r) => r.decision !== null || r.anonymisedAt !== null)) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "alreadyDecided" } });
    if (input.all && rows.length !== input.expected)
      throw new AppError("CONFLICT", { fieldErrors: { _form: "pendingChanged" }, params: { count: rows.length } });
    if (rows.length === 0) return { approved: 0 };

    await tx.retentionReview.updateMany({
      where: { tenantId: ctx.tenantId, id: { in: rows.map((r) => r.id) } },
      data: { decision: "APPROVED", decidedAt: new Date(), decidedById: ctx.userId },
    });
    for (const row of rows) {
      await recordAudit(tx, auditActor(ctx), {
        action: "retention.approve",
        entityType: "Client",
        entityId: row.clientId,
        after: { retentionEndedOn: isoDate(row.retentionEndedOn) },
      });
    }
    await enqueueAnonymisation(tx, ctx.tenantId);
    return { approved: rows.length };
  });
}

/** Keeps a pending review's person as they are, with the reason (required). Audited `retention.keep`. */
export async function keepRetentionReview(ctx: TContext, reviewId: string, rawInput: TKeepRetentionInput): Promise<void> {
  await assertCan(ctx, "privacy.retention");
  assertId(reviewId, "RetentionReview");
  const input = parseInput(ZKeepRetentionInput, rawInput);
  await tenantTransaction(ctx.tenantId, async (tx) => {
    const [row] = await lockReviews(tx, ctx, Prisma.sql`id = ${reviewId}::uuid`);
    if (!row) throw notFound("RetentionReview");
    if (row.decision !== null || row.anonymisedAt !== null) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "alreadyDecided" } });
    await tx.retentionReview.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: reviewId } },
      data: { decision: "KEPT", reason: input.reason, decidedAt: new Date(), decidedById: ctx.userId },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), {
      action: "retention.keep",
      entityType: "Client",
      entityId: row.clientId,
      after: { reason: input.reason, retentionEndedOn: isoDate(row.retentionEndedOn) },
    });
  });
}
