import { describe, expect, it } from "vitest";
import { todayInPoland } from "@/lib/dates";
import { ZServiceInput } from "@/lib/domain/services/schemas";

const CLIENT = "6f1c2b8e-4a5d-4c3b-9e7f-1a2b3c4d5e6f";
const OTHER = "7a1c2b8e-4a5d-4c3b-9e7f-1a2b3c4d5e6f";
const base = { date: todayInPoland(), durationMinutes: "60", supportType: "ADVISORY", clientIds: [CLIENT] };

function errorsOf(input: Record<string, unknown>) {
  const result = ZServiceInput.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("the service entry form's schema", () => {
  it("needs only date, duration, type and client, and fills the rest with defaults", () => {
    expect(ZServiceInput.parse(base)).toMatchObject({
      durationMinutes: 60,
      form: "INDIVIDUAL",
      channel: "IN_PERSON",
      startTime: null,
      specialistArea: null,
      topic: null,
      providerIds: [],
      planActionIds: {},
      officeId: null,
    });
    expect(errorsOf({})).toMatchObject({ date: "invalidDate", durationMinutes: "notANumber", supportType: "chooseSupportType", clientIds: "chooseClient" });
    // The form's empty select and empty duration, as typed.
    expect(errorsOf({ ...base, supportType: "", durationMinutes: "" })).toEqual({ supportType: "chooseSupportType", durationMinutes: "durationRange" });
  });

  it("keeps the duration between 5 and 600 whole minutes", () => {
    expect(errorsOf({ ...base, durationMinutes: "4" })).toEqual({ durationMinutes: "durationRange" });
    expect(errorsOf({ ...base, durationMinutes: "601" })).toEqual({ durationMinutes: "durationRange" });
    expect(errorsOf({ ...base, durationMinutes: "12.5" })).toEqual({ durationMinutes: "notAnInteger" });
    expect(errorsOf({ ...base, durationMinutes: "5" })).toEqual({});
    expect(errorsOf({ ...base, durationMinutes: "600" })).toEqual({});
  });

  it("takes the support type and area as catalogue codes, which the service checks against the tenant's catalogue", () => {
    // Whether a type needs an area is the catalogue entry's (tests/integration/training/support-catalogue.test.ts).
    expect(ZServiceInput.parse({ ...base, supportType: " SPECIALIST_ADVISORY ", specialistArea: "LEGAL" })).toMatchObject({ supportType: "SPECIALIST_ADVISORY", specialistArea: "LEGAL" });
    expect(ZServiceInput.parse({ ...base, specialistArea: "" }).specialistArea).toBeNull();
    expect(errorsOf({ ...base, supportType: "X".repeat(65) })).toEqual({ supportType: "tooLong" });
  });

  it("keeps an individual consultation to one client and e-support off in-person", () => {
    expect(errorsOf({ ...base, clientIds: [CLIENT, OTHER] })).toEqual({ clientIds: "individualOneClient" });
    expect(errorsOf({ ...base, form: "GROUP", clientIds: [CLIENT, OTHER, CLIENT] })).toEqual({});
    expect(ZServiceInput.parse({ ...base, form: "GROUP", clientIds: [CLIENT, OTHER, CLIENT] }).clientIds).toEqual([CLIENT, OTHER]);
    expect(errorsOf({ ...base, form: "E_SUPPORT" })).toEqual({ channel: "eSupportNotInPerson" });
  });

  it("accepts plan-action links only for the record's clients, and drops empty ones", () => {
    expect(errorsOf({ ...base, planActionIds: { [OTHER]: CLIENT } })).toEqual({ [`planActionIds.${OTHER}`]: "invalid" });
    expect(ZServiceInput.parse({ ...base, planActionIds: { [CLIENT]: "" } }).planActionIds).toEqual({});
  });
});
