/**
 * Which messages the browser gets, by route segment. Server components translate on the server
 * with the whole catalogue; only client components need messages in the browser, and every
 * message given to a NextIntlClientProvider travels in each page's payload. So the root layout
 * provides what the app shell and the error boundaries need, and each segment listed here has a
 * layout.tsx that wraps its pages in <ClientMessages segment="…"> with that segment's list
 * (components/i18n/client-messages.tsx). A nested provider REPLACES the messages of the one above
 * it: a segment lists only what its own pages' client components read, not the root's.
 *
 * An entry is a namespace ("validation"), a part of one ("caseload.assign") or a single message
 * ("common.saving"). tests/unit/i18n/client-namespaces.test.ts reads every client component
 * a page renders and fails when one reads a message its segment does not provide, or when an
 * entry here is read by no page of its segment; tests/e2e/client-messages.spec.ts checks what
 * real pages send.
 */

/** components/forms/use-action-errors.ts: field messages are keys from the schemas or the server, any error code. */
const ACTION_ERRORS = ["validation", "errors"];
/** components/forms/form-shell.tsx and the forms that frame themselves alike. */
const FORM_SHELL = ["common.requiredHint", "common.saving"];

const CHANGE_PASSWORD_FORM = [
  ...ACTION_ERRORS,
  ...FORM_SHELL,
  "account.currentPassword",
  "account.newPassword",
  "account.newPasswordHint",
  "account.confirmPassword",
  "account.submit",
];

const ORGANISATION_UNIT_FORM = [...ACTION_ERRORS, ...FORM_SHELL, "common.save", "common.saved", "organisation"];

const TENANT_POLICY_FORM = [
  ...ACTION_ERRORS,
  ...FORM_SHELL,
  "common.save",
  "policy.maxClients",
  "policy.maxClientsHint",
  "policy.overdueDays",
  "policy.overdueDaysHint",
  "policy.editWindowDays",
  "policy.editWindowDaysHint",
  "policy.trainingLimit",
  "policy.trainingLimitHint",
  "policy.saved",
  "policy.twoFactorRoles",
  "policy.twoFactorRolesHint",
  "roles",
];

const USER_FORM = [
  ...ACTION_ERRORS,
  ...FORM_SHELL,
  "common.save",
  "common.saved",
  "roles",
  "users.fields",
  "users.noPartner",
  "users.noOffice",
  "users.invitationHint",
];
/** The account's link by e-mail (components/users/user-account-controls.tsx, resend-invitation-button.tsx). */
const ACCOUNT_LINK_MESSAGES = ["errors", "users.invitationResent", "users.resetLinkSent", "users.sending"];
const USER_ACCOUNT_CONTROLS = [
  ...ACCOUNT_LINK_MESSAGES,
  "users.active",
  "users.inactive",
  "users.activate",
  "users.activated",
  "users.deactivate",
  "users.deactivated",
  "users.statusSection",
  "users.passwordSection",
  "users.pending",
  "users.pendingHint",
  "users.resendInvitation",
  "users.sendResetLink",
  "users.sendResetLinkHint",
];
const RESEND_INVITATION_BUTTON = [...ACCOUNT_LINK_MESSAGES, "users.resend", "users.resendFor"];

/** components/caseload/load-bar.tsx (LoadText), inside the dialogs and the handover form. */
const LOAD_TEXT = ["caseload.load.spoken", "caseload.load.fullNote", "caseload.load.overLimitNote"];
const ASSIGN_DIALOG = [
  ...ACTION_ERRORS,
  ...LOAD_TEXT,
  "common.cancel",
  "caseload.assign.title",
  "caseload.assign.titleChange",
  "caseload.assign.titleEmpty",
  "caseload.assign.description",
  "caseload.assign.close",
  "caseload.assign.filter",
  "caseload.assign.advisor",
  "caseload.assign.noAdvisors",
  "caseload.assign.noUnit",
  "caseload.assign.current",
  "caseload.assign.reason",
  "caseload.assign.reasonHint",
  "caseload.assign.submit",
  "caseload.assign.submitting",
  "caseload.assign.done",
];
const RELEASE_DIALOG = [...ACTION_ERRORS, "common.cancel", "caseload.release"];
const LIMIT_DIALOG = [...ACTION_ERRORS, "common.cancel", "common.save", "common.saving", "caseload.limit"];
const HANDOVER_FORM = [
  ...ACTION_ERRORS,
  ...LOAD_TEXT,
  "caseload.handover.requiredHint",
  "caseload.handover.from",
  "caseload.handover.fromHint",
  "caseload.handover.choose",
  "caseload.handover.advisorOption",
  "caseload.handover.to",
  "caseload.handover.toHint",
  "caseload.handover.order",
  "caseload.handover.up",
  "caseload.handover.down",
  "caseload.handover.reason",
  "caseload.handover.reasonHint",
  "caseload.handover.submit",
  "caseload.handover.submitting",
  "caseload.handover.summaryTitle",
  "caseload.handover.summaryCounts",
  "caseload.handover.movedTitle",
  "caseload.handover.notMovedTitle",
  "caseload.handover.columns",
  "caseload.handover.notMovedReasons",
];
/** components/caseload/take-client-button.tsx */
const TAKE_CLIENT_BUTTON = ["errors"];

const CLIENT_FORM = [
  ...ACTION_ERRORS,
  ...FORM_SHELL,
  "common.save",
  "clients.fields",
  "clients.hints",
  "clients.sections",
  "clients.people",
  "clients.kinds",
  "clients.subtypes",
  "clients.legalBases",
  "clients.spheres",
  "clients.choose",
  "clients.noOffice",
  "clients.submitCreate",
  "clients.duplicateIdentifier",
  "clients.possibleDuplicate",
  "clients.possibleDuplicateHint",
  "clients.confirmPossibleDuplicate",
];
const CLIENT_TEAM = [
  "errors",
  "roles",
  "common.cancel",
  "common.save",
  "common.saving",
  "clients.team.removeListLabel",
  "clients.team.remove",
  "clients.team.addTitle",
  "clients.team.member",
  "clients.team.choose",
  "clients.team.role",
  "clients.team.startsOn",
  "clients.team.endsOn",
  "clients.team.endsOnHint",
  "clients.team.add",
  "clients.team.roles",
];

/** components/services/service-form.tsx with its client picker, providers, plan links and duplicate warning. */
const SERVICE_FORM = [
  ...ACTION_ERRORS,
  ...FORM_SHELL,
  "common.save",
  "common.search",
  "common.none",
  "paths.workForms",
  "catalogue.retiredOption",
  "services.newTitle",
  "services.editTitle",
  "services.saved",
  "services.draftRestored",
  "services.discardDraft",
  "services.duplicate",
  "services.fields",
  "services.channels",
  "services.noClientsYet",
  "services.durationHint",
  "services.chooseSupportType",
  "services.chooseArea",
  "services.noPlanAction",
  "services.providersDefault",
  "services.providersHint",
  "services.submit",
  "services.searchTooShort",
  "services.searchFailed",
  "services.searchFound",
  "services.searchClients",
  // components/services/day-services.tsx (which the form imports) and its service-table.tsx.
  "common.edit",
  "services.columns",
  "services.deleteLabel",
  "services.editLabel",
  "services.emptyDay",
  "services.fromAttendance",
  "services.nextStepsShort",
  "services.total",
  "services.weekHeading",
];
const DELETE_SERVICE_BUTTON = [...ACTION_ERRORS, "common.cancel", "services.delete"];

const OPEN_PATH_FORM = [
  ...ACTION_ERRORS,
  "paths.openPath",
  "paths.fields.direction",
  "paths.fields.workForm",
  "paths.fields.template",
  "paths.fields.templateHint",
  "paths.fields.identification",
  "paths.fields.identificationHint",
  "paths.directions",
  "paths.workForms",
  "catalogue.retiredOption",
];
/** The forms of a path's steps (components/paths/*): between them, most of the namespace. */
/** The path tabs' forms; a result's KPRES spheres (components/paths/sphere-checkboxes.tsx) read the client spheres' names. */
const PATH_FORMS = [...ACTION_ERRORS, "common.save", "common.saved", "common.cancel", "paths", "catalogue.retiredOption", "catalogue.choose", "clients.spheres"];

/** The support catalogue's editor (components/catalogue/*): its forms, move buttons and dialogs. */
const CATALOGUE_EDITOR = [...ACTION_ERRORS, ...FORM_SHELL, "common.save", "common.cancel", "catalogue"];

/** components/events/event-form.tsx with its sessions and trainers fields. */
const EVENT_FORM = [...ACTION_ERRORS, ...FORM_SHELL, "common.save", "common.cancel", "events.kinds", "events.form"];
/** components/events/event-cancel-button.tsx */
const CANCEL_EVENT_BUTTON = [...ACTION_ERRORS, "common.cancel", "events.cancelEvent"];
/** components/events/event-registrations.tsx with its search, cancel dialog and person cells. */
const EVENT_REGISTRATIONS = ["errors", "common.cancel", "events.registrations"];

/** components/cooperation/institution-form.tsx and retire-institution-button.tsx (the directory and an institution's page). */
const INSTITUTION_FORMS = [
  ...ACTION_ERRORS,
  ...FORM_SHELL,
  "common.save",
  "common.saved",
  "cooperation.fields",
  "cooperation.hints.name",
  "cooperation.form.choose",
  "cooperation.institutionKinds",
  "cooperation.validation",
  "cooperation.directory.create",
  "cooperation.directory.created",
  "cooperation.directory.retire",
  "cooperation.directory.restore",
  "cooperation.directory.retiredDone",
  "cooperation.directory.restoredDone",
];
/** components/cooperation/exchange-form.tsx with its client field and search. */
const EXCHANGE_FORM = [
  ...ACTION_ERRORS,
  ...FORM_SHELL,
  "common.search",
  "cooperation.fields",
  "cooperation.hints",
  "cooperation.form",
  "cooperation.directions",
  "cooperation.channels",
  "cooperation.validation",
];

/** components/participants/participant-form.tsx: a person's EFS+ data, its coded answers and the PESEL check's messages. */
const PARTICIPANT_FORM = [
  ...ACTION_ERRORS,
  ...FORM_SHELL,
  "participants.fields",
  "participants.form",
  "participants.sexes",
  "participants.educationLevels",
  "participants.labourStatuses",
  "participants.answers",
  "participants.urbanisation",
  "participants.endSituations",
  "participants.validation",
];

/** components/indicators/admin/*: the indicator form, its retire button, the targets grid and the project settings. */
const INDICATORS_ADMIN = [...ACTION_ERRORS, ...FORM_SHELL, "common.save", "common.saved", "indicatorsAdmin", "indicators.sources", "paths.resultTypes"];
/** components/indicators/evidence/*: the evidence form with its client search, and the withdrawal. */
const EVIDENCE_FORMS = [...ACTION_ERRORS, ...FORM_SHELL, "common.saved", "indicatorEvidence"];
/**
 * The register of data subjects' requests (components/privacy/request-*.tsx, person-picker.tsx):
 * the new request's form with its person lookup, and a request's dialogs (extend, close, restrict,
 * erase), which read their texts by the dialog's name — so the whole privacy.requests.
 */
const SUBJECT_REQUEST_FORMS = [...ACTION_ERRORS, ...FORM_SHELL, "common.cancel", "privacy.requests", "privacy.requestKinds", "clients.kinds"];
/** components/privacy/retention-*.tsx: the pending reviews' approval with its confirmation, and the keep form. */
const RETENTION_REVIEW = [...ACTION_ERRORS, ...FORM_SHELL, "common.cancel", "privacy.retention.pending", "privacy.retention.validation"];
/** components/privacy/privacy-settings-form.tsx and clause-publish-form.tsx: the retention rules and a new clause version. */
const PRIVACY_SETTINGS_FORMS = [...ACTION_ERRORS, ...FORM_SHELL, "common.save", "privacy.validation", "privacy.settings", "privacy.clauses"];
/** components/privacy/legal-basis-form.tsx, consent-give-form.tsx and consent-withdraw-button.tsx: a client's privacy tab. */
const CLIENT_PRIVACY_FORMS = [
  ...ACTION_ERRORS,
  ...FORM_SHELL,
  "common.save",
  "common.cancel",
  "privacy.validation",
  "privacy.bases",
  "privacy.consentPurposes",
  "privacy.legalBasis",
  "privacy.consents.give",
  "privacy.consents.given",
  "privacy.consents.purpose",
  "privacy.consents.choosePurpose",
  "privacy.consents.givenOn",
  "privacy.consents.clause",
  "privacy.consents.noClause",
  "privacy.consents.withdraw",
];
/** components/imports/*: the upload form (its field messages come from the server) and the progress of a running import. */
const IMPORT_SCREENS = [...ACTION_ERRORS, "imports.kinds", "imports.page.form", "imports.page.progress.validating", "imports.page.progress.importing"];
/** components/staff/*: the staff form and the withdrawal. */
const STAFF_FORMS = [...ACTION_ERRORS, ...FORM_SHELL, "common.save", "common.saved", "staff"];

export const CLIENT_MESSAGES = {
  /** app/layout.tsx: the menu in the app shell (components/shell/main-nav.tsx) and the error boundaries (components/errors/route-error.tsx). */
  "": ["shell.mainNav", "shell.menu", "shell.groups", "shell.nav", "errorPages.error", "errorPages.startPage", "errorPages.dashboard"],
  "(auth)/login": [
    "login.tenant",
    "login.tenantHint",
    "login.email",
    "login.password",
    "login.submit",
    "login.submitting",
    "login.failed",
    // The code step of a sign-in with a second factor.
    "login.code",
    "login.codeHint",
    "login.codeIntro",
    "login.codeSubmit",
    "login.codeFailed",
    "login.codeRestart",
    "login.codeExpired",
  ],
  // components/accounts/forgot-password-form.tsx: the sign-in form's two fields, its own texts, field messages.
  "(auth)/forgot-password": [...ACTION_ERRORS, "login.tenant", "login.tenantHint", "login.email", "accounts.forgot.sent", "accounts.forgot.submit", "accounts.forgot.submitting"],
  // components/accounts/set-password-form.tsx
  "(auth)/set-password": [
    ...ACTION_ERRORS,
    "login.email",
    "accounts.setPassword.password",
    "accounts.setPassword.passwordHint",
    "accounts.setPassword.confirmPassword",
    "accounts.setPassword.submit",
    "accounts.setPassword.submitting",
    "accounts.setPassword.linkInvalid",
    "accounts.setPassword.requestNew",
  ],
  "(app)/account": CHANGE_PASSWORD_FORM,
  // components/account/*: the second factor's set-up, recovery codes, switch-off, and the session buttons.
  "(app)/account/security": [...ACTION_ERRORS, ...FORM_SHELL, "account.security"],
  "(app)/admin/offices": ORGANISATION_UNIT_FORM,
  "(app)/admin/partners": ORGANISATION_UNIT_FORM,
  "(app)/admin/policy": TENANT_POLICY_FORM,
  "(app)/admin/catalogue": CATALOGUE_EDITOR,
  // The indicator catalogue, an indicator's page and the targets grid.
  "(app)/admin/indicators": INDICATORS_ADMIN,
  // The staff records, a new one and a record's page.
  "(app)/admin/staff": STAFF_FORMS,
  // Evidence registered by hand: a new record and a record's page.
  "(app)/indicators/evidence": EVIDENCE_FORMS,
  "(app)/admin/users": RESEND_INVITATION_BUTTON,
  "(app)/admin/users/new": USER_FORM,
  "(app)/admin/users/[id]": [...USER_FORM, ...USER_ACCOUNT_CONTROLS],
  // One layout for the board, the queue and the handover: a layout cannot tell which page it wraps.
  "(app)/caseload": [...LIMIT_DIALOG, ...ASSIGN_DIALOG, ...TAKE_CLIENT_BUTTON, ...HANDOVER_FORM],
  "(app)/clients/new": CLIENT_FORM,
  // The client's page, its edit form, its services and the person's EFS+ data.
  "(app)/clients/[id]": [
    ...CLIENT_TEAM,
    ...ASSIGN_DIALOG,
    ...RELEASE_DIALOG,
    ...TAKE_CLIENT_BUTTON,
    ...SERVICE_FORM,
    ...DELETE_SERVICE_BUTTON,
    ...CLIENT_FORM,
    ...PARTICIPANT_FORM,
    ...CLIENT_PRIVACY_FORMS,
  ],
  // The retention rules and the information clause's versions.
  "(app)/privacy/settings": PRIVACY_SETTINGS_FORMS,
  "(app)/paths/new": OPEN_PATH_FORM,
  // A job's page: its details (components/durability/job-form.tsx) and its checks (check-form.tsx).
  "(app)/durability/[id]": [...ACTION_ERRORS, "common.save", "common.saved", "common.cancel", "durability.job", "durability.form"],
  "(app)/paths/[id]": [...PATH_FORMS, ...DELETE_SERVICE_BUTTON],
  // The service log, a service's edit page and the timesheet.
  "(app)/services": [...SERVICE_FORM, ...DELETE_SERVICE_BUTTON],
  // The institution directory and an institution's page.
  "(app)/cooperation/institutions": INSTITUTION_FORMS,
  // A new exchange with an institution, and an exchange's edit page.
  "(app)/cooperation/new": EXCHANGE_FORM,
  "(app)/cooperation/[id]": EXCHANGE_FORM,
  "(app)/events/new": EVENT_FORM,
  // The event's page (its registrations: components/events/event-registrations.tsx) and its edit form.
  "(app)/events/[id]": [...EVENT_FORM, ...CANCEL_EVENT_BUTTON, ...EVENT_REGISTRATIONS],
  // A session's tick-list (components/events/attendance-form.tsx and attendance-row.tsx).
  "(app)/events/[id]/sessions/[sessionId]": ["events.attendance"],
  // The IOD's review after the retention period.
  "(app)/privacy/retention": RETENTION_REVIEW,
  // The register of requests, a new request and a request's page.
  "(app)/privacy/requests": SUBJECT_REQUEST_FORMS,
  // The imports (upload form) and an import's page (its progress while a job runs).
  "(app)/imports": IMPORT_SCREENS,
} satisfies Record<string, string[]>;

export type TClientSegment = keyof typeof CLIENT_MESSAGES;

type TMessages = { [key: string]: string | TMessages };

/** The part of `messages` at the given paths ("ns", "ns.sub", "ns.key"), nested as in the catalogue. */
export function pickMessages(messages: TMessages, paths: readonly string[]): TMessages {
  const picked: TMessages = {};
  for (const path of paths) {
    const parts = path.split(".");
    let source: TMessages = messages;
    let target: TMessages = picked;
    for (const [index, part] of parts.entries()) {
      const value = source[part];
      if (value === undefined) break;
      if (index === parts.length - 1 || typeof value === "string") {
        target[part] = value;
        break;
      }
      const existing = target[part];
      // Already taken whole (e.g. "paths" before "paths.workForms"): nothing to add.
      if (existing === value) break;
      target = target[part] = typeof existing === "object" ? existing : {};
      source = value;
    }
  }
  return picked;
}
