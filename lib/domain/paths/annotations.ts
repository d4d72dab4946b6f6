import "server-only";
import { assertCan, ScopeRefusal } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { notFound } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertId, parseInput } from "@/lib/validation";
import { ZAnnotationInput, ZReviseAnnotationInput, type TAnnotationInput } from "./schemas";
import { writePath } from "./write";

/**
 * An annotation (adnotacja) on one of the path's steps, by the path's team and supervisors
 * (lib/auth/scope.ts, paths.annotate: animators and specialists on the client's team included).
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
 * and DELETE on annotations). The annotation is looked up through its path; only its author or a
 * manager may revise it (a refusal is audited).
 */
export async function reviseAnnotation(ctx: TContext, pathId: string, annotationId: string, rawInput: { text: string }) {
  // Permission before lookup, and before the id's shape: a role that may not annotate gets FORBIDDEN for any id.
  await assertCan(ctx, "paths.annotate");
  assertId(annotationId, "PathAnnotation");
  const input = parseInput(ZReviseAnnotationInput, rawInput);
  return writePath(
    ctx,
    pathId,
    async (tx, path) => {
      const first = await tx.pathAnnotation.findFirst({
        where: { tenantId: ctx.tenantId, pathId: path.id, annotationId, revision: 1 },
        select: { authorId: true, step: true },
      });
      if (!first) throw notFound("PathAnnotation");
      if (first.authorId !== ctx.userId && ctx.role !== "MANAGER") {
        throw new ScopeRefusal("paths.annotate", { pathId: path.id, annotationId, reason: "notAuthor" });
      }
      const latest = await tx.pathAnnotation.findFirst({
        where: { tenantId: ctx.tenantId, pathId: path.id, annotationId },
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
