import { describe, expect, it } from "vitest";
import { can, isRole, PERMISSIONS, ROLES, type TPermission } from "@/lib/auth/permissions";

const PERMISSION_NAMES = Object.keys(PERMISSIONS) as TPermission[];

describe("can", () => {
  it.each(["ROOT", "admin", "", " ADMIN", "__proto__", "constructor", undefined, null, 1, {}, ["ADMIN"]])(
    "refuses every permission to the unknown role %j",
    (role) => {
      for (const permission of PERMISSION_NAMES) expect(can(role, permission), permission).toBe(false);
    },
  );

  it.each(["users.delete", "", "USERS.MANAGE", "users", "__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])(
    "refuses the unknown permission %j to every role",
    (permission) => {
      for (const role of ROLES) expect(can(role, permission), role).toBe(false);
    },
  );

  it("grants exactly what the table lists", () => {
    for (const permission of PERMISSION_NAMES) {
      const allowed: readonly string[] = PERMISSIONS[permission];
      for (const role of ROLES) expect(can(role, permission), `${role} ${permission}`).toBe(allowed.includes(role));
    }
  });
});

describe("the permission table", () => {
  it("names only known roles, each at most once, and grants every permission to someone", () => {
    for (const permission of PERMISSION_NAMES) {
      const allowed: readonly string[] = PERMISSIONS[permission];
      expect(allowed.length, permission).toBeGreaterThan(0);
      expect(allowed.filter((role) => !isRole(role)), permission).toEqual([]);
      expect(new Set(allowed).size, permission).toBe(allowed.length);
    }
  });

  it("gives the AUDITOR no *.manage permission: an auditor reads, never changes", () => {
    const manage = PERMISSION_NAMES.filter((p) => p.endsWith(".manage"));
    expect(manage.length).toBeGreaterThan(0);
    expect(manage.filter((p) => can("AUDITOR", p))).toEqual([]);
  });

  it("reserves user management to administrators", () => {
    expect(ROLES.filter((role) => can(role, "users.manage"))).toEqual(["ADMIN"]);
  });

  it("lets every role see the dashboard and change their own password", () => {
    for (const role of ROLES) {
      expect(can(role, "dashboard.view"), role).toBe(true);
      expect(can(role, "account.manage_own"), role).toBe(true);
    }
  });

  it("keeps the administrator out of client casework (data minimisation) but in charge of the organisation", () => {
    expect(PERMISSION_NAMES.filter((p) => p.startsWith("clients.") && can("ADMIN", p))).toEqual([]);
    for (const p of ["users.manage", "organisation.manage", "tenant.policy.manage", "audit.read"] as const) {
      expect(can("ADMIN", p), p).toBe(true);
    }
  });

  it("shows special-category data only to roles that work with the client", () => {
    expect(ROLES.filter((role) => can(role, "clients.read_sensitive"))).toEqual(["MANAGER", "COORDINATOR", "KEY_ADVISOR"]);
  });
});

describe("isRole", () => {
  it("accepts exactly the roles of the schema", () => {
    expect(ROLES).toEqual(["ADMIN", "MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR", "IOD"]);
    for (const role of ROLES) expect(isRole(role)).toBe(true);
    expect(isRole("Admin")).toBe(false);
  });
});
