import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES } from "@/lib/auth/permissions";
import { readmePermissions } from "@/tests/support/readme-tables";

describe("README roles and permissions table", () => {
  it("lists every role, in the order of the data", () => {
    expect(readmePermissions().roles).toEqual([...ROLES]);
  });

  it("grants exactly what lib/auth/permissions.ts grants", () => {
    const expected = Object.fromEntries(Object.entries(PERMISSIONS).map(([p, roles]) => [p, [...roles]]));
    expect(readmePermissions().grants).toEqual(expected);
  });
});
