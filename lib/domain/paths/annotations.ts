import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertId, parseInput } from "@/lib/validation";
import { ZAnnotationInput, ZReviseAnnotationInput, type TAnnotationInput } from "./schemas";
import { writePath } from "./write";

/**
 * An annotation (adnotacja) on one of the path's steps, by anyone in the centre holding
 * paths.annotate (animators and specialists included: they serve the client too).
 */
export async function addAnnotation(ctx: TContext, pathId: string, rawInput: TAnnotationInput) {
  const input = parseInput(ZAnnotationInput, rawInput);
  return writePath(
    ctx,
    pathId,
    async (tx, path) => {
      const id = crypto.randomUUID();
      await tx.pathAnnotation.create({
        data: { id, annotationId: id, revision: 1, tenantId: ctx.tenantId, pathId: path.id, step: input.step, text: input.text, authorId: ctx.userId },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), { action: "annotation.add", entityType: "PathAnnotation", entityId: id, after: { pathId: path.id, ...input } });
      return { annotationId: id };
    },
    { permission: "paths.annotate", allowClosed: true },
  );
}

/**
 * An edit never changes the earlier text: it appends a new revision (the database refuses UPDATE
 * and DELETE on annotations). Only the author or a manager may revise.
 */
export async function reviseAnnotation(ctx: TContext, annotationId: string, rawInput: { text: string }) {
  assertId(annotationId, "PathAnnotation");
  const input = parseInput(ZReviseAnnotationInput, rawInput);
  const first = await tenantTransaction(ctx.tenantId, (tx) =>
    tx.pathAnnotation.findFirst({
      where: { tenantId: ctx.tenantId, annotationId, revision: 1 },
      select: { pathId: true, authorId: true, step: true },
    }),
  );
  if (!first) throw notFound("PathAnnotation");
  if (first.authorId !== ctx.userId && ctx.role !== "MANAGER") throw new AppError("FORBIDDEN", { message: "Only the author or a manager revises" });
  return writePath(
    ctx,
    first.pathId,
    async (tx, path) => {
      const latest = await tx.pathAnnotation.findFirst({
        where: { tenantId: ctx.tenantId, annotationId },
        orderBy: { revision: "desc" },
        select: { revision: true, text: true },
      });
      const revision = (latest?.revision ?? 0) + 1;
      await tx.pathAnnotation.create({
        data: { annotationId, revision, tenantId: ctx.tenantId, pathId: path.id, step: first.step, text: input.text, authorId: ctx.userId },
        select: { id: true },
      });
      await recordAudit(tx, auditActor(ctx), {
        action: "annotation.revise",
        entityType: "PathAnnotation",
        entityId: annotationId,
        before: { text: latest?.text, revision: latest?.revision },
        after: { text: input.text, revision },
      });
      return { revision };
    },
    { permission: "paths.annotate", allowClosed: true },
  );
}
