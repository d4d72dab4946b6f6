import "server-only";
import { isoDate } from "@/lib/dates";

/** An action as compared between plan versions. */
export type TDiffAction = {
  supportType: string;
  specialistArea: string | null;
  description: string;
  plannedFrom: Date | null;
  plannedTo: Date | null;
  responsibleUserId: string | null;
  expectedResult: string | null;
  status: string;
};

export type TActionChange =
  | { kind: "added"; position: number; action: TDiffAction }
  | { kind: "removed"; position: number; action: TDiffAction }
  | { kind: "changed"; position: number; fields: { field: keyof TDiffAction; before: string | null; after: string | null }[] };

const FIELDS: (keyof TDiffAction)[] = ["supportType", "specialistArea", "description", "plannedFrom", "plannedTo", "responsibleUserId", "expectedResult", "status"];

function show(value: TDiffAction[keyof TDiffAction]): string | null {
  if (value === null) return null;
  return value instanceof Date ? isoDate(value) : value;
}

/**
 * What changed between two versions of a plan, action by action in plan order: changed fields of
 * actions present in both, then actions only in one of them.
 */
export function diffPlanActions(before: TDiffAction[], after: TDiffAction[]): TActionChange[] {
  const changes: TActionChange[] = [];
  const common = Math.min(before.length, after.length);
  for (let position = 0; position < common; position++) {
    const a = before[position] as TDiffAction;
    const b = after[position] as TDiffAction;
    const fields = FIELDS.filter((f) => show(a[f]) !== show(b[f])).map((field) => ({ field, before: show(a[field]), after: show(b[field]) }));
    if (fields.length > 0) changes.push({ kind: "changed", position, fields });
  }
  for (let position = common; position < after.length; position++) changes.push({ kind: "added", position, action: after[position] as TDiffAction });
  for (let position = common; position < before.length; position++) changes.push({ kind: "removed", position, action: before[position] as TDiffAction });
  return changes;
}
