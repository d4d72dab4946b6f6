import { describe, expect, it } from "vitest";
import { missingMonitoringFields, participationEnded, type TCompletenessPerson } from "@/lib/domain/participants/completeness";
import { ageOn, peselFacts } from "@/lib/domain/participants/derive";
import { changedFields, stateToSave, type TParticipantState } from "@/lib/domain/participants/policy";

/** The one rule of what EFS+ monitoring needs (issue 16 §5), as a pure function. */

const TODAY = "2026-06-15";

const ADDRESS = { voivodeship: "świętokrzyskie", county: "kielecki", commune: "Daleszyce" };

/** A person with everything recorded at the start; participation still running. */
function complete(overrides: Partial<NonNullable<TCompletenessPerson["data"]>> = {}, person: Partial<TCompletenessPerson> = {}): TCompletenessPerson {
  return {
    status: "ACTIVE",
    address: ADDRESS,
    data: {
      sex: "FEMALE",
      birthDate: "1985-03-14",
      educationLevel: "ISCED_3",
      labourMarketStatus: "LONG_TERM_UNEMPLOYED",
      disability: "NO",
      foreignOrigin: "REFUSED",
      minority: "NO",
      homeless: "NO",
      urbanisation: "RURAL",
      participationStart: "2026-02-01",
      participationEnd: null,
      situationAtEnd: null,
      ...overrides,
    },
    ...person,
  };
}

describe("what monitoring needs of a person", () => {
  it("nothing more of a person with every start field while participation runs (a refusal is an answer)", () => {
    expect(missingMonitoringFields(complete(), TODAY, { sensitive: true })).toEqual([]);
  });

  it("everything, in the register's order, of a person with nothing recorded and no address", () => {
    const person: TCompletenessPerson = { status: "WAITING", address: { voivodeship: null, county: null, commune: null }, data: null };
    expect(missingMonitoringFields(person, TODAY, { sensitive: true })).toEqual([
      "sex",
      "birthDate",
      "educationLevel",
      "voivodeship",
      "county",
      "commune",
      "urbanisation",
      "labourMarketStatus",
      "disability",
      "foreignOrigin",
      "minority",
      "homeless",
      "participationStart",
    ]);
  });

  it("the county and commune of the client's address count, blank as missing", () => {
    expect(missingMonitoringFields(complete({}, { address: { ...ADDRESS, county: "  ", commune: null } }), TODAY, { sensitive: true })).toEqual([
      "county",
      "commune",
    ]);
  });

  it("the end and the situation at the end once the client's support is closed", () => {
    const closed = complete({}, { status: "CLOSED" });
    expect(participationEnded(closed, TODAY)).toBe(true);
    expect(missingMonitoringFields(closed, TODAY, { sensitive: true })).toEqual(["participationEnd", "situationAtEnd"]);
    expect(
      missingMonitoringFields(complete({ participationEnd: "2026-05-31", situationAtEnd: "EMPLOYED" }, { status: "CLOSED" }), TODAY, { sensitive: true }),
    ).toEqual([]);
  });

  it("the situation at the end once the end date has come, not before", () => {
    expect(missingMonitoringFields(complete({ participationEnd: TODAY }), TODAY, { sensitive: true })).toEqual(["situationAtEnd"]);
    expect(missingMonitoringFields(complete({ participationEnd: "2026-06-16" }), TODAY, { sensitive: true })).toEqual([]);
  });

  it("leaves the special-category fields out for a viewer who may not read them", () => {
    const person = complete({ disability: null, foreignOrigin: null, minority: null, homeless: null });
    expect(missingMonitoringFields(person, TODAY, { sensitive: true })).toEqual(["disability", "foreignOrigin", "minority", "homeless"]);
    expect(missingMonitoringFields(person, TODAY, { sensitive: false })).toEqual(["homeless"]);
  });
});

describe("what a PESEL says and the age at the start", () => {
  it("reads the birth date and the sex (tenth digit even: a woman, odd: a man), across centuries", () => {
    expect(peselFacts("85031400427")).toEqual({ sex: "FEMALE", birthDate: "1985-03-14" });
    expect(peselFacts("90110212356")).toEqual({ sex: "MALE", birthDate: "1990-11-02" });
    expect(peselFacts("01270900089")).toEqual({ sex: "FEMALE", birthDate: "2001-07-09" });
  });

  it("says nothing of a missing or invalid number", () => {
    expect(peselFacts(null)).toBeNull();
    expect(peselFacts("85031400428")).toBeNull();
  });

  it("counts whole years, the birthday itself included", () => {
    expect(ageOn("1985-03-14", "2026-03-13")).toBe(40);
    expect(ageOn("1985-03-14", "2026-03-14")).toBe(41);
    expect(ageOn(null, "2026-03-14")).toBeNull();
    expect(ageOn("1985-03-14", null)).toBeNull();
  });
});

describe("what a save writes", () => {
  const stored: TParticipantState = {
    sex: "FEMALE",
    birthDate: "1985-03-14",
    educationLevel: "ISCED_3",
    labourMarketStatus: "INACTIVE",
    disability: "YES",
    foreignOrigin: "NO",
    minority: "REFUSED",
    homeless: "NO",
    urbanisation: "CITY",
    participationStart: "2026-02-01",
    participationEnd: null,
    situationAtEnd: null,
  };
  // What a form without the special-category fields sends: they come back empty.
  const sent: TParticipantState = { ...stored, educationLevel: "ISCED_4", disability: null, foreignOrigin: null, minority: "YES" };

  it("keeps the stored special-category answers for a role without clients.read_sensitive", () => {
    const after = stateToSave(stored, sent, { sensitive: false });
    expect(after).toEqual({ ...stored, educationLevel: "ISCED_4" });
    expect(changedFields(stored, after)).toEqual(["educationLevel"]);
  });

  it("takes them as sent from a role that may read them", () => {
    expect(changedFields(stored, stateToSave(stored, sent, { sensitive: true }))).toEqual(["educationLevel", "disability", "foreignOrigin", "minority"]);
  });
});
