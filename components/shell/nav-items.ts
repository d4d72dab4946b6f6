import { can, type TPermission } from "@/lib/auth/permissions";

/** The menu's groups, by purpose, in the order they show. */
export const NAV_GROUPS = ["work", "clients", "results", "team", "privacy", "centre"] as const;
export type TNavGroup = (typeof NAV_GROUPS)[number];

/**
 * The main navigation, in display order; each entry shows only to roles holding its permission.
 * The account page is not here: it sits in the user menu (app/(app)/layout.tsx).
 */
export const NAV_ITEMS = [
  { key: "dashboard", href: "/dashboard", permission: "dashboard.view", group: "work" },
  { key: "myClients", href: "/my-clients", permission: "clients.take_from_queue", group: "work" },
  { key: "myDay", href: "/services", permission: "services.log", group: "work" },
  { key: "timesheet", href: "/services/timesheet", permission: "services.timesheet", group: "work" },
  { key: "register", href: "/services/register", permission: "services.timesheet", group: "work" },
  { key: "plans", href: "/plans", permission: "paths.write", group: "work" },
  { key: "events", href: "/events", permission: "events.read", group: "work" },
  { key: "notifications", href: "/notifications", permission: "notifications.own", group: "work" },
  { key: "clients", href: "/clients", permission: "clients.read", group: "clients" },
  { key: "queue", href: "/caseload/queue", permission: "clients.read", group: "clients" },
  { key: "attentionMonitoring", href: "/attention/monitoring", permission: "paths.read", group: "clients" },
  { key: "attentionReturnedPlans", href: "/attention/returned-plans", permission: "paths.write", group: "clients" },
  { key: "cooperation", href: "/cooperation", permission: "cooperation.list", group: "clients" },
  { key: "indicators", href: "/indicators", permission: "indicators.read", group: "results" },
  { key: "evidence", href: "/indicators/evidence", permission: "indicators.evidence", group: "results" },
  { key: "durability", href: "/durability", permission: "durability.read", group: "results" },
  { key: "participants", href: "/participants", permission: "participants.report", group: "results" },
  { key: "caseload", href: "/caseload", permission: "caseload.board.view", group: "team" },
  { key: "users", href: "/admin/users", permission: "users.read", group: "team" },
  { key: "subjectRequests", href: "/privacy/requests", permission: "privacy.requests", group: "privacy" },
  { key: "accessLog", href: "/privacy/access-log", permission: "privacy.access_log", group: "privacy" },
  { key: "retention", href: "/privacy/retention", permission: "privacy.retention", group: "privacy" },
  { key: "privacySettings", href: "/privacy/settings", permission: "privacy.settings", group: "privacy" },
  { key: "partners", href: "/admin/partners", permission: "organisation.read", group: "centre" },
  { key: "offices", href: "/admin/offices", permission: "organisation.read", group: "centre" },
  { key: "policy", href: "/admin/policy", permission: "tenant.policy.manage", group: "centre" },
  { key: "catalogue", href: "/admin/catalogue", permission: "catalogue.manage", group: "centre" },
  { key: "imports", href: "/imports", permission: "imports.run", group: "centre" },
  { key: "indicatorCatalogue", href: "/admin/indicators", permission: "indicators.manage", group: "centre" },
  { key: "staff", href: "/admin/staff", permission: "staff.manage", group: "centre" },
  { key: "institutions", href: "/cooperation/institutions", permission: "institutions.manage", group: "centre" },
  { key: "audit", href: "/audit", permission: "audit.read", group: "centre" },
  { key: "jobs", href: "/admin/jobs", permission: "jobs.manage", group: "centre" },
] as const satisfies readonly { key: string; href: string; permission: TPermission; group: TNavGroup }[];

export type TNavKey = (typeof NAV_ITEMS)[number]["key"];
export type TNavLink = { key: TNavKey; href: string };
export type TNavSection = { group: TNavGroup; items: TNavLink[] };

/** The groups a role sees, each with the entries it may open; a group with none is left out. */
export function navSectionsFor(role: unknown): TNavSection[] {
  return NAV_GROUPS.map((group) => ({
    group,
    items: NAV_ITEMS.filter((item) => item.group === group && can(role, item.permission)).map(({ key, href }) => ({ key, href })),
  })).filter((section) => section.items.length > 0);
}
