import { describe, expect, it } from "vitest";
import { generalisedBirthDate, nameForms } from "@/lib/domain/privacy/anonymise-policy";

/** The pure rules of anonymisation (issue 17 §5): the birth date that keeps the statistics, the forms of a name searched for. */

describe("the generalised birth date", () => {
  it.each([
    ["1985-03-14", "2026-02-01", "1986-02-01"],
    ["1985-03-14", "2026-03-14", "1985-03-14"],
    ["2000-02-29", "2024-02-29", "2000-02-29"],
    ["1999-03-01", "2023-02-28", "2000-02-28"],
    ["1990-06-15", null, "1990-01-01"],
    [null, "2026-01-01", null],
  ])("%s with participation from %s becomes %s", (birth, start, expected) => {
    expect(generalisedBirthDate(birth, start)).toBe(expected);
  });

  it("keeps the age at the start of participation for every day of a leap year", () => {
    const ageOn = (b: string, d: string) => Number(d.slice(0, 4)) - Number(b.slice(0, 4)) - (d.slice(5) < b.slice(5) ? 1 : 0);
    for (let day = 0; day < 366; day++) {
      const start = new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10);
      for (const birth of ["1980-02-29", "1981-12-31", "1975-01-01", "1990-07-15"]) {
        const generalised = generalisedBirthDate(birth, start);
        expect(generalised && ageOn(generalised, start), `${birth} on ${start}`).toBe(ageOn(birth, start));
      }
    }
  });
});

describe("the forms of a name", () => {
  it("a person's: as written, surname first, without the middle name; in lower and upper case and folded", () => {
    const forms = new Set(nameForms("Anna  Maria Kowalska", { reorder: true }));
    for (const form of [
      "Anna  Maria Kowalska",
      "Anna Maria Kowalska",
      "Kowalska Anna Maria",
      "Anna Kowalska",
      "Kowalska Anna",
      "anna kowalska",
      "KOWALSKA ANNA",
      "anna maria kowalska",
    ]) {
      expect(forms, form).toContain(form);
    }
    expect(forms).not.toContain("Anna");
    expect(forms).not.toContain("Kowalska");
  });

  it("an organisation's: as written only, never reordered", () => {
    expect(new Set(nameForms("Spółdzielnia Socjalna Razem", { reorder: false }))).toEqual(
      new Set(["Spółdzielnia Socjalna Razem", "spółdzielnia socjalna razem", "SPÓŁDZIELNIA SOCJALNA RAZEM", "spoldzielnia socjalna razem"]),
    );
  });
});
