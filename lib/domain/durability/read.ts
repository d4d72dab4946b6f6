import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { can } from "@/lib/auth/permissions";
import { inScope } from "@/lib/auth/scope";
import { addDays, dateOnly, isoDate, todayInPoland } from "@/lib/dates";
import { tenantTransaction } from "@/lib/db/transaction";
import { assertClientInScope } from "@/lib/domain/clients/access";
import { notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { toPage, toSkipTake, type TPage } from "@/lib/pagination";
import { assertId, parseInput } from "@/lib/validation";
import { durabilityClientsWhere } from "./scope";
import { CHECK_EARLY_DAYS, checkState, type TCheckState } from "./policy";
import { ZFindJobsInput, type TDurabilityView, type TFindJobsInput } from "./schemas";

export type TJobCheckRow = {
  checkId: string;
  jobId: string;
  clientId: string;
  clientName: string;
  personName: string | null;
  position: string | null;
  startsOn: string;
  months: number;
  dueOn: string;
  checkedOn: string | null;
  state: TCheckState;
};

/** The checks a tab lists, as of `today`: overdue; open to record now (due within CHECK_EARLY_DAYS); every one. */
export function checksOfView(view: TDurabilityView, today: string): Prisma.JobCheckWhereInput {
  switch (view) {
    case "overdue":
      return { outcome: null, dueOn: { lt: dateOnly(today) } };
    case "due":
      return {
        outcome: null,
        dueOn: {
          gte: dateOnly(today),
          lte: dateOnly(addDays(today, CHECK_EARLY_DAYS)),
        },
      };
    case "all":
      return {};
  }
}

/**
 * The durability list: one row per check of the active jobs of the clients in the caller's
 * durability scope (lib/domain/durability/scope.ts), by due date, filtered by tab, client and the
 * year the job started; paginated.
 */
export async function findJobChecks(ctx: TContext, rawInput: TFindJobsInput = {}): Promise<TPage<TJobCheckRow> & { view: TDurabilityView; today: string }> {
  await assertCan(ctx, "durability.read");
  const input = parseInput(ZFindJobsInput, rawInput);
  const today = todayInPoland();
  const clients = durabilityClientsWhere(ctx);
  if (clients === null) return { ...toPage([], 0, input), view: input.view, today };
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const job: Prisma.JobRecordWhereInput = {
      withdrawnAt: null,
      client: clients,
      ...(input.clientId ? { clientId: input.clientId } : {}),
      ...(input.year
        ? {
            startsOn: {
              gte: dateOnly(`${input.year}-01-01`),
              lte: dateOnly(`${input.year}-12-31`),
            },
          }
        : {}),
    };
    const where: Prisma.JobCheckWhereInput = {
      tenantId: ctx.tenantId,
      ...checksOfView(input.view, today),
      job,
    };
    const rows = await tx.jobCheck.findMany({
      where,
      orderBy: [{ dueOn: "asc" }, { id: "asc" }],
      ...toSkipTake(input),
      select: {
        id: true,
        months: true,
        dueOn: true,
        outcome: true,
        checkedOn: true,
        job: {
          select: {
            id: true,
            clientId: true,
            personName: true,
            position: true,
            startsOn: true,
            client: { select: { name: true } },
          },
        },
      },
    });
    const total = await tx.jobCheck.count({ where });
    const items = rows.map((r) => ({
      checkId: r.id,
      jobId: r.job.id,
      clientId: r.job.clientId,
      clientName: r.job.client.name,
      personName: r.job.personName,
      position: r.job.position,
      startsOn: isoDate(r.job.startsOn),
      months: r.months,
      dueOn: isoDate(r.dueOn),
      checkedOn: r.checkedOn ? isoDate(r.checkedOn) : null,
      state: checkState({ dueOn: isoDate(r.dueOn), outcome: r.outcome }, today),
    }));
    return { ...toPage(items, total, input), view: input.view, today };
  });
}

export type TJobPage = Awaited<ReturnType<typeof getJobPage>>;

/**
 * One job: its enterprise, person, start, evidence, the result and path it comes from, and its
 * checks with their state — for a client the caller may read (clients.read scope); whether they
 * may record checks (durability.check in the clients.write scope).
 */
export async function getJobPage(ctx: TContext, jobId: string) {
  await assertCan(ctx, "durability.read");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      assertId(jobId, "JobRecord");
      const job = await tx.jobRecord.findFirst({
        where: { tenantId: ctx.tenantId, id: jobId },
        select: {
          id: true,
          clientId: true,
          personName: true,
          position: true,
          startsOn: true,
          evidence: true,
          withdrawnAt: true,
          client: { select: { name: true } },
          result: {
            select: {
              quantity: true,
              withdrawnAt: true,
              evaluation: { select: { pathId: true } },
            },
          },
          checks: {
            orderBy: { months: "asc" },
            select: {
              id: true,
              months: true,
              dueOn: true,
              outcome: true,
              checkedOn: true,
              endedOn: true,
              evidence: true,
              checkedAt: true,
            },
          },
        },
      });
      if (!job) throw notFound("JobRecord");
      const access = await assertClientInScope(tx, ctx, job.clientId, "clients.read");
      const today = todayInPoland();
      const active = job.withdrawnAt === null;
      return {
        id: job.id,
        clientId: job.clientId,
        clientName: job.client.name,
        pathId: job.result?.evaluation.pathId ?? null,
        resultQuantity: job.result?.quantity ?? null,
        personName: job.personName,
        position: job.position,
        startsOn: isoDate(job.startsOn),
        evidence: job.evidence,
        withdrawn: !active,
        today,
        canCheck: active && can(ctx.role, "durability.check") && inScope(ctx, "clients.write", access.relation),
        checks: job.checks.map((c) => ({
          id: c.id,
          months: c.months,
          dueOn: isoDate(c.dueOn),
          outcome: c.outcome,
          checkedOn: c.checkedOn ? isoDate(c.checkedOn) : null,
          endedOn: c.endedOn ? isoDate(c.endedOn) : null,
          evidence: c.evidence,
          state: checkState({ dueOn: isoDate(c.dueOn), outcome: c.outcome }, today),
        })),
      };
    }),
  );
}
