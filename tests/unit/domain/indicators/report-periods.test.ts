import { describe, expect, it } from "vitest";
import { dateOnly } from "@/lib/dates";
import { monthsOf, parsePeriodKey, periodChoices, resolvePeriod } from "@/lib/domain/indicators/report/periods";

const NO_PROJECT = { startsOn: null, endsOn: null };

describe("indicator report periods", () => {
  it("reads a year, a quarter and the project from the URL, and nothing else", () => {
    expect(parsePeriodKey("2026")).toEqual({ kind: "YEAR", year: 2026 });
    expect(parsePeriodKey("2026-q3")).toEqual({
      kind: "QUARTER",
      year: 2026,
      quarter: 3,
    });
    expect(parsePeriodKey("project")).toEqual({ kind: "PROJECT" });
    for (const bad of ["2026-Q5", "26", "2026-01", "", "1999", undefined, 2026]) expect(parsePeriodKey(bad), String(bad)).toBeNull();
  });

  it("gives a quarter its calendar days, measured against its year's target", () => {
    expect(resolvePeriod({ kind: "QUARTER", year: 2024, quarter: 1 }, NO_PROJECT)).toMatchObject({
      from: "2024-01-01",
      to: "2024-03-31",
      targetPeriod: "2024",
      targetIsYearly: true,
    });
    expect(resolvePeriod({ kind: "QUARTER", year: 2026, quarter: 4 }, NO_PROJECT)).toMatchObject({ from: "2026-10-01", to: "2026-12-31", key: "2026-Q4" });
    expect(resolvePeriod({ kind: "YEAR", year: 2026 }, NO_PROJECT)).toMatchObject({
      from: "2026-01-01",
      to: "2026-12-31",
      targetPeriod: "2026",
      targetIsYearly: false,
    });
  });

  it("has no project period until both dates are set in order", () => {
    expect(resolvePeriod({ kind: "PROJECT" }, NO_PROJECT)).toBeNull();
    expect(resolvePeriod({ kind: "PROJECT" }, { startsOn: dateOnly("2026-01-01"), endsOn: null })).toBeNull();
    expect(resolvePeriod({ kind: "PROJECT" }, { startsOn: dateOnly("2026-01-01"), endsOn: dateOnly("2025-01-01") })).toBeNull();
    expect(resolvePeriod({ kind: "PROJECT" }, { startsOn: dateOnly("2024-07-01"), endsOn: dateOnly("2027-06-30") })).toMatchObject({
      from: "2024-07-01",
      to: "2027-06-30",
      targetPeriod: "PROJECT",
    });
  });

  it("lists the months of a period for the chart, across years", () => {
    expect(monthsOf({ from: "2025-11-15", to: "2026-02-01" })).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
    expect(monthsOf({ from: "2026-04-01", to: "2026-06-30" })).toEqual(["2026-04", "2026-05", "2026-06"]);
  });

  it("offers the project, this year and its quarters in the picker", () => {
    expect(periodChoices("2026-05-05")).toEqual(expect.arrayContaining(["PROJECT", "2026", "2026-Q2", "2025", "2027"]));
  });
});
