import { describe, expect, it } from "vitest";
import type { TContext } from "@/lib/auth/context";
import { editWindowOpen, mayChangeRecord } from "@/lib/domain/services/policy";
import { addDays, monthRange, startOfWeek, todayInPoland } from "@/lib/dates";

const ctx = (role: TContext["role"], partnerId: string | null = "p1"): TContext => ({ userId: "me", tenantId: "t", role, partnerId, requestId: "r" });

describe("edit window", () => {
  const now = new Date("2026-11-23T12:00:00Z");
  it("is open up to exactly the window's days after logging", () => {
    expect(editWindowOpen(new Date("2026-10-24T12:00:00Z"), 30, now)).toBe(true);
    expect(editWindowOpen(new Date("2026-10-24T11:59:59Z"), 30, now)).toBe(false);
    expect(editWindowOpen(now, 0, now)).toBe(true);
  });

  it("belongs to the author and to managers", () => {
    expect(mayChangeRecord(ctx("KEY_ADVISOR"), { authorId: "me" })).toBe(true);
    expect(mayChangeRecord(ctx("COORDINATOR"), { authorId: "other" })).toBe(false);
    expect(mayChangeRecord(ctx("MANAGER"), { authorId: "other" })).toBe(true);
  });
});

describe("calendar helpers", () => {
  it("counts Polish days, ISO weeks from Monday, and month ranges across the year end", () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Warsaw.
    expect(todayInPoland(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(startOfWeek("2026-11-23")).toBe("2026-11-23");
    expect(startOfWeek("2026-11-29")).toBe("2026-11-23");
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(monthRange("2026-12")).toEqual({ from: "2026-12-01", to: "2027-01-01" });
  });
});
