import { randomUUID } from "node:crypto";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { TContext } from "@/lib/auth/context";
import type { TRole } from "@/lib/auth/permissions";
import { findAuditEntries } from "@/lib/domain/audit/find-audit";
import * as caseload from "@/lib/domain/caseload/service";
import * as clients from "@/lib/domain/clients/service";
import * as participants from "@/lib/domain/participants/service";
import * as serviceLog from "@/lib/domain/services/service";
import * as cooperationExchanges from "@/lib/domain/cooperation/exchanges";
import * as cooperationForm from "@/lib/domain/cooperation/exchange-form";
import * as institutions from "@/lib/domain/cooperation/institutions";
import { getCooperationLogPage } from "@/lib/domain/cooperation/log-page";
import { getIndicatorEvidencePage } from "@/lib/domain/indicators/report/pages";
import * as indicatorCatalogue from "@/lib/domain/indicators/catalogue";
import { getIndicatorEditPage } from "@/lib/domain/indicators/admin-pages";
import * as manualEvidence from "@/lib/domain/indicators/manual-evidence";
import { getEvidenceListPage, getEvidencePage } from "@/lib/domain/indicators/evidence-pages";
import * as staffRecords from "@/lib/domain/staff/service";
import { getStaffPage } from "@/lib/domain/staff/page";
import * as durability from "@/lib/domain/durability/service";
import { findJobChecks, getJobPage } from "@/lib/domain/durability/read";
import * as eventPage from "@/lib/domain/events/event-page";
import * as events from "@/lib/domain/events/events";
import * as registrations from "@/lib/domain/events/registration";
import { findRegistrationCandidates } from "@/lib/domain/events/registration-candidates";
import { getEventsCalendarPage } from "@/lib/domain/events/calendar";
import * as paths from "@/lib/domain/paths/service";
import * as catalogue from "@/lib/domain/catalogue/service";
import { getOverdueMonitoringPage } from "@/lib/domain/paths/attention";
import { getServiceRegisterPage } from "@/lib/domain/services/register";
import { getAccessLogPage } from "@/lib/domain/privacy/access-log-page";
import * as clauses from "@/lib/domain/privacy/clauses";
import * as consents from "@/lib/domain/privacy/consents";
import { setLegalBasis } from "@/lib/domain/privacy/legal-basis";
import { writePath } from "@/lib/domain/paths/write";
import { withClientLocked } from "@/lib/domain/caseload/move-client";
import * as tenancy from "@/lib/domain/tenancy/service";
import * as users from "@/lib/domain/users/service";
import { sendAccountLink } from "@/lib/domain/accounts/invite";
import { isAppError, type AppError } from "@/lib/errors";
import {
  auditRows,
  contextFor,
  ownerQuery,
  createAuditEntry,
  createOffice,
  createPartner,
  createTenant,
  createUser,
  type TOfficeRow,
  type TPartnerRow,
  type TTenantRow,
  type TUserRow,
} from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { createCaseloadClients } from "@/tests/factories/caseload";
import { insertServiceRecord, polishDaysAgo, serviceInput } from "@/tests/factories/services";
import { createPathTargets, type TPathTargets } from "@/tests/factories/paths";
import { createEventTargets, type TEventTargets } from "@/tests/factories/events";
import { createAttendanceTargets, type TAttendanceTargets } from "@/tests/factories/attendance";
import * as attendance from "@/lib/domain/events/attendance";
import * as eventDocuments from "@/lib/domain/events/documents";
import { domainModules, isIdName, moduleNameOf, parameterNames } from "@/tests/support/domain-functions";
import { pool } from "@/lib/db/client";
import { retryFailedJob } from "@/lib/domain/jobs/service";
import { markNotificationRead } from "@/lib/domain/notifications/service";
import { revokeSession } from "@/lib/domain/sessions/own-sessions";
import * as imports from "@/lib/domain/imports/service";
import { insertDataImport } from "@/tests/factories/import-files";
import { createUserSession } from "@/tests/factories/sessions";
import { jobSender } from "@/lib/jobs/boss";
import { createTranslator } from "next-intl";
import pl from "@/lib/i18n/messages/pl.json";
import * as subjectRequests from "@/lib/domain/privacy/requests";
import { carryOutErasure } from "@/lib/domain/privacy/erasure";
import * as retention from "@/lib/domain/privacy/retention";
import { setRestriction } from "@/lib/domain/privacy/restriction";
import { buildSubjectExport } from "@/lib/domain/privacy/subject-export";
import { addDays, todayInPoland } from "@/lib/dates";

/**
 * A foreign id answers exactly like a missing one (STYLE rule 3). Every service function taking a
 * record id is listed here; the meta-test at the bottom fails when one is added without a case.
 */
type TTargets = {
  /** A key advisor of the partner, at the office. */
  user: TUserRow;
  partner: TPartnerRow;
  office: TOfficeRow;
  /** A client in the queue, at the office. */
  waitingClient: { id: string };
  /** A service for the path's client, delivered and logged by `advisor`. */
  serviceRecord: { id: string };
  /** The key advisor of the path targets' clients (a key advisor of the partner). */
  advisor: TUserRow;
  /** `user` on the waiting client's team. */
  teamMember: { id: string };
  /** The session of the event targets' event. */
  eventSession: { id: string };
  /** An institution of the directory (a PUP). */
  institution: { id: string };
  /** An exchange with `institution` about the path's client, logged by `advisor`, on the path. */
  exchange: { id: string };
  /** A notification for `user`. */
  notification: { id: string };
  /** A signed-in session of `user` (user_session). */
  userSession: { id: string };
  /** A failed background job of the tenant (the dead-letter view). */
  failedJob: { id: string };
  /** A spreadsheet import whose dry run was clean. */
  dataImport: { id: string };
  /** The tenant's seeded indicator "jobs created" (every tenant gets the catalogue). */
  indicator: { id: string };
  /** The seeded MANUAL indicator "joint GI projects", and a piece of evidence registered for it by hand. */
  manualIndicator: { id: string };
  manualEvidence: { id: string };
  /** A staff record (an animator's employment contract). */
  staffRecord: { id: string };
  /** A JOBS_CREATED result (1 job) of `path`'s evaluation; its job started 25 months ago. */
  pathResult: { id: string };
  job: { id: string };
  /** The job's 12-month check, recorded as maintained, and its 24-month check, overdue. */
  recordedCheck: { id: string };
  jobCheck: { id: string };
  /** An open access request about the path's client, received today; an open restriction request about the waiting client. */
  subjectRequest: { id: string };
  restrictionRequest: { id: string };
  /** An open erasure request about the path's client; the path's client listed for the IOD's review after retention. */
  erasureRequest: { id: string };
  retentionReview: { id: string };
  /** Version 1 of the information clause, in force since last week. */
  clause: { id: string };
} & TPathTargets &
  TEventTargets &
  TAttendanceTargets;
type TCase = {
  target: keyof TTargets;
  /** A read returns the record; a write leaves an audit row naming it. */
  kind: "read" | "write";
  /** Calls the function with `id`; any other id it needs is one of `own`, the caller's tenant's targets. */
  call: (ctx: TContext, id: string, own: TTargets) => Promise<unknown>;
  /** Who calls, in either tenant: the tenant's admin unless the function needs another role. */
  role?: TRole;
  /** A read whose result is not the record itself: what it equals for the own id. */
  ownResult?: (targets: TTargets) => unknown;
  /** A write whose audit row names another record than the target (one it creates, a plan version). */
  auditedEntity?: (targets: TTargets, result: unknown) => string;
};

/**
 * A path service function: one case (or one per id it takes), listed under its own module and
 * under the service module that re-exports it (the meta-test sees both), and run once.
 */
function pathCase(name: string, file: string, c: TCase | TCase[]): Record<string, TCase | TCase[]> {
  return { [`paths/service#${name}`]: c, [`paths/${file}#${name}`]: c };
}

/** A clients function: listed under its own module (clients/<file>) and the clients service that re-exports it. */
function clientCase(name: string, file: string, c: TCase | TCase[]): Record<string, TCase | TCase[]> {
  return { [`clients/service#${name}`]: c, [`clients/${file}#${name}`]: c };
}

/** A client-team function: listed under clients/team and the clients service that re-exports it. */
const teamCase = (name: string, c: TCase | TCase[]) => clientCase(name, "team", c);
/** A correction of the path's JOBS_CREATED result, and a durability check, as their forms send them. */
const RESULT_CORRECTION = {
  quantity: 1,
  achievedOn: "2024-01-10",
  evidenceKind: "Umowa o dotację",
  evidenceReference: "UD/1",
  kpresSpheres: [],
};
const CHECK_INPUT = {
  outcome: "MAINTAINED" as const,
  checkedOn: new Date().toISOString().slice(0, 10),
  evidence: "Deklaracja ZUS DRA",
};

/**
 * The path's evaluation with a JOBS_CREATED result of 1, its job (started 25 months ago) and the
 * job's checks: at 12 months recorded as maintained, at 24 months overdue — written by the owner.
 */
async function createDurabilityTargets(tenant: TTenantRow, pathId: string, clientId: string, advisorId: string) {
  const [row] = await ownerQuery<{
    result_id: string;
    job_id: string;
    recorded_id: string;
    open_id: string;
  }>(
    `WITH evaluation AS (
       INSERT INTO path_evaluation (id, tenant_id, path_id, author_id, assessment) VALUES (gen_random_uuid(), $1, $2, $4, 'Ocena') RETURNING id),
     result AS (
       INSERT INTO path_result (id, tenant_id, evaluation_id, type, quantity, achieved_on, evidence_kind, evidence_reference, kpres_spheres)
       SELECT gen_random_uuid(), $1, e.id, 'JOBS_CREATED', 1, (current_date - interval '25 months')::date, 'Umowa o dotację', 'UD/1', '{}' FROM evaluation e RETURNING id, achieved_on),
     job AS (
       INSERT INTO job_record (id, tenant_id, client_id, path_result_id, starts_on, evidence, created_by_id, updated_at)
       SELECT gen_random_uuid(), $1, $3, r.id, r.achieved_on, 'UD/1', $4, now() FROM result r RETURNING id, starts_on),
     recorded AS (
       INSERT INTO job_check (id, tenant_id, job_id, months, due_on, outcome, checked_on, evidence, checked_by_id, checked_at)
       SELECT gen_random_uuid(), $1, j.id, 12, (j.starts_on + interval '12 months')::date, 'MAINTAINED', (j.starts_on + interval '12 months')::date, 'ZUS', $4, now() FROM job j RETURNING id),
     open AS (
       INSERT INTO job_check (id, tenant_id, job_id, months, due_on)
       SELECT gen_random_uuid(), $1, j.id, 24, (j.starts_on + interval '24 months')::date FROM job j RETURNING id)
     SELECT (SELECT id FROM result) AS result_id, (SELECT id FROM job) AS job_id, (SELECT id FROM recorded) AS recorded_id, (SELECT id FROM open) AS open_id`,
    [tenant.id, pathId, clientId, advisorId],
  );
  if (!row) throw new Error("setup");
  return {
    pathResult: { id: row.result_id },
    job: { id: row.job_id },
    recordedCheck: { id: row.recorded_id },
    jobCheck: { id: row.open_id },
  };
}

const PLAN_INPUT = { summary: "Plan", actions: [{ supportType: "TRAINING" as const, description: "Szkolenie" }] };

const PATH_CASES: Record<string, TCase | TCase[]> = {
  ...pathCase("openPath", "open-path", {
    target: "activeClient",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.openPath(ctx, id, { direction: "TRANSFORMATION", workForm: "GROUP" }),
    auditedEntity: (_t, result) => (result as { id: string }).id,
  }),
  ...pathCase("movePath", "move-path", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.movePath(ctx, id, { to: "IMPLEMENTATION" }),
  }),
  ...pathCase("updateIdentification", "path-content", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.updateIdentification(ctx, id, { direction: "ECONOMISATION", workForm: "E_SUPPORT", identification: "Zmienione" }),
  }),
  ...pathCase("saveNeeds", "path-content", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.saveNeeds(ctx, id, { needs: [{ area: "COACHING", description: "Coaching", expectedEffects: ["Plan biznesowy"] }] }),
  }),
  ...pathCase("saveContract", "path-content", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.saveContract(ctx, id, { number: "UM/CROSS/1", status: "DRAFT" }),
  }),
  ...pathCase("addMonitoringEntry", "path-content", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.addMonitoringEntry(ctx, id, { progress: "Postęp" }),
  }),
  ...pathCase("addEvaluation", "path-content", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.addEvaluation(ctx, id, { assessment: "Ocena", results: [] }),
  }),
  ...pathCase("savePlan", "plan", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id, own) => paths.savePlan(ctx, id, { ...PLAN_INPUT, versionId: own.draftPlan.id, baseRevision: 1 }),
    auditedEntity: (t) => t.draftPlan.id,
  }),
  ...pathCase("submitPlan", "plan", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id, own) => paths.submitPlan(ctx, id, { versionId: own.draftPlan.id, baseRevision: 1 }),
    auditedEntity: (t) => t.draftPlan.id,
  }),
  ...pathCase("decidePlan", "plan", [
    {
      target: "planPath",
      kind: "write",
      role: "MANAGER",
      call: (ctx, id, own) => paths.decidePlan(ctx, id, own.planVersion.id, { decision: "APPROVE" }),
      auditedEntity: (t) => t.planVersion.id,
    },
    {
      target: "planVersion",
      kind: "write",
      role: "MANAGER",
      call: (ctx, id, own) => paths.decidePlan(ctx, own.planPath.id, id, { decision: "APPROVE" }),
    },
  ]),
  ...pathCase("addAnnotation", "annotations", {
    target: "path",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => paths.addAnnotation(ctx, id, { step: "EVALUATION", text: "Adnotacja" }),
    auditedEntity: (_t, result) => (result as { annotationId: string }).annotationId,
  }),
  ...pathCase("reviseAnnotation", "annotations", [
    {
      target: "annotation",
      kind: "write",
      role: "MANAGER",
      call: (ctx, id, own) => paths.reviseAnnotation(ctx, own.path.id, id, { text: "Poprawiona" }),
    },
    {
      target: "path",
      kind: "write",
      role: "MANAGER",
      call: (ctx, id, own) => paths.reviseAnnotation(ctx, id, own.annotation.id, { text: "Poprawiona" }),
      auditedEntity: (t) => t.annotation.id,
    },
  ]),
  ...pathCase("getPath", "read-path", { target: "path", kind: "read", role: "AUDITOR", call: (ctx, id) => paths.getPath(ctx, id) }),
  ...pathCase("getPathCard", "path-card", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.getPathCard(ctx, id),
    ownResult: (t) => expect.objectContaining({ path: expect.objectContaining({ id: t.path.id }), plan: expect.objectContaining({ status: "APPROVED" }) }),
  }),
  // The path page: the head and each tab in one transaction; a version or comparison of another path's plan.
  ...pathCase("getPathPage", "path-page", [
    ...paths.PATH_TABS.map((tab): TCase => ({
      target: "path",
      kind: "read",
      role: "AUDITOR",
      call: (ctx, id) => paths.getPathPage(ctx, id, { tab }),
      ownResult: (t) => expect.objectContaining({ path: expect.objectContaining({ id: t.path.id }), tab: expect.objectContaining({ name: tab }) }),
    })),
    {
      target: "draftPlan",
      kind: "read",
      role: "AUDITOR",
      call: (ctx, id, own) =>
        paths.getPathPage(ctx, own.path.id, { tab: "plan", versionId: id, compare: { fromVersionId: id, toVersionId: own.draftPlan.id } }),
      ownResult: (t) =>
        expect.objectContaining({
          tab: expect.objectContaining({ viewed: null, comparison: expect.objectContaining({ to: { id: t.draftPlan.id, number: 2 } }) }),
        }),
    },
  ]),
  // The tab loaders of the path page (the own path has needs, a signed contract, two plan versions and an annotation).
  ...pathCase("getPathContract", "read-path-tabs", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.getPathContract(ctx, id),
    ownResult: () => expect.objectContaining({ status: "SIGNED" }),
  }),
  ...pathCase("listPathNeeds", "read-path-tabs", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.listPathNeeds(ctx, id),
    ownResult: () => [expect.objectContaining({ area: "TRAINING", description: "Wiedza o spółdzielniach" })],
  }),
  ...pathCase("getPathPlan", "read-path-tabs", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.getPathPlan(ctx, id),
    ownResult: (t) =>
      expect.objectContaining({
        versions: [expect.objectContaining({ id: t.draftPlan.id, number: 2 }), expect.objectContaining({ number: 1, status: "APPROVED" })],
      }),
  }),
  ...pathCase("listPathMonitoring", "read-path-tabs", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.listPathMonitoring(ctx, id),
    ownResult: () => [],
  }),
  ...pathCase("listPathEvaluations", "read-path-tabs", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.listPathEvaluations(ctx, id),
    ownResult: (t) => [expect.objectContaining({ results: [expect.objectContaining({ id: t.pathResult.id, type: "JOBS_CREATED" })] })],
  }),
  ...pathCase("listPathAnnotations", "read-path-tabs", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.listPathAnnotations(ctx, id),
    ownResult: (t) => [expect.objectContaining({ id: t.annotation.id, text: "Klient zmotywowany" })],
  }),
  ...pathCase("listClientPaths", "read-path", {
    target: "pathClient",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.listClientPaths(ctx, id),
    ownResult: (t) => [expect.objectContaining({ id: t.path.id, step: "EVALUATION" })],
  }),
  ...pathCase("getPathTimeline", "read-path", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => paths.getPathTimeline(ctx, id),
    ownResult: () => expect.arrayContaining([expect.objectContaining({ kind: "transition", step: "EVALUATION" })]),
  }),
  ...pathCase("getPlanVersion", "read-path", [
    { target: "planVersion", kind: "read", role: "AUDITOR", call: (ctx, id, own) => paths.getPlanVersion(ctx, own.planPath.id, id) },
    {
      target: "planPath",
      kind: "read",
      role: "AUDITOR",
      call: (ctx, id, own) => paths.getPlanVersion(ctx, id, own.planVersion.id),
      ownResult: (t) => expect.objectContaining({ id: t.planVersion.id, pathId: t.planPath.id }),
    },
  ]),
  ...pathCase("comparePlanVersions", "read-path", [
    {
      target: "planVersion",
      kind: "read",
      role: "AUDITOR",
      call: (ctx, id, own) => paths.comparePlanVersions(ctx, own.planPath.id, id, id),
      ownResult: (t) => ({ from: { id: t.planVersion.id, number: 1 }, to: { id: t.planVersion.id, number: 1 }, summaryChanged: false, changes: [] }),
    },
    {
      target: "planPath",
      kind: "read",
      role: "AUDITOR",
      call: (ctx, id, own) => paths.comparePlanVersions(ctx, id, own.planVersion.id, own.planVersion.id),
      ownResult: (t) => ({ from: { id: t.planVersion.id, number: 1 }, to: { id: t.planVersion.id, number: 1 }, summaryChanged: false, changes: [] }),
    },
  ]),
  "paths/write#writePath": {
    target: "path",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => writePath(ctx, id, async (_tx, head) => head),
  },
};

/** A service-log function: listed under its own module and under the service module that re-exports it. */
function consultationCase(name: string, file: string, c: TCase): Record<string, TCase> {
  return { [`services/service#${name}`]: c, [`services/${file}#${name}`]: c };
}

const CONSULTATION_CASES: Record<string, TCase> = {
  ...consultationCase("updateService", "write", {
    target: "serviceRecord",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id, own) => serviceLog.updateService(ctx, id, { ...serviceInput([own.pathClient.id]), durationMinutes: 90 }),
  }),
  ...consultationCase("deleteService", "write", {
    target: "serviceRecord",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => serviceLog.deleteService(ctx, id, { reason: "Omyłka" }),
  }),
  ...consultationCase("getServiceForEdit", "read", {
    target: "serviceRecord",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => serviceLog.getServiceForEdit(ctx, id),
  }),
  ...consultationCase("listClientServices", "read", {
    target: "pathClient",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => serviceLog.listClientServices(ctx, id, {}),
    ownResult: (t) => expect.objectContaining({ total: 1, items: [expect.objectContaining({ id: t.serviceRecord.id })] }),
  }),
  ...consultationCase("getPathImplementation", "read", {
    target: "path",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => serviceLog.getPathImplementation(ctx, id),
    ownResult: (t) => expect.objectContaining({ pathId: t.path.id, otherServices: [expect.objectContaining({ id: t.serviceRecord.id })] }),
  }),
  ...consultationCase("getServiceFormOptions", "read", {
    target: "activeClient",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => serviceLog.getServiceFormOptions(ctx, [id]),
    ownResult: (t) => expect.objectContaining({ clients: expect.arrayContaining([expect.objectContaining({ id: t.activeClient.id })]) }),
  }),
};

/** An event as its form sends it: one session, no trainers (ids are added by each case). */
const EVENT_INPUT = {
  title: "Szkolenie",
  kind: "TRAINING" as const,
  supportType: "TRAINING",
  capacity: "10",
  sessions: [{ date: "2027-03-10", startTime: "09:00", endTime: "12:00", place: "Sala 1" }],
};

const EVENT_CASES: Record<string, TCase> = {
  "events/event-page#getEventPage": {
    target: "event",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => eventPage.getEventPage(ctx, id),
    ownResult: (t) => expect.objectContaining({ event: expect.objectContaining({ id: t.event.id }) }),
  },
  "events/event-page#getEventForEdit": {
    target: "event",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => eventPage.getEventForEdit(ctx, id),
    ownResult: (t) => expect.objectContaining({ event: expect.objectContaining({ id: t.event.id }) }),
  },
  "events/events#updateEvent": { target: "event", kind: "write", role: "MANAGER", call: (ctx, id) => events.updateEvent(ctx, id, EVENT_INPUT) },
  "events/events#cancelEvent": { target: "event", kind: "write", role: "MANAGER", call: (ctx, id) => events.cancelEvent(ctx, id, { reason: "Odwołane" }) },
  "events/registration#registerPerson": {
    target: "event",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id, own) => registrations.registerPerson(ctx, id, { personClientId: own.waitingClient.id }),
    auditedEntity: (_t, result) => (result as { id: string }).id,
  },
  "events/registration#cancelRegistration": {
    target: "registration",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => registrations.cancelRegistration(ctx, id, { reason: "Rezygnacja" }),
  },
  "events/registration-candidates#findRegistrationCandidates": {
    target: "event",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => findRegistrationCandidates(ctx, id, { q: "Jan Reprezentant" }),
    ownResult: (t) => expect.objectContaining({ items: [expect.objectContaining({ clientPersonId: t.clientPerson.id })] }),
  },
};

/** Attendance at a session (yesterday's, with a person present) and the event's documents. */
const ATTENDANCE_CASES: Record<string, TCase> = {
  "events/attendance#getSessionAttendancePage": {
    target: "attendanceSession",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => attendance.getSessionAttendancePage(ctx, id),
    ownResult: (t) => expect.objectContaining({ session: expect.objectContaining({ id: t.attendanceSession.id }) }),
  },
  "events/attendance#saveSessionAttendance": {
    target: "attendanceSession",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id, own) => attendance.saveSessionAttendance(ctx, id, { rows: [{ registrationId: own.attendanceRegistration.id, status: "ABSENT" }] }),
  },
  "events/documents#getAttendanceListData": {
    target: "attendanceSession",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => eventDocuments.getAttendanceListData(ctx, id),
    ownResult: (t) =>
      expect.objectContaining({
        session: expect.objectContaining({ id: t.attendanceSession.id }),
        participants: [{ person: "Lucyna Obecna", represents: null }],
      }),
  },
  "events/documents#getCertificateData": {
    target: "attendanceRegistration",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => eventDocuments.getCertificateData(ctx, id),
    ownResult: () => expect.objectContaining({ person: "Lucyna Obecna", minutes: 240 }),
  },
  "events/documents#getEventExportData": {
    target: "attendanceEvent",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => eventDocuments.getEventExportData(ctx, id),
    ownResult: (t) => expect.objectContaining({ event: expect.objectContaining({ id: t.attendanceEvent.id }) }),
  },
};

/** An exchange as its form sends it, with the tenant's institution, about the path's client (one field replaced by a case). */
const exchangeInput = (own: TTargets, fields: { institutionId?: string; clientId?: string }) => ({
  date: polishDaysAgo(0),
  institutionId: own.institution.id,
  direction: "SENT" as const,
  channel: "EMAIL" as const,
  subject: "Informacja o wsparciu",
  clientId: own.pathClient.id,
  ...fields,
});
/** Evidence as its form sends it, for the caller's tenant's MANUAL indicator (one field replaced by a case). */
const evidenceInput = (own: TTargets, fields: { indicatorId?: string; clientId?: string } = {}) => ({
  indicatorId: own.manualIndicator.id,
  documentKind: "List intencyjny",
  documentDate: "2026-01-20",
  reference: "LI/2",
  quantity: 1,
  ...fields,
});
/** A staff record as its form sends it, with the caller's tenant's user, partner and office (one replaced by a case). */
const staffInput = (own: TTargets, fields: { userId?: string; partnerId?: string; officeId?: string } = {}) => ({
  userId: own.user.id,
  position: "ANIMATOR" as const,
  contractKind: "EMPLOYMENT_CONTRACT" as const,
  reference: "UoP/2",
  startsOn: "2026-02-01",
  partnerId: own.partner.id,
  officeId: own.office.id,
  ...fields,
});

const INDICATOR_CASES: Record<string, TCase> = {
  "indicators/catalogue#updateIndicator": {
    target: "indicator",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) =>
      indicatorCatalogue.updateIndicator(ctx, id, {
        name: "Miejsca pracy",
        unit: "miejsca pracy",
        evidenceKind: "Umowa",
        position: 2,
        source: "PATH_RESULT",
        resultType: "JOBS_CREATED",
      }),
  },
  "indicators/catalogue#setIndicatorActive": {
    target: "indicator",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => indicatorCatalogue.setIndicatorActive(ctx, id, false),
  },
  "indicators/admin-pages#getIndicatorEditPage": {
    target: "indicator",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => getIndicatorEditPage(ctx, id),
    ownResult: (t) =>
      expect.objectContaining({
        indicator: expect.objectContaining({
          id: t.indicator.id,
          code: "JOBS_CREATED",
        }),
      }),
  },
  "indicators/manual-evidence#correctEvidence": {
    target: "manualEvidence",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id, own) => manualEvidence.correctEvidence(ctx, id, evidenceInput(own)),
  },
  "indicators/manual-evidence#withdrawEvidence": {
    target: "manualEvidence",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => manualEvidence.withdrawEvidence(ctx, id, { reason: "Błąd" }),
  },
  "indicators/evidence-pages#getEvidencePage": {
    target: "manualEvidence",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => getEvidencePage(ctx, id),
  },
  "staff/service#updateStaffRecord": {
    target: "staffRecord",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id, own) => staffRecords.updateStaffRecord(ctx, id, staffInput(own)),
  },
  "staff/service#withdrawStaffRecord": {
    target: "staffRecord",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => staffRecords.withdrawStaffRecord(ctx, id, { reason: "Błąd" }),
  },
  "staff/page#getStaffPage": {
    target: "staffRecord",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => getStaffPage(ctx, id),
  },
  ...pathCase("correctPathResult", "results", [
    {
      target: "pathResult",
      kind: "write",
      role: "MANAGER",
      call: (ctx, id, own) => paths.correctPathResult(ctx, own.path.id, id, RESULT_CORRECTION),
      auditedEntity: (t) => t.path.id,
    },
    {
      target: "path",
      kind: "write",
      role: "MANAGER",
      call: (ctx, id, own) => paths.correctPathResult(ctx, id, own.pathResult.id, RESULT_CORRECTION),
    },
  ]),
  ...pathCase("withdrawPathResult", "results", [
    {
      target: "pathResult",
      kind: "write",
      role: "MANAGER",
      call: (ctx, id, own) => paths.withdrawPathResult(ctx, own.path.id, id, { reason: "Błąd" }),
      auditedEntity: (t) => t.path.id,
    },
    {
      target: "path",
      kind: "write",
      role: "MANAGER",
      call: (ctx, id, own) =>
        paths.withdrawPathResult(ctx, id, own.pathResult.id, {
          reason: "Błąd",
        }),
    },
  ]),
  "durability/service#updateJob": {
    target: "job",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => durability.updateJob(ctx, id, { personName: "Jan Kowalski" }),
  },
  "durability/service#recordJobCheck": {
    target: "jobCheck",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => durability.recordJobCheck(ctx, id, CHECK_INPUT),
    auditedEntity: (t) => t.job.id,
  },
  "durability/service#correctJobCheck": {
    target: "recordedCheck",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) =>
      durability.correctJobCheck(ctx, id, {
        ...CHECK_INPUT,
        evidence: "Zaświadczenie pracodawcy",
      }),
    auditedEntity: (t) => t.job.id,
  },
  "durability/read#getJobPage": {
    target: "job",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => getJobPage(ctx, id),
    ownResult: (t) => expect.objectContaining({ id: t.job.id, clientId: t.pathClient.id }),
  },
};

const COOPERATION_CASES: Record<string, TCase> = {
  "cooperation/institutions#getInstitution": {
    target: "institution",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => institutions.getInstitution(ctx, id),
  },
  "cooperation/institutions#updateInstitution": {
    target: "institution",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => institutions.updateInstitution(ctx, id, { name: "PUP w Kielcach — Filia", kind: "PUP" }),
  },
  "cooperation/institutions#setInstitutionRetired": {
    target: "institution",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => institutions.setInstitutionRetired(ctx, id, true),
  },
  "cooperation/exchanges#updateExchange": {
    target: "exchange",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id, own) => cooperationExchanges.updateExchange(ctx, id, exchangeInput(own, {})),
  },
  "indicators/report/pages#getIndicatorEvidencePage": {
    target: "indicator",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => getIndicatorEvidencePage(ctx, id, { period: "2026" }),
    ownResult: (t) =>
      expect.objectContaining({
        indicator: expect.objectContaining({
          id: t.indicator.id,
          code: "JOBS_CREATED",
        }),
        actual: 0,
      }),
  },
  "cooperation/exchange-form#getExchangeForEdit": {
    target: "exchange",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => cooperationForm.getExchangeForEdit(ctx, id),
  },
};

const NOTIFICATION_CASES: Record<string, TCase> = {
  // A notification is its recipient's alone: the tenant's `user` calls, whoever the case's actor is.
  "notifications/service#markNotificationRead": {
    target: "notification",
    kind: "read",
    call: (_ctx, id, own) => markNotificationRead(contextFor(own.user), id),
  },
  // A session is its user's alone: the tenant's `user` signs it out, whoever the case's actor is
  // ("read": the audit row names the user, not the session; the answer names the session).
  "sessions/own-sessions#revokeSession": {
    target: "userSession",
    kind: "read",
    call: (_ctx, id, own) => revokeSession(contextFor(own.user), id),
  },
  "jobs/service#retryFailedJob": { target: "failedJob", kind: "write", call: (ctx, id) => retryFailedJob(ctx, id) },
  // Spreadsheet imports: the manager's own (imports.run).
  "imports/service#getImportPage": {
    target: "dataImport",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => imports.getImportPage(ctx, id),
    ownResult: (t) => expect.objectContaining({ dataImport: expect.objectContaining({ id: t.dataImport.id }) }),
  },
  "imports/service#getImportProgress": { target: "dataImport", kind: "read", role: "MANAGER", call: (ctx, id) => imports.getImportProgress(ctx, id) },
  "imports/service#commitImport": { target: "dataImport", kind: "write", role: "MANAGER", call: (ctx, id) => imports.commitImport(ctx, id) },
  "imports/service#getAnnotatedReport": {
    target: "dataImport",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => imports.getAnnotatedReport(ctx, id, { sheet: "Raport", errorsHeader: "Błędy", okCell: "" }, (message) => message),
    ownResult: () => expect.objectContaining({ fileName: "klienci-raport.xlsx" }),
  },
};

const plTranslator = createTranslator({ locale: "pl", messages: pl });
const polish = (key: string, values?: Record<string, string | number>) => plTranslator(key as never, values as never);

/** lib/domain/privacy: the IOD's register of data subjects' requests, the access export and restriction. */
const SUBJECT_REQUEST_CASES: Record<string, TCase> = {
  "privacy/requests#getSubjectRequestPage": {
    target: "subjectRequest",
    kind: "read",
    role: "IOD",
    call: (ctx, id) => subjectRequests.getSubjectRequestPage(ctx, id),
    ownResult: (t) => expect.objectContaining({ request: expect.objectContaining({ id: t.subjectRequest.id }), client: expect.objectContaining({ id: t.pathClient.id }) }),
  },
  "privacy/requests#extendSubjectRequest": {
    target: "subjectRequest",
    kind: "write",
    role: "IOD",
    call: (ctx, id) => subjectRequests.extendSubjectRequest(ctx, id, { extendedTo: addDays(todayInPoland(), 50), reason: "Wiele wniosków" }),
  },
  "privacy/requests#completeSubjectRequest": {
    target: "subjectRequest",
    kind: "write",
    role: "IOD",
    call: (ctx, id) => subjectRequests.completeSubjectRequest(ctx, id, { outcome: "Kopię przekazano" }),
  },
  "privacy/requests#refuseSubjectRequest": {
    target: "subjectRequest",
    kind: "write",
    role: "IOD",
    call: (ctx, id) => subjectRequests.refuseSubjectRequest(ctx, id, { outcome: "Art. 12 ust. 5 RODO" }),
  },
  "privacy/subject-export#buildSubjectExport": {
    target: "subjectRequest",
    kind: "write",
    role: "IOD",
    call: (ctx, id) => buildSubjectExport(ctx, id, polish),
  },
  "privacy/restriction#setRestriction": {
    target: "restrictionRequest",
    kind: "write",
    role: "IOD",
    call: (ctx, id) => setRestriction(ctx, id, { restricted: true }),
    auditedEntity: (t) => t.waitingClient.id,
  },
  // The review after retention: keeping a person is audited on the person.
  "privacy/retention#keepRetentionReview": {
    target: "retentionReview",
    kind: "write",
    role: "IOD",
    call: (ctx, id) => retention.keepRetentionReview(ctx, id, { reason: "Kontrola projektu" }),
    auditedEntity: (t) => t.pathClient.id,
  },
};

const CASES: Record<string, TCase | TCase[]> = {
  "users/service#getUser": { target: "user", kind: "read", call: (ctx, id) => users.getUser(ctx, id) },
  "users/service#getUserForEdit": {
    target: "user",
    kind: "read",
    call: (ctx, id) => users.getUserForEdit(ctx, id),
    ownResult: (t) =>
      expect.objectContaining({
        user: expect.objectContaining({ id: t.user.id }),
        partners: [expect.objectContaining({ id: t.partner.id })],
        offices: [expect.objectContaining({ id: t.office.id })],
      }),
  },
  "users/service#updateUser": {
    target: "user",
    kind: "write",
    call: (ctx, id) => users.updateUser(ctx, id, { name: "Renamed", email: "renamed@example.test", role: "MANAGER" }),
  },
  "users/service#setUserActive": { target: "user", kind: "write", call: (ctx, id) => users.setUserActive(ctx, id, false) },
  "accounts/invite#sendAccountLink": { target: "user", kind: "write", call: (ctx, id) => sendAccountLink(ctx, id) },
  "tenancy/service#getPartner": { target: "partner", kind: "read", call: (ctx, id) => tenancy.getPartner(ctx, id) },
  "tenancy/service#updatePartner": {
    target: "partner",
    kind: "write",
    call: (ctx, id) => tenancy.updatePartner(ctx, id, { name: "Renamed partner" }),
  },
  "tenancy/service#getOffice": { target: "office", kind: "read", call: (ctx, id) => tenancy.getOffice(ctx, id) },
  "tenancy/service#updateOffice": {
    target: "office",
    kind: "write",
    call: (ctx, id) => tenancy.updateOffice(ctx, id, { name: "Renamed office", address: "ul. Nowa 1, Kielce" }),
  },
  "caseload/service#takeClientFromQueue": {
    target: "waitingClient",
    kind: "write",
    role: "KEY_ADVISOR",
    call: (ctx, id) => caseload.takeClientFromQueue(ctx, id),
  },
  "caseload/assign-client#takeClientFromQueue": {
    target: "waitingClient",
    kind: "write",
    role: "KEY_ADVISOR",
    call: (ctx, id) => caseload.takeClientFromQueue(ctx, id),
  },
  "caseload/service#setAdvisorLimit": {
    target: "user",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => caseload.setAdvisorLimit(ctx, id, { limit: 7 }),
  },
  "caseload/set-advisor-limit#setAdvisorLimit": {
    target: "user",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => caseload.setAdvisorLimit(ctx, id, { limit: 7 }),
  },
  "caseload/move-client#withClientLocked": {
    target: "waitingClient",
    kind: "read",
    call: (ctx, id) => withClientLocked(ctx, id, [], async (_tx, { client }) => client),
  },
  ...clientCase("getClient", "get-client", {
    target: "waitingClient",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => clients.getClient(ctx, id),
  }),
  ...clientCase("getClientPage", "client-page", {
    target: "waitingClient",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => clients.getClientPage(ctx, id, { recentServices: 5 }),
    ownResult: (t) => expect.objectContaining({ client: expect.objectContaining({ id: t.waitingClient.id }) }),
  }),
  ...clientCase("getClientForEdit", "get-client-for-edit", {
    target: "waitingClient",
    kind: "read",
    role: "MANAGER",
    call: (ctx, id) => clients.getClientForEdit(ctx, id),
  }),
  ...clientCase("getClientHistory", "get-client-history", {
    target: "waitingClient",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => clients.getClientHistory(ctx, id),
  }),
  // A client's legal basis, consents and the clause text read from their privacy tab (lib/domain/privacy).
  "privacy/consents#getClientPrivacyPage": {
    target: "waitingClient",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => consents.getClientPrivacyPage(ctx, id),
    ownResult: (t) => expect.objectContaining({ client: expect.objectContaining({ id: t.waitingClient.id }) }),
  },
  "privacy/consents#giveConsent": {
    target: "waitingClient",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => consents.giveConsent(ctx, id, { purpose: "IMAGE", givenOn: polishDaysAgo(0) }),
  },
  "privacy/consents#withdrawConsent": {
    target: "waitingClient",
    kind: "write",
    role: "MANAGER",
    // A consent to withdraw, given to the caller's own client only (a foreign or missing id gets none).
    call: async (ctx, id) => {
      await ownerQuery(
        `INSERT INTO client_consent (id, tenant_id, client_id, purpose, given_on, recorded_by_id, updated_at)
         SELECT gen_random_uuid(), tenant_id, id, 'IMAGE', current_date - 1, $3, now() FROM client WHERE tenant_id = $1 AND id::text = $2`,
        [ctx.tenantId, id, ctx.userId],
      );
      return consents.withdrawConsent(ctx, id, { purpose: "IMAGE", withdrawnOn: polishDaysAgo(0) });
    },
  },
  "privacy/legal-basis#setLegalBasis": {
    target: "waitingClient",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => setLegalBasis(ctx, id, { processingBasis: "EU_PROJECT" }),
  },
  "privacy/clauses#getClause": { target: "clause", kind: "read", role: "IOD", call: (ctx, id) => clauses.getClause(ctx, id) },
  "privacy/clauses#getClientClause": [
    {
      target: "waitingClient",
      kind: "read",
      role: "AUDITOR",
      call: (ctx, id, own) => clauses.getClientClause(ctx, id, own.clause.id),
      ownResult: (t) => expect.objectContaining({ client: expect.objectContaining({ id: t.waitingClient.id }) }),
    },
    {
      target: "clause",
      kind: "read",
      role: "AUDITOR",
      call: (ctx, id, own) => clauses.getClientClause(ctx, own.waitingClient.id, id),
      ownResult: (t) => expect.objectContaining({ clause: expect.objectContaining({ id: t.clause.id }) }),
    },
  ],
  "participants/service#getParticipantPage": {
    target: "waitingClient",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => participants.getParticipantPage(ctx, id),
    ownResult: (t) =>
      expect.objectContaining({
        client: expect.objectContaining({ id: t.waitingClient.id }),
        participant: expect.objectContaining({ recorded: false }),
      }),
  },
  "participants/service#saveParticipantData": {
    target: "waitingClient",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) =>
      participants.saveParticipantData(ctx, id, {
        educationLevel: "ISCED_3",
        homeless: "NO",
      }),
  },
  ...clientCase("updateClient", "update-client", {
    target: "waitingClient",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id) => clients.updateClient(ctx, id, { kind: "PERSON", name: "Renamed client", town: "Kielce" }),
  }),
  ...teamCase("getClientTeam", {
    target: "waitingClient",
    kind: "read",
    role: "AUDITOR",
    call: (ctx, id) => clients.getClientTeam(ctx, id),
    ownResult: (t) => expect.objectContaining({ members: [expect.objectContaining({ id: t.teamMember.id })] }),
  }),
  ...teamCase("addTeamMember", {
    target: "waitingClient",
    kind: "write",
    role: "MANAGER",
    call: (ctx, id, own) => clients.addTeamMember(ctx, id, { userId: own.advisor.id, role: "ADVISOR", startsOn: polishDaysAgo(0) }),
  }),
  ...teamCase("removeTeamMember", [
    { target: "waitingClient", kind: "write", role: "MANAGER", call: (ctx, id, own) => clients.removeTeamMember(ctx, id, own.teamMember.id) },
    {
      target: "teamMember",
      kind: "write",
      role: "MANAGER",
      call: (ctx, id, own) => clients.removeTeamMember(ctx, own.waitingClient.id, id),
      auditedEntity: (t) => t.waitingClient.id,
    },
  ]),
  ...PATH_CASES,
  ...CONSULTATION_CASES,
  ...EVENT_CASES,
  ...ATTENDANCE_CASES,
  ...COOPERATION_CASES,
  ...INDICATOR_CASES,
  ...NOTIFICATION_CASES,
  ...SUBJECT_REQUEST_CASES,
};
// A case listed under several names (a function and its re-export) runs once; a function taking
// several ids has a case per id, named by its target.
const namesOfCase = new Map<TCase, string[]>();
for (const [name, listed] of Object.entries(CASES)) {
  for (const c of [listed].flat()) namesOfCase.set(c, [...(namesOfCase.get(c) ?? []), Array.isArray(listed) ? `${name} (${c.target})` : name]);
}
const CASE_LIST = [...namesOfCase].map(([c, names]) => ({ name: names.join(" = "), ...c }));

let tenantA: TTenantRow;
let tenantB: TTenantRow;
let adminA: TUserRow;
let adminB: TUserRow;
let targetsA: TTargets;
let targetsB: TTargets;

/** One of every record a case names, the same in each tenant. */
async function createTargets(tenant: TTenantRow): Promise<TTargets> {
  const partner = await createPartner(tenant);
  const office = await createOffice(tenant, { address: "ul. Stara 2, Busko-Zdrój" });
  const user = await createUser(tenant, { partnerId: partner.id, officeId: office.id });
  const [waitingClient] = await createCaseloadClients(tenant, 1, { officeId: office.id });
  if (!waitingClient) throw new Error("setup");
  const advisor = await createUser(tenant, { partnerId: partner.id });
  const pathTargets = await createPathTargets(tenant, advisor.id);
  const serviceRecord = await insertServiceRecord(tenant, { clientId: pathTargets.pathClient.id, userId: advisor.id, pathId: pathTargets.path.id });
  const [teamMember] = await ownerQuery<{ id: string }>(
    `INSERT INTO client_team_member (id, tenant_id, client_id, user_id, role, starts_on, added_by_id)
     VALUES (gen_random_uuid(), $1, $2, $3, 'SPECIALIST_ADVISOR', current_date - 1, $3) RETURNING id`,
    [tenant.id, waitingClient.id, user.id],
  );
  if (!teamMember) throw new Error("setup");
  const eventTargets = await createEventTargets(tenant, advisor.id);
  const [eventSession] = await ownerQuery<{ id: string }>(`SELECT id FROM event_session WHERE event_id = $1`, [eventTargets.event.id]);
  if (!eventSession) throw new Error("setup");
  const attendanceTargets = await createAttendanceTargets(tenant, advisor.id);
  const [institution] = await ownerQuery<{ id: string }>(
    `INSERT INTO institution (id, tenant_id, name, kind, updated_at) VALUES (gen_random_uuid(), $1, 'PUP w Kielcach', 'PUP', now()) RETURNING id`,
    [tenant.id],
  );
  if (!institution) throw new Error("setup");
  const [exchange] = await ownerQuery<{ id: string }>(
    `INSERT INTO information_exchange (id, tenant_id, date, institution_id, direction, channel, subject, client_id, path_id, author_id, updated_at)
     VALUES (gen_random_uuid(), $1, current_date - 1, $2, 'RECEIVED', 'EMAIL', 'Informacja o rejestracji w PUP', $3, $4, $5, now()) RETURNING id`,
    [tenant.id, institution.id, pathTargets.pathClient.id, pathTargets.path.id, advisor.id],
  );
  if (!exchange) throw new Error("setup");
  const [notification] = await ownerQuery<{ id: string }>(
    `INSERT INTO notification (id, tenant_id, user_id, kind, href, params, email_status)
     VALUES (gen_random_uuid(), $1, $2, 'plan_submitted', $3, '{}', 'SKIPPED') RETURNING id`,
    [tenant.id, user.id, `/paths/${pathTargets.path.id}?tab=plan`],
  );
  if (!notification) throw new Error("setup");
  const jobs = jobSender(pool);
  const failedJob = await jobs.send("notification.email", { tenantId: tenant.id, notificationId: notification.id }, { retryLimit: 0 });
  if (!failedJob) throw new Error("setup");
  await jobs.fail("notification.email", failedJob, new Error("SMTP 550"));
  const [indicator] = await ownerQuery<{ id: string }>(`SELECT id FROM indicator WHERE tenant_id = $1 AND code = 'JOBS_CREATED'`, [tenant.id]);
  if (!indicator) throw new Error("setup");
  const [manualIndicator] = await ownerQuery<{ id: string }>(`SELECT id FROM indicator WHERE tenant_id = $1 AND code = 'JOINT_GI_PROJECTS'`, [tenant.id]);
  const [manualEvidenceRow] = await ownerQuery<{ id: string }>(
    `INSERT INTO indicator_evidence_record (id, tenant_id, indicator_id, document_kind, document_date, reference, created_by_id, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'List intencyjny', '2026-01-15', 'LI/1', $3, now()) RETURNING id`,
    [tenant.id, manualIndicator?.id, user.id],
  );
  const [staffRecord] = await ownerQuery<{ id: string }>(
    `INSERT INTO staff_employment (id, tenant_id, person_name, position, contract_kind, reference, starts_on, created_by_id, updated_at)
     VALUES (gen_random_uuid(), $1, 'Anna Animatorka', 'ANIMATOR', 'EMPLOYMENT_CONTRACT', 'UoP/1', '2026-01-01', $2, now()) RETURNING id`,
    [tenant.id, user.id],
  );
  if (!manualIndicator || !manualEvidenceRow || !staffRecord) throw new Error("setup");
  const durabilityTargets = await createDurabilityTargets(tenant, pathTargets.path.id, pathTargets.pathClient.id, advisor.id);
  const [subjectRequest, restrictionRequest] = await ownerQuery<{ id: string }>(
    `INSERT INTO subject_request (id, tenant_id, client_id, requester_name, kind, received_on, due_on, created_by_id, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'Jan Wnioskodawca', 'ACCESS', current_date, (current_date + interval '1 month')::date, $4, now()),
            (gen_random_uuid(), $1, $3, 'Anna Wnioskodawczyni', 'RESTRICTION', current_date, (current_date + interval '1 month')::date, $4, now())
     RETURNING id`,
    [tenant.id, pathTargets.pathClient.id, waitingClient.id, user.id],
  );
  if (!subjectRequest || !restrictionRequest) throw new Error("setup");
  const [erasureRequest] = await ownerQuery<{ id: string }>(
    `INSERT INTO subject_request (id, tenant_id, client_id, requester_name, kind, received_on, due_on, created_by_id, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'Jan Wnioskodawca', 'ERASURE', current_date, (current_date + interval '1 month')::date, $3, now()) RETURNING id`,
    [tenant.id, pathTargets.pathClient.id, user.id],
  );
  const [retentionReview] = await ownerQuery<{ id: string }>(
    `INSERT INTO retention_review (id, tenant_id, client_id, retention_ended_on) VALUES (gen_random_uuid(), $1, $2, '2025-12-31') RETURNING id`,
    [tenant.id, pathTargets.pathClient.id],
  );
  if (!erasureRequest || !retentionReview) throw new Error("setup");
  const [clause] = await ownerQuery<{ id: string }>(
    `INSERT INTO information_clause (id, tenant_id, version, title, body, effective_from, created_by_id)
     VALUES (gen_random_uuid(), $1, 1, 'Klauzula informacyjna', 'Administratorem danych jest ośrodek.', current_date - 7, $2) RETURNING id`,
    [tenant.id, user.id],
  );
  if (!clause) throw new Error("setup");
  const userSession = { id: await createUserSession(user) };
  const dataImport = await insertDataImport(tenant, user.id);
  return {
    dataImport,
    userSession,
    clause,
    indicator,
    manualIndicator,
    manualEvidence: manualEvidenceRow,
    staffRecord,
    ...durabilityTargets,
    subjectRequest,
    restrictionRequest,
    erasureRequest,
    retentionReview,
    user,
    partner,
    office,
    waitingClient,
    serviceRecord,
    advisor,
    teamMember,
    eventSession,
    institution,
    exchange,
    notification,
    failedJob: { id: failedJob },
    ...pathTargets,
    ...eventTargets,
    ...attendanceTargets,
  };
}

beforeEach(async () => {
  tenantA = await createTenant();
  tenantB = await createTenant();
  adminA = await createUser(tenantA, { role: "ADMIN" });
  adminB = await createUser(tenantB, { role: "ADMIN" });
  targetsA = await createTargets(tenantA);
  // Tenant B holds the same records, so "not found" cannot come from an empty database, and a
  // case can name B's own records besides the foreign id.
  targetsB = await createTargets(tenantB);
});

/** Every row a tenant owns, its support paths included. */
async function snapshot(tenantId: string): Promise<Record<string, unknown[]>> {
  return tenantSnapshot(tenantId);
}

/** The caller of a case in `tenant`: its admin, or a new user of the role the case needs. */
function actorIn(tenant: TTenantRow, admin: TUserRow, role: TRole | undefined): Promise<TUserRow> {
  return role === undefined || role === "ADMIN" ? Promise.resolve(admin) : createUser(tenant, { role });
}

describe.each(CASE_LIST)("$name", ({ target, kind, call, role, ownResult, auditedEntity }) => {
  it("answers NOT_FOUND for another tenant's id, exactly like a missing id, and changes nothing", async () => {
    const foreignId = targetsA[target].id;
    const actorB = await actorIn(tenantB, adminB, role);
    const beforeA = await snapshot(tenantA.id);
    const beforeB = await snapshot(tenantB.id);

    const foreign = await appErrorOf(call(contextFor(actorB), foreignId, targetsB));
    const missing = await appErrorOf(call(contextFor(actorB), randomUUID(), targetsB));

    expect(foreign.code).toBe("NOT_FOUND");
    expect({ code: foreign.code, message: foreign.message, fieldErrors: foreign.fieldErrors }).toEqual({
      code: missing.code,
      message: missing.message,
      fieldErrors: missing.fieldErrors,
    });
    expect(await snapshot(tenantA.id)).toEqual(beforeA);
    expect(await snapshot(tenantB.id)).toEqual(beforeB);
  });

  it("answers NOT_FOUND for a malformed id and changes nothing", async () => {
    const actorB = await actorIn(tenantB, adminB, role);
    const before = await snapshot(tenantB.id);
    for (const badId of ["not-a-uuid", "1", "00000000-0000-0000-0000-00000000000Z", `${randomUUID()}' OR '1'='1`]) {
      const error = await appErrorOf(call(contextFor(actorB), badId, targetsB));
      expect(error.code, badId).toBe("NOT_FOUND");
    }
    expect(await snapshot(tenantB.id)).toEqual(before);
  });

  it("works for the tenant's own id", async () => {
    const ownId = targetsA[target].id;
    const actorA = await actorIn(tenantA, adminA, role);
    const result = await call(contextFor(actorA), ownId, targetsA);
    if (kind === "read") {
      if (ownResult) expect(result).toEqual(ownResult(targetsA));
      else expect(result).toMatchObject({ id: ownId });
    } else {
      const rows = await auditRows(tenantA.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actor_id: actorA.id, entity_id: auditedEntity ? auditedEntity(targetsA, result) : ownId });
    }
  });
});

// ── ids inside the input ────────────────────────────────────────────────────────────────────────

/**
 * An id inside an input object (a service's clients and providers, a plan action, an office, an
 * advisor, a plan version…): naming another tenant's record there answers exactly like naming a
 * missing one and changes nothing in either tenant; naming the caller's own record works. Every
 * id-named field of an exported input schema is listed here, keyed `module#Schema.field` (nested:
 * `list[].field`, `record{}.field`); the meta-test at the bottom fails when one is added without a case.
 */
type TInputCase = {
  /** The service called, when a schema feeds several (the case's name). */
  via: string;
  target: keyof TTargets;
  /**
   * "refused": the call must fail for a foreign id as for a missing one (and succeed for the own id);
   * "filter": a list filtered by the id finds for a foreign id what it finds for a missing one (and more for the own id).
   */
  kind: "refused" | "filter";
  /** Who calls, in tenant B: its admin unless the service needs another role. */
  role?: TRole;
  /** Calls the service as `ctx` with `id` in the field; every other id is one of `own`, the caller's tenant's targets. */
  call: (ctx: TContext, id: string, own: TTargets) => Promise<unknown>;
  /** What a filter should find, written into both tenants before the calls. */
  prepare?: (tenant: TTenantRow, targets: TTargets) => Promise<unknown>;
};

const THIS_MONTH = polishDaysAgo(0).slice(0, 7);

/** The same edit of a user, with one of its organisation ids replaced. */
const userEdit = (own: TTargets, ids: { partnerId?: string; officeId?: string }) => ({
  name: own.user.name,
  email: own.user.email,
  role: own.user.role,
  partnerId: own.partner.id,
  officeId: own.office.id,
  ...ids,
});

/** The id-named fields of service records: for a new record and for an edit of one. */
function serviceCases(target: keyof TTargets, withId: (own: TTargets, id: string) => Parameters<typeof serviceInput>): TInputCase[] {
  return [
    { via: "logService", target, kind: "refused", role: "MANAGER", call: (ctx, id, own) => serviceLog.logService(ctx, serviceInput(...withId(own, id))) },
    {
      via: "updateService",
      target,
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => serviceLog.updateService(ctx, own.serviceRecord.id, serviceInput(...withId(own, id))),
    },
  ];
}

const responsibleUserCase: TInputCase = {
  via: "savePlan",
  target: "user",
  kind: "refused",
  role: "MANAGER",
  call: (ctx, id, own) =>
    paths.savePlan(ctx, own.path.id, {
      ...PLAN_INPUT,
      versionId: own.draftPlan.id,
      baseRevision: 1,
      actions: [{ supportType: "TRAINING", description: "Szkolenie", responsibleUserId: id }],
    }),
};

/** An audit entry by and about the tenant's `user`, for the audit filters to find. */
const auditEntryOfUser = (tenant: TTenantRow, targets: TTargets) =>
  createAuditEntry(tenant, { actorId: targets.user.id, entityType: "User", entityId: targets.user.id });

/** The id-named fields of the event form: for a new event and for an edit of one. */
function eventCases(target: keyof TTargets, withId: (id: string) => Partial<typeof EVENT_INPUT> & Record<string, unknown>): TInputCase[] {
  return [
    { via: "createEvent", target, kind: "refused", role: "MANAGER", call: (ctx, id) => events.createEvent(ctx, { ...EVENT_INPUT, ...withId(id) }) },
    {
      via: "updateEvent",
      target,
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => events.updateEvent(ctx, own.event.id, { ...EVENT_INPUT, ...withId(id) }),
    },
  ];
}

/** A registration named in a session's tick-list. */
const attendanceRowCase: TInputCase = {
  via: "saveSessionAttendance",
  target: "attendanceRegistration",
  kind: "refused",
  role: "MANAGER",
  call: (ctx, id, own) => attendance.saveSessionAttendance(ctx, own.attendanceSession.id, { rows: [{ registrationId: id, status: "ABSENT" }] }),
};

const INPUT_CASES: Record<string, TInputCase | TInputCase[]> = {
  "durability/schemas#ZFindJobsInput.clientId": {
    via: "findJobChecks",
    target: "pathClient",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => findJobChecks(ctx, { view: "all", clientId: id }),
  },
  "indicators/schemas#ZEvidenceInput.indicatorId": [
    {
      via: "registerEvidence",
      target: "manualIndicator",
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => manualEvidence.registerEvidence(ctx, evidenceInput(own, { indicatorId: id })),
    },
    {
      via: "correctEvidence",
      target: "manualIndicator",
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => manualEvidence.correctEvidence(ctx, own.manualEvidence.id, evidenceInput(own, { indicatorId: id })),
    },
  ],
  "indicators/schemas#ZEvidenceInput.clientId": [
    {
      via: "registerEvidence",
      target: "waitingClient",
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => manualEvidence.registerEvidence(ctx, evidenceInput(own, { clientId: id })),
    },
    {
      via: "correctEvidence",
      target: "waitingClient",
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => manualEvidence.correctEvidence(ctx, own.manualEvidence.id, evidenceInput(own, { clientId: id })),
    },
  ],
  "indicators/schemas#ZEvidenceListInput.indicatorId": {
    via: "getEvidenceListPage",
    target: "manualIndicator",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => getEvidenceListPage(ctx, { indicatorId: id }),
  },
  ...Object.fromEntries(
    (["userId", "partnerId", "officeId"] as const).map((field) => {
      const target = ({ userId: "user", partnerId: "partner", officeId: "office" } as const)[field];
      return [
        `staff/schemas#ZStaffInput.${field}`,
        [
          {
            via: "createStaffRecord",
            target,
            kind: "refused",
            role: "MANAGER",
            call: (ctx, id, own) => staffRecords.createStaffRecord(ctx, staffInput(own, { [field]: id })),
          },
          {
            via: "updateStaffRecord",
            target,
            kind: "refused",
            role: "MANAGER",
            call: (ctx, id, own) => staffRecords.updateStaffRecord(ctx, own.staffRecord.id, staffInput(own, { [field]: id })),
          },
        ] satisfies TInputCase[],
      ];
    }),
  ),
  "events/attendance-schemas#ZSaveAttendanceInput.rows[].registrationId": attendanceRowCase,
  "events/attendance-schemas#ZAttendanceRow.registrationId": attendanceRowCase,
  "events/registration-schemas#ZRegisterPersonInput.personClientId": {
    via: "registerPerson",
    target: "waitingClient",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => registrations.registerPerson(ctx, own.event.id, { personClientId: id }),
  },
  "events/registration-schemas#ZRegisterPersonInput.clientPersonId": {
    via: "registerPerson",
    target: "clientPerson",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => registrations.registerPerson(ctx, own.event.id, { clientPersonId: id }),
  },
  "events/schemas#ZEventInput.officeId": eventCases("office", (id) => ({ officeId: id })),
  "events/schemas#ZEventInput.partnerId": eventCases("partner", (id) => ({ partnerId: id })),
  "events/schemas#ZEventInput.trainers[].userId": eventCases("user", (id) => ({ trainers: [{ userId: id }] })),
  "events/schemas#ZEventInput.sessions[].id": {
    via: "updateEvent",
    target: "eventSession",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => events.updateEvent(ctx, own.event.id, { ...EVENT_INPUT, sessions: EVENT_INPUT.sessions.map((s) => ({ ...s, id })) }),
  },
  "services/schemas#ZServiceInput.clientIds": serviceCases("activeClient", (_own, id) => [[id]]),
  "services/schemas#ZServiceInput.providerIds": serviceCases("user", (own, id) => [[own.activeClient.id], { providerIds: [id] }]),
  "services/schemas#ZServiceInput.planActionIds": serviceCases("planAction", (own, id) => [
    [own.pathClient.id],
    { planActionIds: { [own.pathClient.id]: id } },
  ]),
  "services/schemas#ZServiceInput.officeId": serviceCases("office", (own, id) => [[own.activeClient.id], { officeId: id }]),
  "services/schemas#ZTimesheetInput.userId": {
    via: "getTimesheet",
    target: "advisor",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id) => serviceLog.getTimesheet(ctx, { month: THIS_MONTH, userId: id }),
  },
  "clients/schemas#ZAddTeamMemberInput.userId": {
    via: "addTeamMember",
    target: "user",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => clients.addTeamMember(ctx, own.pathClient.id, { userId: id, role: "ANIMATOR", startsOn: polishDaysAgo(0) }),
  },
  "caseload/schemas#ZAssignClientInput.clientId": {
    via: "assignClient",
    target: "waitingClient",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => caseload.assignClient(ctx, { clientId: id, advisorId: own.user.id }),
  },
  "caseload/schemas#ZAssignClientInput.advisorId": {
    via: "assignClient",
    target: "user",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => caseload.assignClient(ctx, { clientId: own.waitingClient.id, advisorId: id }),
  },
  "caseload/schemas#ZReleaseClientInput.clientId": {
    via: "releaseClient",
    target: "activeClient",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id) => caseload.releaseClient(ctx, { clientId: id }),
  },
  "caseload/schemas#ZHandoverInput.fromAdvisorId": {
    via: "handoverClients",
    target: "advisor",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => caseload.handoverClients(ctx, { fromAdvisorId: id, toAdvisorIds: [own.user.id] }),
  },
  "caseload/schemas#ZHandoverInput.toAdvisorIds": {
    via: "handoverClients",
    target: "user",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => caseload.handoverClients(ctx, { fromAdvisorId: own.advisor.id, toAdvisorIds: [id] }),
  },
  "caseload/schemas#ZCaseloadBoardInput.partnerId": {
    via: "getCaseloadBoard",
    target: "partner",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => caseload.getCaseloadBoard(ctx, { partnerId: id }),
  },
  "caseload/schemas#ZCaseloadBoardInput.officeId": {
    via: "getCaseloadBoard",
    target: "office",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => caseload.getCaseloadBoard(ctx, { officeId: id }),
  },
  "clients/schemas#ZClientInput.officeId": [
    {
      via: "createClient",
      target: "office",
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id) => clients.createClient(ctx, { kind: "PERSON", name: "Nowy klient", officeId: id }),
    },
    {
      via: "updateClient",
      target: "office",
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => clients.updateClient(ctx, own.waitingClient.id, { kind: "PERSON", name: "Renamed client", officeId: id }),
    },
  ],
  "clients/schemas#ZFindClientsInput.advisorId": {
    via: "findClients",
    target: "advisor",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => clients.findClients(ctx, { advisorId: id }),
  },
  "clients/schemas#ZFindClientsInput.officeId": {
    via: "findClients",
    target: "office",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => clients.findClients(ctx, { officeId: id }),
  },
  "users/schemas#ZCreateUserInput.partnerId": {
    via: "createUser",
    target: "partner",
    kind: "refused",
    call: (ctx, id) => users.createUser(ctx, { name: "Ewa Nowak", email: "ewa.nowak@example.test", role: "KEY_ADVISOR", partnerId: id }),
  },
  "users/schemas#ZCreateUserInput.officeId": {
    via: "createUser",
    target: "office",
    kind: "refused",
    call: (ctx, id) => users.createUser(ctx, { name: "Ewa Nowak", email: "ewa.nowak@example.test", role: "KEY_ADVISOR", officeId: id }),
  },
  "users/schemas#ZUpdateUserInput.partnerId": {
    via: "updateUser",
    target: "partner",
    kind: "refused",
    call: (ctx, id, own) => users.updateUser(ctx, own.user.id, userEdit(own, { partnerId: id })),
  },
  "users/schemas#ZUpdateUserInput.officeId": {
    via: "updateUser",
    target: "office",
    kind: "refused",
    call: (ctx, id, own) => users.updateUser(ctx, own.user.id, userEdit(own, { officeId: id })),
  },
  "paths/schemas#ZSavePlanInput.versionId": {
    via: "savePlan",
    target: "draftPlan",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => paths.savePlan(ctx, own.path.id, { ...PLAN_INPUT, versionId: id, baseRevision: 1 }),
  },
  "paths/schemas#ZSavePlanInput.actions[].responsibleUserId": responsibleUserCase,
  "paths/schemas#ZPlanActionInput.responsibleUserId": responsibleUserCase,
  "paths/schemas#ZSubmitPlanInput.versionId": {
    via: "submitPlan",
    target: "draftPlan",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => paths.submitPlan(ctx, own.path.id, { versionId: id, baseRevision: 1 }),
  },
  "paths/attention#ZOverdueMonitoringInput.partnerId": {
    via: "getOverdueMonitoringPage",
    target: "partner",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => getOverdueMonitoringPage(ctx, { partnerId: id }),
  },
  "paths/attention#ZOverdueMonitoringInput.advisorId": {
    via: "getOverdueMonitoringPage",
    target: "advisor",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => getOverdueMonitoringPage(ctx, { advisorId: id }),
  },
  "audit/schemas#ZFindAuditInput.actorId": {
    via: "findAuditEntries",
    target: "user",
    kind: "filter",
    prepare: auditEntryOfUser,
    call: (ctx, id) => findAuditEntries(ctx, { actorId: id }),
  },
  "audit/schemas#ZFindAuditInput.entityId": {
    via: "findAuditEntries",
    target: "user",
    kind: "filter",
    prepare: auditEntryOfUser,
    call: (ctx, id) => findAuditEntries(ctx, { entityId: id }),
  },
  "services/register#ZServiceRegisterInput.providerId": {
    via: "getServiceRegisterPage",
    target: "advisor",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => getServiceRegisterPage(ctx, { from: `${THIS_MONTH}-01`, providerId: id }),
  },
  "cooperation/schemas#ZExchangeInput.institutionId": [
    {
      via: "logExchange",
      target: "institution",
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => cooperationExchanges.logExchange(ctx, exchangeInput(own, { institutionId: id })),
    },
    {
      via: "updateExchange",
      target: "institution",
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => cooperationExchanges.updateExchange(ctx, own.exchange.id, exchangeInput(own, { institutionId: id })),
    },
  ],
  "cooperation/schemas#ZExchangeInput.clientId": [
    {
      via: "logExchange",
      target: "activeClient",
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => cooperationExchanges.logExchange(ctx, exchangeInput(own, { clientId: id })),
    },
    {
      via: "updateExchange",
      target: "activeClient",
      kind: "refused",
      role: "MANAGER",
      call: (ctx, id, own) => cooperationExchanges.updateExchange(ctx, own.exchange.id, exchangeInput(own, { clientId: id })),
    },
  ],
  "cooperation/schemas#ZNewExchangeQuery.clientId": {
    via: "getNewExchangePage",
    target: "activeClient",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id) => cooperationForm.getNewExchangePage(ctx, { clientId: id }),
  },
  "cooperation/schemas#ZCooperationLogInput.institutionId": {
    via: "getCooperationLogPage",
    target: "institution",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => getCooperationLogPage(ctx, { institutionId: id }),
  },
  "cooperation/schemas#ZCooperationLogInput.clientId": {
    via: "getCooperationLogPage",
    target: "pathClient",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => getCooperationLogPage(ctx, { clientId: id }),
  },
  "events/calendar#ZEventsCalendarInput.officeId": {
    via: "getEventsCalendarPage",
    target: "office",
    kind: "filter",
    role: "MANAGER",
    call: (ctx, id) => getEventsCalendarPage(ctx, { view: "month", officeId: id }),
  },
  "events/calendar#ZEventsCalendarInput.trainerId": {
    via: "getEventsCalendarPage",
    target: "user",
    kind: "filter",
    role: "MANAGER",
    // The user trains in the tenant's event: a trainer the calendar offers.
    prepare: (tenant, targets) =>
      ownerQuery(`INSERT INTO event_trainer (id, tenant_id, event_id, user_id) VALUES (gen_random_uuid(), $1, $2, $3)`, [
        tenant.id,
        targets.event.id,
        targets.user.id,
      ]),
    call: (ctx, id) => getEventsCalendarPage(ctx, { view: "month", trainerId: id }),
  },
  // The clause version given to a person, or named by their consent: the tenant's own only.
  "privacy/consent-schemas#ZLegalBasisInput.clauseId": {
    via: "setLegalBasis",
    target: "clause",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => setLegalBasis(ctx, own.waitingClient.id, { processingBasis: "EU_PROJECT", clauseId: id, clauseGivenOn: polishDaysAgo(0) }),
  },
  "privacy/consent-schemas#ZGiveConsentInput.clauseId": {
    via: "giveConsent",
    target: "clause",
    kind: "refused",
    role: "MANAGER",
    call: (ctx, id, own) => consents.giveConsent(ctx, own.waitingClient.id, { purpose: "SENSITIVE_DATA", givenOn: polishDaysAgo(0), clauseId: id }),
  },
  // The person a data subject's request concerns.
  "privacy/request-schemas#ZCreateSubjectRequestInput.clientId": {
    via: "createSubjectRequest",
    target: "waitingClient",
    kind: "refused",
    role: "IOD",
    call: (ctx, id) => subjectRequests.createSubjectRequest(ctx, { kind: "ACCESS", requesterName: "Jan Wnioskodawca", clientId: id, receivedOn: todayInPoland() }),
  },
  // The IOD's decisions after retention, and an erasure carried out on its request (while retention
  // has not started, the own request is refused with the legal reason: a result, not an error).
  "privacy/retention-schemas#ZApproveRetentionInput.reviewIds": {
    via: "approveRetentionReviews",
    target: "retentionReview",
    kind: "refused",
    role: "IOD",
    call: (ctx, id) => retention.approveRetentionReviews(ctx, { reviewIds: [id] }),
  },
  "privacy/retention-schemas#ZErasureInput.requestId": {
    via: "carryOutErasure",
    target: "erasureRequest",
    kind: "refused",
    role: "IOD",
    call: (ctx, id) => carryOutErasure(ctx, { requestId: id }),
  },
  // The IOD's access log: "who viewed this person", "what did this user view".
  "privacy/access-log-schemas#ZAccessLogQuery.clientId": {
    via: "getAccessLogPage",
    target: "pathClient",
    kind: "refused",
    role: "IOD",
    call: (ctx, id) => getAccessLogPage(ctx, { clientId: id }),
  },
  "privacy/access-log-schemas#ZAccessLogQuery.userId": {
    via: "getAccessLogPage",
    target: "user",
    kind: "refused",
    role: "IOD",
    call: (ctx, id) => getAccessLogPage(ctx, { userId: id }),
  },
};
// A case listed under several names (a schema and one it is part of) runs once.
const namesOfInputCase = new Map<TInputCase, string[]>();
for (const [name, listed] of Object.entries(INPUT_CASES)) {
  for (const c of [listed].flat()) namesOfInputCase.set(c, [...(namesOfInputCase.get(c) ?? []), name]);
}
const INPUT_CASE_LIST = [...namesOfInputCase].map(([c, names]) => ({ ...c, name: `${names.join(" = ")} via ${c.via}` }));

/** What a call answered: its result, or the refusal as a user would see it. */
async function outcomeOf(promise: Promise<unknown>): Promise<{ result: unknown } | { refused: Pick<AppError, "code" | "message" | "fieldErrors" | "params"> }> {
  try {
    return { result: await promise };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { refused: { code: error.code, message: error.message, fieldErrors: error.fieldErrors, params: error.params } };
  }
}

describe.each(INPUT_CASE_LIST)("$name", ({ target, kind, role, call, prepare }) => {
  it("answers for another tenant's id exactly as for a missing one, changes nothing, and works for the tenant's own id", async () => {
    if (prepare) {
      await prepare(tenantA, targetsA);
      await prepare(tenantB, targetsB);
    }
    const ctxB = contextFor(await actorIn(tenantB, adminB, role));
    const beforeA = await snapshot(tenantA.id);
    const beforeB = await snapshot(tenantB.id);

    const foreign = await outcomeOf(call(ctxB, targetsA[target].id, targetsB));
    const missing = await outcomeOf(call(ctxB, randomUUID(), targetsB));

    expect(foreign).toEqual(missing);
    if (kind === "refused") expect(foreign).toHaveProperty("refused");
    expect(await snapshot(tenantA.id)).toEqual(beforeA);
    expect(await snapshot(tenantB.id)).toEqual(beforeB);

    // Naming the tenant's own record works: what refused the others was the id in the field.
    const own = await outcomeOf(call(ctxB, targetsB[target].id, targetsB));
    expect(own).toHaveProperty("result");
    if (kind === "filter") expect(own).not.toEqual(missing);
  });
});

describe("plan versions of another tenant", () => {
  it("are not found for comparison on either side, exactly like a missing version, and nothing changes", async () => {
    const auditorB = contextFor(await createUser(tenantB, { role: "AUDITOR" }));
    const ownPath = targetsB.planPath.id;
    const ownVersion = targetsB.planVersion.id;
    const beforeA = await snapshot(tenantA.id);
    const beforeB = await snapshot(tenantB.id);

    const compare = (from: string, to: string) => outcomeOf(paths.comparePlanVersions(auditorB, ownPath, from, to));
    for (const foreignVersion of [targetsA.planVersion.id, targetsA.draftPlan.id]) {
      const missingVersion = randomUUID();
      expect(await compare(ownVersion, foreignVersion)).toEqual(await compare(ownVersion, missingVersion));
      expect(await compare(foreignVersion, ownVersion)).toEqual(await compare(missingVersion, ownVersion));
    }
    expect(await compare(ownVersion, randomUUID())).toMatchObject({ refused: { code: "NOT_FOUND" } });

    expect(await snapshot(tenantA.id)).toEqual(beforeA);
    expect(await snapshot(tenantB.id)).toEqual(beforeB);
  });
});

describe("catalogue entries of another tenant (named by their code, not an id)", () => {
  it("are not found for reading or editing, exactly like a missing code; nothing changes; the own entry works", async () => {
    const managerA = contextFor(await createUser(tenantA, { role: "MANAGER" }));
    const managerB = contextFor(await createUser(tenantB, { role: "MANAGER" }));
    // A code only tenant A has (tenant B's built-in entries share the built-in codes, each its own).
    const { code } = await catalogue.createEntry(managerA, "supportType", { name: `Forma tylko ${tenantA.slug}` });
    const calls: ((ctx: TContext, code: string) => Promise<unknown>)[] = [
      (ctx, c) => catalogue.getCatalogueEntryPage(ctx, "supportType", c),
      (ctx, c) => catalogue.updateEntry(ctx, "supportType", c, { name: "Przejęta" }),
      (ctx, c) => catalogue.setEntryRetired(ctx, "supportType", c, true),
      (ctx, c) => catalogue.moveEntry(ctx, "supportType", c, { direction: "up" }),
      (ctx, c) => catalogue.deleteEntry(ctx, "supportType", c),
    ];
    const beforeA = await snapshot(tenantA.id);
    const beforeB = await snapshot(tenantB.id);
    for (const call of calls) {
      const foreign = await appErrorOf(call(managerB, code));
      const missing = await appErrorOf(call(managerB, "NO_SUCH_ENTRY"));
      expect(foreign.code).toBe("NOT_FOUND");
      expect({ code: foreign.code, message: foreign.message }).toEqual({ code: missing.code, message: missing.message });
    }
    expect(await snapshot(tenantA.id)).toEqual(beforeA);
    expect(await snapshot(tenantB.id)).toEqual(beforeB);
    await catalogue.updateEntry(managerA, "supportType", code, { name: "Nasza forma" });
    expect((await catalogue.getCatalogueEntryPage(managerA, "supportType", code)).entry.name).toBe("Nasza forma");
  });
});

describe("lists", () => {
  it("show only the caller's tenant", async () => {
    const ctxB = contextFor(adminB);
    const usersB = await users.findUsers(ctxB, { active: "all" });
    const partnersB = await tenancy.listPartners(ctxB);
    const officesB = await tenancy.listOffices(ctxB);
    const options = await users.listUserFormOptions(ctxB);
    const audit = await findAuditEntries(ctxB, {});
    const policy = await tenancy.getTenantPolicy(ctxB);

    const idsOfA = new Set([adminA.id, targetsA.user.id, targetsA.partner.id, targetsA.office.id]);
    const listed = [...usersB.items, ...partnersB, ...officesB, ...options.partners, ...options.offices, ...audit.items];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((row) => idsOfA.has(row.id))).toEqual([]);
    expect(usersB.total).toBe(3);
    expect(policy.name).toBe(tenantB.name);
  });
});

// ── meta: no service function taking an id escapes the table above ─────────────────────────────

/** The parts of a JSON Schema the walk below reads. */
type TJsonSchema = {
  properties?: Record<string, TJsonSchema>;
  items?: TJsonSchema | TJsonSchema[];
  prefixItems?: TJsonSchema[];
  additionalProperties?: TJsonSchema | boolean;
  anyOf?: TJsonSchema[];
  oneOf?: TJsonSchema[];
  allOf?: TJsonSchema[];
  $ref?: string;
  $defs?: Record<string, TJsonSchema>;
};

/**
 * The id-named fields a schema accepts as input, at any depth: `field`, `list[].field` inside
 * arrays of objects, `record{}.field` inside records. Read from the schema's JSON Schema (its input
 * side: transforms and refinements do not hide fields).
 */
function idFieldsOf(schema: z.ZodType): string[] {
  const root = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as TJsonSchema;
  const found = new Set<string>();
  const expanded = new Set<TJsonSchema>();
  const visit = (node: TJsonSchema | boolean | undefined, at: string): void => {
    if (!node || typeof node !== "object") return;
    if (node.$ref !== undefined) {
      const target = node.$ref === "#" ? root : root.$defs?.[node.$ref.replace(/^#\/\$defs\//, "")];
      if (target && !expanded.has(target)) {
        expanded.add(target);
        visit(target, at);
      }
    }
    for (const branch of [...(node.anyOf ?? []), ...(node.oneOf ?? []), ...(node.allOf ?? [])]) visit(branch, at);
    for (const [name, child] of Object.entries(node.properties ?? {})) {
      const field = at ? `${at}.${name}` : name;
      if (isIdName(name)) found.add(field);
      visit(child, field);
    }
    for (const item of [node.items ?? [], node.prefixItems ?? []].flat()) visit(item, `${at}[]`);
    visit(node.additionalProperties, `${at}{}`);
  };
  visit(root, "");
  return [...found];
}

describe("meta", () => {
  it("parameterNames reads what the meta-test relies on", () => {
    async function sample(ctx: unknown, userId: string, { partnerId, name = "x" }: { partnerId: string; name?: string }) {
      return [ctx, userId, partnerId, name];
    }
    expect(parameterNames(sample)).toEqual(["ctx", "userId", "partnerId", "name"]);
    expect(parameterNames(users.updateUser)).toEqual(["ctx", "userId", "rawInput"]);
  });

  it("every exported domain function taking ctx and an id has a cross-tenant case", async () => {
    const files = await domainModules();
    const withIds: string[] = [];
    const withCtx: string[] = [];
    for (const file of files) {
      const moduleName = moduleNameOf(file);
      const exports = (await import(file)) as Record<string, unknown>;
      for (const [exportName, value] of Object.entries(exports)) {
        if (typeof value !== "function") continue;
        const params = parameterNames(value as (...args: never[]) => unknown);
        if (params[0] !== "ctx") continue;
        withCtx.push(`${moduleName}#${exportName}`);
        if (params.slice(1).some(isIdName)) withIds.push(`${moduleName}#${exportName}`);
      }
    }

    expect(files.some((f) => f.endsWith(path.join("users", "service.ts")))).toBe(true);
    expect(withCtx.length).toBeGreaterThan(withIds.length);
    const uncovered = withIds.filter((name) => !(name in CASES));
    expect(uncovered, "service functions taking an id without a cross-tenant case").toEqual([]);
    const stale = Object.keys(CASES).filter((name) => !withIds.includes(name));
    expect(stale, "cases naming no exported function with an id parameter").toEqual([]);
  });

  it("idFieldsOf reads what the meta-test relies on", () => {
    const sample = z
      .object({
        name: z.string(),
        ownerId: z.uuid().optional(),
        memberIds: z.array(z.uuid()).transform((ids) => [...new Set(ids)]),
        rows: z.array(z.object({ actionId: z.union([z.literal(""), z.uuid()]), note: z.string() })).default([]),
        byClient: z.record(z.string(), z.object({ planId: z.uuid().nullable() })),
      })
      .refine((v) => v.name !== "");
    expect(idFieldsOf(sample).sort()).toEqual(["byClient{}.planId", "memberIds", "ownerId", "rows[].actionId"]);
  });

  it("every id field of an exported input schema has a cross-tenant case", async () => {
    // A schema exported under two names (ZUpdateUserInput = ZUserFields) is one schema.
    const namesOfSchema = new Map<z.ZodType, string[]>();
    for (const file of await domainModules()) {
      const moduleName = moduleNameOf(file);
      const exports = (await import(file)) as Record<string, unknown>;
      for (const [exportName, value] of Object.entries(exports)) {
        if (exportName.startsWith("Z") && value instanceof z.ZodType)
          namesOfSchema.set(value, [...(namesOfSchema.get(value) ?? []), `${moduleName}#${exportName}`]);
      }
    }
    const fields: string[] = [];
    const uncovered: string[] = [];
    for (const [schema, names] of namesOfSchema) {
      for (const field of idFieldsOf(schema)) {
        const keys = names.map((name) => `${name}.${field}`);
        fields.push(...keys);
        if (!keys.some((key) => key in INPUT_CASES)) uncovered.push(keys.join(" = "));
      }
    }

    expect(fields).toEqual(expect.arrayContaining(["services/schemas#ZServiceInput.clientIds", "paths/schemas#ZSavePlanInput.actions[].responsibleUserId"]));
    expect(uncovered, "id fields of input schemas without a cross-tenant case").toEqual([]);
    const stale = Object.keys(INPUT_CASES).filter((key) => !fields.includes(key));
    expect(stale, "input cases naming no id field of an exported schema").toEqual([]);
  });
});
