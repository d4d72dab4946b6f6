import { describe, expect, it } from "vitest";
import { startOfPolishDay } from "@/lib/dates";

describe("startOfPolishDay", () => {
  it.each([
    ["2026-01-15", "2026-01-14T23:00:00.000Z"], // winter, UTC+1
    ["2026-07-01", "2026-06-30T22:00:00.000Z"], // summer, UTC+2
    ["2026-03-29", "2026-03-28T23:00:00.000Z"], // the clocks go forward at 02:00 that day
    ["2026-03-30", "2026-03-29T22:00:00.000Z"],
    ["2026-10-25", "2026-10-24T22:00:00.000Z"], // the clocks go back at 03:00 that day
    ["2026-10-26", "2026-10-25T23:00:00.000Z"],
  ])("%s begins at %s", (day, instant) => {
    expect(startOfPolishDay(day).toISOString()).toBe(instant);
  });
});
