import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES } from "@/lib/auth/permissions";

/** The README's roles table, parsed back into permission → roles. */
function readmeTable(): { roles: string[]; grants: Record<string, string[]> } {
  const readme = readFileSync(path.resolve(__dirname, "../../../README.md"), "utf8");
  const block = readme.split("<!-- permissions:start -->")[1]?.split("<!-- permissions:end -->")[0];
  if (!block) throw new Error("README.md has no permissions table between its markers");
  const rows = block
    .trim()
    .split("\n")
    .map((line) => line.split("|").slice(1, -1).map((cell) => cell.trim()));
  const [header, , ...body] = rows;
  const roles = (header ?? []).slice(1);
  const grants: Record<string, string[]> = {};
  for (const cells of body) {
    const permission = (cells[0] ?? "").replaceAll("`", "");
    grants[permission] = roles.filter((_, i) => cells[i + 1] === "✓");
  }
  return { roles, grants };
}

describe("README roles and permissions table", () => {
  it("lists every role, in the order of the data", () => {
    expect(readmeTable().roles).toEqual([...ROLES]);
  });

  it("grants exactly what lib/auth/permissions.ts grants", () => {
    const expected = Object.fromEntries(Object.entries(PERMISSIONS).map(([p, roles]) => [p, [...roles]]));
    expect(readmeTable().grants).toEqual(expected);
  });
});
