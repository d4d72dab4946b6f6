import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { tenantTransaction } from "@/lib/db/transaction";
import { loadAssignableAdvisors, type TAdvisorCaseload } from "@/lib/domain/caseload/board";
import { loadClientExchanges, type TClientExchanges } from "@/lib/domain/cooperation/client-exchanges";
import { listClientRegistrations, type TClientRegistration } from "@/lib/domain/events/registration-view";
import { loadClientPaths } from "@/lib/domain/paths/read-path";
import { recordAccess } from "@/lib/domain/privacy/access-log";
import {
  loadClientFormOptions,
  loadClientServices,
  loadFormLists,
  type TClientServicesPage,
  type TFormLists,
  type TServiceFormOptions,
} from "@/lib/domain/services/read";
import { assertClientInScope } from "./access";
import { abilitiesOf, type TClientAbilities } from "./get-client";
import { loadClientProgress, type TClientProgress } from "./progress";
import { loadClient, type TClientDetails } from "./repository";
import { loadClientTeam, type TClientTeam } from "./team";
import { mayReadSensitive } from "./viewer";

/**
 * The client page's tabs; the overview is the default. The client's change history has its own
 * page (/clients/<id>/history, getClientHistory), and so has their full service history.
 */
export const CLIENT_TABS = ["overview", "paths", "services", "trainings", "cooperation", "team", "details"] as const;
export type TClientTab = (typeof CLIENT_TABS)[number];

/** Where the client stands, for the page's summary header (each part null when the caller may not read it). */
export type TClientSummary = {
  /** The open path with its step, and what falls due next on it (null: no open path, or paths not readable). */
  openPath: { id: string; step: NonNullable<TClientProgress["step"]>; nextDue: TClientProgress["nextDue"] } | null;
  /** The date of the latest service with the client (null: none, or services not readable). */
  lastContact: Date | null;
};

export type TClientPage = {
  client: TClientDetails & { abilities: TClientAbilities };
  summary: TClientSummary;
  tab: TClientTab;
  /** The team (the team tab). */
  team: TClientTeam | null;
  /** The client's support paths, newest first (the paths tab, when the caller may read them). */
  paths: Awaited<ReturnType<typeof loadClientPaths>> | null;
  /** The latest services with the client's totals (the services tab, when the caller may read them). */
  services: TClientServicesPage | null;
  /** The service entry form's options (the services tab asked to log one, when the caller may). */
  serviceForm: TServiceFormOptions | null;
  /** Advisors the client can be given to, with their load (the overview, when the caller may assign). */
  advisors: TAdvisorCaseload[] | null;
  /** Registrations for trainings and events of the client or their people (the trainings tab). */
  trainings: TClientRegistration[] | null;
  /** The latest information exchanges with institutions about the client (the cooperation tab). */
  exchanges: TClientExchanges | null;
};

export type TClientPageOptions = {
  /** The visible tab (default: the overview): only its data is read. */
  tab?: TClientTab;
  /** How many of the latest services the services tab lists. */
  recentServices: number;
  /** The services tab opens the entry form ("Zarejestruj usługę"). */
  logService?: boolean;
  /** How many of the latest information exchanges the cooperation tab lists. */
  recentExchanges?: number;
};

/**
 * The client page in one transaction behind one need-to-know check (a foreign or out-of-scope id
 * answers NOT_FOUND before anything else is read): the client, the summary every tab shows —
 * the open path's step, the last contact, what falls due next (loadClientProgress, one statement)
 * — and the visible tab's data, by the loaders the parts' own services use. At most 15 statements
 * a view, the session check included (issue 12; tests/integration/budgets).
 */
export async function getClientPage(ctx: TContext, clientId: string, options: TClientPageOptions): Promise<TClientPage> {
  await assertCan(ctx, "clients.read");
  const tab = options.tab ?? "overview";
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const access = await assertClientInScope(tx, ctx, clientId, "clients.read");
      const details = await loadClient(tx, ctx, clientId, mayReadSensitive(ctx));
      const progress = (await loadClientProgress(tx, ctx, [clientId])).get(clientId);
      const abilities = abilitiesOf(ctx, access, { status: details.status, hasOpenPath: access.openPathId !== null });
      const summary: TClientSummary = {
        openPath:
          abilities.canReadPaths && progress?.pathId && progress.step ? { id: progress.pathId, step: progress.step, nextDue: progress.nextDue } : null,
        lastContact: abilities.canReadServices ? (progress?.lastContact ?? null) : null,
      };

      let lists: Promise<TFormLists> | undefined;
      const formLists = () => (lists ??= loadFormLists(tx, ctx));
      const page: TClientPage = { client: { ...details, abilities }, summary, tab, team: null, paths: null, services: null, serviceForm: null, advisors: null, trainings: null, exchanges: null };
      switch (tab) {
        case "overview":
          page.advisors = abilities.canAssign ? await loadAssignableAdvisors(tx, ctx) : null;
          break;
        case "paths":
          page.paths = abilities.canReadPaths ? await loadClientPaths(tx, ctx, clientId) : null;
          break;
        case "services":
          page.services = abilities.canReadServices ? await loadClientServices(tx, ctx, details, { pageSize: options.recentServices }) : null;
          page.serviceForm =
            options.logService && abilities.canLogService ? await loadClientFormOptions(tx, ctx, { id: details.id, name: details.name }, await formLists()) : null;
          break;
        case "trainings":
          page.trainings = await listClientRegistrations(tx, ctx, clientId);
          break;
        case "cooperation":
          page.exchanges = await loadClientExchanges(tx, ctx, clientId, { take: options.recentExchanges ?? 20 });
          break;
        case "team":
          page.team = await loadClientTeam(tx, ctx, access, { keyAdvisor: details.keyAdvisor, staff: async () => (await formLists()).staff });
          break;
        case "details":
          break;
      }
      // The view is logged (issue 17); the special-category fields apart, when the tab shows them.
      await recordAccess(tx, ctx, [
        { clientId, view: tab === "services" ? "CLIENT_SERVICES" : "CLIENT_RECORD", detail: tab },
        ...(tab === "details" && !details.sensitiveHidden ? [{ clientId, view: "CLIENT_SENSITIVE" as const, detail: "client.details" }] : []),
      ]);
      return page;
    }),
  );
}

/** Whether a query string's `tab` names a tab of the client page. */
export function isClientTab(value: unknown): value is TClientTab {
  return typeof value === "string" && (CLIENT_TABS as readonly string[]).includes(value);
}
