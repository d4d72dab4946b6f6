import "server-only";
/**
 * Individual support paths (SPEC §3.2): one function per file; this module is the area's public surface.
 */
export { getOpenPathForm, openPath } from "./open-path";
export { movePath } from "./move-path";
export { addEvaluation, addMonitoringEntry, saveContract, saveNeeds, updateIdentification } from "./path-content";
export { decidePlan, savePlan, submitPlan } from "./plan";
export { addAnnotation, reviseAnnotation } from "./annotations";
export { correctPathResult, withdrawPathResult } from "./results";
export { comparePlanVersions, findMyReturnedPlans, findPlanInbox, getPath, getPathTimeline, getPlanVersion, listClientPaths, type TPathView, type TTimelineEvent } from "./read-path";
export { getPathContract, getPathPlan, listPathAnnotations, listPathEvaluations, listPathMonitoring, listPathNeeds } from "./read-path-tabs";
export { getPathPage, PATH_TABS, type TPathPage, type TPathPageTab, type TPathTab } from "./path-page";
export { getPathCard } from "./path-card";
