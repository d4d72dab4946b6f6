import { describe, expect, it } from "vitest";
import { asCalendarDate, dateOnly, inPolishTime, isoDate, isoDateOr, TIME_ZONE, todayInPoland } from "@/lib/dates";

describe("dates", () => {
  it("today is the Polish date, not the UTC one, just after midnight in Poland", () => {
    // 23:30 UTC on 31 March is 01:30 on 1 April in Warsaw (summer time).
    const now = new Date("2026-03-31T23:30:00Z");
    expect(now.toISOString().slice(0, 10)).toBe("2026-03-31");
    expect(todayInPoland(now)).toBe("2026-04-01");
    // 22:59 UTC in winter is 23:59 in Warsaw: still the same day.
    expect(todayInPoland(new Date("2026-01-15T22:59:00Z"))).toBe("2026-01-15");
  });

  it("reads a DATE column value back as the date it stores", () => {
    expect(isoDate(dateOnly("2026-12-31"))).toBe("2026-12-31");
    expect(isoDateOr(dateOnly("2026-02-01"))).toBe("2026-02-01");
    expect(isoDateOr(null)).toBe("");
    expect(isoDateOr(undefined, "—")).toBe("—");
  });

  it("shows an instant in Polish time whatever the server's zone", () => {
    const instant = new Date("2026-01-01T23:30:00Z");
    const time = new Intl.DateTimeFormat("pl-PL", inPolishTime({ hour: "2-digit", minute: "2-digit", day: "numeric" })).format(instant);
    expect(time).toMatch(/^2,? 00:30$/);
    expect(inPolishTime({ dateStyle: "short" })).toEqual({ dateStyle: "short", timeZone: TIME_ZONE });
  });

  it("shows a calendar date as itself, never the day before", () => {
    const formatted = new Intl.DateTimeFormat("pl-PL", asCalendarDate({ day: "numeric", month: "numeric", year: "numeric" })).format(dateOnly("2026-03-01"));
    expect(formatted).toBe("1.03.2026");
  });
});
