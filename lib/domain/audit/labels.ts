import "server-only";
import { PERMISSIONS, type TPermission } from "@/lib/auth/permissions";
import { CLIENT_SUBTYPES, CONSENT_LEGAL_BASES } from "@/lib/domain/clients/schemas";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications/kinds";
import { LOCALES } from "@/lib/i18n/config";
import * as enums from "@/lib/generated/prisma/enums";

/**
 * The message keys of the codes the audit trail holds: enum values, reason codes, permissions and
 * actions. Tests (tests/unit/domain/audit) hold them total and present in pl and en.
 */

export type TLabels = Readonly<Record<string, string>>;

function byPrefix<const T extends Record<string, string>>(values: T, prefix: string): Record<T[keyof T], string> {
  return Object.fromEntries(Object.values(values).map((value) => [value, `${prefix}.${value}`])) as Record<T[keyof T], string>;
}
const listed = <const T extends readonly string[]>(values: T, prefix: string) => Object.fromEntries(values.map((v) => [v, `${prefix}.${v}`])) as Record<T[number], string>;

type TPrismaEnums = { [K in keyof typeof enums as (typeof enums)[K] extends Record<string, string> ? K : never]: (typeof enums)[K] };

/** A label for every value of every enum of the schema: a new enum or value fails to compile until it has one. */
export const ENUM_LABELS = {
  Role: byPrefix(enums.Role, "roles"),
  ClientKind: byPrefix(enums.ClientKind, "clients.kinds"),
  ClientStatus: byPrefix(enums.ClientStatus, "clients.statuses"),
  KpresSphere: byPrefix(enums.KpresSphere, "clients.spheres"),
  ClientPersonRole: { REPRESENTATIVE: "clients.people.representative", MEMBER: "clients.people.member" },
  ClientTeamRole: byPrefix(enums.ClientTeamRole, "clients.team.roles"),
  DevelopmentDirection: byPrefix(enums.DevelopmentDirection, "paths.directions"),
  WorkForm: byPrefix(enums.WorkForm, "paths.workForms"),
  PathStep: byPrefix(enums.PathStep, "paths.steps"),
  ContractStatus: byPrefix(enums.ContractStatus, "paths.contractStatuses"),
  PlanStatus: byPrefix(enums.PlanStatus, "paths.planStatuses"),
  PlanActionStatus: byPrefix(enums.PlanActionStatus, "paths.actionStatuses"),
  PathResultType: byPrefix(enums.PathResultType, "paths.resultTypes"),
  PlanEventKind: { SUBMITTED: "paths.planStatuses.SUBMITTED", APPROVED: "paths.planStatuses.APPROVED", RETURNED: "paths.planStatuses.RETURNED" },
  ServiceChannel: byPrefix(enums.ServiceChannel, "services.channels"),
  EventKind: byPrefix(enums.EventKind, "events.kinds"),
  EventStatus: byPrefix(enums.EventStatus, "events.statuses"),
  RegistrationStatus: byPrefix(enums.RegistrationStatus, "events.registrationStatuses"),
  AttendanceStatus: byPrefix(enums.AttendanceStatus, "events.attendanceStatuses"),
  InstitutionKind: byPrefix(enums.InstitutionKind, "cooperation.institutionKinds"),
  ExchangeDirection: byPrefix(enums.ExchangeDirection, "cooperation.directions"),
  ExchangeChannel: byPrefix(enums.ExchangeChannel, "cooperation.channels"),
  NotificationEmailStatus: byPrefix(enums.NotificationEmailStatus, "notifications.emailStatuses"),
  AccountTokenPurpose: byPrefix(enums.AccountTokenPurpose, "accounts.purposes"),
  IndicatorSource: byPrefix(enums.IndicatorSource, "indicators.sources"),
  StaffContractKind: byPrefix(enums.StaffContractKind, "staff.contractKinds"),
  StaffPosition: byPrefix(enums.StaffPosition, "staff.positions"),
  JobCheckOutcome: byPrefix(enums.JobCheckOutcome, "durability.outcomes"),
  Sex: byPrefix(enums.Sex, "participants.sexes"),
  EducationLevel: byPrefix(enums.EducationLevel, "participants.educationLevels"),
  LabourMarketStatus: byPrefix(enums.LabourMarketStatus, "participants.labourStatuses"),
  DeclaredAnswer: byPrefix(enums.DeclaredAnswer, "participants.answers"),
  Urbanisation: byPrefix(enums.Urbanisation, "participants.urbanisation"),
  ParticipationEndSituation: byPrefix(enums.ParticipationEndSituation, "participants.endSituations"),
  AccessView: byPrefix(enums.AccessView, "privacy.views"),
  ProcessingBasis: byPrefix(enums.ProcessingBasis, "privacy.bases"),
  ConsentPurpose: byPrefix(enums.ConsentPurpose, "privacy.consentPurposes"),
  SubjectRequestKind: byPrefix(enums.SubjectRequestKind, "privacy.requestKinds"),
  SubjectRequestStatus: byPrefix(enums.SubjectRequestStatus, "privacy.requestStatuses"),
  RetentionDecision: byPrefix(enums.RetentionDecision, "privacy.retentionDecisions"),
  ImportKind: byPrefix(enums.ImportKind, "imports.kinds"),
  ImportStatus: byPrefix(enums.ImportStatus, "imports.statuses"),
} satisfies { [K in keyof TPrismaEnums]: Record<TPrismaEnums[K][keyof TPrismaEnums[K]] & string, string> };

/** Value lists the schema keeps as text, with labels of their own. */
export const SUBTYPE_LABELS = listed(Object.values(CLIENT_SUBTYPES).flat(), "clients.subtypes");
export const LEGAL_BASIS_LABELS = listed(CONSENT_LEGAL_BASES, "clients.legalBases");
/** A user's e-mail choices: the kinds of notification and the languages of e-mail. */
export const NOTIFICATION_KIND_LABELS = listed(NOTIFICATION_KINDS, "notifications.kindNames");
export const LOCALE_LABELS = listed(LOCALES, "common.languages");
/** A need's priority, 1 (high) to 3 (low); JSON keeps it a number, the table reads it as its key. */
export const PRIORITY_LABELS = { 1: "paths.priorities.1", 2: "paths.priorities.2", 3: "paths.priorities.3" } as const;

/**
 * Reasons services write as codes (next to the free text a person types when assigning, releasing
 * or handing over a client): the caseload's moves on closing and reopening a path, the registrar
 * joining a team, the kinds of refusal and of failed sign-in.
 */
export const AUDIT_REASON_LABELS: TLabels = {
  "path.closed": "audit.reasons.path_closed",
  "path.reopened": "audit.reasons.path_reopened",
  registered: "audit.reasons.registered",
  notAuthor: "audit.reasons.notAuthor",
  needToKnow: "audit.reasons.needToKnow",
  unknown_account: "audit.reasons.unknown_account",
  wrong_password: "audit.reasons.wrong_password",
  inactive: "audit.reasons.inactive",
  locked: "audit.reasons.locked",
  account_delayed: "audit.reasons.account_delayed",
  wrong_code: "audit.reasons.wrong_code",
  code_expired: "audit.reasons.code_expired",
  /** lib/domain/privacy/anonymise.ts: why a person was anonymised. */
  retentionEnded: "audit.reasons.retentionEnded",
  erasureRequest: "audit.reasons.erasureRequest",
};

export const PERMISSION_LABELS = Object.fromEntries(Object.keys(PERMISSIONS).map((p) => [p, `audit.permissions.${p}`])) as Record<TPermission, string>;

/** Every action a service writes (`client.<kind>` for each caseload move): each has `audit.actions.<action>`. */
export const AUDIT_ACTIONS = [
  "user.create",
  "user.update",
  "user.activate",
  "user.deactivate",
  "user.password_reset",
  "user.password_change",
  "user.notification_preferences",
  "user.invite",
  "user.invite_resend",
  "user.reset_link_sent",
  "partner.create",
  "partner.update",
  "office.create",
  "office.update",
  "tenant.create",
  "tenant.policy_update",
  "catalogue.create",
  "catalogue.update",
  "catalogue.retire",
  "catalogue.restore",
  "catalogue.move",
  "catalogue.delete",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_out",
  "auth.forbidden",
  "account.reset_requested",
  "account.reset_request_failed",
  "account.invite_accepted",
  "account.reset_completed",
  "client.create",
  "client.update",
  "client.assign",
  "client.reassign",
  "client.release",
  "client.take",
  "client.handover",
  "client.close",
  "client.reopen",
  "client.duplicate_override",
  "client.team_add",
  "client.team_remove",
  "caseload.limit_set",
  "path.open",
  "path.move",
  "path.close",
  "path.reopen",
  "path.identification_update",
  "path.needs_update",
  "path.contract_save",
  "path.monitoring_add",
  "path.evaluation_add",
  "path.result_correct",
  "path.result_withdraw",
  "durability.job_update",
  "durability.check_record",
  "durability.check_correct",
  "plan.version_create",
  "plan.version_update",
  "plan.submit",
  "plan.approve",
  "plan.return",
  "annotation.add",
  "annotation.revise",
  "service.create",
  "service.update",
  "service.delete",
  "service.duplicate_override",
  "event.create",
  "event.update",
  "event.cancel",
  "event.registration.create",
  "event.registration.limit_exception",
  "event.registration.cancel",
  "event.registration.promote",
  "event.attendance.save",
  "institution.create",
  "institution.update",
  "institution.retire",
  "institution.restore",
  "exchange.create",
  "exchange.update",
  "participant.update",
  "indicator.create",
  "indicator.update",
  "indicator.retire",
  "indicator.restore",
  "indicator.targets_set",
  "tenant.project_settings",
  "evidence.register",
  "evidence.correct",
  "evidence.withdraw",
  "staff.create",
  "staff.update",
  "staff.withdraw",
  "job.retry",
  "auth.two_factor_enabled",
  "auth.two_factor_disabled",
  "auth.recovery_codes_generated",
  "auth.recovery_code_used",
  "auth.sessions_revoked",
  "tenant.privacy_settings",
  "tenant.access_log_purged",
  "clause.publish",
  "client.legal_basis_set",
  "consent.give",
  "consent.withdraw",
  "subject_request.create",
  "subject_request.extend",
  "subject_request.complete",
  "subject_request.refuse",
  "subject_request.export",
  "client.restrict",
  "client.lift_restriction",
  "client.anonymise",
  "retention.list",
  "retention.approve",
  "retention.keep",
  "access_log.export",
  "import.upload",
  "import.start",
  "import.commit",
] as const;
