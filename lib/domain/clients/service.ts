import "server-only";

/**
 * The clients area's services, one function per file (create-client.ts, get-client.ts, …); this
 * module re-exports them so callers import one place.
 */
export type { TClientDetails } from "./repository";
export { createClient } from "./create-client";
export { updateClient } from "./update-client";
export { getClient, type TClientAbilities } from "./get-client";
export { getClientForEdit } from "./get-client-for-edit";
export { findClients, type TClientListItem } from "./find-clients";
export { getClientHistory, type TClientHistory } from "./get-client-history";
export { addTeamMember, getClientTeam, removeTeamMember, type TClientTeam } from "./team";
export { CLIENT_TABS, getClientPage, isClientTab, type TClientPage, type TClientSummary, type TClientTab } from "./client-page";
export { getClientListPage, CLIENT_SEARCH_MAX } from "./list-page";
