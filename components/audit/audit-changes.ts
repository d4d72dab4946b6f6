/** One field of an audit entry as the trail shows it: its value before and after the change. */
export type TAuditFieldChange = { field: string; before: unknown; after: unknown };

export type TAuditChanges = {
  /** True when the entry recorded a previous state: each field is shown as before → after. */
  compared: boolean;
  changes: TAuditFieldChange[];
};

function asRecord(value: unknown): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  // A scalar or a list is shown as one unnamed field.
  return { "": value };
}

/**
 * The fields an audit entry changed: with a recorded previous state, only the fields whose value
 * differs; without one (a creation, a sign-in), every recorded field.
 */
export function listAuditChanges(before: unknown, after: unknown): TAuditChanges {
  const previous = asRecord(before);
  const next = asRecord(after);
  if (!previous) {
    return { compared: false, changes: Object.entries(next ?? {}).map(([field, value]) => ({ field, before: undefined, after: value })) };
  }
  const fields = [...new Set([...Object.keys(previous), ...Object.keys(next ?? {})])];
  const changes = fields
    .map((field) => ({ field, before: previous[field], after: next?.[field] }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
  return { compared: true, changes };
}
