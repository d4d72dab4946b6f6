import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { loadClientProgress, type TNextDue } from "@/lib/domain/clients/progress";
import { notFound } from "@/lib/errors";
import type { ClientKind, PathStep } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, ZPageInput, type TPage, type TPageInput } from "@/lib/pagination";
import { parseInput } from "@/lib/validation";
import { advisorRowLoadSql } from "./load";
import { effectiveLimit } from "./policy";

export type TOwnCaseload = { load: number; limit: number; overLimit: boolean; full: boolean };

/** The signed-in key advisor's own load and limit ("Moi klienci"), counted by the cap's own statement. */
export async function getOwnCaseload(ctx: TContext): Promise<TOwnCaseload> {
  await assertCan(ctx, "clients.take_from_queue");
  return tenantTransaction(ctx.tenantId, (tx) => loadOwnCaseload(tx, ctx));
}

/** getOwnCaseload inside the caller's transaction, in one statement (the caller has checked clients.take_from_queue). */
async function loadOwnCaseload(tx: TTx, ctx: TContext): Promise<TOwnCaseload> {
  const [me] = await tx.$queryRaw<{ caseload_limit: number | null; max: number; load: number }[]>`
    SELECT u.caseload_limit, t.max_clients_per_advisor AS max, l.load
    FROM "user" u
    JOIN tenant t ON t.id = u.tenant_id
    CROSS JOIN LATERAL (${advisorRowLoadSql}) l
    WHERE u.tenant_id = ${ctx.tenantId}::uuid AND u.id = ${ctx.userId}::uuid`;
  if (!me) throw notFound("User");
  const limit = effectiveLimit(me.caseload_limit, me.max);
  return { load: me.load, limit, overLimit: me.load > limit, full: me.load >= limit };
}

export type TOwnClient = {
  id: string;
  name: string;
  kind: ClientKind;
  town: string | null;
  office: { name: string } | null;
  /** The open path's step, the latest non-deleted service's date and what falls due next (loadClientProgress). */
  step: PathStep | null;
  lastContact: Date | null;
  nextDue: TNextDue | null;
};

/**
 * "My clients" in one transaction: the caller's load and limit (getOwnCaseload), one page of the
 * clients they carry — their ACTIVE clients as key advisor, by name — whose total is that very
 * load (the load is defined as exactly these clients), so it is not counted twice, and where each
 * of the page's clients stands (loadClientProgress, one statement; the caller is their key
 * advisor, so they are in scope).
 */
export async function getMyClientsPage(ctx: TContext, rawInput: Partial<TPageInput>): Promise<{ caseload: TOwnCaseload; clients: TPage<TOwnClient> }> {
  await assertCan(ctx, "clients.take_from_queue");
  const input = parseInput(ZPageInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const caseload = await loadOwnCaseload(tx, ctx);
    const rows = await tx.client.findMany({
      where: { tenantId: ctx.tenantId, keyAdvisorId: ctx.userId, status: "ACTIVE" },
      select: { id: true, name: true, kind: true, town: true, office: { select: { name: true } } },
      orderBy: [{ nameNormalized: "asc" }, { id: "asc" }],
      ...toSkipTake(input),
    });
    const progress = await loadClientProgress(tx, ctx, rows.map((row) => row.id));
    const items = rows.map((row) => {
      const p = progress.get(row.id);
      return { ...row, step: p?.step ?? null, lastContact: p?.lastContact ?? null, nextDue: p?.nextDue ?? null };
    });
    return { caseload, clients: toPage(items, caseload.load, input) };
  });
}
