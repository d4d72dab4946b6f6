import "server-only";
/**
 * The caseload area: key-advisor assignment under the 15-client cap (SPEC §3.1). One function per
 * file; this module is the area's public surface.
 */
export { assignClient, releaseClient, takeClientFromQueue } from "./assign-client";
export { setAdvisorLimit } from "./set-advisor-limit";
export { handoverClients, type THandoverSummary } from "./handover";
export { findQueue, getCaseloadBoard, listAssignableAdvisors, type TAdvisorCaseload, type TQueuedClient } from "./board";
export { getOwnCaseload, type TOwnCaseload } from "./own-caseload";
