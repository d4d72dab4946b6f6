import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { can, type TRole } from "@/lib/auth/permissions";
import * as caseload from "@/lib/domain/caseload/service";
import { withClientLocked } from "@/lib/domain/caseload/move-client";
import { CLIENT_TEAM_ROLES } from "@/lib/domain/clients/schemas";
import * as clients from "@/lib/domain/clients/service";
import * as participants from "@/lib/domain/participants/service";
import * as team from "@/lib/domain/clients/team";
import * as serviceLog from "@/lib/domain/services/service";
import * as cooperationExchanges from "@/lib/domain/cooperation/exchanges";
import * as cooperationForm from "@/lib/domain/cooperation/exchange-form";
import * as institutions from "@/lib/domain/cooperation/institutions";
import { getCooperationLogPage } from "@/lib/domain/cooperation/log-page";
import * as eventPage from "@/lib/domain/events/event-page";
import * as events from "@/lib/domain/events/events";
import * as registrations from "@/lib/domain/events/registration";
import { findRegistrationCandidates } from "@/lib/domain/events/registration-candidates";
import { getIndicatorEvidencePage } from "@/lib/domain/indicators/report/pages";
import * as indicatorCatalogue from "@/lib/domain/indicators/catalogue";
import { getIndicatorEditPage } from "@/lib/domain/indicators/admin-pages";
import * as manualEvidence from "@/lib/domain/indicators/manual-evidence";
import { getEvidencePage } from "@/lib/domain/indicators/evidence-pages";
import * as staffRecords from "@/lib/domain/staff/service";
import { getStaffPage } from "@/lib/domain/staff/page";
import * as durability from "@/lib/domain/durability/service";
import { getJobPage } from "@/lib/domain/durability/read";
import * as paths from "@/lib/domain/paths/service";
import * as catalogue from "@/lib/domain/catalogue/service";
import { writePath } from "@/lib/domain/paths/write";
import * as tenancy from "@/lib/domain/tenancy/service";
import * as users from "@/lib/domain/users/service";
import { sendAccountLink } from "@/lib/domain/accounts/invite";
import { auditRows, contextFor, createOffice, createPartner, createTenant, createUser, ownerQuery, type TTenantRow } from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { insertServiceRecord, serviceInput } from "@/tests/factories/services";
import { createPathTargets, type TPathTargets } from "@/tests/factories/paths";
import { createEventTargets, type TEventTargets } from "@/tests/factories/events";
import { createAttendanceTargets, type TAttendanceTargets } from "@/tests/factories/attendance";
import * as attendance from "@/lib/domain/events/attendance";
import * as eventDocuments from "@/lib/domain/events/documents";
import { idTakingServiceFunctions } from "@/tests/support/domain-functions";
import { pool } from "@/lib/db/client";
import { retryFailedJob } from "@/lib/domain/jobs/service";
import { markNotificationRead } from "@/lib/domain/notifications/service";
import { jobSender } from "@/lib/jobs/boss";
import * as subjectRequests from "@/lib/domain/privacy/requests";
import { setRestriction } from "@/lib/domain/privacy/restriction";
import { buildSubjectExport } from "@/lib/domain/privacy/subject-export";
import { getAccessLogPage } from "@/lib/domain/privacy/access-log-page";
import * as clauses from "@/lib/domain/privacy/clauses";
import * as consents from "@/lib/domain/privacy/consents";
import { setLegalBasis } from "@/lib/domain/privacy/legal-basis";
import { exportAccessLog } from "@/lib/domain/privacy/access-log-export";
import { carryOutErasure } from "@/lib/domain/privacy/erasure";
import * as retention from "@/lib/domain/privacy/retention";
import { revokeSession } from "@/lib/domain/sessions/own-sessions";
import * as imports from "@/lib/domain/imports/service";
import { insertDataImport } from "@/tests/factories/import-files";

/**
 * Permission before any lookup: a role the operation is refused to gets FORBIDDEN whatever id it
 * names — missing, malformed or existing — every time, and nothing but the audited refusal is
 * written. (Looking the record up first, or racing the check against the lookup, answered
 * NOT_FOUND for some ids and FORBIDDEN for others, telling the caller which ids exist.)
 */
type TTargets = {
  user: { id: string };
  partner: { id: string };
  office: { id: string };
  waitingClient: { id: string };
  serviceRecord: { id: string };
  institution: { id: string };
  exchange: { id: string };
  /** A catalogue entry of the tenant, named by its code (the catalogue's key within the tenant). */
  catalogueEntry: { id: string };
  /** A failed background job of the tenant (the dead-letter view). */
  failedJob: { id: string };
  /** A spreadsheet import whose dry run was clean. */
  dataImport: { id: string };
  /** The tenant's seeded indicator "jobs created". */
  indicator: { id: string };
  /** Evidence registered by hand for the seeded MANUAL indicator "joint GI projects". */
  manualEvidence: { id: string };
  /** A staff record (an animator's employment contract). */
  staffRecord: { id: string };
  /** The seeded MANUAL indicator the evidence is registered for. */
  manualEvidenceIndicator: { id: string };
  /** A job created at the path's client, and its 12-month durability check. */
  job: { id: string };
  jobCheck: { id: string };
  /** An open access request about the path's client (lib/domain/privacy/requests.ts). */
  subjectRequest: { id: string };
  /** The path's client listed for the IOD's review after retention (lib/domain/privacy/retention.ts). */
  retentionReview: { id: string };
  /** Version 1 of the tenant's information clause. */
  clause: { id: string };
} & TPathTargets &
  TEventTargets &
  TAttendanceTargets;

type TCase = {
  /** The function under test, as exported (re-exports are the same function). */
  fn: (...args: never[]) => unknown;
  /** A role the function's permission is not granted to. */
  role: TRole;
  /** The permission the role lacks (checked against lib/auth/permissions.ts, so the case cannot go stale silently). */
  permission: Parameters<typeof can>[1];
  /** The kind of record whose id the call names; its own tenant's record is the "existing" id. */
  target: keyof TTargets;
  call: (ctx: TContext, id: string) => Promise<unknown>;
};

const PLAN_INPUT = { summary: "Plan", actions: [{ supportType: "TRAINING" as const, description: "Szkolenie" }] };
const CLIENT_INPUT = { kind: "PERSON" as const, name: "Nowa nazwa", town: "Kielce" };
const EVENT_INPUT = {
  title: "Szkolenie",
  kind: "TRAINING" as const,
  supportType: "TRAINING",
  sessions: [{ date: "2027-03-10", startTime: "09:00", endTime: "12:00", place: "Sala 1" }],
};
const any = () => randomUUID();
const INDICATOR_INPUT = {
  name: "Wskaźnik",
  unit: "szt.",
  evidenceKind: "Dokument",
  position: 1,
  source: "MANUAL" as const,
};
/** Evidence as its form sends it, for the tenant's MANUAL indicator (a function: the targets exist only once the test runs). */
const EVIDENCE_INPUT = () => ({
  indicatorId: targets.manualEvidenceIndicator.id,
  documentKind: "List intencyjny",
  documentDate: "2026-01-15",
  reference: "LI/1",
  quantity: 1,
});
const RESULT_CORRECTION = {
  quantity: 1,
  achievedOn: "2026-01-10",
  evidenceKind: "Umowa o dotację",
};
const CHECK_INPUT = {
  outcome: "MAINTAINED" as const,
  checkedOn: "2026-01-10",
  evidence: "Deklaracja ZUS DRA",
};
const STAFF_INPUT = {
  personName: "Anna Animatorka",
  position: "ANIMATOR" as const,
  contractKind: "EMPLOYMENT_CONTRACT" as const,
  reference: "UoP/1",
  startsOn: "2026-01-01",
};
/** An exchange as its form sends it, about the path's client (a function: the targets exist only once the test runs). */
const EXCHANGE_INPUT = () => ({
  date: "2026-01-15",
  institutionId: targets.institution.id,
  direction: "SENT" as const,
  channel: "EMAIL" as const,
  subject: "Informacja",
  clientId: targets.pathClient.id,
});

let targets: TTargets;

const CASES: TCase[] = [
  // users
  { fn: users.getUser, role: "KEY_ADVISOR", permission: "users.read", target: "user", call: (ctx, id) => users.getUser(ctx, id) },
  // The reported race: a manager reads users but may not open their edit form.
  { fn: users.getUserForEdit, role: "MANAGER", permission: "users.manage", target: "user", call: (ctx, id) => users.getUserForEdit(ctx, id) },
  {
    fn: users.updateUser,
    role: "MANAGER",
    permission: "users.manage",
    target: "user",
    call: (ctx, id) => users.updateUser(ctx, id, { name: "Nowe imię", email: "nowy@example.test", role: "MANAGER" }),
  },
  { fn: users.setUserActive, role: "MANAGER", permission: "users.manage", target: "user", call: (ctx, id) => users.setUserActive(ctx, id, false) },
  { fn: sendAccountLink, role: "MANAGER", permission: "users.manage", target: "user", call: (ctx, id) => sendAccountLink(ctx, id) },
  // organisation
  { fn: tenancy.getPartner, role: "KEY_ADVISOR", permission: "organisation.read", target: "partner", call: (ctx, id) => tenancy.getPartner(ctx, id) },
  {
    fn: tenancy.updatePartner,
    role: "MANAGER",
    permission: "organisation.manage",
    target: "partner",
    call: (ctx, id) => tenancy.updatePartner(ctx, id, { name: "Nowy partner" }),
  },
  { fn: tenancy.getOffice, role: "KEY_ADVISOR", permission: "organisation.read", target: "office", call: (ctx, id) => tenancy.getOffice(ctx, id) },
  {
    fn: tenancy.updateOffice,
    role: "MANAGER",
    permission: "organisation.manage",
    target: "office",
    call: (ctx, id) => tenancy.updateOffice(ctx, id, { name: "Nowe biuro", address: "ul. Nowa 1, Kielce" }),
  },
  // caseload
  {
    fn: caseload.takeClientFromQueue,
    role: "MANAGER",
    permission: "clients.take_from_queue",
    target: "waitingClient",
    call: (ctx, id) => caseload.takeClientFromQueue(ctx, id),
  },
  {
    fn: caseload.setAdvisorLimit,
    role: "KEY_ADVISOR",
    permission: "caseload.limits.set",
    target: "user",
    call: (ctx, id) => caseload.setAdvisorLimit(ctx, id, { limit: 7 }),
  },
  // clients
  { fn: clients.getClient, role: "ADMIN", permission: "clients.read", target: "waitingClient", call: (ctx, id) => clients.getClient(ctx, id) },
  {
    fn: clients.getClientPage,
    role: "ADMIN",
    permission: "clients.read",
    target: "waitingClient",
    call: (ctx, id) => clients.getClientPage(ctx, id, { recentServices: 5 }),
  },
  {
    fn: clients.getClientHistory,
    role: "ADMIN",
    permission: "clients.read",
    target: "waitingClient",
    call: (ctx, id) => clients.getClientHistory(ctx, id),
  },
  // A client's legal basis and consents (lib/domain/privacy): read with clients.read, written with clients.write.
  { fn: consents.getClientPrivacyPage, role: "IOD", permission: "clients.read", target: "waitingClient", call: (ctx, id) => consents.getClientPrivacyPage(ctx, id) },
  {
    fn: consents.giveConsent,
    role: "ANIMATOR",
    permission: "clients.write",
    target: "waitingClient",
    call: (ctx, id) => consents.giveConsent(ctx, id, { purpose: "IMAGE", givenOn: "2026-01-10" }),
  },
  {
    fn: consents.withdrawConsent,
    role: "AUDITOR",
    permission: "clients.write",
    target: "waitingClient",
    call: (ctx, id) => consents.withdrawConsent(ctx, id, { purpose: "IMAGE", withdrawnOn: "2026-01-10" }),
  },
  { fn: setLegalBasis, role: "IOD", permission: "clients.write", target: "waitingClient", call: (ctx, id) => setLegalBasis(ctx, id, { processingBasis: "CONTRACT" }) },
  { fn: clauses.getClause, role: "KEY_ADVISOR", permission: "privacy.settings", target: "clause", call: (ctx, id) => clauses.getClause(ctx, id) },
  {
    fn: clauses.getClientClause,
    role: "ADMIN",
    permission: "clients.read",
    target: "waitingClient",
    call: (ctx, id) => clauses.getClientClause(ctx, id, targets.clause.id),
  },
  {
    fn: participants.getParticipantPage,
    role: "ADMIN",
    permission: "clients.read",
    target: "waitingClient",
    call: (ctx, id) => participants.getParticipantPage(ctx, id),
  },
  {
    fn: participants.saveParticipantData,
    role: "ANIMATOR",
    permission: "clients.write",
    target: "waitingClient",
    call: (ctx, id) => participants.saveParticipantData(ctx, id, { educationLevel: "ISCED_3" }),
  },
  {
    fn: clients.getClientForEdit,
    role: "ANIMATOR",
    permission: "clients.write",
    target: "waitingClient",
    call: (ctx, id) => clients.getClientForEdit(ctx, id),
  },
  {
    fn: clients.updateClient,
    role: "ANIMATOR",
    permission: "clients.write",
    target: "waitingClient",
    call: (ctx, id) => clients.updateClient(ctx, id, CLIENT_INPUT),
  },
  { fn: team.getClientTeam, role: "ADMIN", permission: "clients.read", target: "activeClient", call: (ctx, id) => team.getClientTeam(ctx, id) },
  {
    fn: team.addTeamMember,
    role: "KEY_ADVISOR",
    permission: "clients.team.manage",
    target: "activeClient",
    call: (ctx, id) => team.addTeamMember(ctx, id, { userId: targets.user.id, role: CLIENT_TEAM_ROLES[0], startsOn: "2026-01-05" }),
  },
  {
    fn: team.removeTeamMember,
    role: "KEY_ADVISOR",
    permission: "clients.team.manage",
    target: "activeClient",
    call: (ctx, id) => team.removeTeamMember(ctx, id, any()),
  },
  // support paths
  {
    fn: paths.openPath,
    role: "ANIMATOR",
    permission: "paths.write",
    target: "activeClient",
    call: (ctx, id) => paths.openPath(ctx, id, { direction: "TRANSFORMATION", workForm: "GROUP" }),
  },
  { fn: paths.movePath, role: "ANIMATOR", permission: "paths.write", target: "path", call: (ctx, id) => paths.movePath(ctx, id, { to: "MONITORING" }) },
  {
    fn: paths.updateIdentification,
    role: "ANIMATOR",
    permission: "paths.write",
    target: "path",
    call: (ctx, id) => paths.updateIdentification(ctx, id, { direction: "ECONOMISATION", workForm: "E_SUPPORT", identification: "Zmienione" }),
  },
  {
    fn: paths.saveNeeds,
    role: "ANIMATOR",
    permission: "paths.write",
    target: "path",
    call: (ctx, id) => paths.saveNeeds(ctx, id, { needs: [{ area: "COACHING", description: "Coaching", expectedEffects: ["Plan biznesowy"] }] }),
  },
  {
    fn: paths.saveContract,
    role: "ANIMATOR",
    permission: "paths.write",
    target: "path",
    call: (ctx, id) => paths.saveContract(ctx, id, { number: "UM/PERM/1", status: "DRAFT" }),
  },
  {
    fn: paths.addMonitoringEntry,
    role: "ANIMATOR",
    permission: "paths.write",
    target: "path",
    call: (ctx, id) => paths.addMonitoringEntry(ctx, id, { progress: "Postęp" }),
  },
  {
    fn: paths.addEvaluation,
    role: "ANIMATOR",
    permission: "paths.write",
    target: "path",
    call: (ctx, id) => paths.addEvaluation(ctx, id, { assessment: "Ocena", results: [] }),
  },
  {
    fn: paths.savePlan,
    role: "ANIMATOR",
    permission: "paths.write",
    target: "path",
    call: (ctx, id) => paths.savePlan(ctx, id, { ...PLAN_INPUT, versionId: targets.draftPlan.id, baseRevision: 1 }),
  },
  {
    fn: paths.submitPlan,
    role: "ANIMATOR",
    permission: "paths.write",
    target: "path",
    call: (ctx, id) => paths.submitPlan(ctx, id, { versionId: targets.draftPlan.id, baseRevision: 1 }),
  },
  {
    fn: paths.decidePlan,
    role: "KEY_ADVISOR",
    permission: "paths.approve_plan",
    target: "planVersion",
    call: (ctx, id) => paths.decidePlan(ctx, id, id, { decision: "APPROVE" }),
  },
  {
    fn: paths.addAnnotation,
    role: "AUDITOR",
    permission: "paths.annotate",
    target: "path",
    call: (ctx, id) => paths.addAnnotation(ctx, id, { step: "EVALUATION", text: "Adnotacja" }),
  },
  // Checked the annotation id before any permission (and, before that, looked the annotation up first).
  {
    fn: paths.reviseAnnotation,
    role: "AUDITOR",
    permission: "paths.annotate",
    target: "annotation",
    call: (ctx, id) => paths.reviseAnnotation(ctx, targets.path.id, id, { text: "Poprawiona" }),
  },
  { fn: paths.getPath, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.getPath(ctx, id) },
  { fn: paths.getPathCard, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.getPathCard(ctx, id) },
  { fn: paths.getPathPage, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.getPathPage(ctx, id, { tab: "identification" }) },
  {
    fn: paths.getPathPage,
    role: "ADMIN",
    permission: "paths.read",
    target: "draftPlan",
    call: (ctx, id) => paths.getPathPage(ctx, targets.path.id, { tab: "plan", versionId: id }),
  },
  { fn: paths.getPathPage, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.getPathPage(ctx, id, { tab: "implementation" }) },
  { fn: paths.getPathContract, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.getPathContract(ctx, id) },
  { fn: paths.listPathNeeds, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.listPathNeeds(ctx, id) },
  { fn: paths.getPathPlan, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.getPathPlan(ctx, id) },
  { fn: paths.listPathMonitoring, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.listPathMonitoring(ctx, id) },
  { fn: paths.listPathEvaluations, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.listPathEvaluations(ctx, id) },
  { fn: paths.listPathAnnotations, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.listPathAnnotations(ctx, id) },
  { fn: paths.listClientPaths, role: "ADMIN", permission: "paths.read", target: "pathClient", call: (ctx, id) => paths.listClientPaths(ctx, id) },
  { fn: paths.getPathTimeline, role: "ADMIN", permission: "paths.read", target: "path", call: (ctx, id) => paths.getPathTimeline(ctx, id) },
  { fn: paths.getPlanVersion, role: "ADMIN", permission: "paths.read", target: "draftPlan", call: (ctx, id) => paths.getPlanVersion(ctx, targets.path.id, id) },
  {
    fn: paths.comparePlanVersions,
    role: "ADMIN",
    permission: "paths.read",
    target: "draftPlan",
    call: (ctx, id) => paths.comparePlanVersions(ctx, targets.path.id, id, id),
  },
  { fn: writePath, role: "ANIMATOR", permission: "paths.write", target: "path", call: (ctx, id) => writePath(ctx, id, async (_tx, head) => head) },
  // the service log
  {
    fn: serviceLog.updateService,
    role: "AUDITOR",
    permission: "services.log",
    target: "serviceRecord",
    call: (ctx, id) => serviceLog.updateService(ctx, id, serviceInput([targets.pathClient.id])),
  },
  {
    fn: serviceLog.deleteService,
    role: "AUDITOR",
    permission: "services.log",
    target: "serviceRecord",
    call: (ctx, id) => serviceLog.deleteService(ctx, id, { reason: "Omyłka" }),
  },
  {
    fn: serviceLog.getServiceForEdit,
    role: "AUDITOR",
    permission: "services.log",
    target: "serviceRecord",
    call: (ctx, id) => serviceLog.getServiceForEdit(ctx, id),
  },
  {
    fn: serviceLog.listClientServices,
    role: "ADMIN",
    permission: "services.read",
    target: "pathClient",
    call: (ctx, id) => serviceLog.listClientServices(ctx, id, {}),
  },
  {
    fn: serviceLog.getPathImplementation,
    role: "ADMIN",
    permission: "services.read",
    target: "path",
    call: (ctx, id) => serviceLog.getPathImplementation(ctx, id),
  },
  {
    fn: serviceLog.getServiceFormOptions,
    role: "AUDITOR",
    permission: "services.log",
    target: "activeClient",
    call: (ctx, id) => serviceLog.getServiceFormOptions(ctx, [id]),
  },
  // events
  { fn: eventPage.getEventPage, role: "ADMIN", permission: "events.read", target: "event", call: (ctx, id) => eventPage.getEventPage(ctx, id) },
  { fn: eventPage.getEventForEdit, role: "KEY_ADVISOR", permission: "events.manage", target: "event", call: (ctx, id) => eventPage.getEventForEdit(ctx, id) },
  { fn: events.updateEvent, role: "KEY_ADVISOR", permission: "events.manage", target: "event", call: (ctx, id) => events.updateEvent(ctx, id, EVENT_INPUT) },
  {
    fn: events.cancelEvent,
    role: "SPECIALIST",
    permission: "events.manage",
    target: "event",
    call: (ctx, id) => events.cancelEvent(ctx, id, { reason: "Odwołane" }),
  },
  // registrations
  {
    fn: registrations.registerPerson,
    role: "AUDITOR",
    permission: "events.register",
    target: "event",
    call: (ctx, id) => registrations.registerPerson(ctx, id, { personClientId: targets.waitingClient.id }),
  },
  {
    fn: registrations.cancelRegistration,
    role: "AUDITOR",
    permission: "events.register",
    target: "registration",
    call: (ctx, id) => registrations.cancelRegistration(ctx, id, { reason: "Rezygnacja" }),
  },
  {
    fn: findRegistrationCandidates,
    role: "ADMIN",
    permission: "events.register",
    target: "event",
    call: (ctx, id) => findRegistrationCandidates(ctx, id, { q: "Jan" }),
  },
  // attendance and the event's documents
  {
    fn: attendance.getSessionAttendancePage,
    role: "KEY_ADVISOR",
    permission: "events.attendance",
    target: "attendanceSession",
    call: (ctx, id) => attendance.getSessionAttendancePage(ctx, id),
  },
  {
    fn: attendance.saveSessionAttendance,
    role: "KEY_ADVISOR",
    permission: "events.attendance",
    target: "attendanceSession",
    call: (ctx, id) => attendance.saveSessionAttendance(ctx, id, { rows: [{ registrationId: targets.attendanceRegistration.id, status: "ABSENT" }] }),
  },
  {
    fn: eventDocuments.getAttendanceListData,
    role: "KEY_ADVISOR",
    permission: "events.attendance",
    target: "attendanceSession",
    call: (ctx, id) => eventDocuments.getAttendanceListData(ctx, id),
  },
  {
    fn: eventDocuments.getCertificateData,
    role: "AUDITOR",
    permission: "events.attendance",
    target: "attendanceRegistration",
    call: (ctx, id) => eventDocuments.getCertificateData(ctx, id),
  },
  {
    fn: eventDocuments.getEventExportData,
    role: "KEY_ADVISOR",
    permission: "events.attendance",
    target: "attendanceEvent",
    call: (ctx, id) => eventDocuments.getEventExportData(ctx, id),
  },
  // cooperation with institutions
  {
    fn: institutions.getInstitution,
    role: "ANIMATOR",
    permission: "institutions.manage",
    target: "institution",
    call: (ctx, id) => institutions.getInstitution(ctx, id),
  },
  {
    fn: institutions.updateInstitution,
    role: "ANIMATOR",
    permission: "institutions.manage",
    target: "institution",
    call: (ctx, id) => institutions.updateInstitution(ctx, id, { name: "PUP w Kielcach — Filia", kind: "PUP" }),
  },
  {
    fn: institutions.setInstitutionRetired,
    role: "SPECIALIST",
    permission: "institutions.manage",
    target: "institution",
    call: (ctx, id) => institutions.setInstitutionRetired(ctx, id, true),
  },
  {
    fn: cooperationExchanges.updateExchange,
    role: "AUDITOR",
    permission: "cooperation.write",
    target: "exchange",
    call: (ctx, id) => cooperationExchanges.updateExchange(ctx, id, EXCHANGE_INPUT()),
  },
  {
    fn: cooperationForm.getExchangeForEdit,
    role: "AUDITOR",
    permission: "cooperation.write",
    target: "exchange",
    call: (ctx, id) => cooperationForm.getExchangeForEdit(ctx, id),
  },
  // indicator reports
  {
    fn: getIndicatorEvidencePage,
    role: "KEY_ADVISOR",
    permission: "indicators.read",
    target: "indicator",
    call: (ctx, id) => getIndicatorEvidencePage(ctx, id, { period: "2026" }),
  },
  // the indicator catalogue, evidence registered by hand, staff records
  {
    fn: indicatorCatalogue.updateIndicator,
    role: "COORDINATOR",
    permission: "indicators.manage",
    target: "indicator",
    call: (ctx, id) => indicatorCatalogue.updateIndicator(ctx, id, INDICATOR_INPUT),
  },
  {
    fn: indicatorCatalogue.setIndicatorActive,
    role: "KEY_ADVISOR",
    permission: "indicators.manage",
    target: "indicator",
    call: (ctx, id) => indicatorCatalogue.setIndicatorActive(ctx, id, false),
  },
  {
    fn: getIndicatorEditPage,
    role: "AUDITOR",
    permission: "indicators.manage",
    target: "indicator",
    call: (ctx, id) => getIndicatorEditPage(ctx, id),
  },
  {
    fn: manualEvidence.correctEvidence,
    role: "AUDITOR",
    permission: "indicators.evidence",
    target: "manualEvidence",
    call: (ctx, id) => manualEvidence.correctEvidence(ctx, id, EVIDENCE_INPUT()),
  },
  {
    fn: manualEvidence.withdrawEvidence,
    role: "ANIMATOR",
    permission: "indicators.evidence",
    target: "manualEvidence",
    call: (ctx, id) => manualEvidence.withdrawEvidence(ctx, id, { reason: "Błąd" }),
  },
  {
    fn: getEvidencePage,
    role: "SPECIALIST",
    permission: "indicators.evidence",
    target: "manualEvidence",
    call: (ctx, id) => getEvidencePage(ctx, id),
  },
  {
    fn: staffRecords.updateStaffRecord,
    role: "COORDINATOR",
    permission: "staff.manage",
    target: "staffRecord",
    call: (ctx, id) => staffRecords.updateStaffRecord(ctx, id, STAFF_INPUT),
  },
  {
    fn: staffRecords.withdrawStaffRecord,
    role: "KEY_ADVISOR",
    permission: "staff.manage",
    target: "staffRecord",
    call: (ctx, id) => staffRecords.withdrawStaffRecord(ctx, id, { reason: "Błąd" }),
  },
  {
    fn: getStaffPage,
    role: "AUDITOR",
    permission: "staff.manage",
    target: "staffRecord",
    call: (ctx, id) => getStaffPage(ctx, id),
  },
  // path results as evidence, job durability
  {
    fn: paths.correctPathResult,
    role: "ANIMATOR",
    permission: "paths.write",
    target: "path",
    call: (ctx, id) => paths.correctPathResult(ctx, id, any(), RESULT_CORRECTION),
  },
  {
    fn: paths.withdrawPathResult,
    role: "AUDITOR",
    permission: "paths.write",
    target: "path",
    call: (ctx, id) => paths.withdrawPathResult(ctx, id, any(), { reason: "Błąd" }),
  },
  {
    fn: durability.updateJob,
    role: "AUDITOR",
    permission: "durability.check",
    target: "job",
    call: (ctx, id) => durability.updateJob(ctx, id, { personName: "Jan Kowalski" }),
  },
  {
    fn: durability.recordJobCheck,
    role: "ANIMATOR",
    permission: "durability.check",
    target: "jobCheck",
    call: (ctx, id) => durability.recordJobCheck(ctx, id, CHECK_INPUT),
  },
  {
    fn: durability.correctJobCheck,
    role: "SPECIALIST",
    permission: "durability.check",
    target: "jobCheck",
    call: (ctx, id) => durability.correctJobCheck(ctx, id, CHECK_INPUT),
  },
  {
    fn: getJobPage,
    role: "ANIMATOR",
    permission: "durability.read",
    target: "job",
    call: (ctx, id) => getJobPage(ctx, id),
  },
  // the IOD's register of data subjects' requests: a manager (who has privacy.settings) may not act on one
  {
    fn: subjectRequests.getSubjectRequestPage,
    role: "MANAGER",
    permission: "privacy.requests",
    target: "subjectRequest",
    call: (ctx, id) => subjectRequests.getSubjectRequestPage(ctx, id),
  },
  {
    fn: subjectRequests.extendSubjectRequest,
    role: "ADMIN",
    permission: "privacy.requests",
    target: "subjectRequest",
    call: (ctx, id) => subjectRequests.extendSubjectRequest(ctx, id, { extendedTo: "2027-02-15", reason: "Wiele wniosków" }),
  },
  {
    fn: subjectRequests.completeSubjectRequest,
    role: "AUDITOR",
    permission: "privacy.requests",
    target: "subjectRequest",
    call: (ctx, id) => subjectRequests.completeSubjectRequest(ctx, id, { outcome: "Zrealizowano" }),
  },
  {
    fn: subjectRequests.refuseSubjectRequest,
    role: "MANAGER",
    permission: "privacy.requests",
    target: "subjectRequest",
    call: (ctx, id) => subjectRequests.refuseSubjectRequest(ctx, id, { outcome: "Odmowa" }),
  },
  {
    fn: buildSubjectExport,
    role: "KEY_ADVISOR",
    permission: "privacy.requests",
    target: "subjectRequest",
    call: (ctx, id) => buildSubjectExport(ctx, id, (key) => key),
  },
  {
    fn: setRestriction,
    role: "COORDINATOR",
    permission: "privacy.requests",
    target: "subjectRequest",
    call: (ctx, id) => setRestriction(ctx, id, { restricted: true }),
  },
  // the review after retention: the IOD's alone (a manager has privacy.settings, not this)
  {
    fn: retention.keepRetentionReview,
    role: "MANAGER",
    permission: "privacy.retention",
    target: "retentionReview",
    call: (ctx, id) => retention.keepRetentionReview(ctx, id, { reason: "Kontrola projektu" }),
  },
  // background jobs
  { fn: retryFailedJob, role: "MANAGER", permission: "jobs.manage", target: "failedJob", call: (ctx, id) => retryFailedJob(ctx, id) },
  // spreadsheet imports: the manager's alone
  { fn: imports.getImportPage, role: "KEY_ADVISOR", permission: "imports.run", target: "dataImport", call: (ctx, id) => imports.getImportPage(ctx, id) },
  { fn: imports.getImportProgress, role: "COORDINATOR", permission: "imports.run", target: "dataImport", call: (ctx, id) => imports.getImportProgress(ctx, id) },
  { fn: imports.commitImport, role: "ADMIN", permission: "imports.run", target: "dataImport", call: (ctx, id) => imports.commitImport(ctx, id) },
  {
    fn: imports.getAnnotatedReport,
    role: "IOD",
    permission: "imports.run",
    target: "dataImport",
    call: (ctx, id) => imports.getAnnotatedReport(ctx, id, { sheet: "Raport", errorsHeader: "Błędy", okCell: "" }, (message) => message),
  },
];

/** Ids inside the input rather than parameters: not found by the meta-test, listed by hand. */
const INPUT_ID_CASES: (Omit<TCase, "fn"> & { name: string })[] = [
  {
    name: "caseload#assignClient",
    role: "KEY_ADVISOR",
    permission: "clients.assign",
    target: "waitingClient",
    call: (ctx, id) => caseload.assignClient(ctx, { clientId: id, advisorId: targets.user.id, reason: "" }),
  },
  {
    name: "caseload#releaseClient",
    role: "KEY_ADVISOR",
    permission: "clients.assign",
    target: "activeClient",
    call: (ctx, id) => caseload.releaseClient(ctx, { clientId: id, reason: "" }),
  },
  {
    name: "caseload#handoverClients",
    role: "COORDINATOR",
    permission: "caseload.handover",
    target: "user",
    call: (ctx, id) => caseload.handoverClients(ctx, { fromAdvisorId: id, toAdvisorIds: [any()], reason: "" }),
  },
  {
    name: "services#getTimesheet",
    role: "ADMIN",
    permission: "services.timesheet",
    target: "user",
    call: (ctx, id) => serviceLog.getTimesheet(ctx, { month: "2026-01", userId: id }),
  },
  {
    name: "cooperation#logExchange",
    role: "AUDITOR",
    permission: "cooperation.write",
    target: "institution",
    call: (ctx, id) => cooperationExchanges.logExchange(ctx, { ...EXCHANGE_INPUT(), institutionId: id }),
  },
  {
    name: "cooperation#getNewExchangePage",
    role: "AUDITOR",
    permission: "cooperation.write",
    target: "pathClient",
    call: (ctx, id) => cooperationForm.getNewExchangePage(ctx, { clientId: id }),
  },
  {
    name: "cooperation#getCooperationLogPage",
    role: "KEY_ADVISOR",
    permission: "cooperation.list",
    target: "institution",
    call: (ctx, id) => getCooperationLogPage(ctx, { institutionId: id }),
  },
  // The support catalogue: entries are named by their code, not an id (so the meta-test cannot find them).
  {
    name: "catalogue#getCatalogueEntryPage",
    role: "KEY_ADVISOR",
    permission: "catalogue.manage",
    target: "catalogueEntry",
    call: (ctx, code) => catalogue.getCatalogueEntryPage(ctx, "supportType", code),
  },
  {
    name: "catalogue#updateEntry",
    role: "COORDINATOR",
    permission: "catalogue.manage",
    target: "catalogueEntry",
    call: (ctx, code) => catalogue.updateEntry(ctx, "supportType", code, { name: "Inna nazwa" }),
  },
  {
    name: "catalogue#setEntryRetired",
    role: "ADMIN",
    permission: "catalogue.manage",
    target: "catalogueEntry",
    call: (ctx, code) => catalogue.setEntryRetired(ctx, "supportType", code, true),
  },
  {
    name: "catalogue#moveEntry",
    role: "KEY_ADVISOR",
    permission: "catalogue.manage",
    target: "catalogueEntry",
    call: (ctx, code) => catalogue.moveEntry(ctx, "supportType", code, { direction: "up" }),
  },
  {
    name: "indicators#registerEvidence",
    role: "AUDITOR",
    permission: "indicators.evidence",
    target: "indicator",
    call: (ctx, id) =>
      manualEvidence.registerEvidence(ctx, {
        ...EVIDENCE_INPUT(),
        indicatorId: id,
      }),
  },
  {
    name: "staff#createStaffRecord",
    role: "COORDINATOR",
    permission: "staff.manage",
    target: "user",
    call: (ctx, id) => staffRecords.createStaffRecord(ctx, { ...STAFF_INPUT, userId: id }),
  },
  {
    name: "catalogue#deleteEntry",
    role: "AUDITOR",
    permission: "catalogue.manage",
    target: "catalogueEntry",
    call: (ctx, code) => catalogue.deleteEntry(ctx, "supportType", code),
  },
  {
    name: "privacy#createSubjectRequest",
    role: "KEY_ADVISOR",
    permission: "privacy.requests",
    target: "pathClient",
    call: (ctx, id) => subjectRequests.createSubjectRequest(ctx, { kind: "ACCESS", requesterName: "Jan Wnioskodawca", clientId: id, receivedOn: "2026-01-15" }),
  },
  {
    name: "privacy#carryOutErasure",
    role: "MANAGER",
    permission: "privacy.requests",
    target: "subjectRequest",
    call: (ctx, id) => carryOutErasure(ctx, { requestId: id }),
  },
  {
    name: "privacy#approveRetentionReviews",
    role: "ADMIN",
    permission: "privacy.retention",
    target: "retentionReview",
    call: (ctx, id) => retention.approveRetentionReviews(ctx, { reviewIds: [id] }),
  },
  // The IOD's access log: a manager may not read it, whichever person or user it names.
  {
    name: "privacy#getAccessLogPage",
    role: "MANAGER",
    permission: "privacy.access_log",
    target: "pathClient",
    call: (ctx, id) => getAccessLogPage(ctx, { clientId: id }),
  },
  {
    name: "privacy#exportAccessLog",
    role: "AUDITOR",
    permission: "privacy.access_log",
    target: "user",
    call: (ctx, id) => exportAccessLog(ctx, { userId: id }, { format: "csv", labels: ACCESS_LOG_LABELS }),
  },
];

const ACCESS_LOG_LABELS = {
  sheet: "Rejestr",
  columns: { at: "Kiedy", user: "Kto", role: "Rola", person: "Osoba", view: "Widok", detail: "Szczegóły", ip: "IP" },
  view: (view: string) => view,
  role: (role: string) => role,
  unknownUser: "?",
};

/** Functions that take an id but check no permission of their own: the frame their callers (listed above) run in. */
const WITHOUT_PERMISSION = new Set<(...args: never[]) => unknown>([
  withClientLocked,
  // notifications.own is every role's: no role to refuse. What keeps one user's notifications from
  // another is the recipient scope (tests/integration/notifications/inbox.test.ts).
  markNotificationRead,
  // account.manage_own is every role's too; one's own sessions are the scope (tests/integration/rodo/two-factor.test.ts
  // checks the permission comes first with a role that holds nothing).
  revokeSession,
]);

let tenant: TTenantRow;

beforeEach(async () => {
  tenant = await createTenant();
  const partner = await createPartner(tenant);
  const office = await createOffice(tenant);
  const user = await createUser(tenant, { role: "KEY_ADVISOR", partnerId: partner.id, officeId: office.id });
  const [waitingClient] = await createCaseloadClients(tenant, 1);
  if (!waitingClient) throw new Error("setup");
  const pathTargets = await createPathTargets(tenant, user.id);
  const eventTargets = await createEventTargets(tenant, user.id);
  const serviceRecord = await insertServiceRecord(tenant, { clientId: pathTargets.pathClient.id, userId: user.id, pathId: pathTargets.path.id });
  const attendanceTargets = await createAttendanceTargets(tenant, user.id);
  const [institution] = await ownerQuery<{ id: string }>(
    `INSERT INTO institution (id, tenant_id, name, kind, updated_at) VALUES (gen_random_uuid(), $1, 'PUP w Kielcach', 'PUP', now()) RETURNING id`,
    [tenant.id],
  );
  const [exchange] = await ownerQuery<{ id: string }>(
    `INSERT INTO information_exchange (id, tenant_id, date, institution_id, direction, channel, subject, client_id, author_id, updated_at)
     VALUES (gen_random_uuid(), $1, current_date, $2, 'SENT', 'EMAIL', 'Informacja', $3, $4, now()) RETURNING id`,
    [tenant.id, institution?.id, pathTargets.pathClient.id, user.id],
  );
  if (!institution || !exchange) throw new Error("setup");
  const jobs = jobSender(pool);
  const failedJob = await jobs.send("notification.email", { tenantId: tenant.id, notificationId: randomUUID() }, { retryLimit: 0 });
  if (!failedJob) throw new Error("setup");
  await jobs.fail("notification.email", failedJob, new Error("SMTP 550"));
  const [indicator] = await ownerQuery<{ id: string }>(`SELECT id FROM indicator WHERE tenant_id = $1 AND code = 'JOBS_CREATED'`, [tenant.id]);
  if (!indicator) throw new Error("setup");
  const [manualEvidenceIndicator] = await ownerQuery<{ id: string }>(`SELECT id FROM indicator WHERE tenant_id = $1 AND code = 'JOINT_GI_PROJECTS'`, [
    tenant.id,
  ]);
  const [manualEvidenceRow] = await ownerQuery<{ id: string }>(
    `INSERT INTO indicator_evidence_record (id, tenant_id, indicator_id, document_kind, document_date, reference, created_by_id, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'List intencyjny', '2026-01-15', 'LI/1', $3, now()) RETURNING id`,
    [tenant.id, manualEvidenceIndicator?.id, user.id],
  );
  const [staffRecord] = await ownerQuery<{ id: string }>(
    `INSERT INTO staff_employment (id, tenant_id, person_name, position, contract_kind, reference, starts_on, created_by_id, updated_at)
     VALUES (gen_random_uuid(), $1, 'Anna Animatorka', 'ANIMATOR', 'EMPLOYMENT_CONTRACT', 'UoP/1', '2026-01-01', $2, now()) RETURNING id`,
    [tenant.id, user.id],
  );
  if (!manualEvidenceIndicator || !manualEvidenceRow || !staffRecord) throw new Error("setup");
  const [job] = await ownerQuery<{ id: string }>(
    `INSERT INTO job_record (id, tenant_id, client_id, starts_on, created_by_id, updated_at) VALUES (gen_random_uuid(), $1, $2, '2025-01-10', $3, now()) RETURNING id`,
    [tenant.id, pathTargets.pathClient.id, user.id],
  );
  const [jobCheck] = await ownerQuery<{ id: string }>(
    `INSERT INTO job_check (id, tenant_id, job_id, months, due_on) VALUES (gen_random_uuid(), $1, $2, 12, '2026-01-10') RETURNING id`,
    [tenant.id, job?.id],
  );
  if (!job || !jobCheck) throw new Error("setup");
  const [subjectRequest] = await ownerQuery<{ id: string }>(
    `INSERT INTO subject_request (id, tenant_id, client_id, requester_name, kind, received_on, due_on, created_by_id, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'Jan Wnioskodawca', 'ACCESS', current_date, current_date + 30, $3, now()) RETURNING id`,
    [tenant.id, pathTargets.pathClient.id, user.id],
  );
  if (!subjectRequest) throw new Error("setup");
  const [retentionReview] = await ownerQuery<{ id: string }>(
    `INSERT INTO retention_review (id, tenant_id, client_id, retention_ended_on) VALUES (gen_random_uuid(), $1, $2, '2025-12-31') RETURNING id`,
    [tenant.id, pathTargets.pathClient.id],
  );
  if (!retentionReview) throw new Error("setup");
  const [clause] = await ownerQuery<{ id: string }>(
    `INSERT INTO information_clause (id, tenant_id, version, title, body, effective_from, created_by_id)
     VALUES (gen_random_uuid(), $1, 1, 'Klauzula informacyjna', 'Treść', '2026-01-01', $2) RETURNING id`,
    [tenant.id, user.id],
  );
  if (!clause) throw new Error("setup");
  const dataImport = await insertDataImport(tenant, user.id);
  targets = {
    dataImport,
    clause,
    job,
    jobCheck,
    subjectRequest,
    retentionReview,
    indicator,
    manualEvidence: manualEvidenceRow,
    manualEvidenceIndicator,
    staffRecord,
    user,
    partner,
    office,
    waitingClient,
    serviceRecord,
    institution,
    exchange,
    catalogueEntry: { id: "ADVISORY" },
    failedJob: { id: failedJob },
    ...pathTargets,
    ...eventTargets,
    ...attendanceTargets,
  };
});

/** Every row the tenant owns, its support paths included, but the audit trail (refusals are audited). */
async function snapshot(): Promise<Record<string, unknown[]>> {
  const { audit_log: _audit, ...rows } = await tenantSnapshot(tenant.id);
  return rows;
}

const nameOf = (c: TCase) => c.fn.name;
const ROUNDS = 3;

describe.each([...CASES.map((c) => ({ ...c, name: nameOf(c) })), ...INPUT_ID_CASES])("$name as $role", ({ role, permission, target, call }) => {
  it(`answers FORBIDDEN for a missing, a malformed and an existing id alike, every time, and writes nothing but the refusal`, async () => {
    expect(can(role, permission), `${role} must lack ${permission} for this case to mean anything`).toBe(false);
    const ctx = contextFor(await createUser(tenant, { role }));
    const before = await snapshot();

    const answers: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const id of [randomUUID(), "not-a-uuid", targets[target].id]) {
        answers.push((await appErrorOf(call(ctx, id))).code);
      }
    }

    expect(answers).toEqual(Array.from({ length: ROUNDS * 3 }, () => "FORBIDDEN"));
    expect(await snapshot()).toEqual(before);
    const audit = await auditRows(tenant.id);
    expect(audit.map((row) => row.action)).toEqual(Array.from({ length: ROUNDS * 3 }, () => "auth.forbidden"));
  });
});

describe("meta", () => {
  it("every exported domain function taking ctx and an id has a permission-first case", async () => {
    const found = await idTakingServiceFunctions();
    expect(found.size).toBeGreaterThan(CASES.length / 2);
    const covered = new Set([...CASES.map((c) => c.fn), ...WITHOUT_PERMISSION]);
    const uncovered = [...found].filter(([fn]) => !covered.has(fn)).map(([, names]) => names.join(" = "));
    expect(uncovered, "service functions taking an id without a permission-first case").toEqual([]);
    const stale = [...covered].filter((fn) => !found.has(fn)).map((fn) => fn.name);
    expect(stale, "cases naming no exported function with an id parameter").toEqual([]);
  });
});
