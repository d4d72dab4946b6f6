import "server-only";
import type { TContext } from "@/lib/auth/context";
import { refuseDuplicates } from "@/lib/db/errors";
import { AppError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertCatalogueUses } from "@/lib/domain/catalogue/rules";
import { addJobsForResult } from "@/lib/domain/durability/jobs";
import { parseInput } from "@/lib/validation";
import {
  ZContractInput,
  ZEvaluationInput,
  ZIdentificationInput,
  ZMonitoringInput,
  ZNeedsInput,
  type TContractInput,
  type TEvaluationInput,
  type TIdentificationInput,
  type TMonitoringInput,
  type TNeedsInput,
} from "./schemas";
import { acceptsMonitoring } from "./state-machine";
import { writePath } from "./write";

/** Step 1: who the client is, the development direction and the form of work. */
export async function updateIdentification(ctx: TContext, pathId: string, rawInput: TIdentificationInput) {
  const input = parseInput(ZIdentificationInput, rawInput);
  return writePath(ctx, pathId, async (tx, path) => {
    const before = await tx.supportPath.findFirstOrThrow({
      where: { tenantId: ctx.tenantId, id: path.id },
      select: { direction: true, workForm: true, identification: true },
    });
    await tx.supportPath.update({ where: { tenantId_id: { tenantId: ctx.tenantId, id: path.id } }, data: input, select: { id: true } });
    await recordAudit(tx, auditActor(ctx), { action: "path.identification_update", entityType: "SupportPath", entityId: path.id, before, after: input });
  });
}

/** Step 2: the needs diagnosis, each need with its expected effects (saved as a whole list). */
export async function saveNeeds(ctx: TContext, pathId: string, rawInput: TNeedsInput) {
  const input = parseInput(ZNeedsInput, rawInput);
  return writePath(ctx, pathId, async (tx, path) => {
    const before = await tx.pathNeed.findMany({
      where: { tenantId: ctx.tenantId, pathId: path.id },
      select: { area: true, description: true, priority: true, expectedEffects: true },
      orderBy: { createdAt: "asc" },
    });
    // New needs name active support types; the list may keep the retired ones it already had.
    await assertCatalogueUses(
      tx,
      ctx.tenantId,
      input.needs.map((need, i) => ({ list: "supportType", code: need.area, field: `needs.${i}.area` })),
      { supportType: before.map((need) => need.area) },
    );
    await tx.pathNeed.deleteMany({ where: { tenantId: ctx.tenantId, pathId: path.id } });
    await tx.pathNeed.createMany({ data: input.needs.map((need) => ({ ...need, tenantId: ctx.tenantId, pathId: path.id })) });
    await recordAudit(tx, auditActor(ctx), { action: "path.needs_update", entityType: "SupportPath", entityId: path.id, before: { needs: before }, after: input });
  });
}

/** The contract (umowa) that sets both sides' rights and obligations; one per path. */
export async function saveContract(ctx: TContext, pathId: string, rawInput: TContractInput) {
  const input = parseInput(ZContractInput, rawInput);
  return refuseDuplicates({ number: "contractNumberTaken" }, () =>
    writePath(ctx, pathId, async (tx, path) => {
      const before = await tx.pathContract.findFirst({
        where: { tenantId: ctx.tenantId, pathId: path.id },
        select: { number: true, signedOn: true, scope: true, status: true },
      });
      await tx.pathContract.upsert({
        where: { tenantId_pathId: { tenantId: ctx.tenantId, pathId: path.id } },
        create: { ...input, tenantId: ctx.tenantId, pathId: path.id },
        update: input,
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), { action: "path.contract_save", entityType: "SupportPath", entityId: path.id, before, after: input });
    }),
  );
}

/** A monitoring note (progress, risks, next steps), from implementation on. */
export async function addMonitoringEntry(ctx: TContext, pathId: string, rawInput: TMonitoringInput) {
  const input = parseInput(ZMonitoringInput, rawInput);
  return writePath(ctx, pathId, async (tx, path) => {
    if (!acceptsMonitoring(path.step)) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "monitoringFromImplementation" } });
    const entry = await tx.pathMonitoringEntry.create({
      data: { ...input, tenantId: ctx.tenantId, pathId: path.id, authorId: ctx.userId },
      select: { id: true, createdAt: true },
    });
    await tx.supportPath.update({
      where: { tenantId_id: { tenantId: ctx.tenantId, id: path.id } },
      data: { lastMonitoringAt: entry.createdAt },
      select: { id: true },
    });
    await recordAudit(tx, auditActor(ctx), { action: "path.monitoring_add", entityType: "SupportPath", entityId: path.id, after: input });
    return entry;
  });
}

/**
 * The evaluation of results (step 6), with results backed by evidence; a path closes only with one.
 * A JOBS_CREATED result of quantity n creates n job records, each with its durability checks.
 */
export async function addEvaluation(ctx: TContext, pathId: string, rawInput: TEvaluationInput) {
  const input = parseInput(ZEvaluationInput, rawInput);
  return writePath(ctx, pathId, async (tx, path) => {
    if (path.step !== "EVALUATION") throw new AppError("INVALID_STATE", { fieldErrors: { _form: "evaluationInEvaluationStep" } });
    const evaluation = await tx.pathEvaluation.create({
      data: { tenantId: ctx.tenantId, pathId: path.id, authorId: ctx.userId, assessment: input.assessment },
      select: { id: true },
    });
    const results = await tx.pathResult.createManyAndReturn({
      data: input.results.map((result) => ({ ...result, tenantId: ctx.tenantId, evaluationId: evaluation.id })),
      select: { id: true, type: true, quantity: true, achievedOn: true, evidenceReference: true },
    });
    // Every job created is a record with its durability checks (issue 16 §3).
    for (const result of results) {
      if (result.type !== "JOBS_CREATED") continue;
      const source = { resultId: result.id, clientId: path.clientId, startsOn: result.achievedOn, evidence: result.evidenceReference };
      await addJobsForResult(tx, ctx, source, result.quantity);
    }
    await recordAudit(tx, auditActor(ctx), { action: "path.evaluation_add", entityType: "SupportPath", entityId: path.id, after: input });
    return evaluation;
  });
}
