import { isoDateOr } from "@/lib/dates";
import type { TClientDetails } from "@/lib/domain/clients/service";
import type { TClientInput } from "@/lib/domain/clients/schemas";

/** An empty client form: a person, nothing chosen. */
export const EMPTY_CLIENT_FORM: TClientInput = {
  kind: "PERSON",
  subtype: "",
  name: "",
  pesel: "",
  nip: "",
  regon: "",
  krs: "",
  email: "",
  phone: "",
  voivodeship: "",
  county: "",
  commune: "",
  town: "",
  street: "",
  postalCode: "",
  atRiskOfExclusion: false,
  hasDisability: false,
  aged50Plus: false,
  leavingReintegrationEntity: false,
  longTermUnemployed: false,
  kpresSpheres: [],
  officeId: "",
  consentDate: "",
  consentScope: "",
  consentLegalBasis: "",
  notes: "",
  people: [],
  confirmPossibleDuplicate: false,
};

const text = (value: string | null) => value ?? "";

/**
 * A stored client as the form's values: empty strings for missing text, the consent date as
 * YYYY-MM-DD for `<input type="date">`. The special-category field is false for viewers who
 * may not see it (the service keeps the stored value for them).
 */
export function clientFormValues(client: TClientDetails): TClientInput {
  return {
    ...EMPTY_CLIENT_FORM,
    kind: client.kind,
    subtype: text(client.subtype),
    name: client.name,
    pesel: text(client.pesel),
    nip: text(client.nip),
    regon: text(client.regon),
    krs: text(client.krs),
    email: text(client.email),
    phone: text(client.phone),
    voivodeship: (client.voivodeship ?? "") as TClientInput["voivodeship"],
    county: text(client.county),
    commune: text(client.commune),
    town: text(client.town),
    street: text(client.street),
    postalCode: text(client.postalCode),
    atRiskOfExclusion: client.atRiskOfExclusion,
    hasDisability: client.hasDisability ?? false,
    aged50Plus: client.aged50Plus,
    leavingReintegrationEntity: client.leavingReintegrationEntity,
    longTermUnemployed: client.longTermUnemployed,
    kpresSpheres: client.kpresSpheres,
    officeId: client.office?.id ?? "",
    consentDate: isoDateOr(client.consentDate),
    consentScope: text(client.consentScope),
    consentLegalBasis: (client.consentLegalBasis ?? "") as TClientInput["consentLegalBasis"],
    notes: text(client.notes),
    people: client.people.map((p) => ({ role: p.role, name: p.name, function: text(p.function), email: text(p.email), phone: text(p.phone) })),
  };
}
