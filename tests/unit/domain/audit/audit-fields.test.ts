import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { AUDIT_FIELDS, type TFieldTable, type TValueSpec } from "@/lib/domain/audit/fields";
import { AUDIT_ACTIONS, AUDIT_REASON_LABELS, ENUM_LABELS, PERMISSION_LABELS } from "@/lib/domain/audit/labels";
import * as enums from "@/lib/generated/prisma/enums";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";

/**
 * The trail's words are total by construction: every field a service writes, every enum value of
 * the schema, every reason code, permission and action has a label in both languages — a value
 * without one would otherwise reach a reader as its raw code.
 */

const ROOT = path.resolve(__dirname, "../../../..");
const at = (messages: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
const missingIn = (keys: Iterable<string>) => ({
  pl: [...keys].filter((key) => typeof at(pl, key) !== "string"),
  en: [...keys].filter((key) => typeof at(en, key) !== "string"),
});

function labelKeysOf(table: TFieldTable): string[] {
  const ofSpec = (spec: TValueSpec): string[] => {
    if (spec.type === "enum") return Object.values(spec.labels);
    if (spec.type === "list") return ofSpec(spec.of);
    if (spec.type === "items") return labelKeysOf(spec.fields);
    if (spec.type === "map") return [...ofSpec(spec.key), ...ofSpec(spec.value)];
    return [];
  };
  return Object.values(table).flatMap((field) => (field.value.type === "omit" ? [] : [field.label, ...ofSpec(field.value)]));
}

/** Every source file of lib/ (the writers of the trail). */
function libSources(): { file: string; text: string }[] {
  return readdirSync(path.join(ROOT, "lib"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.parentPath.includes("generated"))
    .map((e) => ({ file: path.relative(ROOT, path.join(e.parentPath, e.name)), text: readFileSync(path.join(e.parentPath, e.name), "utf8") }));
}

/** The string literals of the `action:` and `entityType:` of every recordAudit call in lib/. */
function writtenAudit(): { actions: Set<string>; entityTypes: Set<string> } {
  const actions = new Set<string>();
  const entityTypes = new Set<string>();
  const moveKinds = /export type TMoveKind = ([^;]+);/.exec(readFileSync(path.join(ROOT, "lib/domain/caseload/move-client.ts"), "utf8"))?.[1] ?? "";
  for (const { text } of libSources()) {
    for (const call of text.matchAll(/recordAudit\([\s\S]*?action:\s*([\s\S]*?),\s*entityType:\s*"([^"]+)"/g)) {
      const [, action = "", entityType = ""] = call;
      entityTypes.add(entityType);
      for (const literal of action.matchAll(/"([^"]+)"/g)) if (literal[1]?.includes(".")) actions.add(literal[1]);
      // `client.${kind}`: one action per kind of move.
      for (const template of action.matchAll(/`([a-z]+)\.\$\{kind\}`/g)) for (const kind of moveKinds.matchAll(/"([a-z]+)"/g)) actions.add(`${template[1]}.${kind[1]}`);
    }
  }
  return { actions, entityTypes };
}

describe("the labels of the audit trail", () => {
  it("every field of every audited entity, and every value it can hold, has a label in pl and en", () => {
    const keys = new Set(Object.values(AUDIT_FIELDS).flatMap((table) => labelKeysOf(table)));
    expect(keys.size).toBeGreaterThan(100);
    expect(missingIn(keys)).toEqual({ pl: [], en: [] });
  });

  it("every enum of the schema has a label for each of its values, in pl and en", () => {
    const schemaEnums = Object.entries(enums as Record<string, unknown>).filter((entry): entry is [string, Record<string, string>] => typeof entry[1] === "object");
    expect(schemaEnums.length).toBeGreaterThan(15);
    const labels: Record<string, Record<string, string>> = ENUM_LABELS;
    for (const [name, values] of schemaEnums) {
      expect(Object.keys(labels[name] ?? {}).sort(), name).toEqual(Object.values(values).sort());
      expect(missingIn(Object.values(labels[name] ?? {})), name).toEqual({ pl: [], en: [] });
    }
  });

  it("every permission and every reason code has a label in pl and en", () => {
    expect(Object.keys(PERMISSION_LABELS).sort()).toEqual(Object.keys(PERMISSIONS).sort());
    expect(missingIn(Object.values(PERMISSION_LABELS))).toEqual({ pl: [], en: [] });
    expect(missingIn(Object.values(AUDIT_REASON_LABELS))).toEqual({ pl: [], en: [] });
  });

  it("every reason code a service writes is a known code (the caseload's moves, team changes, refusals)", () => {
    const codes = new Set<string>();
    for (const { text } of libSources()) {
      for (const m of text.matchAll(/applyMove\([^;]*?"([a-z]+\.[a-z_]+)"/g)) if (m[1]) codes.add(m[1]);
      for (const m of text.matchAll(/\breason: "([a-z][A-Za-z_.]*)"/g)) if (m[1]) codes.add(m[1]);
    }
    expect([...codes].sort()).toEqual(expect.arrayContaining(["needToKnow", "notAuthor", "path.closed", "path.reopened", "registered"]));
    expect([...codes].filter((code) => !Object.hasOwn(AUDIT_REASON_LABELS, code))).toEqual([]);
  });

  it("every action and entity type written by a service has a label and a table of fields", () => {
    const { actions, entityTypes } = writtenAudit();
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((action) => !(AUDIT_ACTIONS as readonly string[]).includes(action))).toEqual([]);
    expect(missingIn(AUDIT_ACTIONS.map((action) => `audit.actions.${action}`))).toEqual({ pl: [], en: [] });
    expect([...entityTypes].filter((type) => !Object.hasOwn(AUDIT_FIELDS, type))).toEqual([]);
    expect(missingIn(Object.keys(AUDIT_FIELDS).map((type) => `audit.entities.${type}`))).toEqual({ pl: [], en: [] });
  });
});
