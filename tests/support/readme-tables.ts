import { readFileSync } from "node:fs";
import path from "node:path";

/**
 * A table of README.md between `<!-- name:start -->` and `<!-- name:end -->`, parsed into its
 * column headers (after the first) and, per row key (backticks removed), the cells by header.
 * Tests generate their expectations from these tables so the README cannot drift from the code.
 */
export function readmeTable(name: string): { columns: string[]; rows: Record<string, Record<string, string>> } {
  const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
  const block = readme.split(`<!-- ${name}:start -->`)[1]?.split(`<!-- ${name}:end -->`)[0];
  if (!block) throw new Error(`README.md has no table between the ${name} markers`);
  const lines = block
    .trim()
    .split("\n")
    .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
  const [header, , ...body] = lines;
  const columns = (header ?? []).slice(1);
  const rows: Record<string, Record<string, string>> = {};
  for (const cells of body) {
    const key = (cells[0] ?? "").replaceAll("`", "");
    rows[key] = Object.fromEntries(columns.map((column, i) => [column, cells[i + 1] ?? ""]));
  }
  return { columns, rows };
}

/** The README's permissions table as permission → roles granted (✓). */
export function readmePermissions(): { roles: string[]; grants: Record<string, string[]> } {
  const { columns, rows } = readmeTable("permissions");
  const grants = Object.fromEntries(
    Object.entries(rows).map(([permission, cells]) => [permission, columns.filter((role) => cells[role] === "✓")]),
  );
  return { roles: columns, grants };
}

/** The README's scope table as permission → role → scopes (roles with no scope omitted). */
export function readmeScopes(): { roles: string[]; scopes: Record<string, Record<string, string[]>> } {
  const { columns, rows } = readmeTable("scopes");
  const scopes: Record<string, Record<string, string[]>> = {};
  for (const [permission, cells] of Object.entries(rows)) {
    scopes[permission] = {};
    for (const role of columns) {
      const list = (cells[role] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
      if (list.length) scopes[permission][role] = list;
    }
  }
  return { roles: columns, scopes };
}
