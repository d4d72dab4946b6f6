import "server-only";
import { createHash } from "node:crypto";
import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { checkSupportChoices, type TEntryLookup } from "@/lib/domain/catalogue/rules";
import { IDENTIFIER_FIELDS } from "@/lib/domain/clients/repository";
import { normalizeIdentifier, normalizeNip } from "@/lib/domain/clients/identifiers";
import { clientTakesServices, DELIVERING_ROLES } from "@/lib/domain/services/policy";
import type { TRecordWrite } from "@/lib/domain/services/record-writer";
import { ZServiceInput, type TServiceInput } from "@/lib/domain/services/schemas";
import { choiceMatcher, FIXED_LIST_LABELS, foldCell, splitMultiple, type TServiceColumnKey } from "./columns";
import { parsePolishDate } from "./files";
import { headerOf, schemaIssues, type TIssue } from "./issues";
import type { TRowsResult } from "./client-rows";
import type { TRecord } from "./records";

/**
 * The dry run of a service file, row by row, with the quick-entry form's schema (ZServiceInput:
 * the date not in the future, 5–600 minutes, one client for an individual form, no e-support in
 * person) and the service log's rules: a support type (and, when it asks, a specialist area) that
 * is an active entry of the centre's catalogue, clients of the centre whose support has not ended
 * and whose processing is not restricted, delivering users of the centre. Each row's key is a hash
 * of its content, so importing the same file again finds its records and creates none.
 */

export type TServicePlan =
  | { action: "create"; rowNumber: number; idempotencyKey: string; write: TRecordWrite }
  | { action: "skip"; rowNumber: number; serviceId: string };

const formOf = choiceMatcher(FIXED_LIST_LABELS.workForm);
const channelOf = choiceMatcher(FIXED_LIST_LABELS.channel);

type TParsedRow = {
  rowNumber: number;
  input: Omit<TServiceInput, "clientIds" | "providerIds">;
  /** The identifiers as normalised ("PL", spaces and dashes dropped). */
  identifiers: string[];
  providerEmails: string[];
};

/** A deterministic UUID (v4 layout) from the row's content: the same row always gets the same key. */
function contentKey(tenantId: string, parts: unknown[]): string {
  const hex = createHash("sha256").update(JSON.stringify([tenantId, "service-import", ...parts])).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type TCatalogueNames = { supportType: (cell: string) => string | null; specialistArea: (cell: string) => string | null; lookup: TEntryLookup };

/** The centre's catalogue by code and by name (either may be written), with every entry's state for the rules. */
async function loadCatalogueNames(tx: TTx, tenantId: string): Promise<TCatalogueNames> {
  const types = await tx.supportTypeEntry.findMany({ where: { tenantId }, select: { code: true, name: true, nameEn: true, retiredAt: true, requiresSpecialistArea: true } });
  const areas = await tx.specialistAreaEntry.findMany({ where: { tenantId }, select: { code: true, name: true, nameEn: true, retiredAt: true } });
  const matcher = (entries: { code: string; name: string; nameEn: string | null }[]) => {
    const byFolded = new Map<string, string>();
    for (const entry of entries) {
      byFolded.set(foldCell(entry.code), entry.code);
      if (entry.nameEn) byFolded.set(foldCell(entry.nameEn), entry.code);
    }
    // Polish names last: they win over a code or an English name that folds the same.
    for (const entry of entries) byFolded.set(foldCell(entry.name), entry.code);
    return (cell: string) => byFolded.get(foldCell(cell)) ?? null;
  };
  return {
    supportType: matcher(types),
    specialistArea: matcher(areas),
    lookup: {
      supportType: new Map(types.map((t) => [t.code, { retired: t.retiredAt !== null, requiresSpecialistArea: t.requiresSpecialistArea }])),
      specialistArea: new Map(areas.map((a) => [a.code, { retired: a.retiredAt !== null, requiresSpecialistArea: false }])),
      pathTemplate: new Map(),
    },
  };
}

function parseCells(record: TRecord, catalogue: TCatalogueNames, issues: TIssue[]): TParsedRow {
  const cell = (key: TServiceColumnKey) => record.values[key] ?? "";
  const fail = (key: TServiceColumnKey, message: string) => issues.push({ rowNumber: record.rowNumber, column: headerOf("SERVICES", key), message });
  const date = cell("date") ? parsePolishDate(cell("date")) : null;
  if (cell("date") && !date) fail("date", "validation.invalidDate");
  const choose = (key: TServiceColumnKey, match: (cell: string) => string | null): string | undefined => {
    if (!cell(key)) return undefined;
    const code = match(cell(key));
    if (!code) fail(key, "imports.issues.notOnList");
    return code ?? undefined;
  };
  const input = {
    date: date ?? "",
    startTime: cell("startTime"),
    durationMinutes: cell("durationMinutes"),
    supportType: choose("supportType", catalogue.supportType) ?? "",
    specialistArea: choose("specialistArea", catalogue.specialistArea) ?? "",
    form: choose("form", formOf) as TServiceInput["form"],
    channel: choose("channel", channelOf) as TServiceInput["channel"],
    topic: cell("topic"),
    notes: cell("notes"),
  };
  const identifiers = splitMultiple(cell("clients")).map((value) => normalizeNip(normalizeIdentifier(value)));
  return { rowNumber: record.rowNumber, input, identifiers, providerEmails: splitMultiple(cell("providers")).map((email) => email.toLowerCase()) };
}

type TClientRef = { id: string; status: "WAITING" | "ACTIVE" | "CLOSED"; restricted: boolean; openPathId: string | null };

/** The centre's clients holding any of the identifiers (PESEL, NIP, REGON or KRS), by identifier. */
async function findClients(tx: TTx, tenantId: string, identifiers: string[]): Promise<Map<string, TClientRef>> {
  const found = new Map<string, TClientRef>();
  const all = [...new Set(identifiers)];
  const CHUNK = 5000;
  for (let start = 0; start < all.length; start += CHUNK) {
    const batch = all.slice(start, start + CHUNK);
    const rows = await tx.$queryRaw<(TClientRef & { pesel: string | null; nip: string | null; regon: string | null; krs: string | null })[]>`
      SELECT c.id, c.status::text AS status, c.restricted_at IS NOT NULL AS restricted, c.pesel, c.nip, c.regon, c.krs,
        (SELECT p.id FROM support_path p WHERE p.tenant_id = c.tenant_id AND p.open_client_id = c.id) AS "openPathId"
      FROM client c
      WHERE c.tenant_id = ${tenantId}::uuid
        AND (c.pesel = ANY(${batch}::text[]) OR c.nip = ANY(${batch}::text[]) OR c.regon = ANY(${batch}::text[]) OR c.krs = ANY(${batch}::text[]))`;
    for (const row of rows) {
      for (const field of IDENTIFIER_FIELDS) {
        const value = row[field];
        if (value) found.set(value, { id: row.id, status: row.status, restricted: row.restricted, openPathId: row.openPathId });
      }
    }
  }
  return found;
}

/** Validates every row of a service file and plans what the import would do with it. */
export async function planServiceRows(
  tx: TTx,
  ctx: TContext,
  records: AsyncIterable<TRecord>,
  options: { onProgress: (rows: number) => Promise<void> },
): Promise<TRowsResult<TServicePlan>> {
  const issues: TIssue[] = [];
  const badRows = new Set<number>();
  const catalogue = await loadCatalogueNames(tx, ctx.tenantId);
  const rows: TParsedRow[] = [];
  let totalRows = 0;
  for await (const record of records) {
    totalRows += 1;
    const before = issues.length;
    const row = parseCells(record, catalogue, issues);
    if (issues.length === before) rows.push(row);
    else badRows.add(record.rowNumber);
    if (totalRows % 2000 === 0) await options.onProgress(totalRows);
  }
  const rowIssue = (rowNumber: number, key: TServiceColumnKey | null, message: string, params?: TIssue["params"]) => {
    issues.push({ rowNumber, column: key ? headerOf("SERVICES", key) : null, message, ...(params ? { params } : {}) });
    badRows.add(rowNumber);
  };

  const clients = await findClients(tx, ctx.tenantId, rows.flatMap((row) => row.identifiers));
  const emails = [...new Set(rows.flatMap((row) => row.providerEmails))];
  const users = emails.length === 0 ? [] : await tx.user.findMany({ where: { tenantId: ctx.tenantId, email: { in: emails } }, select: { id: true, email: true, role: true, active: true } });
  const userByEmail = new Map(users.map((user) => [user.email, user]));
  const author = await tx.user.findFirst({ where: { tenantId: ctx.tenantId, id: ctx.userId }, select: { officeId: true } });

  const planned: (Extract<TServicePlan, { action: "create" }>)[] = [];
  const firstRowOfKey = new Map<string, number>();
  for (const [position, row] of rows.entries()) {
    // The second pass checks and hashes every row: it breathes like the first (the bar stays put).
    if (position % 2000 === 1999) await options.onProgress(totalRows);
    const before = issues.length;
    const refs = row.identifiers.map((identifier, index) => {
      const ref = clients.get(identifier);
      if (!ref) rowIssue(row.rowNumber, "clients", "imports.issues.unknownClient", { position: index + 1 });
      else if (!clientTakesServices(ref)) rowIssue(row.rowNumber, "clients", "imports.issues.clientSupportEnded", { position: index + 1 });
      else if (ref.restricted) rowIssue(row.rowNumber, "clients", "imports.issues.clientRestricted", { position: index + 1 });
      return ref;
    });
    const providerIds = row.providerEmails.map((email) => {
      const user = userByEmail.get(email);
      if (!user) rowIssue(row.rowNumber, "providers", "imports.issues.unknownUser");
      else if (!user.active || !(DELIVERING_ROLES as readonly string[]).includes(user.role)) rowIssue(row.rowNumber, "providers", "validation.notAProvider");
      return user?.id ?? "";
    });
    if (issues.length > before) continue;
    const parsed = ZServiceInput.safeParse({ ...row.input, clientIds: refs.map((ref) => ref?.id ?? ""), providerIds });
    if (!parsed.success) {
      issues.push(...schemaIssues("SERVICES", row.rowNumber, parsed.error, (field) => (field === "clientIds" ? "clients" : field === "providerIds" ? "providers" : field)));
      badRows.add(row.rowNumber);
      continue;
    }
    const input = parsed.data;
    const { fieldErrors, specialistAreas } = checkSupportChoices(catalogue.lookup, [
      { supportType: input.supportType, specialistArea: input.specialistArea, fields: { supportType: "supportType", specialistArea: "specialistArea" } },
    ]);
    for (const [field, message] of Object.entries(fieldErrors)) rowIssue(row.rowNumber, field as TServiceColumnKey, `validation.${message}`);
    if (issues.length > before) continue;
    const clientIds = [...input.clientIds].sort();
    const providers = input.providerIds.length > 0 ? [...input.providerIds].sort() : [ctx.userId];
    const idempotencyKey = contentKey(ctx.tenantId, [input.date, input.startTime, input.durationMinutes, input.form, input.channel, input.supportType, specialistAreas[0] ?? null, input.topic, input.notes, clientIds, providers]);
    const first = firstRowOfKey.get(idempotencyKey);
    if (first !== undefined) {
      rowIssue(row.rowNumber, null, "imports.issues.duplicateInFile", { row: first });
      continue;
    }
    firstRowOfKey.set(idempotencyKey, row.rowNumber);
    const openPath = new Map(input.clientIds.map((id) => [id, refs.find((ref) => ref?.id === id)?.openPathId ?? null]));
    planned.push({
      action: "create",
      rowNumber: row.rowNumber,
      idempotencyKey,
      write: {
        date: input.date,
        startTime: input.startTime,
        durationMinutes: input.durationMinutes,
        form: input.form,
        channel: input.channel,
        supportType: input.supportType,
        specialistArea: specialistAreas[0] ?? null,
        topic: input.topic,
        notes: input.notes,
        nextSteps: null,
        officeId: author?.officeId ?? null,
        participations: input.clientIds.map((clientId) => ({ clientId, pathId: openPath.get(clientId) ?? null, planActionId: null })),
        providerIds: providers,
        planActionIds: {},
      },
    });
  }

  // Rows already imported (the same content, from this file or an earlier one) are skipped.
  const plans: TServicePlan[] = [];
  const CHUNK = 5000;
  for (let start = 0; start < planned.length; start += CHUNK) {
    const batch = planned.slice(start, start + CHUNK);
    const existing = await tx.$queryRaw<{ id: string; key: string }[]>`
      SELECT id, idempotency_key::text AS key FROM service_record
      WHERE tenant_id = ${ctx.tenantId}::uuid AND idempotency_key = ANY(${batch.map((plan) => plan.idempotencyKey)}::uuid[])`;
    const byKey = new Map(existing.map((row) => [row.key, row.id]));
    for (const plan of batch) {
      const serviceId = byKey.get(plan.idempotencyKey);
      plans.push(serviceId ? { action: "skip", rowNumber: plan.rowNumber, serviceId } : plan);
    }
  }
  await options.onProgress(totalRows);
  return { plans: plans.filter((plan) => !badRows.has(plan.rowNumber)), issues, totalRows, rowsWithIssues: badRows.size };
}
