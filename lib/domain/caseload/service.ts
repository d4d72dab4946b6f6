import "server-only";
/**
 * The caseload area: key-advisor assignment under the 15-client cap (SPEC §3.1). One function per
 * file; this module is the area's public surface.
 */
export { assignClient, releaseClient, takeClientFromQueue } from "./assign-client";
export { setAdvisorLimit } from "./set-advisor-limit";
export { handoverClients, type THandoverSummary } from "./handover";
export { findQueue, getCaseloadBoard, getCaseloadBoardPage, getQueuePage, listAssignableAdvisors, type TAdvisorCaseload, type TCaseloadBoardPage, type TQueuedClient } from "./board";
export { getMyClientsPage, getOwnCaseload, type TOwnCaseload } from "./own-caseload";
