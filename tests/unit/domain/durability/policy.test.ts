import { describe, expect, it } from "vitest";
import { addCalendarMonths, checkRecordingRefusal, checkState, plannedChecks } from "@/lib/domain/durability/policy";

describe("addCalendarMonths", () => {
  it("adds calendar months, falling to the month's last day when it is shorter", () => {
    expect(addCalendarMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addCalendarMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addCalendarMonths("2026-03-31", 6)).toBe("2026-09-30");
    expect(addCalendarMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addCalendarMonths("2026-01-15", 24)).toBe("2028-01-15");
    expect(addCalendarMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addCalendarMonths("2027-01-31", -1)).toBe("2026-12-31");
  });
});

describe("plannedChecks", () => {
  it("plans one check per distinct positive month count, in order", () => {
    expect(plannedChecks("2026-01-31", [24, 12, 12]).map((c) => [c.months, c.dueOn.toISOString().slice(0, 10)])).toEqual([
      [12, "2027-01-31"],
      [24, "2028-01-31"],
    ]);
  });
});

describe("checkState and checkRecordingRefusal", () => {
  it("opens a check 30 days before it is due and calls it overdue the day after", () => {
    expect(checkState({ dueOn: "2026-02-01", outcome: null }, "2026-01-01")).toBe("UPCOMING");
    expect(checkState({ dueOn: "2026-02-01", outcome: null }, "2026-01-02")).toBe("DUE");
    expect(checkState({ dueOn: "2026-02-01", outcome: null }, "2026-02-01")).toBe("DUE");
    expect(checkState({ dueOn: "2026-02-01", outcome: null }, "2026-02-02")).toBe("OVERDUE");
    expect(checkState({ dueOn: "2026-02-01", outcome: "ENDED" }, "2027-01-01")).toBe("DONE_ENDED");
  });

  it("refuses a check before its window, dated in the future, or ended before the job began", () => {
    const job = { startsOn: "2025-02-01" };
    const ok = {
      outcome: "MAINTAINED" as const,
      checkedOn: "2026-01-20",
      endedOn: null,
    };
    expect(checkRecordingRefusal({ dueOn: "2026-02-01" }, job, ok, "2026-01-01")).toEqual({ _form: "durabilityCheckNotOpen" });
    expect(checkRecordingRefusal({ dueOn: "2026-02-01" }, job, ok, "2026-01-20")).toBeNull();
    expect(checkRecordingRefusal({ dueOn: "2026-02-01" }, job, { ...ok, checkedOn: "2026-01-21" }, "2026-01-20")).toEqual({ checkedOn: "dateInFuture" });
    expect(checkRecordingRefusal({ dueOn: "2026-02-01" }, job, { outcome: "ENDED", checkedOn: "2026-01-20", endedOn: "2025-01-01" }, "2026-01-20")).toEqual({
      endedOn: "durabilityEndedBeforeStart",
    });
  });
});
