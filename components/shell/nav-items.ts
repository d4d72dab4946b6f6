import type { TPermission } from "@/lib/auth/permissions";

/** The main navigation; each entry shows only to roles holding its permission. */
export const NAV_ITEMS = [
  { key: "dashboard", href: "/dashboard", permission: "dashboard.view" },
  { key: "clients", href: "/clients", permission: "clients.read" },
  { key: "myClients", href: "/my-clients", permission: "clients.take_from_queue" },
  { key: "caseload", href: "/caseload", permission: "caseload.board.view" },
  { key: "queue", href: "/caseload/queue", permission: "clients.read" },
  { key: "plans", href: "/plans", permission: "paths.write" },
  { key: "myDay", href: "/services", permission: "services.log" },
  { key: "timesheet", href: "/services/timesheet", permission: "services.timesheet" },
  { key: "users", href: "/admin/users", permission: "users.read" },
  { key: "partners", href: "/admin/partners", permission: "organisation.read" },
  { key: "offices", href: "/admin/offices", permission: "organisation.read" },
  { key: "policy", href: "/admin/policy", permission: "tenant.policy.manage" },
  { key: "audit", href: "/audit", permission: "audit.read" },
  { key: "account", href: "/account", permission: "account.manage_own" },
] as const satisfies readonly { key: string; href: string; permission: TPermission }[];
