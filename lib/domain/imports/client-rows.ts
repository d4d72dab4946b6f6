import "server-only";
import type { TContext } from "@/lib/auth/context";
import type { TTx } from "@/lib/db/transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { importCapacityProblems, readImportAdvisors } from "@/lib/domain/caseload/import-assignments";
import { foldForSearch } from "@/lib/domain/clients/normalize";
import { CLIENT_FULL_SELECT, IDENTIFIER_FIELDS, stateOfRow, type TClientState } from "@/lib/domain/clients/repository";
import { ZClientInput, type TClientInput } from "@/lib/domain/clients/schemas";
import { choiceMatcher, FIXED_LIST_LABELS, foldCell, parseYesNo, splitMultiple, type TClientColumnKey } from "./columns";
import { headerOf, rowRanges, schemaIssues, type TIssue } from "./issues";
import type { TRecord } from "./records";

/**
 * The dry run of a client file, row by row, with the same schema as the client form (ZClientInput:
 * identifiers and their check digits, the kind's rules, e-mail, phone, postal code, dates) and the
 * same rules as the services: identifiers unique in the centre (and in the file), advisors who are
 * active key advisors of the centre, and the cap — the file's new clients counted per advisor over
 * the whole file against their load and limit. The import runs it again inside its transaction,
 * under the advisors' locks, and writes only what it planned.
 */

type TClientStatus = "WAITING" | "ACTIVE" | "CLOSED";

export type TClientPlan =
  | { action: "create"; rowNumber: number; state: TClientState; status: TClientStatus; advisorId: string | null }
  | { action: "update"; rowNumber: number; clientId: string; before: TClientState; state: TClientState }
  | { action: "skip"; rowNumber: number; clientId: string };

export type TRowsResult<P> = { plans: P[]; issues: TIssue[]; totalRows: number; rowsWithIssues: number };

const kindOf = choiceMatcher(FIXED_LIST_LABELS.clientKind);
const subtypeOf = choiceMatcher(FIXED_LIST_LABELS.clientSubtype);
const statusOf = choiceMatcher(FIXED_LIST_LABELS.clientStatus);
const sphereOf = choiceMatcher(FIXED_LIST_LABELS.kpresSphere);

const BOOLEAN_KEYS = ["atRiskOfExclusion", "hasDisability", "aged50Plus", "leavingReintegrationEntity", "longTermUnemployed"] as const;
const TEXT_KEYS = ["name", "pesel", "nip", "regon", "krs", "email", "phone", "county", "commune", "town", "street", "postalCode", "notes"] as const;

/** A row read from the file: the fields its non-empty cells give (an update keeps the rest), and what it asks of the caseload. */
type TParsedRow = {
  rowNumber: number;
  given: Partial<TClientInput>;
  status: TClientStatus | null;
  advisorEmail: string | null;
  officeName: string | null;
};

/** The cells of one row as client input; a cell that is no choice of its list is an issue under its column. */
function parseCells(record: TRecord, issues: TIssue[]): TParsedRow {
  const cell = (key: TClientColumnKey) => record.values[key] ?? "";
  const fail = (key: TClientColumnKey, message: string) => issues.push({ rowNumber: record.rowNumber, column: headerOf("CLIENTS", key), message });
  const given: Partial<TClientInput> = {};
  const text: Partial<Record<(typeof TEXT_KEYS)[number], string>> = {};
  for (const key of TEXT_KEYS) if (cell(key)) text[key] = cell(key);
  Object.assign(given, text, cell("voivodeship") ? { voivodeship: cell("voivodeship").toLowerCase() } : {});
  if (cell("kind")) {
    const kind = kindOf(cell("kind"));
    if (kind) given.kind = kind as TClientInput["kind"];
    else fail("kind", "imports.issues.notOnList");
  }
  if (cell("subtype")) given.subtype = subtypeOf(cell("subtype")) ?? cell("subtype");
  for (const key of BOOLEAN_KEYS) {
    if (!cell(key)) continue;
    const value = parseYesNo(cell(key));
    if (value === null) fail(key, "imports.issues.yesOrNo");
    else given[key] = value;
  }
  if (cell("kpresSpheres")) {
    const spheres = splitMultiple(cell("kpresSpheres")).map(sphereOf);
    if (spheres.some((sphere) => sphere === null)) fail("kpresSpheres", "imports.issues.notOnList");
    else given.kpresSpheres = spheres as TClientInput["kpresSpheres"];
  }
  let status: TClientStatus | null = null;
  if (cell("status")) {
    status = statusOf(cell("status")) as TClientStatus | null;
    if (!status) fail("status", "imports.issues.notOnList");
  }
  return {
    rowNumber: record.rowNumber,
    given,
    status,
    advisorEmail: cell("advisorEmail") ? cell("advisorEmail").toLowerCase() : null,
    officeName: cell("office") || null,
  };
}

/** The form's schema over a row; its field errors under their columns. */
function parseClient(rowNumber: number, input: TClientInput, issues: TIssue[]): TClientState | null {
  const parsed = ZClientInput.safeParse(input);
  if (!parsed.success) {
    issues.push(...schemaIssues("CLIENTS", rowNumber, parsed.error, (field) => (field === "officeId" ? "office" : field)));
    return null;
  }
  const { confirmPossibleDuplicate: _confirm, ...state } = parsed.data;
  return state;
}

/** A client's state as form input (an update starts from it and takes the file's non-empty cells). */
function inputOfState(state: TClientState): TClientInput {
  return { ...state, consentDate: state.consentDate ?? null };
}

type TExisting = { id: string; restricted: boolean; anonymised: boolean; keyAdvisorId: string | null; status: TClientStatus };

/** Clients of the tenant holding any of the identifiers, by "field:value". */
async function findByIdentifiers(tx: TTx, tenantId: string, values: Record<(typeof IDENTIFIER_FIELDS)[number], string[]>): Promise<Map<string, TExisting>> {
  const found = new Map<string, TExisting>();
  const CHUNK = 5000;
  for (const field of IDENTIFIER_FIELDS) {
    const all = [...new Set(values[field])];
    for (let start = 0; start < all.length; start += CHUNK) {
      const rows = await tx.$queryRaw<(TExisting & { value: string })[]>`
        SELECT id, ${Prisma.raw(field)} AS value, restricted_at IS NOT NULL AS restricted, anonymised_at IS NOT NULL AS anonymised,
               key_advisor_id AS "keyAdvisorId", status::text AS status
        FROM client WHERE tenant_id = ${tenantId}::uuid AND ${Prisma.raw(field)} = ANY(${all.slice(start, start + CHUNK)}::text[])`;
      for (const { value, ...row } of rows) found.set(`${field}:${value}`, row);
    }
  }
  return found;
}

/** Clients of the tenant by "folded name|folded town", for rows that carry no identifier. */
async function findByNameAndTown(tx: TTx, tenantId: string, keys: { name: string; town: string }[]): Promise<Map<string, TExisting>> {
  const found = new Map<string, TExisting>();
  const CHUNK = 5000;
  for (let start = 0; start < keys.length; start += CHUNK) {
    const batch = keys.slice(start, start + CHUNK);
    const rows = await tx.$queryRaw<(TExisting & { key: string })[]>`
      SELECT c.id, c.name_normalized || '|' || c.town_normalized AS key, c.restricted_at IS NOT NULL AS restricted,
             c.anonymised_at IS NOT NULL AS anonymised, c.key_advisor_id AS "keyAdvisorId", c.status::text AS status
      FROM client c JOIN unnest(${batch.map((k) => k.name)}::text[], ${batch.map((k) => k.town)}::text[]) AS k(name, town)
        ON c.name_normalized = k.name AND c.town_normalized = k.town
      WHERE c.tenant_id = ${tenantId}::uuid
      ORDER BY c.created_at, c.id`;
    for (const { key, ...row } of rows) if (!found.has(key)) found.set(key, row);
  }
  return found;
}

/** The file's identifiers as the schema normalises them (spaces, dashes, a "PL" before a NIP dropped). */
function identifiersOf(state: Pick<TClientState, (typeof IDENTIFIER_FIELDS)[number]>) {
  return IDENTIFIER_FIELDS.flatMap((field) => (state[field] ? [{ field, value: state[field] as string }] : []));
}

/**
 * Validates every row of a client file and plans what the import would do with it. `lockAdvisors`:
 * read the advisors under their row locks (the import), or without (the dry run).
 */
export async function planClientRows(
  tx: TTx,
  ctx: TContext,
  records: AsyncIterable<TRecord>,
  options: { updateExisting: boolean; lockAdvisors: boolean; onProgress: (rows: number) => Promise<void> },
): Promise<TRowsResult<TClientPlan>> {
  const issues: TIssue[] = [];
  const rows: (TParsedRow & { state: TClientState })[] = [];
  const badRows = new Set<number>();
  let totalRows = 0;

  // 1. Each row alone, as it streams in: its cells and the form's schema.
  for await (const record of records) {
    totalRows += 1;
    const before = issues.length;
    const row = parseCells(record, issues);
    const state = issues.length === before ? parseClient(record.rowNumber, row.given as TClientInput, issues) : null;
    if (state) rows.push({ ...row, state });
    else badRows.add(record.rowNumber);
    if (totalRows % 1000 === 0) await options.onProgress(totalRows);
  }
  const rowIssue = (rowNumber: number, key: TClientColumnKey | null, message: string, params?: TIssue["params"]) => {
    issues.push({ rowNumber, column: key ? headerOf("CLIENTS", key) : null, message, ...(params ? { params } : {}) });
    badRows.add(rowNumber);
  };

  // 2. Duplicates inside the file: an identifier, or (without one) a name in a town, seen on an earlier row.
  const firstRowOf = new Map<string, number>();
  for (const row of rows) {
    const ids = identifiersOf(row.state);
    const keys: { column: TClientColumnKey; key: string }[] =
      ids.length > 0
        ? ids.map(({ field, value }) => ({ column: field, key: `${field}:${value}` }))
        : row.state.town
          ? [{ column: "name", key: `name:${foldForSearch(row.state.name)}|${foldForSearch(row.state.town)}` }]
          : [];
    for (const { column, key } of keys) {
      const first = firstRowOf.get(key);
      if (first !== undefined) rowIssue(row.rowNumber, column, "imports.issues.duplicateInFile", { row: first });
      else firstRowOf.set(key, row.rowNumber);
    }
  }

  // 3. The centre's clients these rows name, the offices and the advisors.
  const identifierValues = { pesel: [] as string[], nip: [] as string[], regon: [] as string[], krs: [] as string[] };
  const nameKeys: { name: string; town: string }[] = [];
  for (const row of rows) {
    const ids = identifiersOf(row.state);
    for (const { field, value } of ids) identifierValues[field].push(value);
    if (ids.length === 0 && row.state.town) nameKeys.push({ name: foldForSearch(row.state.name), town: foldForSearch(row.state.town) });
  }
  const byIdentifier = await findByIdentifiers(tx, ctx.tenantId, identifierValues);
  const byName = await findByNameAndTown(tx, ctx.tenantId, nameKeys);
  const offices = await tx.office.findMany({ where: { tenantId: ctx.tenantId }, select: { id: true, name: true } });
  const officeByName = new Map(offices.map((office) => [foldCell(office.name), office.id]));
  const emails = [...new Set(rows.flatMap((row) => (row.advisorEmail ? [row.advisorEmail] : [])))];
  const users = emails.length === 0 ? [] : await tx.user.findMany({ where: { tenantId: ctx.tenantId, email: { in: emails } }, select: { id: true, email: true, role: true, active: true } });
  const userByEmail = new Map(users.map((user) => [user.email, user]));

  // 4. Each row against the centre: what it would do.
  const plans: TClientPlan[] = [];
  const adding = new Map<string, number[]>();
  for (const [position, row] of rows.entries()) {
    if (position % 1000 === 999) await options.onProgress(totalRows);
    if (badRows.has(row.rowNumber)) continue;
    const issuesBefore = issues.length;
    let officeId: string | null = null;
    if (row.officeName) {
      officeId = officeByName.get(foldCell(row.officeName)) ?? null;
      if (!officeId) rowIssue(row.rowNumber, "office", "validation.unknownOffice");
    }
    let advisorId: string | null = null;
    if (row.advisorEmail) {
      const user = userByEmail.get(row.advisorEmail);
      if (!user) rowIssue(row.rowNumber, "advisorEmail", "imports.issues.unknownUser");
      else if (user.role !== "KEY_ADVISOR" || !user.active) rowIssue(row.rowNumber, "advisorEmail", "validation.notAKeyAdvisor");
      else advisorId = user.id;
    }
    const ids = identifiersOf(row.state);
    const matches = ids.length > 0 ? ids.map(({ field, value }) => byIdentifier.get(`${field}:${value}`)) : row.state.town ? [byName.get(`${foldForSearch(row.state.name)}|${foldForSearch(row.state.town)}`)] : [];
    const existingIds = new Set(matches.flatMap((match) => (match ? [match.id] : [])));
    if (existingIds.size > 1) rowIssue(row.rowNumber, null, "imports.issues.identifiersOfDifferentClients");
    if (issues.length > issuesBefore) continue;

    const existing = matches.find((match) => match !== undefined);
    if (existing) {
      if (!options.updateExisting) {
        plans.push({ action: "skip", rowNumber: row.rowNumber, clientId: existing.id });
        continue;
      }
      if (existing.anonymised) rowIssue(row.rowNumber, null, "imports.issues.clientAnonymised");
      else if (existing.restricted) rowIssue(row.rowNumber, null, "imports.issues.clientRestricted");
      // A move between advisors, to the queue or closed goes through the caseload's own screens.
      else if ((advisorId && advisorId !== existing.keyAdvisorId) || (row.status && row.status !== existing.status)) {
        rowIssue(row.rowNumber, advisorId ? "advisorEmail" : "status", "imports.issues.moveNotImported");
      }
      plans.push({ action: "update", rowNumber: row.rowNumber, clientId: existing.id, before: row.state, state: row.state });
      continue;
    }
    const status: TClientStatus = row.status ?? (advisorId ? "ACTIVE" : "WAITING");
    if (status === "ACTIVE" && !advisorId) rowIssue(row.rowNumber, "advisorEmail", "imports.issues.activeNeedsAdvisor");
    else if (status !== "ACTIVE" && advisorId) rowIssue(row.rowNumber, "status", "imports.issues.advisorOnlyWhenActive");
    if (issues.length > issuesBefore) continue;
    plans.push({ action: "create", rowNumber: row.rowNumber, state: { ...row.state, officeId }, status, advisorId });
    if (advisorId) adding.set(advisorId, [...(adding.get(advisorId) ?? []), row.rowNumber]);
  }

  // 5. Updates: the existing record, with the file's non-empty cells over it, through the schema again.
  const updates = plans.filter((plan): plan is Extract<TClientPlan, { action: "update" }> => plan.action === "update" && !badRows.has(plan.rowNumber));
  const given = new Map(rows.map((row) => [row.rowNumber, row]));
  for (let start = 0; start < updates.length; start += 1000) {
    const batch = updates.slice(start, start + 1000);
    const current = await tx.client.findMany({ where: { tenantId: ctx.tenantId, id: { in: batch.map((plan) => plan.clientId) } }, select: CLIENT_FULL_SELECT });
    const byId = new Map(current.map((client) => [client.id, stateOfRow(client)]));
    for (const plan of batch) {
      const before = byId.get(plan.clientId);
      const row = given.get(plan.rowNumber);
      if (!before || !row) continue;
      const officeId = row.officeName ? (officeByName.get(foldCell(row.officeName)) ?? null) : before.officeId;
      const state = parseClient(plan.rowNumber, { ...inputOfState(before), ...row.given, officeId }, issues);
      if (!state) badRows.add(plan.rowNumber);
      else Object.assign(plan, { before, state });
    }
  }

  // 6. The cap, over the whole file: each advisor's new clients against their load and limit.
  if (adding.size > 0) {
    const read = await readImportAdvisors(tx, ctx.tenantId, [...adding.keys()], { lock: options.lockAdvisors });
    for (const problem of importCapacityProblems(read, adding)) {
      for (const rowNumber of problem.rows) {
        rowIssue(rowNumber, "advisorEmail", "imports.issues.advisorOverLimit", {
          advisor: problem.advisor.name,
          load: problem.load,
          limit: problem.limit,
          adding: problem.adding,
          rows: rowRanges(problem.rows),
        });
      }
    }
  }
  await options.onProgress(totalRows);
  return { plans: plans.filter((plan) => !badRows.has(plan.rowNumber)), issues, totalRows, rowsWithIssues: badRows.size };
}
