/**
 * Permissions as data: the single source for the server (services call `assertCan`) and the UI
 * (navigation and buttons hide what a role cannot do). The README's role table is checked against
 * this file by tests/unit/auth/permissions-readme.test.ts.
 */
export const ROLES = ["ADMIN", "MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR"] as const;
export type TRole = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** See the start page of the signed-in app. */
  "dashboard.view": ["ADMIN", "MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR"],
  /** Change one's own password. */
  "account.manage_own": ["ADMIN", "MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR"],
  /** List users of the tenant. */
  "users.read": ["ADMIN", "MANAGER"],
  /** Create, edit, deactivate users and reset their passwords. */
  "users.manage": ["ADMIN"],
  /** List partners and offices. */
  "organisation.read": ["ADMIN", "MANAGER", "COORDINATOR"],
  /** Create and rename partners and offices. */
  "organisation.manage": ["ADMIN"],
  /** Change the tenant policy (the maximum of active clients per key advisor). */
  "tenant.policy.manage": ["ADMIN", "MANAGER"],
  /** Read the audit trail. */
  "audit.read": ["ADMIN", "MANAGER"],
} as const satisfies Record<string, readonly TRole[]>;

export type TPermission = keyof typeof PERMISSIONS;

export function isRole(value: unknown): value is TRole {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Fails closed: an unknown role or permission grants nothing. */
export function can(role: unknown, permission: string): boolean {
  if (!isRole(role) || !Object.hasOwn(PERMISSIONS, permission)) return false;
  const allowed: readonly TRole[] = PERMISSIONS[permission as TPermission];
  return allowed.includes(role);
}
