import { describe, expect, it } from "vitest";
import {
  CLIENT_KINDS,
  CLIENT_SUBTYPES,
  fieldsForKind,
  keepKindFields,
  VOIVODESHIPS,
  ZClientInput,
  ZFindClientsInput,
  type TClientInput,
} from "@/lib/domain/clients/schemas";

const OFFICE_ID = "3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b";
const person: TClientInput = { kind: "PERSON", name: "Anna Nowak" };
const ngo: TClientInput = { kind: "NGO", name: "Fundacja Razem" };

/** The first message per field path, as the service's parseInput reports it. */
function errorsOf(input: unknown) {
  const result = ZClientInput.safeParse(input);
  expect(result.success).toBe(false);
  const out: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) out[issue.path.join(".")] ??= issue.message;
  return out;
}

describe("ZClientInput: what a form sends", () => {
  it("turns empty strings into null and applies defaults, so an empty field means 'not given'", () => {
    const parsed = ZClientInput.parse({ ...ngo, nip: "", email: "", phone: "", voivodeship: "", officeId: "", consentDate: "", subtype: "" });
    expect(parsed).toMatchObject({
      nip: null,
      email: null,
      phone: null,
      voivodeship: null,
      officeId: null,
      consentDate: null,
      subtype: null,
      hasDisability: false,
      kpresSpheres: [],
      people: [],
      confirmPossibleDuplicate: false,
    });
  });

  it("stores identifiers as digits and the e-mail in lower case", () => {
    const parsed = ZClientInput.parse({
      ...ngo,
      nip: "PL 526-025-02-74",
      regon: "123 456 785",
      krs: "0000-012-345",
      email: " Biuro@Fundacja.PL ",
    });
    expect(parsed).toMatchObject({ nip: "5260250274", regon: "123456785", krs: "0000012345", email: "biuro@fundacja.pl" });
    expect(ZClientInput.parse({ ...person, pesel: "440514 01359" }).pesel).toBe("44051401359");
  });

  it("keeps a consent date as that calendar day", () => {
    const parsed = ZClientInput.parse({ ...person, consentDate: "2024-03-01", consentLegalBasis: "CONTRACT", consentScope: "udział w projekcie" });
    expect(parsed.consentDate?.toISOString()).toBe("2024-03-01T00:00:00.000Z");
  });

  it("accepts Polish phone numbers written in the usual ways", () => {
    for (const phone of ["600700800", "600 700 800", "+48 600-700-800", "0048600700800", "(41) 345 67 89"]) {
      expect(ZClientInput.safeParse({ ...person, phone }).success, phone).toBe(true);
    }
    expect(errorsOf({ ...person, phone: "12345" })).toEqual({ phone: "invalidPhone" });
    expect(errorsOf({ ...person, phone: "+49 600 700 800" })).toEqual({ phone: "invalidPhone" });
  });
});

describe("ZClientInput: identifiers depend on the kind", () => {
  it("takes a PESEL only for a person, where it is optional", () => {
    expect(ZClientInput.safeParse(person).success).toBe(true);
    expect(ZClientInput.safeParse({ ...person, pesel: "44051401359" }).success).toBe(true);
    expect(errorsOf({ ...ngo, pesel: "44051401359" })).toEqual({ pesel: "peselOnlyForPersons" });
    expect(errorsOf({ kind: "INITIATIVE_GROUP", name: "Grupa", pesel: "44051401359" })).toEqual({ pesel: "peselOnlyForPersons" });
  });

  it("takes NIP, REGON and KRS only for organisations", () => {
    const identifiers = { nip: "5260250274", regon: "123456785", krs: "0000012345" };
    for (const kind of CLIENT_KINDS.filter((k) => k !== "PERSON" && k !== "INITIATIVE_GROUP")) {
      expect(ZClientInput.safeParse({ kind, name: "X", ...identifiers }).success, kind).toBe(true);
    }
    const refused = { nip: "organisationIdentifiersOnly", regon: "organisationIdentifiersOnly", krs: "organisationIdentifiersOnly" };
    expect(errorsOf({ ...person, ...identifiers })).toEqual(refused);
    expect(errorsOf({ kind: "INITIATIVE_GROUP", name: "Grupa", ...identifiers })).toEqual(refused);
  });

  it("checks each identifier's check digit", () => {
    expect(errorsOf({ ...person, pesel: "44051401358" })).toEqual({ pesel: "invalidPesel" });
    expect(errorsOf({ ...person, pesel: "01023100003" })).toEqual({ pesel: "invalidPesel" }); // 31 February
    expect(errorsOf({ ...ngo, nip: "5260250275", regon: "123456786", krs: "12345" })).toEqual({
      nip: "invalidNip",
      regon: "invalidRegon",
      krs: "invalidKrs",
    });
  });

  it("says an identifier is not for this kind before judging its digits", () => {
    expect(errorsOf({ ...ngo, pesel: "123" })).toEqual({ pesel: "peselOnlyForPersons" });
  });
});

describe("ZClientInput: sub-types and people depend on the kind", () => {
  it("accepts only the sub-types of the kind", () => {
    for (const [kind, subtypes] of Object.entries(CLIENT_SUBTYPES)) {
      for (const subtype of subtypes) expect(ZClientInput.safeParse({ kind, name: "X", subtype }).success, `${kind}/${subtype}`).toBe(true);
    }
    expect(errorsOf({ kind: "LOCAL_GOVERNMENT", name: "Gmina Pińczów", subtype: "CIS" })).toEqual({ subtype: "invalidSubtype" });
    expect(errorsOf({ ...ngo, subtype: "GMINA" })).toEqual({ subtype: "invalidSubtype" });
  });

  it("takes representatives for organisations and members for initiative groups only", () => {
    const representative = { role: "REPRESENTATIVE" as const, name: "Jan Kowalski", function: "prezes" };
    const member = { role: "MEMBER" as const, name: "Ewa Wiśniewska" };
    expect(ZClientInput.safeParse({ ...ngo, people: [representative] }).success).toBe(true);
    expect(ZClientInput.safeParse({ kind: "INITIATIVE_GROUP", name: "Grupa", people: [member, member] }).success).toBe(true);
    expect(errorsOf({ ...person, people: [representative] })).toEqual({ "people.0.role": "representativesOnlyForOrganisations" });
    expect(errorsOf({ kind: "INITIATIVE_GROUP", name: "Grupa", people: [member, representative] })).toEqual({
      "people.1.role": "representativesOnlyForOrganisations",
    });
    expect(errorsOf({ ...ngo, people: [member] })).toEqual({ "people.0.role": "membersOnlyForGroups" });
  });

  it("checks each person's own fields", () => {
    expect(errorsOf({ ...ngo, people: [{ role: "REPRESENTATIVE", name: " ", email: "nope", phone: "1" }] })).toEqual({
      "people.0.name": "required",
      "people.0.email": "invalidEmail",
      "people.0.phone": "invalidPhone",
    });
  });
});

describe("fieldsForKind: one rule for the form and the schema", () => {
  it("gives a person a PESEL and nobody to list, an initiative group members and no identifiers, an organisation NIP/REGON/KRS and representatives", () => {
    expect(fieldsForKind("PERSON")).toEqual({ pesel: true, organisationIdentifiers: false, peopleRole: null, subtypes: [] });
    expect(fieldsForKind("INITIATIVE_GROUP")).toEqual({ pesel: false, organisationIdentifiers: false, peopleRole: "MEMBER", subtypes: [] });
    for (const kind of CLIENT_KINDS.filter((k) => k !== "PERSON" && k !== "INITIATIVE_GROUP")) {
      expect(fieldsForKind(kind), kind).toMatchObject({ pesel: false, organisationIdentifiers: true, peopleRole: "REPRESENTATIVE" });
    }
    expect(fieldsForKind("LOCAL_GOVERNMENT").subtypes).toEqual(CLIENT_SUBTYPES.LOCAL_GOVERNMENT);
    expect(fieldsForKind("NGO").subtypes).toEqual([]);
  });

  it("is what the schema enforces: every field it offers a kind is accepted, every one it withholds is refused", () => {
    const identifiers = { pesel: "44051401359", nip: "5260250274", regon: "123456785", krs: "0000012345" };
    for (const kind of CLIENT_KINDS) {
      const fields = fieldsForKind(kind);
      const offered = {
        ...(fields.pesel ? { pesel: identifiers.pesel } : {}),
        ...(fields.organisationIdentifiers ? { nip: identifiers.nip, regon: identifiers.regon, krs: identifiers.krs } : {}),
        ...(fields.subtypes[0] ? { subtype: fields.subtypes[0] } : {}),
        people: fields.peopleRole ? [{ role: fields.peopleRole, name: "Jan Kowalski" }] : [],
      };
      expect(ZClientInput.safeParse({ kind, name: "X", ...offered }).success, kind).toBe(true);
      const withheld = Object.keys(errorsOf({ kind, name: "X", ...identifiers, subtype: "CIS", people: [{ role: "MEMBER", name: "A" }, { role: "REPRESENTATIVE", name: "B" }] }));
      const expected = [
        ...(fields.pesel ? [] : ["pesel"]),
        ...(fields.organisationIdentifiers ? [] : ["nip", "regon", "krs"]),
        ...(fields.subtypes.includes("CIS") ? [] : ["subtype"]),
        ...(fields.peopleRole === "MEMBER" ? [] : ["people.0.role"]),
        ...(fields.peopleRole === "REPRESENTATIVE" ? [] : ["people.1.role"]),
      ];
      expect(withheld.sort(), kind).toEqual(expected.sort());
    }
  });
});

describe("keepKindFields: what the client form sends", () => {
  const typed: TClientInput = {
    kind: "PERSON",
    name: "Anna Nowak",
    subtype: "GMINA",
    pesel: "44051401359",
    nip: "5260250274",
    regon: "123456785",
    krs: "0000012345",
    people: [{ role: "REPRESENTATIVE", name: "Jan Kowalski" }],
  };

  it("empties another kind's identifiers, sub-type and people, and keeps the rest", () => {
    expect(keepKindFields(typed)).toEqual({ ...typed, subtype: "", nip: "", regon: "", krs: "", people: [] });
    expect(keepKindFields({ ...typed, kind: "LOCAL_GOVERNMENT" })).toEqual({ ...typed, kind: "LOCAL_GOVERNMENT", pesel: "" });
  });

  it("gives the people the kind's role, so switching between a group and an organisation keeps them", () => {
    expect(keepKindFields({ ...typed, kind: "INITIATIVE_GROUP" }).people).toEqual([{ role: "MEMBER", name: "Jan Kowalski" }]);
  });

  it("leaves values the schema accepts for every kind", () => {
    for (const kind of CLIENT_KINDS) expect(ZClientInput.safeParse(keepKindFields({ ...typed, kind })).success, kind).toBe(true);
  });
});

describe("ZClientInput: address, spheres and consent", () => {
  it("knows the 16 województwa by their Polish names", () => {
    expect(VOIVODESHIPS).toHaveLength(16);
    expect(ZClientInput.safeParse({ ...person, voivodeship: "świętokrzyskie" }).success).toBe(true);
    expect(errorsOf({ ...person, voivodeship: "Swietokrzyskie" })).toEqual({ voivodeship: "invalidVoivodeship" });
  });

  it("takes postal codes as NN-NNN", () => {
    expect(ZClientInput.safeParse({ ...person, postalCode: "28-100" }).success).toBe(true);
    expect(errorsOf({ ...person, postalCode: "28100" })).toEqual({ postalCode: "invalidPostalCode" });
  });

  it("refuses a KPRES sphere twice", () => {
    expect(errorsOf({ ...person, kpresSpheres: ["SOLIDARITY_OF_GENERATIONS", "SOLIDARITY_OF_GENERATIONS"] })).toEqual({
      kpresSpheres: "duplicateValue",
    });
  });

  it("refuses a consent dated in the future, and one without a date or a legal basis", () => {
    expect(errorsOf({ ...person, consentDate: "2999-01-01", consentLegalBasis: "CONSENT" })).toEqual({ consentDate: "dateInFuture" });
    expect(errorsOf({ ...person, consentDate: "2024-02-30", consentLegalBasis: "CONSENT" })).toEqual({ consentDate: "invalidDate" });
    expect(errorsOf({ ...person, consentScope: "udział w projekcie" })).toEqual({ consentDate: "required", consentLegalBasis: "required" });
    expect(errorsOf({ ...person, consentDate: "2024-01-01", consentLegalBasis: "BECAUSE" })).toEqual({ consentLegalBasis: "invalidLegalBasis" });
  });

  it("refuses an office that is not an id", () => {
    expect(errorsOf({ ...person, officeId: "42" })).toEqual({ officeId: "invalid" });
    expect(ZClientInput.parse({ ...person, officeId: OFFICE_ID }).officeId).toBe(OFFICE_ID);
  });
});

describe("ZClientInput: every problem at once", () => {
  it("reports field errors and kind rules together, so the form shows them in one go", () => {
    expect(errorsOf({ ...ngo, name: "", email: "x", pesel: "44051401359", nip: "123", postalCode: "1" })).toEqual({
      name: "required",
      email: "invalidEmail",
      postalCode: "invalidPostalCode",
      pesel: "peselOnlyForPersons",
      nip: "invalidNip",
    });
  });

  it("asks for the kind first when it is missing", () => {
    expect(errorsOf({ name: "X", nip: "5260250274" })).toEqual({ kind: "required" });
  });
});

describe("ZFindClientsInput", () => {
  it("treats an empty filter as none and takes 'none' for unassigned clients", () => {
    expect(ZFindClientsInput.parse({ kind: "", status: "", officeId: "", advisorId: "none" })).toEqual({
      page: 1,
      pageSize: 25,
      kind: undefined,
      status: undefined,
      officeId: undefined,
      advisorId: "none",
    });
  });

  it("refuses an advisor that is neither an id nor 'none'", () => {
    expect(ZFindClientsInput.safeParse({ advisorId: "someone" }).success).toBe(false);
  });
});
