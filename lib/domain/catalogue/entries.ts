import "server-only";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { AppError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { parseInput } from "@/lib/validation";
import { catalogueUseErrors, lookUpEntries } from "./rules";
import { ZCatalogueList, ZEntryInput, ZMoveEntryInput, type TCatalogueListName, type TEntryInput, type TMoveEntryInput } from "./schemas";
import { countEntryUses } from "./uses";

/*
 * The manager's edits of the support catalogue (catalogue.manage, checked first): add an entry,
 * rename it (and a support type's specialist-area flag, a template's obligatory types), retire and
 * restore it, move it up or down the list, and delete it while nothing uses it. Each is one
 * transaction and audited ("catalogue.*", the entry named by its code). Codes never change: records
 * keep them, and renaming changes the name every record shows.
 */

const TABLE: Record<TCatalogueListName, string> = { supportType: "support_type", specialistArea: "specialist_area", pathTemplate: "path_template" };
const ENTITY: Record<TCatalogueListName, string> = { supportType: "SupportTypeEntry", specialistArea: "SpecialistAreaEntry", pathTemplate: "PathTemplateEntry" };
const CODE = /^[A-Z0-9_]{1,64}$/;
/** Longest generated code (room for a "_12" suffix within 64). */
const CODE_BASE_MAX = 48;

type TEntryRow = {
  code: string;
  name: string;
  nameEn: string | null;
  requiresSpecialistArea: boolean;
  obligatorySupportTypes: string[];
  position: number;
  retired: boolean;
};

/** What the audit trail keeps of an entry (lib/domain/audit/fields.ts CATALOGUE_ENTRY_FIELDS). */
function auditState(list: TCatalogueListName, row: TEntryRow) {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.nameEn,
    ...(list === "supportType" ? { requiresSpecialistArea: row.requiresSpecialistArea } : {}),
    ...(list === "pathTemplate" ? { obligatorySupportTypes: row.obligatorySupportTypes } : {}),
    position: row.position,
    retired: row.retired,
  };
}

/** The list named in a URL or a form; an unknown one is a missing entry. */
function listOf(raw: string): TCatalogueListName {
  const parsed = ZCatalogueList.safeParse(raw);
  if (!parsed.success) throw notFound("CatalogueEntry");
  return parsed.data;
}

const table = (list: TCatalogueListName) => Prisma.raw(TABLE[list]);

function entryColumns(list: TCatalogueListName): Prisma.Sql {
  return Prisma.sql`e.code, e.name, e.name_en AS "nameEn",
    ${list === "supportType" ? Prisma.sql`e.requires_specialist_area` : Prisma.sql`false`} AS "requiresSpecialistArea",
    ${list === "pathTemplate" ? Prisma.sql`coalesce(e.obligatory_support_types, '{}'::text[])` : Prisma.sql`'{}'::text[]`} AS "obligatorySupportTypes",
    e.position, e.retired_at IS NOT NULL AS retired`;
}

/** One entry of the caller's tenant, locked for the change; another tenant's code or a made-up one is NOT_FOUND. */
async function lockEntry(tx: TTx, ctx: TContext, list: TCatalogueListName, code: string): Promise<TEntryRow> {
  if (!CODE.test(code)) throw notFound("CatalogueEntry");
  const [row] = await tx.$queryRaw<TEntryRow[]>`
    SELECT ${entryColumns(list)} FROM ${table(list)} e
    WHERE e.tenant_id = ${ctx.tenantId}::uuid AND e.code = ${code} FOR UPDATE`;
  if (!row) throw notFound("CatalogueEntry");
  return row;
}

/** "Doradztwo prawne (KRS)" → "DORADZTWO_PRAWNE_KRS": upper-case ASCII, words joined by "_". */
export function codeFromName(name: string): string {
  const slug = foldForSearch(name)
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, CODE_BASE_MAX)
    .replace(/_+$/, "")
    .toUpperCase();
  return slug || "ENTRY";
}

/**
 * A template's obligatory types must be support types of the tenant: active ones, or those the
 * template already names (field errors "invalid" / "retired" under obligatorySupportTypes).
 */
async function assertObligatoryTypes(tx: TTx, ctx: TContext, codes: readonly string[], kept: readonly string[]) {
  if (codes.length === 0) return;
  const uses = codes.map((code) => ({ list: "supportType" as const, code, field: "obligatorySupportTypes" }));
  const errors = catalogueUseErrors(await lookUpEntries(tx, ctx.tenantId, uses), uses, { supportType: kept });
  if (Object.keys(errors).length > 0) throw new AppError("VALIDATION_FAILED", { fieldErrors: errors });
}

/** Another entry of the list already has this name (compared without case and diacritics). */
async function assertNameFree(tx: TTx, ctx: TContext, list: TCatalogueListName, name: string, exceptCode: string | null) {
  const taken = await tx.$queryRaw<{ code: string; name: string }[]>`
    SELECT e.code, e.name FROM ${table(list)} e WHERE e.tenant_id = ${ctx.tenantId}::uuid ${exceptCode ? Prisma.sql`AND e.code <> ${exceptCode}` : Prisma.empty}`;
  if (taken.some((e) => foldForSearch(e.name) === foldForSearch(name))) throw new AppError("ALREADY_EXISTS", { fieldErrors: { name: "nameTaken" } });
  return taken.map((e) => e.code);
}

/**
 * Adds an entry at the end of its list. Its code is made from the name (codeFromName), with a
 * number added when the tenant's list has it already (retired and deleted entries' codes are never
 * reused while a record may hold them; a deleted one was used by none).
 */
export async function createEntry(ctx: TContext, rawList: string, rawInput: TEntryInput): Promise<{ code: string }> {
  await assertCan(ctx, "catalogue.manage");
  const list = listOf(rawList);
  const input = parseInput(ZEntryInput, rawInput);
  return tenantTransaction(ctx.tenantId, async (tx) => {
    // Adds to one list queue here: the free code and the last position stay true until commit.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`catalogue:${ctx.tenantId}:${list}`}, 0))`;
    const codes = new Set(await assertNameFree(tx, ctx, list, input.name, null));
    const obligatory = input.obligatorySupportTypes ?? [];
    if (list === "pathTemplate") await assertObligatoryTypes(tx, ctx, obligatory, []);
    const base = codeFromName(input.name);
    let code = base;
    for (let n = 2; codes.has(code); n++) code = `${base}_${n}`;
    const [row] = await tx.$queryRaw<TEntryRow[]>`
      INSERT INTO ${table(list)} AS e (tenant_id, code, name, name_en, position, updated_at
        ${list === "supportType" ? Prisma.sql`, requires_specialist_area` : Prisma.empty}
        ${list === "pathTemplate" ? Prisma.sql`, obligatory_support_types` : Prisma.empty})
      SELECT ${ctx.tenantId}::uuid, ${code}, ${input.name}, ${input.nameEn},
        coalesce((SELECT max(x.position) + 1 FROM ${table(list)} x WHERE x.tenant_id = ${ctx.tenantId}::uuid), 0), now()
        ${list === "supportType" ? Prisma.sql`, ${input.requiresSpecialistArea ?? false}` : Prisma.empty}
        ${list === "pathTemplate" ? Prisma.sql`, ${obligatory}::text[]` : Prisma.empty}
      RETURNING ${entryColumns(list)}`;
    if (!row) throw new Error("INSERT … RETURNING gives the row");
    await recordAudit(tx, auditActor(ctx), { action: "catalogue.create", entityType: ENTITY[list], entityId: code, after: auditState(list, row) });
    return { code };
  });
}

/**
 * Renames an entry (Polish and English names), and sets a support type's area flag or a template's
 * obligatory types (each left as it is when the input leaves it out).
 */
export async function updateEntry(ctx: TContext, rawList: string, code: string, rawInput: TEntryInput): Promise<void> {
  await assertCan(ctx, "catalogue.manage");
  const list = listOf(rawList);
  const input = parseInput(ZEntryInput, rawInput);
  await tenantTransaction(ctx.tenantId, async (tx) => {
    const before = await lockEntry(tx, ctx, list, code);
    await assertNameFree(tx, ctx, list, input.name, code);
    const { requiresSpecialistArea = before.requiresSpecialistArea, obligatorySupportTypes: obligatory = before.obligatorySupportTypes } = input;
    if (list === "pathTemplate") await assertObligatoryTypes(tx, ctx, obligatory, before.obligatorySupportTypes);
    const [after] = await tx.$queryRaw<TEntryRow[]>`
      UPDATE ${table(list)} e SET name = ${input.name}, name_en = ${input.nameEn}, updated_at = now()
        ${list === "supportType" ? Prisma.sql`, requires_specialist_area = ${requiresSpecialistArea}` : Prisma.empty}
        ${list === "pathTemplate" ? Prisma.sql`, obligatory_support_types = ${obligatory}::text[]` : Prisma.empty}
      WHERE e.tenant_id = ${ctx.tenantId}::uuid AND e.code = ${code}
      RETURNING ${entryColumns(list)}`;
    if (!after) throw notFound("CatalogueEntry");
    await recordAudit(tx, auditActor(ctx), {
      action: "catalogue.update",
      entityType: ENTITY[list],
      entityId: code,
      before: auditState(list, before),
      after: auditState(list, after),
    });
  });
}

/**
 * Retires an entry (`retired: true`) or restores it. A retired entry stays on every record that
 * has it (and on edits of them) and is no longer offered for new ones.
 */
export async function setEntryRetired(ctx: TContext, rawList: string, code: string, retired: boolean): Promise<void> {
  await assertCan(ctx, "catalogue.manage");
  const list = listOf(rawList);
  await tenantTransaction(ctx.tenantId, async (tx) => {
    const before = await lockEntry(tx, ctx, list, code);
    if (before.retired === retired) return;
    await tx.$executeRaw`
      UPDATE ${table(list)} SET retired_at = ${retired ? Prisma.sql`now()` : Prisma.sql`NULL`}, updated_at = now()
      WHERE tenant_id = ${ctx.tenantId}::uuid AND code = ${code}`;
    await recordAudit(tx, auditActor(ctx), {
      action: retired ? "catalogue.retire" : "catalogue.restore",
      entityType: ENTITY[list],
      entityId: code,
      before: { retired: before.retired },
      after: { retired },
    });
  });
}

/** Moves an entry one place up or down its list (the order forms and reports follow). */
export async function moveEntry(ctx: TContext, rawList: string, code: string, rawInput: TMoveEntryInput): Promise<void> {
  await assertCan(ctx, "catalogue.manage");
  const list = listOf(rawList);
  const { direction } = parseInput(ZMoveEntryInput, rawInput);
  await tenantTransaction(ctx.tenantId, async (tx) => {
    await lockEntry(tx, ctx, list, code);
    // The list's order is read and written under the list's lock (the one adds take).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`catalogue:${ctx.tenantId}:${list}`}, 0))`;
    const rows = await tx.$queryRaw<{ code: string; position: number }[]>`
      SELECT e.code, e.position FROM ${table(list)} e WHERE e.tenant_id = ${ctx.tenantId}::uuid ORDER BY e.position, e.code`;
    const codes = rows.map((r) => r.code);
    const from = codes.indexOf(code);
    const to = direction === "up" ? from - 1 : from + 1;
    if (from < 0 || to < 0 || to >= codes.length) return;
    [codes[from], codes[to]] = [codes[to] as string, codes[from] as string];
    // Renumbered 0…n−1 in one statement (positions of added entries may have been equal).
    await tx.$executeRaw`
      UPDATE ${table(list)} e SET position = v.ord - 1, updated_at = now()
      FROM unnest(${codes}::text[]) WITH ORDINALITY AS v(code, ord)
      WHERE e.tenant_id = ${ctx.tenantId}::uuid AND e.code = v.code AND e.position <> v.ord - 1`;
    await recordAudit(tx, auditActor(ctx), {
      action: "catalogue.move",
      entityType: ENTITY[list],
      entityId: code,
      before: { position: from },
      after: { position: to },
    });
  });
}

/**
 * Deletes an entry that nothing uses (no service, plan action, need, event or path, and no
 * template obliging it): ENTRY_IN_USE with the number of uses otherwise — retire it instead. The
 * entry's row lock makes a record naming it meanwhile wait, and then fail on its foreign key.
 */
export async function deleteEntry(ctx: TContext, rawList: string, code: string): Promise<void> {
  await assertCan(ctx, "catalogue.manage");
  const list = listOf(rawList);
  await tenantTransaction(ctx.tenantId, async (tx) => {
    const before = await lockEntry(tx, ctx, list, code);
    const uses = await countEntryUses(tx, ctx.tenantId, list, code);
    if (uses > 0) throw new AppError("ENTRY_IN_USE", { params: { entry: before.name, uses } });
    await tx.$executeRaw`DELETE FROM ${table(list)} WHERE tenant_id = ${ctx.tenantId}::uuid AND code = ${code}`;
    await recordAudit(tx, auditActor(ctx), { action: "catalogue.delete", entityType: ENTITY[list], entityId: code, before: auditState(list, before) });
  });
}
