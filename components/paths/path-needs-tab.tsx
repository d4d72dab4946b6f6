import type { TPathPageTab } from "@/lib/domain/paths/service";
import { NeedsForm } from "./needs-form";

/** Step 2: the diagnosed needs, each with its expected effects. */
type TProps = { pathId: string; needs: Extract<TPathPageTab, { name: "needs" }>["needs"]; canEditContent: boolean };

export function PathNeedsTab({ pathId, needs, canEditContent }: TProps) {
  return (
    <NeedsForm
      pathId={pathId}
      readOnly={!canEditContent}
      defaults={{ needs: needs.map((n) => ({ area: n.area, description: n.description, priority: n.priority, expectedEffects: n.expectedEffects })) }}
    />
  );
}
