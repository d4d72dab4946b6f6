/**
 * Permissions as data: the single source for the server (services call `assertCan`) and the UI
 * (navigation and buttons hide what a role cannot do). The README's role table is checked against
 * this file by tests/unit/auth/permissions-readme.test.ts.
 */
export const ROLES = ["ADMIN", "MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR", "IOD"] as const;
export type TRole = (typeof ROLES)[number];

export const PERMISSIONS = {
  /** See the start page of the signed-in app. */
  "dashboard.view": ["ADMIN", "MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR", "IOD"],
  /** Change one's own password. */
  "account.manage_own": ["ADMIN", "MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR", "IOD"],
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
  "audit.read": ["ADMIN", "MANAGER", "AUDITOR", "IOD"],
  /** Read one's own notifications and choose which are e-mailed. */
  "notifications.own": ["ADMIN", "MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR", "IOD"],
  /** See the tenant's failed background jobs (the dead-letter view) and retry them. */
  "jobs.manage": ["ADMIN"],
  /**
   * Find clients (search, queue: name, kind, town, key advisor, status, centre-wide) and — within
   * the scope of lib/auth/scope.ts — open a client's full record, history, services and paths.
   */
  "clients.read": ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR"],
  /** See special-category data (GDPR art. 9, e.g. disability) of clients. */
  "clients.read_sensitive": ["MANAGER", "COORDINATOR", "KEY_ADVISOR"],
  /** Register clients and edit their data, including overriding a possible-duplicate warning. */
  "clients.write": ["MANAGER", "COORDINATOR", "KEY_ADVISOR"],
  /** Add staff to a client's team and remove them — a coordinator only for their own partner's advisors' clients. */
  "clients.team.manage": ["MANAGER", "COORDINATOR"],
  /** Assign, reassign and release key advisors — a coordinator only among their own partner's advisors. */
  "clients.assign": ["MANAGER", "COORDINATOR"],
  /** Take a client from the unassigned queue onto oneself. */
  "clients.take_from_queue": ["KEY_ADVISOR"],
  /** Set an advisor's own caseload limit — a coordinator only for their own partner's advisors. */
  "caseload.limits.set": ["MANAGER", "COORDINATOR"],
  /** See the caseload board and the unassigned queue. */
  "caseload.board.view": ["MANAGER", "COORDINATOR"],
  /** Move all clients of a leaving advisor to others. */
  "caseload.handover": ["MANAGER"],
  /** Read support paths, their plans, monitoring, evaluation, annotations and timeline. */
  "paths.read": ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR"],
  /**
   * Work on a path: open, move between steps, needs, contract, plan drafts, monitoring, evaluation,
   * close and reopen — a key advisor only on their own clients' paths, a coordinator only on paths
   * of their own partner's advisors.
   */
  "paths.write": ["MANAGER", "COORDINATOR", "KEY_ADVISOR"],
  /** Approve or return a submitted plan — a coordinator only for their own partner's advisors. */
  "paths.approve_plan": ["MANAGER", "COORDINATOR"],
  /** Add annotations (adnotacje) to a path's steps. */
  "paths.annotate": ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST"],
  /**
   * Log services (consultations) for clients in scope (lib/auth/scope.ts: the client's team, a
   * coordinator's partner, a manager anyone), and edit or delete one's own within the edit window.
   */
  "services.log": ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST"],
  /** Read clients' service histories and paths' implementation. */
  "services.read": ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR"],
  /** Monthly hours (timesheets): one's own; a coordinator also their partner's staff; a manager and an auditor everyone's. */
  "services.timesheet": ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR"],
  /** See the events calendar (trainings, workshops, animation meetings, duty hours, study visits, network meetings) and an event's page. */
  "events.read": ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST", "AUDITOR"],
  /** Create, edit and cancel events: sessions, trainers, capacity, deadline, whether they count toward the training limit. */
  "events.manage": ["MANAGER", "COORDINATOR", "ANIMATOR"],
  /** Register people (clients and their representatives) for events and cancel registrations — clients in the caller's `clients.read` scope. */
  "events.register": ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST"],
  /** Take attendance at an event's sessions (which logs the session as a service) and print attendance lists and certificates. */
  "events.attendance": ["MANAGER", "COORDINATOR", "ANIMATOR", "SPECIALIST"],
  /** Admit a person over the per-person training limit, with a written reason. */
  "events.limit_exception": ["MANAGER"],
  /** List and filter the centre's information exchanges with institutions (the cooperation log). */
  "cooperation.list": ["MANAGER", "COORDINATOR", "AUDITOR"],
  /** Log information exchanged with institutions — about a client in the caller's `clients.read` scope, or none. */
  "cooperation.write": ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "ANIMATOR", "SPECIALIST"],
  /** Add and edit institutions in the directory; retire them. */
  "institutions.manage": ["MANAGER", "COORDINATOR", "KEY_ADVISOR"],
  /** Edit the support catalogue: support types, specialist areas and path templates (add, rename, retire). */
  "catalogue.manage": ["MANAGER"],
  /** See indicator reports (targets, actuals, cuts, comparisons), their evidence lists and exports. */
  "indicators.read": ["MANAGER", "COORDINATOR", "AUDITOR"],
  /** Edit the indicator catalogue and set targets per year and for the project; set the project period and durability months. */
  "indicators.manage": ["MANAGER"],
  /** Register, correct and withdraw evidence by hand for indicators without a source in the system — about a client in the caller's `clients.read` scope, or none. */
  "indicators.evidence": ["MANAGER", "COORDINATOR", "KEY_ADVISOR"],
  /** Keep the staff records (who is employed as what, on which contract) that feed "animators employed". */
  "staff.manage": ["MANAGER"],
  /** See created jobs and their durability checks — clients in the caller's `clients.read` scope. */
  "durability.read": ["MANAGER", "COORDINATOR", "KEY_ADVISOR", "AUDITOR"],
  /** Record a durability check (maintained, or ended with a date) and correct a job's details — clients in the caller's `clients.read` scope. */
  "durability.check": ["MANAGER", "COORDINATOR", "KEY_ADVISOR"],
  /** See the EFS+ completeness check of all participants and export the participant register (XLSX). */
  "participants.report": ["MANAGER"],
  /** Read the access log (who viewed whose data, when, how, from where), filter it and export it. */
  "privacy.access_log": ["IOD"],
  /**
   * Keep the register of data subjects' requests (access, rectification, erasure, restriction) and
   * carry them out: the access export, erasure by anonymisation once retention allows, restriction.
   * Finds any person of the centre by name or identifier for it.
   */
  "privacy.requests": ["IOD"],
  /** Review the persons whose retention period has ended: approve their anonymisation or keep them with a reason. */
  "privacy.retention": ["IOD"],
  /** Publish a new version of the information clause; set the retention rules (last payment, years, access-log keeping). */
  "privacy.settings": ["MANAGER", "IOD"],
  /**
   * Import clients and services from a spreadsheet (XLSX/CSV): download the templates, run the dry
   * run, import a clean file (all rows or none). Centre-wide: the import assigns clients to any advisor.
   */
  "imports.run": ["MANAGER"],
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
