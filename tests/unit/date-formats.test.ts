import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { CALENDAR_DATE, CALENDAR_DATE_MEDIUM, dateOnly, INSTANT_DATE, INSTANT_DATE_TIME, TIME_ZONE } from "@/lib/dates";

/** next-intl's formatter as the app configures it (lib/i18n/request.ts: Polish time for the request). */
const formatterFor = (locale: "pl" | "en") => createFormatter({ locale, timeZone: TIME_ZONE });

describe("the house date formats", () => {
  it("write a calendar date the Polish way in pl and the English way in en", () => {
    const day = dateOnly("2026-11-30");
    expect(formatterFor("pl").dateTime(day, CALENDAR_DATE)).toBe("30.11.2026");
    expect(formatterFor("pl").dateTime(day, CALENDAR_DATE_MEDIUM)).toBe("30 lis 2026");
    expect(formatterFor("en").dateTime(day, CALENDAR_DATE)).toBe("11/30/2026");
    expect(formatterFor("en").dateTime(day, CALENDAR_DATE_MEDIUM)).toBe("Nov 30, 2026");
  });

  it("keep a calendar date on its day whatever the time zone", () => {
    // A DATE column comes back as UTC midnight; read in a zone west of UTC it would be the day before.
    const westOfUtc = createFormatter({ locale: "pl", timeZone: "America/New_York" });
    expect(westOfUtc.dateTime(dateOnly("2026-03-01"), CALENDAR_DATE)).toBe("01.03.2026");
  });

  it("show an instant on its Polish day and hour", () => {
    // 23:30 UTC on 30 November is 00:30 on 1 December in Warsaw (winter time).
    const instant = new Date("2026-11-30T23:30:00Z");
    const utc = createFormatter({ locale: "pl", timeZone: "UTC" });
    expect(utc.dateTime(instant, INSTANT_DATE)).toBe("01.12.2026");
    expect(utc.dateTime(instant, INSTANT_DATE_TIME)).toBe("01.12.2026, 00:30");
    expect(formatterFor("en").dateTime(instant, INSTANT_DATE_TIME)).toBe("12/01/2026, 12:30 AM");
  });
});
