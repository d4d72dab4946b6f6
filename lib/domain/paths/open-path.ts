import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { refuseDuplicates } from "@/lib/db/errors";
import { tenantTransaction } from "@/lib/db/transaction";
import { loadCatalogue, offered, type TPathTemplateOption } from "@/lib/domain/catalogue/read";
import { AppError } from "@/lib/errors";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { assertCatalogueUses } from "@/lib/domain/catalogue/rules";
import { assertClientInScope } from "@/lib/domain/clients/access";
import { parseInput } from "@/lib/validation";
import { ZOpenPathInput, type TOpenPathInput } from "./schemas";

/** What the form opening a path offers: the tenant's active path templates, in its order. */
export async function getOpenPathForm(ctx: TContext): Promise<{ templates: TPathTemplateOption[] }> {
  await assertCan(ctx, "paths.write");
  return tenantTransaction(ctx.tenantId, async (tx) => ({ templates: offered((await loadCatalogue(tx, ctx.tenantId)).pathTemplates) }));
}

/**
 * Opens a support path for a client who has a key advisor, on an active template of the tenant's
 * catalogue; the path starts at IDENTIFICATION.
 * A client has at most one open path (a unique slot in the database settles races).
 */
export async function openPath(ctx: TContext, clientId: string, rawInput: TOpenPathInput): Promise<{ id: string }> {
  await assertCan(ctx, "paths.write");
  const input = parseInput(ZOpenPathInput, rawInput);
  return recordScopeRefusals(ctx, () =>
    refuseDuplicates({ _form: "pathAlreadyOpen" }, () =>
      tenantTransaction(ctx.tenantId, async (tx) => {
        const client = await assertClientInScope(tx, ctx, clientId, "paths.write", "paths.read");
        if (!client.keyAdvisorId) throw new AppError("INVALID_STATE", { fieldErrors: { _form: "pathNeedsKeyAdvisor" } });
        // A new path takes an active template of the tenant's catalogue.
        await assertCatalogueUses(tx, ctx.tenantId, [{ list: "pathTemplate", code: input.template, field: "template" }]);
        const path = await tx.supportPath.create({
          data: {
            tenantId: ctx.tenantId,
            clientId,
            openClientId: clientId,
            direction: input.direction,
            workForm: input.workForm,
            template: input.template,
            identification: input.identification,
            keyAdvisorId: client.keyAdvisorId,
            createdById: ctx.userId,
          },
          select: { id: true },
        });
        await tx.pathTransition.create({
          data: { tenantId: ctx.tenantId, pathId: path.id, fromStep: null, toStep: "IDENTIFICATION", actorId: ctx.userId },
          select: { id: true },
        });
        await recordAudit(tx, auditActor(ctx), {
          action: "path.open",
          entityType: "SupportPath",
          entityId: path.id,
          after: { clientId, ...input },
        });
        return path;
      }),
    ),
  );
}
