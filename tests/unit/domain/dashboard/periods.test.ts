import { describe, expect, it } from "vitest";
import { dashboardPeriods, minutesByWeek, totalsByType, totalsIn } from "@/lib/domain/dashboard/periods";

describe("the dashboard's periods", () => {
  it("weeks start on Monday, the current one last; months are whole; the window covers all of them", () => {
    // Wednesday 2 December 2026.
    const p = dashboardPeriods("2026-12-02");
    expect(p.thisWeek).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(p.thisMonth).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(p.lastMonth).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(p.weeks).toHaveLength(12);
    expect(p.weeks.at(-1)).toBe("2026-11-30");
    expect(p.weeks[0]).toBe("2026-09-14");
    expect(p.window).toEqual({ from: "2026-09-14", to: "2026-12-31" });
  });

  it("a Sunday belongs to the week that began six days before", () => {
    expect(dashboardPeriods("2026-11-29").thisWeek).toEqual({ from: "2026-11-23", to: "2026-11-29" });
  });

  it("folds day totals into periods, types and weeks", () => {
    const days = [
      { date: "2026-11-30", type: "ADVISORY" as const, count: 2, minutes: 120 },
      { date: "2026-12-01", type: "TRAINING" as const, count: 1, minutes: 45 },
      { date: "2026-11-22", type: "ADVISORY" as const, count: 1, minutes: 30 },
    ];
    expect(totalsIn(days, { from: "2026-11-30", to: "2026-12-06" })).toEqual({ count: 3, minutes: 165 });
    expect(totalsByType(days, { from: "2026-11-01", to: "2026-11-30" }, ["TRAINING", "ADVISORY"])).toEqual([{ type: "ADVISORY", count: 3, minutes: 150 }]);
    expect(minutesByWeek(days, ["2026-11-16", "2026-11-23", "2026-11-30"], ["ADVISORY", "TRAINING"])).toEqual([
      { weekStart: "2026-11-16", byType: [{ type: "ADVISORY", minutes: 30 }] },
      { weekStart: "2026-11-23", byType: [] },
      { weekStart: "2026-11-30", byType: [{ type: "ADVISORY", minutes: 120 }, { type: "TRAINING", minutes: 45 }] },
    ]);
  });
});
