import "server-only";
import type { TTx } from "@/lib/db/transaction";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";

/*
 * The one home of the rules that read the support catalogue when a record names an entry (a
 * service, a plan action, a need, an event, a path's template):
 *
 * - a NEW choice must be an active entry of the tenant's list: a retired one is refused with the
 *   field error "retired", a code the tenant does not have with "invalid";
 * - an edit may keep a retired entry the record already has (`kept`): retiring never makes an old
 *   record unsaveable;
 * - a support type whose entry says `requiresSpecialistArea` needs a specialist area; any other
 *   type stores none.
 *
 * Services check inside their own transaction, after their permission and before writing; the
 * composite foreign keys keep every stored code an entry of the record's own tenant whatever the writer.
 */

export type TCatalogueList = "supportType" | "specialistArea" | "pathTemplate";

/** One code a record names, and the form field it came from (for the field error). */
export type TCatalogueUse = { list: TCatalogueList; code: string; field: string };

/** The codes a record already carries, which an edit may keep although they are retired. */
export type TKeptCodes = Partial<Record<TCatalogueList, readonly string[]>>;

type TEntryState = { retired: boolean; requiresSpecialistArea: boolean };
/** The entries some uses name, by list and code (absent: the tenant has no such entry). */
export type TEntryLookup = Record<TCatalogueList, Map<string, TEntryState>>;

const TABLES: Record<TCatalogueList, string> = { supportType: "support_type", specialistArea: "specialist_area", pathTemplate: "path_template" };

/**
 * The entries `uses` name, as a JSON scalar subquery: a caller whose statement budget is tight runs
 * it as a column of a statement it sends anyway; {@link toEntryLookup} reads the value.
 */
export function entryLookupSql(tenantId: string, uses: readonly TCatalogueUse[]): Prisma.Sql {
  const parts = (Object.keys(TABLES) as TCatalogueList[]).flatMap((list) => {
    const codes = [...new Set(uses.filter((u) => u.list === list).map((u) => u.code))];
    if (codes.length === 0) return [];
    const flag = list === "supportType" ? Prisma.sql`e.requires_specialist_area` : Prisma.sql`false`;
    return [
      Prisma.sql`SELECT ${list}::text AS list, e.code, e.retired_at IS NOT NULL AS retired, ${flag} AS requires
        FROM ${Prisma.raw(TABLES[list])} e WHERE e.tenant_id = ${tenantId}::uuid AND e.code = ANY(${codes}::text[])`,
    ];
  });
  if (parts.length === 0) return Prisma.sql`'[]'::json`;
  return Prisma.sql`(SELECT coalesce(json_agg(x), '[]'::json) FROM (${Prisma.join(parts, " UNION ALL ")}) x)`;
}

/** The value of {@link entryLookupSql}. */
export function toEntryLookup(value: unknown): TEntryLookup {
  const lookup: TEntryLookup = { supportType: new Map(), specialistArea: new Map(), pathTemplate: new Map() };
  for (const row of (value ?? []) as { list: TCatalogueList; code: string; retired: boolean; requires: boolean }[]) {
    lookup[row.list].set(row.code, { retired: row.retired, requiresSpecialistArea: row.requires });
  }
  return lookup;
}

/** The entries `uses` name, in one statement. */
export async function lookUpEntries(tx: TTx, tenantId: string, uses: readonly TCatalogueUse[]): Promise<TEntryLookup> {
  const [row] = await tx.$queryRaw<{ entries: unknown }[]>`SELECT ${entryLookupSql(tenantId, uses)} AS entries`;
  return toEntryLookup(row?.entries);
}

/** Whether some use names a retired entry (only then does an edit need to know what it kept). */
export function namesRetired(lookup: TEntryLookup, uses: readonly TCatalogueUse[]): boolean {
  return uses.some((u) => lookup[u.list].get(u.code)?.retired === true);
}

/** The field errors of `uses`: an unknown code "invalid", a retired one not kept "retired". */
export function catalogueUseErrors(lookup: TEntryLookup, uses: readonly TCatalogueUse[], kept: TKeptCodes = {}): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const use of uses) {
    const entry = lookup[use.list].get(use.code);
    if (!entry) errors[use.field] ??= "invalid";
    else if (entry.retired && !(kept[use.list] ?? []).includes(use.code)) errors[use.field] ??= "retired";
  }
  return errors;
}

/** A support type with its specialist area, and the fields they came from. */
export type TSupportChoice = {
  supportType: string;
  specialistArea: string | null;
  fields: { supportType: string; specialistArea: string };
};

/** The catalogue uses of support choices: the type, and the area when the type asks for one. */
export function supportChoiceUses(choices: readonly TSupportChoice[]): TCatalogueUse[] {
  return choices.flatMap((c) => [
    { list: "supportType" as const, code: c.supportType, field: c.fields.supportType },
    ...(c.specialistArea ? [{ list: "specialistArea" as const, code: c.specialistArea, field: c.fields.specialistArea }] : []),
  ]);
}

/**
 * Support choices against the catalogue: their field errors, and each choice's specialist area as
 * stored — required when the type's entry says so ("specialistAreaRequired"), dropped otherwise (an
 * area the form still held from an earlier type is neither checked nor stored).
 */
export function checkSupportChoices(
  lookup: TEntryLookup,
  choices: readonly TSupportChoice[],
  kept: TKeptCodes = {},
): { fieldErrors: Record<string, string>; specialistAreas: (string | null)[] } {
  const fieldErrors: Record<string, string> = {};
  const specialistAreas = choices.map((choice) => {
    const type = lookup.supportType.get(choice.supportType);
    const area = type?.requiresSpecialistArea ? choice.specialistArea : null;
    for (const [field, error] of Object.entries(catalogueUseErrors(lookup, supportChoiceUses([{ ...choice, specialistArea: area }]), kept))) {
      fieldErrors[field] ??= error;
    }
    if (type?.requiresSpecialistArea && !area) fieldErrors[choice.fields.specialistArea] ??= "specialistAreaRequired";
    return area;
  });
  return { fieldErrors, specialistAreas };
}

function throwIfAny(fieldErrors: Record<string, string>): void {
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION_FAILED", { fieldErrors });
}

/** What a record kept: given, or read only when needed (a use names a retired entry). */
type TKept = TKeptCodes | (() => Promise<TKeptCodes>);
const keptFor = async (kept: TKept, needed: boolean): Promise<TKeptCodes> => (typeof kept === "function" ? (needed ? kept() : {}) : kept);

/**
 * Refuses (VALIDATION_FAILED with field errors) codes a record may not name; one statement (two
 * when an edit names a retired entry and `kept` is a loader).
 */
export async function assertCatalogueUses(tx: TTx, tenantId: string, uses: readonly TCatalogueUse[], kept: TKept = {}): Promise<TEntryLookup> {
  const lookup = await lookUpEntries(tx, tenantId, uses);
  throwIfAny(catalogueUseErrors(lookup, uses, await keptFor(kept, namesRetired(lookup, uses))));
  return lookup;
}

/**
 * Refuses support choices a record may not make (see {@link checkSupportChoices}) and returns the
 * specialist area to store for each; one statement (two when an edit names a retired entry and
 * `kept` is a loader).
 */
export async function assertSupportChoices(tx: TTx, tenantId: string, choices: readonly TSupportChoice[], kept: TKept = {}): Promise<(string | null)[]> {
  const lookup = await lookUpEntries(tx, tenantId, supportChoiceUses(choices));
  const { fieldErrors, specialistAreas } = checkSupportChoices(lookup, choices, await keptFor(kept, namesRetired(lookup, supportChoiceUses(choices))));
  throwIfAny(fieldErrors);
  return specialistAreas;
}

/** {@link checkSupportChoices} for a lookup the caller read itself (see {@link entryLookupSql}); throws on errors. */
export function assertSupportChoicesIn(lookup: TEntryLookup, choices: readonly TSupportChoice[], kept: TKeptCodes = {}): (string | null)[] {
  const { fieldErrors, specialistAreas } = checkSupportChoices(lookup, choices, kept);
  throwIfAny(fieldErrors);
  return specialistAreas;
}

/**
 * An event's (or any one record's) support type: active when new, or the one the record already
 * has (`kept`). Field errors under `field` ("retired", "invalid").
 */
export async function assertSupportType(tx: TTx, tenantId: string, code: string, options: { kept?: string | null; field?: string } = {}): Promise<void> {
  await assertCatalogueUses(tx, tenantId, [{ list: "supportType", code, field: options.field ?? "supportType" }], {
    supportType: options.kept ? [options.kept] : [],
  });
}
