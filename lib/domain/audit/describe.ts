import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/logger";
import { AUDIT_FIELDS, ENTITY_REF, isAuditEntityType, type TFieldTable, type TRefKind, type TValueSpec } from "./fields";
import { AUDIT_ACTIONS, AUDIT_REASON_LABELS, PERMISSION_LABELS } from "./labels";

/**
 * An audited value as a reader sees it, with every code a message key and every id a name. The
 * components in components/audit render it in the viewer's language; nothing here is a raw code.
 */
export type TAuditValue =
  | { kind: "none" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "bool"; value: boolean }
  /** A calendar day, YYYY-MM-DD. */
  | { kind: "date"; day: string }
  | { kind: "label"; key: string }
  /** A name the tenant gave (a catalogue entry): the English one for an English reader when there is one. */
  | { kind: "name"; name: string; nameEn: string | null }
  /** A message with values of its own, e.g. "ścieżka z {opened} ({client})". */
  | { kind: "phrase"; key: string; values: Record<string, TAuditValue> }
  | { kind: "list"; items: TAuditValue[] }
  | { kind: "record"; fields: { labelKey: string; value: TAuditValue }[] }
  | { kind: "pair"; key: TAuditValue; value: TAuditValue };

/** One changed field: its label and its value before (null when the entry keeps no previous state) and after. */
export type TAuditChange = { labelKey: string; before: TAuditValue | null; after: TAuditValue };

export type TAuditDescription = {
  actionKey: string;
  /** True when the entry recorded a previous state: each field reads before → after. */
  compared: boolean;
  changes: TAuditChange[];
};

/** Human references of the ids an entry names, by kind and id (lib/domain/audit/refs.ts). */
export type TAuditRefs = Record<TRefKind, Map<string, TAuditValue>>;

const NONE: TAuditValue = { kind: "none" };
/** A value the table cannot read (a shape no writer produces): said so in words, and logged. */
const UNREADABLE: TAuditValue = { kind: "label", key: "audit.unreadable" };
const MISSING_REF: TAuditValue = { kind: "label", key: "audit.refs.missing" };
const UNKNOWN_FIELD_LABEL = "audit.fields.unknown";

const ACTIONS = new Set<string>(AUDIT_ACTIONS);

function unreadable(what: string, detail: Record<string, unknown>): TAuditValue {
  logger.warn(`audit: ${what} has no reading`, detail);
  return UNREADABLE;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fieldsOf(table: TFieldTable, value: Record<string, unknown>, refs: TAuditRefs) {
  return Object.entries(value).flatMap(([name, inner]) => {
    const spec = table[name];
    if (spec?.value.type === "omit") return [];
    const shown = spec ? describeValue(spec.value, inner, refs) : unreadable("field", { name });
    return shown.kind === "none" ? [] : [{ labelKey: spec?.label ?? UNKNOWN_FIELD_LABEL, value: shown }];
  });
}

/** One value by its field's spec: "—" for nothing, labels for codes, names for ids. */
export function describeValue(spec: TValueSpec, value: unknown, refs: TAuditRefs): TAuditValue {
  if (isEmpty(value)) return NONE;
  switch (spec.type) {
    case "omit":
      return NONE;
    case "text":
      if (typeof value === "string") return { kind: "text", text: value };
      if (typeof value === "number") return { kind: "number", value };
      return unreadable("text", { type: typeof value });
    case "number":
      if (typeof value === "number") return { kind: "number", value };
      return unreadable("number", { type: typeof value });
    case "bool":
      if (typeof value === "boolean") return { kind: "bool", value };
      return unreadable("bool", { type: typeof value });
    case "date":
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value)) return { kind: "date", day: value.slice(0, 10) };
      return unreadable("date", { type: typeof value });
    case "enum": {
      const key = (typeof value === "string" || typeof value === "number") && Object.hasOwn(spec.labels, value) ? spec.labels[value] : undefined;
      return key ? { kind: "label", key } : unreadable("enum value", { value });
    }
    case "reason":
      if (typeof value !== "string") return unreadable("reason", { type: typeof value });
      return Object.hasOwn(AUDIT_REASON_LABELS, value) ? { kind: "label", key: AUDIT_REASON_LABELS[value] as string } : { kind: "text", text: value };
    case "permission":
      return typeof value === "string" && Object.hasOwn(PERMISSION_LABELS, value)
        ? { kind: "label", key: PERMISSION_LABELS[value as keyof typeof PERMISSION_LABELS] }
        : unreadable("permission", { value });
    case "ref":
      return typeof value === "string" ? (refs[spec.ref].get(value) ?? MISSING_REF) : unreadable("id", { type: typeof value });
    case "list":
      if (!Array.isArray(value)) return unreadable("list", { type: typeof value });
      return { kind: "list", items: value.map((item) => describeValue(spec.of, item, refs)).filter((item) => item.kind !== "none") };
    case "items":
      if (!Array.isArray(value)) return unreadable("items", { type: typeof value });
      return {
        kind: "list",
        items: value.map((item) => (isRecord(item) ? { kind: "record", fields: fieldsOf(spec.fields, item, refs) } : unreadable("item", { type: typeof item }))),
      };
    case "map":
      if (!isRecord(value)) return unreadable("map", { type: typeof value });
      if (Object.keys(value).length === 0) return NONE;
      return {
        kind: "list",
        items: Object.entries(value).map(([key, inner]) => ({ kind: "pair", key: describeValue(spec.key, key, refs), value: describeValue(spec.value, inner, refs) })),
      };
  }
}

function asRecord(value: Prisma.JsonValue | undefined): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  // Every writer records an object; anything else is shown as one unnamed, unreadable field.
  return isRecord(value) ? value : { "": value };
}

/**
 * An entry's action and changed fields in words. With a recorded previous state, only the fields
 * whose value differs (before → after); without one (a creation, a sign-in), every recorded field
 * with a value; with only a previous state (a removal), what was removed.
 */
export function describeAuditEntry(
  entry: { action: string; entityType: string; before: Prisma.JsonValue; after: Prisma.JsonValue },
  refs: TAuditRefs,
): TAuditDescription {
  const actionKey = ACTIONS.has(entry.action) ? `audit.actions.${entry.action}` : (logger.warn("audit: action has no label", { action: entry.action }), "audit.actions.unknown");
  const table: TFieldTable = isAuditEntityType(entry.entityType) ? AUDIT_FIELDS[entry.entityType] : {};
  const previous = asRecord(entry.before);
  const next = asRecord(entry.after);
  const field = (name: string) => table[name] ?? null;
  const read = (name: string, value: unknown): TAuditValue => {
    const spec = field(name);
    return spec ? describeValue(spec.value, value, refs) : unreadable("field", { entityType: entry.entityType, name });
  };
  const label = (name: string) => field(name)?.label ?? UNKNOWN_FIELD_LABEL;
  const shown = (name: string) => field(name)?.value.type !== "omit";
  // Fields in the table's order (a form's order), not the order JSONB happens to store them in.
  const order = Object.keys(table);
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  const byRank = (a: string, b: string) => rank(a) - rank(b);

  if (!previous || !next) {
    const only = next ?? previous ?? {};
    const changes = Object.entries(only)
      .sort(([a], [b]) => byRank(a, b))
      .filter(([name]) => shown(name))
      .map(([name, value]) => ({ labelKey: label(name), before: null, after: read(name, value) }))
      .filter((change) => change.after.kind !== "none");
    return { actionKey, compared: false, changes };
  }
  const names = [...new Set([...Object.keys(previous), ...Object.keys(next)])].filter(shown).sort(byRank);
  const changes = names
    .filter((name) => JSON.stringify(previous[name] ?? null) !== JSON.stringify(next[name] ?? null))
    .map((name) => ({ labelKey: label(name), before: read(name, previous[name]), after: read(name, next[name]) }));
  return { actionKey, compared: true, changes };
}

/** The entity an entry is about, as a reader names it (the /audit page's "object" column); null when it has no id. */
export function describeAuditEntity(entityType: string, entityId: string | null, refs: TAuditRefs): TAuditValue | null {
  if (!entityId) return null;
  if (!isAuditEntityType(entityType)) return unreadable("entity type", { entityType });
  const kind = ENTITY_REF[entityType];
  if (kind === "permission") return describeValue({ type: "permission" }, entityId, refs);
  return refs[kind].get(entityId) ?? MISSING_REF;
}

/** The label key of an entity type (the /audit filter and "object" column). */
export function entityTypeLabelKey(entityType: string): string {
  return isAuditEntityType(entityType) ? `audit.entities.${entityType}` : "audit.entities.unknown";
}

/** Every id of `kind`s an entry names, by walking its values with the table (for one batched lookup). */
export function collectAuditRefIds(
  entry: { entityType: string; entityId: string | null; before: Prisma.JsonValue; after: Prisma.JsonValue },
  into: Record<TRefKind, Set<string>>,
): void {
  if (!isAuditEntityType(entry.entityType)) return;
  const table: TFieldTable = AUDIT_FIELDS[entry.entityType];
  const entityKind = ENTITY_REF[entry.entityType];
  if (entry.entityId && entityKind !== "permission") into[entityKind].add(entry.entityId);
  const walk = (spec: TValueSpec, value: unknown): void => {
    if (isEmpty(value)) return;
    if (spec.type === "ref" && typeof value === "string") into[spec.ref].add(value);
    else if (spec.type === "list" && Array.isArray(value)) value.forEach((item) => walk(spec.of, item));
    else if (spec.type === "items" && Array.isArray(value)) value.forEach((item) => isRecord(item) && walkFields(spec.fields, item));
    else if (spec.type === "map" && isRecord(value)) Object.entries(value).forEach(([key, inner]) => (walk(spec.key, key), walk(spec.value, inner)));
  };
  const walkFields = (fields: TFieldTable, value: Record<string, unknown>) => {
    for (const [name, inner] of Object.entries(value)) {
      const spec = fields[name];
      if (spec) walk(spec.value, inner);
    }
  };
  for (const side of [entry.before, entry.after]) if (isRecord(side)) walkFields(table, side);
}

export function emptyRefIds(): Record<TRefKind, Set<string>> {
  return {
    user: new Set(),
    partner: new Set(),
    office: new Set(),
    tenant: new Set(),
    client: new Set(),
    path: new Set(),
    planVersion: new Set(),
    planAction: new Set(),
    annotation: new Set(),
    service: new Set(),
    institution: new Set(),
    exchange: new Set(),
    event: new Set(),
    eventSession: new Set(),
    eventRegistration: new Set(),
    supportType: new Set(),
    specialistArea: new Set(),
    pathTemplate: new Set(),
    job: new Set(),
    indicator: new Set(),
    indicatorEvidence: new Set(),
    staffEmployment: new Set(),
    jobRecord: new Set(),
    clause: new Set(),
    subjectRequest: new Set(),
    dataImport: new Set(),
  };
}
