import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Issue 11, "one home per rule": the caseload area (lib/domain/caseload) is the only writer of
 * load — of client_assignment and of a client's key advisor and assignment status — so the cap
 * has exactly one enforcement site. This scans the app's sources (their syntax, not their text) and
 * fails on any other writer: a Prisma write to clientAssignment, a Prisma write to client setting
 * keyAdvisorId/keyAdvisor (or status on an update), or raw SQL doing the same.
 */

const ROOT = path.resolve(__dirname, "../../../..");
const SCANNED = ["app", "components", "lib", "prisma", "scripts"];
const SKIPPED_DIRS = new Set(["node_modules", "generated", "migrations", ".next"]);
const HOME = "lib/domain/caseload/";
/**
 * Not the app: the benchmarks bulk-insert their own throwaway database (clients with advisors and
 * their assignment rows) before timing the services. Tests' factories are outside SCANNED.
 */
const ALLOWED = new Set(["scripts/bench/seeders/caseload.ts", "scripts/bench/seeders/service-log.ts", "scripts/bench/pages/seed.ts"]);

const PRISMA_WRITES = new Set(["create", "createMany", "createManyAndReturn", "update", "updateMany", "updateManyAndReturn", "upsert", "delete", "deleteMany"]);
const CLIENT_UPDATES = new Set(["update", "updateMany", "updateManyAndReturn"]);
const SQL_WRITES: [RegExp, string][] = [
  [/\b(insert\s+into|update|delete\s+from)\s+"?client_assignment\b/i, "raw SQL writes client_assignment"],
  [/\bupdate\s+"?client"?\s[^;]*?\bset\b[^;]*?\b(key_advisor_id|status)\b/i, "raw SQL updates client.key_advisor_id/status"],
  [/\binsert\s+into\s+"?client"?\s*\([^)]*\bkey_advisor_id\b/i, "raw SQL inserts a client with a key advisor"],
];

type TFinding = { file: string; line: number; what: string };

function propertyNames(node: ts.Expression | undefined): string[] {
  if (!node) return [];
  if (ts.isArrayLiteralExpression(node)) return node.elements.flatMap((e) => propertyNames(e));
  if (!ts.isObjectLiteralExpression(node)) return [];
  return node.properties.flatMap((p) => (p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : []));
}

function property(node: ts.Expression | undefined, name: string): ts.Expression | undefined {
  if (!node || !ts.isObjectLiteralExpression(node)) return undefined;
  for (const p of node.properties) {
    if (ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name) return p.initializer;
  }
  return undefined;
}

/** Every write to load in `source` (a file's text, `file` its path for the report). */
function findLoadWriters(file: string, source: string): TFinding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: TFinding[] = [];
  const report = (node: ts.Node, what: string) => findings.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, what });

  const visit = (node: ts.Node) => {
    // tx.clientAssignment.create(…), prisma.client.update({ data: { keyAdvisorId } }), …
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ts.isPropertyAccessExpression(node.expression.expression)) {
      const method = node.expression.name.text;
      const model = node.expression.expression.name.text;
      if (PRISMA_WRITES.has(method) && model === "clientAssignment") report(node, `clientAssignment.${method}`);
      if (PRISMA_WRITES.has(method) && model === "client") {
        const args = node.arguments[0];
        const datas: [ts.Expression | undefined, boolean][] =
          method === "upsert" ? [[property(args, "create"), false], [property(args, "update"), true]] : [[property(args, "data"), CLIENT_UPDATES.has(method)]];
        for (const [data, isUpdate] of datas) {
          const names = propertyNames(data);
          if (names.includes("keyAdvisorId") || names.includes("keyAdvisor")) report(node, `client.${method} sets the key advisor`);
          if (isUpdate && names.includes("status")) report(node, `client.${method} sets the status`);
        }
      }
    }
    // Raw SQL in strings and templates (tagged or not), and bulk helpers naming the table.
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) {
      const text = ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join(" ? ") : node.text;
      if (text === "client_assignment") report(node, "names client_assignment for a write");
      for (const [pattern, what] of SQL_WRITES) if (pattern.test(text)) report(node, what);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return findings;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sourceFiles(relative);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

function scan(files: string[]): TFinding[] {
  return files.flatMap((file) => findLoadWriters(file, readFileSync(path.join(ROOT, file), "utf8")));
}

describe("the caseload area is the only writer of load", () => {
  const files = SCANNED.flatMap(sourceFiles);

  it("no file outside lib/domain/caseload writes client_assignment, a client's key advisor or their assignment status", () => {
    const outside = files.filter((file) => !file.startsWith(HOME) && !ALLOWED.has(file));
    expect(outside.length).toBeGreaterThan(100);
    expect(scan(outside)).toEqual([]);
  });

  it("the scan sees the real writer: lib/domain/caseload/move-client.ts", () => {
    const found = scan(files.filter((file) => file.startsWith(HOME)));
    expect(found.map((f) => `${f.file}: ${f.what}`)).toEqual(
      expect.arrayContaining([
        "lib/domain/caseload/move-client.ts: clientAssignment.updateMany",
        "lib/domain/caseload/move-client.ts: clientAssignment.create",
        "lib/domain/caseload/move-client.ts: client.update sets the key advisor",
        "lib/domain/caseload/move-client.ts: client.update sets the status",
      ]),
    );
  });

  it.each([
    ["await tx.clientAssignment.create({ data: { clientId, advisorId } });", "clientAssignment.create"],
    ["await tx.clientAssignment.updateMany({ where: {}, data: { releasedAt: now } });", "clientAssignment.updateMany"],
    ["await tx.client.update({ where, data: { status: \"CLOSED\", keyAdvisorId: null } });", "client.update sets the key advisor"],
    ["await tx.client.updateMany({ where, data: { status: \"WAITING\" } });", "client.updateMany sets the status"],
    ["await tx.client.create({ data: { name, keyAdvisor: { connect: { id } } } });", "client.create sets the key advisor"],
    ["await tx.client.upsert({ where, create: { name }, update: { keyAdvisorId: id } });", "client.upsert sets the key advisor"],
    ["await tx.$executeRaw`UPDATE client SET key_advisor_id = ${id} WHERE id = ${clientId}`;", "raw SQL updates client.key_advisor_id/status"],
    ["await db.query(`INSERT INTO client_assignment (id) VALUES ($1)`, [id]);", "raw SQL writes client_assignment"],
    ["await db.query('insert into client (id, tenant_id, key_advisor_id) values ($1, $2, $3)');", "raw SQL inserts a client with a key advisor"],
    ["await bulkInsert(db, \"client_assignment\", columns, rows);", "names client_assignment for a write"],
  ])("flags %s", (source, what) => {
    expect(findLoadWriters("example.ts", source).map((f) => f.what)).toContain(what);
  });

  it.each([
    "await tx.client.update({ where, data: { name: \"Nowa nazwa\" } });",
    "await tx.client.create({ data: { ...clientData(state), status: \"WAITING\", waitingSince: now } });",
    "await tx.client.findMany({ where: { keyAdvisorId: ctx.userId, status: \"ACTIVE\" } });",
    "await tx.supportPath.update({ where, data: { keyAdvisorId: advisorId } });",
    "await tx.$queryRaw`SELECT id FROM client WHERE id = ${id} FOR UPDATE`;",
    "await tx.$queryRaw`SELECT released_at FROM client_assignment WHERE client_id = ${id}`;",
  ])("leaves alone %s", (source) => {
    expect(findLoadWriters("example.ts", source)).toEqual([]);
  });
});
