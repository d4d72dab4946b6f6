import { z } from "zod";
import { dateOnly, isoDate, todayInPoland } from "@/lib/dates";
import { PATH_STEPS } from "@/lib/domain/paths/state-machine";
import type { ClientKind, ClientPersonRole, ClientStatus, ClientTeamRole, KpresSphere } from "@/lib/generated/prisma/enums";
import { ZPageInput } from "@/lib/pagination";
import { exactly, optionalText } from "@/lib/validation";
import { isValidKrs, isValidNip, isValidPesel, isValidRegon, normalizeIdentifier, normalizeNip } from "./identifiers";

// Messages are translation keys (messages.validation.*): the UI shows them in the user's language.
// The lists below are written out (not imported from the generated client) so the form bundle
// carries no Prisma code; `exactly` makes the compiler refuse a list that drifts from the schema.

export const CLIENT_KINDS = exactly<ClientKind>()([
  "PERSON",
  "INITIATIVE_GROUP",
  "NGO",
  "SOCIAL_COOPERATIVE",
  "OTHER_COOPERATIVE",
  "SOCIAL_ENTERPRISE",
  "REINTEGRATION_ENTITY",
  "LOCAL_GOVERNMENT",
  "CHURCH_ENTITY",
  "BUSINESS",
  "OTHER_INSTITUTION",
]);
export const CLIENT_STATUSES = exactly<ClientStatus>()(["WAITING", "ACTIVE", "CLOSED"]);
export const KPRES_SPHERES = exactly<KpresSphere>()([
  "SUSTAINABLE_DEVELOPMENT",
  "LOCAL_COMMUNITY_AND_CULTURE",
  "SOLIDARITY_OF_GENERATIONS",
  "ACTIVE_INTEGRATION_SERVICES",
]);
export const CLIENT_PERSON_ROLES = exactly<ClientPersonRole>()(["REPRESENTATIVE", "MEMBER"]);

/** Sub-types of the kinds that have them; any other kind has none. */
export const CLIENT_SUBTYPES = {
  LOCAL_GOVERNMENT: ["GMINA", "POWIAT", "WOJEWODZTWO"],
  REINTEGRATION_ENTITY: ["CIS", "KIS", "WTZ", "ZAZ"],
  /** Work cooperative, disabled persons' cooperative, blind persons' cooperative. */
  OTHER_COOPERATIVE: ["WORK", "DISABLED", "BLIND"],
} as const satisfies Partial<Record<ClientKind, readonly string[]>>;

/** What a client of one kind has: the fields its form shows and the schema accepts. */
export type TKindFields = {
  /** PESEL: a person only, and optional there. */
  pesel: boolean;
  /** NIP, REGON and KRS: organisations only — not persons, nor initiative groups (people preparing to found an entity). */
  organisationIdentifiers: boolean;
  /** Whom the client lists under `people`: an initiative group its members, an organisation its representatives; a person nobody (null). */
  peopleRole: ClientPersonRole | null;
  /** The sub-types to choose from (CLIENT_SUBTYPES; most kinds have none). */
  subtypes: readonly string[];
};

/** The one home of the kind rule: the form shows and clears by it, the schema refuses by it. */
export function fieldsForKind(kind: ClientKind): TKindFields {
  const person = kind === "PERSON";
  const group = kind === "INITIATIVE_GROUP";
  const subtypes: Partial<Record<ClientKind, readonly string[]>> = CLIENT_SUBTYPES;
  return {
    pesel: person,
    organisationIdentifiers: !person && !group,
    peopleRole: person ? null : group ? "MEMBER" : "REPRESENTATIVE",
    subtypes: subtypes[kind] ?? [],
  };
}

/** The 16 województwa, by their official Polish names (stored as written here). */
export const VOIVODESHIPS = [
  "dolnośląskie",
  "kujawsko-pomorskie",
  "lubelskie",
  "lubuskie",
  "łódzkie",
  "małopolskie",
  "mazowieckie",
  "opolskie",
  "podkarpackie",
  "podlaskie",
  "pomorskie",
  "śląskie",
  "świętokrzyskie",
  "warmińsko-mazurskie",
  "wielkopolskie",
  "zachodniopomorskie",
] as const;

/** GDPR art. 6(1) bases on which an OWES processes a client's data. */
export const CONSENT_LEGAL_BASES = ["CONSENT", "CONTRACT", "LEGAL_OBLIGATION", "PUBLIC_TASK"] as const;

/** An identifier as typed; checked against the kind and its check digit on the whole object. */
const optionalIdentifier = (normalize: (value: string) => string) =>
  z
    .string("invalid")
    .max(40, "tooLong")
    .nullish()
    .transform((v) => (v ? normalize(v) || null : null));

/** Lenient Polish numbers: 9 digits with any spaces, dashes or brackets, optionally +48 / 0048 first. */
const PHONE_RE = /^(?:\+48|0048)?\d{9}$/;
const optionalPhone = optionalText(40).refine((v) => v === null || PHONE_RE.test(v.replace(/[\s\-()]/g, "")), "invalidPhone");

const optionalEmail = z
  .string("invalid")
  .trim()
  .toLowerCase()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || z.email().max(320).safeParse(v).success, "invalidEmail");

/** One of `values`, or "" / missing for "not chosen". */
const optionalChoice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .union([z.literal(""), z.enum(values, message)], { error: message })
    .nullish()
    .transform((v): T[number] | null => (v ? v : null));

const optionalId = z
  .union([z.literal(""), z.uuid("invalid")], { error: "invalid" })
  .nullish()
  .transform((v) => (v ? v : null));

/** A date from `<input type="date">` (YYYY-MM-DD) or a Date; stored as a calendar date, never in the future. */
const optionalPastDate = z
  .union([z.literal(""), z.iso.date("invalidDate"), z.date("invalidDate")], { error: "invalidDate" })
  .nullish()
  .transform((v) => (v ? (typeof v === "string" ? v : isoDate(v)) : null))
  .refine((v) => v === null || v <= todayInPoland(), "dateInFuture")
  .transform((v) => (v ? dateOnly(v) : null));

export const ZClientPersonInput = z.object({
  role: z.enum(CLIENT_PERSON_ROLES, "required"),
  name: z.string().trim().min(1, "required").max(200, "tooLong"),
  /** E.g. "prezes zarządu", "sołtys". */
  function: optionalText(200),
  email: optionalEmail,
  phone: optionalPhone,
});
export type TClientPersonInput = z.input<typeof ZClientPersonInput>;

const IDENTIFIER_RULES = [
  { field: "pesel", isValid: (v: string) => isValidPesel(v), invalid: "invalidPesel" },
  { field: "nip", isValid: isValidNip, invalid: "invalidNip" },
  { field: "regon", isValid: isValidRegon, invalid: "invalidRegon" },
  { field: "krs", isValid: isValidKrs, invalid: "invalidKrs" },
] as const;

function isClientKind(value: unknown): value is ClientKind {
  return typeof value === "string" && (CLIENT_KINDS as readonly string[]).includes(value);
}

const isGiven = (value: unknown) => value !== null && value !== undefined && value !== "";

/** Rules that depend on the kind, or on several fields at once. */
function checkKindRules(
  client: { kind: ClientKind } & Record<"pesel" | "nip" | "regon" | "krs" | "subtype" | "people" | "consentDate" | "consentScope" | "consentLegalBasis", unknown>,
  ctx: z.RefinementCtx,
) {
  const fields = fieldsForKind(client.kind);
  const fail = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });

  for (const rule of IDENTIFIER_RULES) {
    const value = client[rule.field];
    if (typeof value !== "string" || value === "") continue;
    const allowed = rule.field === "pesel" ? fields.pesel : fields.organisationIdentifiers;
    if (!allowed) fail([rule.field], rule.field === "pesel" ? "peselOnlyForPersons" : "organisationIdentifiersOnly");
    else if (!rule.isValid(value)) fail([rule.field], rule.invalid);
  }

  if (typeof client.subtype === "string" && client.subtype !== "" && !fields.subtypes.includes(client.subtype)) {
    fail(["subtype"], "invalidSubtype");
  }

  if (Array.isArray(client.people)) {
    client.people.forEach((person: unknown, i) => {
      const role = (person as { role?: unknown } | null)?.role;
      if ((role === "REPRESENTATIVE" || role === "MEMBER") && role !== fields.peopleRole) {
        fail(["people", i, "role"], role === "MEMBER" ? "membersOnlyForGroups" : "representativesOnlyForOrganisations");
      }
    });
  }

  // A consent record says when and on what basis; a scope or basis without a date records nothing.
  if ([client.consentDate, client.consentScope, client.consentLegalBasis].some(isGiven)) {
    if (!isGiven(client.consentDate)) fail(["consentDate"], "required");
    if (!isGiven(client.consentLegalBasis)) fail(["consentLegalBasis"], "required");
  }
}

/**
 * The client form and the service input: flat fields and `people` as an array, so react-hook-form
 * uses this schema as it is (`zodResolver(ZClientInput, undefined, { raw: true })`).
 */
export const ZClientInput = z
  .object({
    kind: z.enum(CLIENT_KINDS, "required"),
    /** Must be one of CLIENT_SUBTYPES[kind]; kinds without sub-types take none. */
    subtype: optionalText(40),
    name: z.string().trim().min(1, "required").max(300, "tooLong"),
    /** Only for PERSON, and optional there. Spaces and dashes are dropped. */
    pesel: optionalIdentifier(normalizeIdentifier),
    /** Only for organisation kinds. A "PL" prefix, spaces and dashes are dropped. */
    nip: optionalIdentifier(normalizeNip),
    /** Only for organisation kinds: 9 or 14 digits. */
    regon: optionalIdentifier(normalizeIdentifier),
    /** Only for organisation kinds: 10 digits. */
    krs: optionalIdentifier(normalizeIdentifier),
    email: optionalEmail,
    phone: optionalPhone,
    voivodeship: optionalChoice(VOIVODESHIPS, "invalidVoivodeship"),
    county: optionalText(200),
    commune: optionalText(200),
    town: optionalText(200),
    street: optionalText(300),
    postalCode: optionalText(6).refine((v) => v === null || /^\d{2}-\d{3}$/.test(v), "invalidPostalCode"),
    atRiskOfExclusion: z.boolean("invalid").default(false),
    /** Special-category data (GDPR art. 9): read back only by roles holding clients.read_sensitive. */
    hasDisability: z.boolean("invalid").default(false),
    aged50Plus: z.boolean("invalid").default(false),
    leavingReintegrationEntity: z.boolean("invalid").default(false),
    longTermUnemployed: z.boolean("invalid").default(false),
    kpresSpheres: z
      .array(z.enum(KPRES_SPHERES, "invalid"), "invalid")
      .default([])
      .refine((spheres) => new Set(spheres).size === spheres.length, "duplicateValue"),
    officeId: optionalId,
    consentDate: optionalPastDate,
    consentScope: optionalText(1000),
    consentLegalBasis: optionalChoice(CONSENT_LEGAL_BASES, "invalidLegalBasis"),
    notes: optionalText(5000),
    /** Representatives (organisation kinds) or members (initiative groups). */
    people: z.array(ZClientPersonInput, "invalid").max(50, "tooMany").default([]),
    /** Set after the user has seen the POSSIBLE_DUPLICATE warning and chosen to save anyway. */
    confirmPossibleDuplicate: z.boolean("invalid").default(false),
  })
  .superRefine(checkKindRules, {
    // Run even when other fields failed, so the form shows every problem at once. The rules need
    // only a valid kind; a field that failed still holds its raw input, so they read defensively.
    when: ({ value }) => isClientKind((value as { kind?: unknown } | null)?.kind),
  });
export type TClientInput = z.input<typeof ZClientInput>;
export type TParsedClientInput = z.output<typeof ZClientInput>;

/**
 * The values with what does not apply to their kind emptied (fieldsForKind): another kind's
 * identifiers and sub-type, and the people given the kind's role (none for a person). The client
 * form keeps everything typed — switching the kind back restores it — and sends this.
 */
export function keepKindFields(values: TClientInput): TClientInput {
  const fields = fieldsForKind(values.kind);
  const role = fields.peopleRole;
  return {
    ...values,
    subtype: values.subtype && fields.subtypes.includes(values.subtype) ? values.subtype : "",
    pesel: fields.pesel ? values.pesel : "",
    nip: fields.organisationIdentifiers ? values.nip : "",
    regon: fields.organisationIdentifiers ? values.regon : "",
    krs: fields.organisationIdentifiers ? values.krs : "",
    people: role ? (values.people ?? []).map((person) => ({ ...person, role })) : [],
  };
}

/**
 * The columns the client list sorts by, each served by an index on (tenant_id, column,
 * name_normalized, id) so that a page of a 500,000-client tenant is read in order, never sorted
 * whole: name (client_tenant_id_name_normalized_id_idx), town and status (migration
 * 20261201090000_client_list_sort_indexes). The path step and the last contact live in other
 * tables, so no index on client can order by them: the list shows them and filters by step but
 * does not sort by them.
 */
export const CLIENT_LIST_SORTS = ["name", "town", "status"] as const;
export type TClientListSort = (typeof CLIENT_LIST_SORTS)[number];
export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type TSortDirection = (typeof SORT_DIRECTIONS)[number];

/** A query-string filter: an empty select ("all") is the same as no filter. */
const optionalFilter = <T extends z.ZodType<string>>(schema: T) =>
  z
    .union([z.literal(""), schema])
    .optional()
    .transform((v) => (v ? v : undefined));

export const ZFindClientsInput = ZPageInput.extend({
  /** A fragment of the name (diacritics optional), or a whole PESEL, NIP, REGON or KRS. */
  q: z.string().trim().max(100, "tooLong").optional(),
  kind: optionalFilter(z.enum(CLIENT_KINDS)),
  /** An advisor's id, or "none" for clients without a key advisor. */
  advisorId: optionalFilter(z.union([z.uuid(), z.literal("none")])),
  officeId: optionalFilter(z.uuid()),
  status: optionalFilter(z.enum(CLIENT_STATUSES)),
  /** The client has an open path at this step (the dashboard's step counts link here). */
  step: optionalFilter(z.enum(PATH_STEPS)),
  sort: optionalFilter(z.enum(CLIENT_LIST_SORTS)),
  dir: optionalFilter(z.enum(SORT_DIRECTIONS)),
});
export type TFindClientsInput = z.input<typeof ZFindClientsInput>;

/** What a staff member added to a client's team does for them. */
export const CLIENT_TEAM_ROLES = exactly<ClientTeamRole>()(["SPECIALIST_ADVISOR", "ANIMATOR", "TRAINER", "ADVISOR", "OTHER"]);

/** Adding a staff member to a client's team, for a period (Polish calendar dates; no end = open-ended). */
export const ZAddTeamMemberInput = z
  .object({
    userId: z.uuid("required"),
    role: z.enum(CLIENT_TEAM_ROLES, "required"),
    startsOn: z.iso.date("invalidDate"),
    endsOn: z
      .union([z.literal(""), z.iso.date("invalidDate")])
      .nullish()
      .transform((v) => (v ? v : null)),
  })
  .refine((v) => v.endsOn === null || v.endsOn >= v.startsOn, { path: ["endsOn"], message: "endBeforeStart" });
export type TAddTeamMemberInput = z.input<typeof ZAddTeamMemberInput>;
