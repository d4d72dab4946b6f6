import { describe, expect, it } from "vitest";
import { catalogueUseErrors, checkSupportChoices, toEntryLookup, type TSupportChoice } from "@/lib/domain/catalogue/rules";
import { entryName, nameOf } from "@/lib/domain/catalogue/names";

/** The entries a lookup found, as the database's JSON gives them. */
const lookup = toEntryLookup([
  { list: "supportType", code: "ADVISORY", retired: false, requires: false },
  { list: "supportType", code: "SPECIALIST_ADVISORY", retired: false, requires: true },
  { list: "supportType", code: "COACHING", retired: true, requires: false },
  { list: "specialistArea", code: "LEGAL", retired: false, requires: false },
  { list: "specialistArea", code: "HR", retired: true, requires: false },
]);

const choice = (supportType: string, specialistArea: string | null = null): TSupportChoice => ({
  supportType,
  specialistArea,
  fields: { supportType: "supportType", specialistArea: "specialistArea" },
});

describe("the catalogue's rules for a record's choice", () => {
  it("accepts an active entry, refuses a retired one unless the record keeps it, and an unknown code", () => {
    const uses = [{ list: "supportType" as const, code: "COACHING", field: "area" }];
    expect(catalogueUseErrors(lookup, [{ list: "supportType", code: "ADVISORY", field: "area" }])).toEqual({});
    expect(catalogueUseErrors(lookup, uses)).toEqual({ area: "retired" });
    expect(catalogueUseErrors(lookup, uses, { supportType: ["COACHING"] })).toEqual({});
    expect(catalogueUseErrors(lookup, [{ list: "supportType", code: "NOPE", field: "area" }])).toEqual({ area: "invalid" });
  });

  it("asks for a specialist area where the type's entry says so, and drops it elsewhere", () => {
    expect(checkSupportChoices(lookup, [choice("SPECIALIST_ADVISORY")])).toEqual({ fieldErrors: { specialistArea: "specialistAreaRequired" }, specialistAreas: [null] });
    expect(checkSupportChoices(lookup, [choice("SPECIALIST_ADVISORY", "LEGAL")])).toEqual({ fieldErrors: {}, specialistAreas: ["LEGAL"] });
    // An area left in the form from an earlier type is neither checked nor stored.
    expect(checkSupportChoices(lookup, [choice("ADVISORY", "HR")])).toEqual({ fieldErrors: {}, specialistAreas: [null] });
    expect(checkSupportChoices(lookup, [choice("SPECIALIST_ADVISORY", "HR")]).fieldErrors).toEqual({ specialistArea: "retired" });
    expect(checkSupportChoices(lookup, [choice("SPECIALIST_ADVISORY", "HR")], { specialistArea: ["HR"] }).fieldErrors).toEqual({});
  });

  it("reports each choice under its own fields", () => {
    const plan = ["ADVISORY", "COACHING", "SPECIALIST_ADVISORY"].map((type, i) => ({
      ...choice(type),
      fields: { supportType: `actions.${i}.supportType`, specialistArea: `actions.${i}.specialistArea` },
    }));
    expect(checkSupportChoices(lookup, plan).fieldErrors).toEqual({ "actions.1.supportType": "retired", "actions.2.specialistArea": "specialistAreaRequired" });
  });
});

describe("an entry's name", () => {
  const entries = [{ code: "ADVISORY", name: "Doradztwo", nameEn: "Advisory" }, { code: "LOCAL", name: "Forma lokalna", nameEn: null }];
  it("is the English one for an English reader when the tenant gave one, else the Polish one", () => {
    expect(entryName({ name: "Doradztwo", nameEn: "Advisory" }, "en")).toBe("Advisory");
    expect(entryName({ name: "Doradztwo", nameEn: "Advisory" }, "pl")).toBe("Doradztwo");
    expect(nameOf(entries, "LOCAL", "en")).toBe("Forma lokalna");
    expect(nameOf(entries, "GONE", "pl")).toBe("GONE");
  });
});
