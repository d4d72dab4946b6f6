import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { listPathNeeds } from "@/lib/domain/paths/service";
import { NeedsForm } from "./needs-form";

/** Step 2: the diagnosed needs, each with its expected effects. */
export async function PathNeedsTab({ pathId, canEditContent }: { pathId: string; canEditContent: boolean }) {
  const ctx = await requireSessionUser();
  const needs = await loadForPage(() => listPathNeeds(ctx, pathId));
  return (
    <NeedsForm
      pathId={pathId}
      readOnly={!canEditContent}
      defaults={{ needs: needs.map((n) => ({ area: n.area, description: n.description, priority: n.priority, expectedEffects: n.expectedEffects })) }}
    />
  );
}
