import "server-only";
import { assertCan, recordScopeRefusals } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { inScope } from "@/lib/auth/scope";
import { tenantTransaction } from "@/lib/db/transaction";
import { loadAssignableAdvisors, type TAdvisorCaseload } from "@/lib/domain/caseload/board";
import { loadClientPaths } from "@/lib/domain/paths/read-path";
import {
  loadClientFormOptions,
  loadClientServices,
  loadFormLists,
  type TClientServicesPage,
  type TFormLists,
  type TServiceFormOptions,
} from "@/lib/domain/services/read";
import { assertClientInScope } from "./access";
import { abilitiesOf, hasOpenPath, type TClientAbilities } from "./get-client";
import { loadClient, type TClientDetails } from "./repository";
import { loadClientTeam, type TClientTeam } from "./team";
import { mayReadSensitive } from "./viewer";

export type TClientPage = {
  client: TClientDetails & { abilities: TClientAbilities };
  team: TClientTeam;
  /** The client's support paths, newest first (null: the caller may not read them). */
  paths: Awaited<ReturnType<typeof loadClientPaths>> | null;
  /** The latest services with the client's totals (null: the caller may not read them). */
  services: TClientServicesPage | null;
  /** The quick-entry form's options (null: the caller may not log for the client). */
  serviceForm: TServiceFormOptions | null;
  /** Advisors the client can be given to, with their load (null: the caller may not assign). */
  advisors: TAdvisorCaseload[] | null;
};

/**
 * Everything the client page shows, in one transaction behind one need-to-know check (a foreign
 * or out-of-scope id answers NOT_FOUND before anything else is read). Each part is read only when
 * the caller may see it, by the same loaders the parts' own services use, and what two parts
 * share (the key advisor, the staff and office lists, the open path) is read once: about a dozen
 * statements a view (issue 12: a client page costs at most 15, the session check included).
 * The client's change history has its own page (getClientHistory).
 */
export async function getClientPage(ctx: TContext, clientId: string, options: { recentServices: number }): Promise<TClientPage> {
  await assertCan(ctx, "clients.read");
  return recordScopeRefusals(ctx, () =>
    tenantTransaction(ctx.tenantId, async (tx) => {
      const access = await assertClientInScope(tx, ctx, clientId, "clients.read");
      const details = await loadClient(tx, ctx, clientId, mayReadSensitive(ctx));
      const paths = inScope(ctx, "paths.read", access.relation) ? await loadClientPaths(tx, ctx, clientId) : null;
      const openPath = !inScope(ctx, "paths.write", access.relation)
        ? false
        : paths
          ? paths.some((path) => path.closedAt === null)
          : await hasOpenPath(tx, ctx, clientId);
      const abilities = abilitiesOf(ctx, access, { status: details.status, hasOpenPath: openPath });

      let lists: Promise<TFormLists> | undefined;
      const formLists = () => (lists ??= loadFormLists(tx, ctx));
      const team = await loadClientTeam(tx, ctx, access, { keyAdvisor: details.keyAdvisor, staff: async () => (await formLists()).staff });
      const services = abilities.canReadServices ? await loadClientServices(tx, ctx, details, { pageSize: options.recentServices }) : null;
      const serviceForm = abilities.canLogService
        ? await loadClientFormOptions(tx, ctx, { id: details.id, name: details.name }, await formLists())
        : null;
      const advisors = abilities.canAssign ? await loadAssignableAdvisors(tx, ctx) : null;
      return { client: { ...details, abilities }, team, paths, services, serviceForm, advisors };
    }),
  );
}
