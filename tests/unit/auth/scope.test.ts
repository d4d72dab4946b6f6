import { describe, expect, it } from "vitest";
import { can, PERMISSIONS, ROLES } from "@/lib/auth/permissions";
import { inScope, NO_RELATION, PERMISSION_SCOPES, relationToStaff, scopesOf, staffFilter, type TScopedPermission } from "@/lib/auth/scope";
import { readmeScopes } from "@/tests/support/readme-tables";

const scoped = Object.keys(PERMISSION_SCOPES) as TScopedPermission[];

describe("README scope table", () => {
  it("lists every role, in the order of the data", () => {
    expect(readmeScopes().roles).toEqual([...ROLES]);
  });

  it("says exactly what lib/auth/scope.ts says", () => {
    const expected = Object.fromEntries(
      Object.entries(PERMISSION_SCOPES).map(([permission, byRole]) => [
        permission,
        Object.fromEntries(Object.entries(byRole).map(([role, scopes]) => [role, [...scopes]])),
      ]),
    );
    expect(readmeScopes().scopes).toEqual(expected);
  });
});

describe("scope data", () => {
  it("gives a scope to exactly the roles holding each scoped permission", () => {
    for (const permission of scoped) {
      const withScope = ROLES.filter((role) => scopesOf(role, permission).length > 0);
      expect(withScope, permission).toEqual(ROLES.filter((role) => can(role, permission)));
      expect(Object.keys(PERMISSION_SCOPES[permission]).sort(), permission).toEqual([...PERMISSIONS[permission]].sort());
    }
  });

  it("fails closed for unknown roles and roles without the permission", () => {
    expect(scopesOf("SUPERUSER", "clients.read")).toEqual([]);
    expect(inScope({ role: "ADMIN" }, "clients.read", { own: true, team: true, partner: true })).toBe(false);
  });
});

describe("inScope", () => {
  it("grants centre-wide scopes with no relation at all", () => {
    expect(inScope({ role: "MANAGER" }, "clients.write", NO_RELATION)).toBe(true);
    expect(inScope({ role: "AUDITOR" }, "clients.read", NO_RELATION)).toBe(true);
    expect(inScope({ role: "AUDITOR" }, "services.log", { own: true, team: true, partner: true })).toBe(false);
  });

  it("limits a key advisor's writes to their own clients and reads to the team", () => {
    const teamOnly = { own: false, team: true, partner: false };
    expect(inScope({ role: "KEY_ADVISOR" }, "clients.read", teamOnly)).toBe(true);
    expect(inScope({ role: "KEY_ADVISOR" }, "clients.write", teamOnly)).toBe(false);
    expect(inScope({ role: "KEY_ADVISOR" }, "clients.write", { own: true, team: true, partner: false })).toBe(true);
    expect(inScope({ role: "ANIMATOR" }, "services.log", NO_RELATION)).toBe(false);
  });

  it("lets a coordinator act on their partner's clients and their own team", () => {
    expect(inScope({ role: "COORDINATOR" }, "clients.write", { own: false, team: false, partner: true })).toBe(true);
    expect(inScope({ role: "COORDINATOR" }, "services.log", { own: false, team: true, partner: false })).toBe(true);
    expect(inScope({ role: "COORDINATOR" }, "clients.write", { own: false, team: true, partner: false })).toBe(false);
  });
});

describe("staff scope", () => {
  const me = { role: "COORDINATOR" as const, userId: "u1", partnerId: "p1" };

  it("relates a coordinator to themself and their partner's staff", () => {
    expect(relationToStaff(me, { id: "u1", partnerId: "p1" })).toEqual({ own: true, team: false, partner: true });
    expect(relationToStaff(me, { id: "u2", partnerId: "p2" })).toEqual(NO_RELATION);
    expect(relationToStaff({ userId: "u3", partnerId: null }, { id: "u2", partnerId: null }).partner).toBe(false);
  });

  it("filters lists of staff without sentinel ids", () => {
    expect(staffFilter({ ...me, role: "MANAGER" }, "services.timesheet")).toBe("all");
    expect(staffFilter(me, "services.timesheet")).toEqual({ userIds: ["u1"], partnerIds: ["p1"] });
    expect(staffFilter({ ...me, partnerId: null }, "caseload.board.view")).toEqual({ userIds: [], partnerIds: [] });
    expect(staffFilter({ ...me, role: "ANIMATOR" }, "caseload.board.view")).toEqual({ userIds: [], partnerIds: [] });
  });
});
