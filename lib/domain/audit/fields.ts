import "server-only";
import type { TClientState } from "@/lib/domain/clients/repository";
import { QUEUE_LABELS } from "@/lib/domain/jobs/queue-labels";
import { ERASED_FIELDS } from "@/lib/domain/privacy/anonymise";
import { ENUM_LABELS, LEGAL_BASIS_LABELS, LOCALE_LABELS, NOTIFICATION_KIND_LABELS, PRIORITY_LABELS, SUBTYPE_LABELS, type TLabels } from "./labels";

/**
 * What every audited field means, per entity type: its label (a message key) and how its value
 * reads for a person. The trail stores codes and ids (the writers' business); this table is the one
 * place that turns them into words, so the client's history and the /audit page say the same.
 * Tests hold it total: every field a service writes has an entry (tests/integration/audit), every
 * enum value of the schema and every permission has a label in pl and en (tests/unit/domain/audit).
 */

/** What an id names, resolved to a human reference in one query (lib/domain/audit/refs.ts). */
export type TRefKind = "user" | "partner" | "office" | "tenant" | "client" | "path" | "planVersion" | "planAction" | "annotation" | "service" | "event" | "eventSession" | "eventRegistration" | "institution" | "exchange"
  /** A catalogue entry, by its code (lib/domain/catalogue). */
  | "supportType"
  | "specialistArea"
  | "pathTemplate"
  /** A background job of the tenant (pg-boss), named by its queue. */
  | "job"
  /** lib/domain/indicators: an indicator, and a piece of evidence registered by hand; lib/domain/staff: a staff record. */
  | "indicator"
  | "indicatorEvidence"
  | "staffEmployment"
  /** A created job of the durability records (lib/domain/durability), named by its enterprise. */
  | "jobRecord"
  /** A version of the information clause (lib/domain/privacy/clauses.ts), named by its number and title. */
  | "clause"
  /** A data subject's request (lib/domain/privacy/requests.ts), named by its kind and who asked. */
  | "subjectRequest"
  /** A spreadsheet import (lib/domain/imports), named by its file. */
  | "dataImport";

export type TValueSpec =
  | { type: "text" }
  | { type: "number" }
  | { type: "bool" }
  /** A calendar day: "YYYY-MM-DD" or a DATE column's UTC midnight as an ISO string. */
  | { type: "date" }
  | { type: "enum"; labels: TLabels }
  | { type: "ref"; ref: TRefKind }
  | { type: "list"; of: TValueSpec }
  /** A list of objects (a need, a plan action, a person): each shown as its own labelled fields. */
  | { type: "items"; fields: TFieldTable }
  /** An object mapping one kind of id to another (a service's client → plan action). */
  | { type: "map"; key: TValueSpec; value: TValueSpec }
  /** A reason code written by a service (AUDIT_REASON_LABELS), otherwise text a person typed. */
  | { type: "reason" }
  | { type: "permission" }
  /** A technical value with no meaning for a reader (a row id, an edit revision): never shown. */
  | { type: "omit" };

export type TFieldSpec = { label: string; value: TValueSpec };
export type TFieldTable = Readonly<Record<string, TFieldSpec>>;

/** The fields anonymisation erases, each labelled as the client's field of that name. */
const ERASED_FIELD_LABELS: TLabels = Object.fromEntries(ERASED_FIELDS.map((field) => [field, `audit.fields.${field}`]));

const text = { type: "text" } as const;
const number = { type: "number" } as const;
const bool = { type: "bool" } as const;
const date = { type: "date" } as const;
const reason = { type: "reason" } as const;
const omit = { type: "omit" } as const;
const oneOf = (labels: TLabels) => ({ type: "enum", labels }) as const;
const ref = (kind: TRefKind) => ({ type: "ref", ref: kind }) as const;
const listOf = (of: TValueSpec) => ({ type: "list", of }) as const;
const items = (fields: TFieldTable) => ({ type: "items", fields }) as const;

/** A field labelled `audit.fields.<name>` unless `label` says otherwise. */
function fields<const T extends Record<string, TValueSpec | TFieldSpec>>(specs: T): { [K in keyof T]: TFieldSpec } {
  return Object.fromEntries(
    Object.entries(specs).map(([name, spec]) => [name, "label" in spec ? spec : { label: `audit.fields.${name}`, value: spec }]),
  ) as { [K in keyof T]: TFieldSpec };
}
const labelled = (label: string, value: TValueSpec): TFieldSpec => ({ label: `audit.fields.${label}`, value });

/** The audited shape of a client (repository.ts auditView): a new form field fails to compile until it has an entry. */
const CLIENT_STATE_FIELDS = fields({
  kind: oneOf(ENUM_LABELS.ClientKind),
  subtype: oneOf(SUBTYPE_LABELS),
  name: text,
  pesel: text,
  nip: text,
  regon: text,
  krs: text,
  email: text,
  phone: text,
  voivodeship: text,
  county: text,
  commune: text,
  town: text,
  street: text,
  postalCode: text,
  atRiskOfExclusion: bool,
  hasDisability: bool,
  aged50Plus: bool,
  leavingReintegrationEntity: bool,
  longTermUnemployed: bool,
  kpresSpheres: listOf(oneOf(ENUM_LABELS.KpresSphere)),
  officeId: ref("office"),
  consentDate: date,
  consentScope: text,
  consentLegalBasis: oneOf(LEGAL_BASIS_LABELS),
  notes: text,
  people: items(fields({ role: labelled("personRole", oneOf(ENUM_LABELS.ClientPersonRole)), name: text, function: text, email: text, phone: text })),
}) satisfies Record<keyof TClientState, TFieldSpec>;

const PLAN_ACTION_FIELDS = fields({
  supportType: ref("supportType"),
  specialistArea: ref("specialistArea"),
  description: text,
  plannedFrom: date,
  plannedTo: date,
  responsibleUserId: ref("user"),
  expectedResult: text,
  status: labelled("actionStatus", oneOf(ENUM_LABELS.PlanActionStatus)),
});

/** A person's EFS+ monitoring data, audited on the client (lib/domain/participants/service.ts). */
const PARTICIPANT_DATA_AUDIT_FIELDS = fields({
  sex: oneOf(ENUM_LABELS.Sex),
  birthDate: date,
  educationLevel: oneOf(ENUM_LABELS.EducationLevel),
  labourMarketStatus: oneOf(ENUM_LABELS.LabourMarketStatus),
  disability: oneOf(ENUM_LABELS.DeclaredAnswer),
  foreignOrigin: oneOf(ENUM_LABELS.DeclaredAnswer),
  minority: oneOf(ENUM_LABELS.DeclaredAnswer),
  homeless: oneOf(ENUM_LABELS.DeclaredAnswer),
  urbanisation: oneOf(ENUM_LABELS.Urbanisation),
  participationStart: date,
  participationEnd: date,
  situationAtEnd: oneOf(ENUM_LABELS.ParticipationEndSituation),
});

/** A client's legal basis and consents, audited on the client (lib/domain/privacy/legal-basis.ts, consents.ts). */
const CLIENT_PRIVACY_AUDIT_FIELDS = fields({
  processingBasis: oneOf(ENUM_LABELS.ProcessingBasis),
  clauseId: labelled("clause", ref("clause")),
  clauseGivenOn: date,
  consentId: omit,
  purpose: labelled("consentPurpose", oneOf(ENUM_LABELS.ConsentPurpose)),
  givenOn: labelled("consentGivenOn", date),
  withdrawnOn: labelled("consentWithdrawnOn", date),
  clauseVersion: number,
});

/** A catalogue entry as the editor writes it (lib/domain/catalogue/service.ts auditState). */
const CATALOGUE_ENTRY_FIELDS = fields({
  code: labelled("entryCode", text),
  name: text,
  nameEn: text,
  requiresSpecialistArea: bool,
  obligatorySupportTypes: listOf(ref("supportType")),
  position: labelled("entryPosition", number),
  retired: labelled("entryRetired", bool),
});

/**
 * Every entity type the trail holds and every field written for it (see each `recordAudit` call:
 * users/service.ts, tenancy/*, caseload/*, clients/*, paths/*, services/write.ts, auth/authorize.ts).
 */
export const AUDIT_FIELDS = {
  User: fields({
    name: text,
    email: text,
    role: oneOf(ENUM_LABELS.Role),
    active: bool,
    partnerId: ref("partner"),
    officeId: ref("office"),
    passwordChanged: bool,
    caseloadLimit: number,
    reason,
    ip: text,
    emailDigest: bool,
    locale: oneOf(LOCALE_LABELS),
    emailOff: listOf(oneOf(NOTIFICATION_KIND_LABELS)),
    /** lib/domain/sessions and lib/domain/two-factor: a sign-in with a second factor, recovery codes, sessions ended. */
    twoFactor: bool,
    recoveryCodes: number,
    recoveryCodesLeft: number,
    sessionsEnded: number,
  }),
  Partner: fields({ name: text }),
  Office: fields({ name: text, address: text }),
  Tenant: fields({
    name: text,
    slug: text,
    maxClientsPerAdvisor: number,
    monitoringOverdueDays: number,
    serviceEditWindowDays: number,
    trainingLimitPerPerson: number,
    firstAdmin: text,
    /** lib/domain/indicators/settings.ts: the project period and the durability check months. */
    projectStartsOn: date,
    projectEndsOn: date,
    jobCheckMonths: listOf(number),
    /** lib/domain/tenancy/service.ts: the roles that must sign in with a second factor (issue 17). */
    twoFactorRoles: listOf(oneOf(ENUM_LABELS.Role)),
    /** lib/domain/privacy/settings.ts: the retention rules. */
    lastPaymentOn: date,
    retentionYears: number,
    accessLogRetentionMonths: number,
    /** lib/domain/privacy/retention.ts: the nightly listing of persons for the IOD's review. */
    retentionListed: number,
    retentionEndedOn: date,
    /** lib/domain/privacy/access-log.ts: the nightly purge (how many entries, older than which day)… */
    removed: labelled("accessLogRemoved", number),
    olderThan: labelled("accessLogOlderThan", date),
    /** …and access-log-export.ts: the exported filter, the format and how many rows. */
    clientId: ref("client"),
    userId: ref("user"),
    person: labelled("accessLogPerson", text),
    view: labelled("accessView", oneOf(ENUM_LABELS.AccessView)),
    from: labelled("periodFrom", date),
    to: labelled("periodTo", date),
    format: labelled("exportFormat", text),
    rows: labelled("exportedRows", number),
  }),
  /** A refusal: the role, the permission refused and what it was refused on (authorize.ts `detail`). */
  Permission: fields({
    role: oneOf(ENUM_LABELS.Role),
    permission: { type: "permission" },
    clientId: ref("client"),
    advisorId: ref("user"),
    userId: ref("user"),
    pathId: ref("path"),
    annotationId: ref("annotation"),
    serviceId: ref("service"),
    exchangeId: ref("exchange"),
    eventId: ref("event"),
    reason,
  }),
  Client: {
    ...CLIENT_STATE_FIELDS,
    ...fields({
      keyAdvisorId: ref("user"),
      status: oneOf(ENUM_LABELS.ClientStatus),
      reason,
      /** lib/domain/imports: the import that registered, assigned or updated the client. */
      importId: labelled("fromImport", ref("dataImport")),
      // The duplicate's name is recorded beside its id.
      possibleDuplicateOfId: omit,
      possibleDuplicateOfName: text,
      memberId: omit,
      userId: labelled("teamMember", ref("user")),
      // The member's name is recorded beside their id, which resolves to their current name.
      userName: omit,
      role: labelled("teamRole", oneOf(ENUM_LABELS.ClientTeamRole)),
      startsOn: date,
      endsOn: date,
    }),
    ...PARTICIPANT_DATA_AUDIT_FIELDS,
    ...CLIENT_PRIVACY_AUDIT_FIELDS,
    /** lib/domain/privacy/restriction.ts: processing restricted or lifted on a request. */
    ...fields({ restricted: labelled("processingRestricted", bool), subjectRequestId: labelled("subjectRequest", ref("subjectRequest")) }),
    /** lib/domain/privacy/anonymise.ts: which fields anonymisation erased (their names, never their values); retention.ts: the period a decision is about. */
    ...fields({ erasedFields: listOf(oneOf(ERASED_FIELD_LABELS)), retentionEndedOn: date }),
  },
  SupportPath: fields({
    clientId: ref("client"),
    direction: oneOf(ENUM_LABELS.DevelopmentDirection),
    workForm: oneOf(ENUM_LABELS.WorkForm),
    template: ref("pathTemplate"),
    identification: text,
    step: oneOf(ENUM_LABELS.PathStep),
    needs: items(
      fields({
        area: ref("supportType"),
        description: text,
        priority: oneOf(PRIORITY_LABELS),
        expectedEffects: listOf(text),
      }),
    ),
    number: labelled("contractNumber", text),
    signedOn: date,
    scope: text,
    status: labelled("contractStatus", oneOf(ENUM_LABELS.ContractStatus)),
    progress: text,
    risks: text,
    nextSteps: text,
    assessment: text,
    results: items(
      fields({
        type: labelled("resultType", oneOf(ENUM_LABELS.PathResultType)),
        quantity: number,
        achievedOn: date,
        evidenceKind: text,
        evidenceReference: text,
        description: text,
        kpresSpheres: listOf(oneOf(ENUM_LABELS.KpresSphere)),
      }),
    ),
    withdrawReason: labelled("resultWithdrawReason", reason),
    jobsAdded: number,
    jobsWithdrawn: number,
  }),
  PathPlanVersion: fields({
    pathId: ref("path"),
    number: labelled("planNumber", number),
    baseRevision: omit,
    versionId: omit,
    summary: text,
    actions: items(PLAN_ACTION_FIELDS),
    status: labelled("planStatus", oneOf(ENUM_LABELS.PlanStatus)),
    comment: text,
  }),
  PathAnnotation: fields({ pathId: ref("path"), step: oneOf(ENUM_LABELS.PathStep), text, revision: omit }),
  ServiceRecord: fields({
    date,
    startTime: text,
    durationMinutes: number,
    form: oneOf(ENUM_LABELS.WorkForm),
    channel: oneOf(ENUM_LABELS.ServiceChannel),
    supportType: ref("supportType"),
    specialistArea: ref("specialistArea"),
    topic: text,
    notes: text,
    nextSteps: text,
    officeId: ref("office"),
    authorId: ref("user"),
    clientIds: listOf(ref("client")),
    providerIds: listOf(ref("user")),
    planActionIds: { type: "map", key: ref("client"), value: ref("planAction") },
    possibleDuplicateOfId: labelled("possibleDuplicateService", ref("service")),
    reason: labelled("deleteReason", reason),
    importId: labelled("fromImport", ref("dataImport")),
  }),
  /** lib/domain/events/events.ts: an event as its form sets it, and its cancellation. */
  Event: fields({
    title: labelled("eventTitle", text),
    kind: labelled("eventKind", oneOf(ENUM_LABELS.EventKind)),
    supportType: ref("supportType"),
    description: text,
    capacity: labelled("eventCapacity", number),
    registrationDeadline: date,
    officeId: ref("office"),
    partnerId: ref("partner"),
    countsTowardLimit: bool,
    limitYear: number,
    status: labelled("eventStatus", oneOf(ENUM_LABELS.EventStatus)),
    sessions: items(
      fields({ id: omit, date, startTime: text, endTime: text, durationMinutes: number, place: text, onlineUrl: text }),
    ),
    trainers: items(fields({ userId: labelled("trainer", ref("user")), externalName: text })),
    reason: labelled("cancelReason", reason),
  }),
  /** lib/domain/events/attendance.ts: the participants whose attendance at a session changed. */
  EventSession: fields({
    attendance: items(
      fields({
        person: labelled("participant", text),
        clientId: ref("client"),
        status: labelled("attendanceStatus", oneOf(ENUM_LABELS.AttendanceStatus)),
        materials: labelled("supportMaterials", bool),
        accommodation: labelled("supportAccommodation", bool),
        meals: labelled("supportMeals", bool),
        travelReimbursement: labelled("travelReimbursement", text),
      }),
    ),
  }),
  /** lib/domain/events/registration.ts: a person's registration for an event, its cancellation, promotion and limit exception. */
  EventRegistration: fields({
    eventId: labelled("event", ref("event")),
    clientId: ref("client"),
    personClientId: omit,
    clientPersonId: omit,
    personName: labelled("participant", text),
    status: labelled("registrationStatus", oneOf(ENUM_LABELS.RegistrationStatus)),
    limitYear: labelled("limitYear", number),
    count: labelled("trainingCount", number),
    limit: labelled("trainingLimit", number),
    year: labelled("limitYear", number),
    reason: labelled("registrationReason", reason),
  }),
  /** lib/domain/cooperation/institutions.ts: an institution of the directory, and its retiring. */
  Institution: fields({
    name: text,
    kind: labelled("institutionKind", oneOf(ENUM_LABELS.InstitutionKind)),
    town: text,
    address: text,
    email: text,
    phone: text,
    retired: labelled("institutionRetired", bool),
  }),
  /** lib/domain/cooperation/exchanges.ts: an exchange of information with an institution. */
  InformationExchange: fields({
    date,
    institutionId: ref("institution"),
    contactPerson: text,
    direction: labelled("exchangeDirection", oneOf(ENUM_LABELS.ExchangeDirection)),
    channel: labelled("exchangeChannel", oneOf(ENUM_LABELS.ExchangeChannel)),
    subject: text,
    clientId: ref("client"),
    pathId: ref("path"),
    documentReference: text,
    followUpOn: date,
  }),
  /** lib/domain/catalogue/service.ts: the support catalogue's entries, each named by its code. */
  SupportTypeEntry: CATALOGUE_ENTRY_FIELDS,
  SpecialistAreaEntry: CATALOGUE_ENTRY_FIELDS,
  PathTemplateEntry: CATALOGUE_ENTRY_FIELDS,
  /** lib/domain/durability/service.ts: a created job's details and its durability checks. */
  JobRecord: fields({
    personName: labelled("jobPerson", text),
    position: labelled("jobPosition", text),
    evidence: labelled("jobEvidence", text),
    checkMonths: number,
    outcome: labelled("checkOutcome", oneOf(ENUM_LABELS.JobCheckOutcome)),
    checkedOn: date,
    endedOn: date,
    closedChecks: number,
    reopenedChecks: number,
  }),
  /** lib/domain/indicators/catalogue.ts and targets.ts: an indicator of the catalogue, and its targets by period ("YYYY" or "PROJECT"). */
  Indicator: fields({
    code: labelled("indicatorCode", text),
    name: text,
    nameEn: text,
    unit: labelled("indicatorUnit", text),
    evidenceKind: labelled("indicatorEvidenceKind", text),
    source: labelled("indicatorSource", oneOf(ENUM_LABELS.IndicatorSource)),
    resultType: labelled("indicatorResultType", oneOf(ENUM_LABELS.PathResultType)),
    description: text,
    position: labelled("indicatorPosition", number),
    active: labelled("indicatorActive", bool),
    targets: labelled("indicatorTargets", { type: "map", key: text, value: number }),
  }),
  /** lib/domain/indicators/manual-evidence.ts: a piece of evidence registered by hand, its correction and withdrawal. */
  IndicatorEvidence: fields({
    indicatorId: labelled("indicator", ref("indicator")),
    documentKind: labelled("evidenceDocumentKind", text),
    documentDate: labelled("evidenceDocumentDate", date),
    reference: labelled("evidenceReference", text),
    quantity: labelled("evidenceQuantity", number),
    clientId: ref("client"),
    kpresSpheres: listOf(oneOf(ENUM_LABELS.KpresSphere)),
    description: text,
    withdrawn: labelled("evidenceWithdrawn", bool),
    withdrawReason: labelled("evidenceWithdrawReason", reason),
  }),
  /** lib/domain/staff/service.ts: a staff record (who is employed as what, on which contract). */
  StaffEmployment: fields({
    userId: labelled("staffUser", ref("user")),
    personName: labelled("staffPerson", text),
    position: labelled("staffPosition", oneOf(ENUM_LABELS.StaffPosition)),
    contractKind: labelled("staffContractKind", oneOf(ENUM_LABELS.StaffContractKind)),
    reference: labelled("staffReference", text),
    startsOn: labelled("staffStartsOn", date),
    endsOn: labelled("staffEndsOn", date),
    partnerId: ref("partner"),
    officeId: ref("office"),
    withdrawn: labelled("evidenceWithdrawn", bool),
    withdrawReason: labelled("evidenceWithdrawReason", reason),
  }),
  /** lib/domain/privacy/requests.ts and subject-export.ts: a data subject's request, its deadline, closing and the access export. */
  SubjectRequest: fields({
    kind: labelled("requestKind", oneOf(ENUM_LABELS.SubjectRequestKind)),
    requesterName: labelled("requesterName", text),
    clientId: ref("client"),
    receivedOn: labelled("requestReceivedOn", date),
    dueOn: labelled("requestDueOn", date),
    extendedTo: labelled("requestExtendedTo", date),
    extensionReason: labelled("requestExtensionReason", text),
    status: labelled("requestStatus", oneOf(ENUM_LABELS.SubjectRequestStatus)),
    outcome: labelled("requestOutcome", text),
  }),
  /** lib/domain/privacy/clauses.ts: a published version of the information clause (its text stays in the clause, never edited). */
  InformationClause: fields({ version: labelled("clauseVersion", number), title: labelled("clauseTitle", text), effectiveFrom: labelled("clauseEffectiveFrom", date) }),
  /** lib/domain/jobs/service.ts: a failed background job the admin sent back to its queue. */
  BackgroundJob: fields({ queue: labelled("jobQueue", oneOf(QUEUE_LABELS)), attempts: labelled("jobAttempts", number) }),
  /** lib/domain/imports: an uploaded file, its import started, and the import done (with its counts). */
  DataImport: fields({
    kind: labelled("importKind", oneOf(ENUM_LABELS.ImportKind)),
    fileName: labelled("importFileName", text),
    fileType: labelled("importFileType", text),
    byteSize: labelled("importByteSize", number),
    checksum: labelled("importChecksum", text),
    updateExisting: labelled("importUpdateExisting", bool),
    rows: labelled("importRows", number),
    created: labelled("importCreated", number),
    updated: labelled("importUpdated", number),
    skipped: labelled("importSkipped", number),
  }),
} as const satisfies Record<string, TFieldTable>;

export type TAuditEntityType = keyof typeof AUDIT_FIELDS;
export const AUDIT_ENTITY_TYPES = Object.keys(AUDIT_FIELDS) as TAuditEntityType[];

export function isAuditEntityType(value: string): value is TAuditEntityType {
  return Object.hasOwn(AUDIT_FIELDS, value);
}

/** What the id of an entry names, per entity type (the /audit page's "object" column). */
export const ENTITY_REF: Record<TAuditEntityType, TRefKind | "permission"> = {
  User: "user",
  Partner: "partner",
  Office: "office",
  Tenant: "tenant",
  Permission: "permission",
  Client: "client",
  SupportPath: "path",
  PathPlanVersion: "planVersion",
  PathAnnotation: "annotation",
  ServiceRecord: "service",
  Event: "event",
  EventSession: "eventSession",
  EventRegistration: "eventRegistration",
  Institution: "institution",
  InformationExchange: "exchange",
  SupportTypeEntry: "supportType",
  SpecialistAreaEntry: "specialistArea",
  PathTemplateEntry: "pathTemplate",
  BackgroundJob: "job",
  DataImport: "dataImport",
  Indicator: "indicator",
  IndicatorEvidence: "indicatorEvidence",
  StaffEmployment: "staffEmployment",
  JobRecord: "jobRecord",
  InformationClause: "clause",
  SubjectRequest: "subjectRequest",
};
