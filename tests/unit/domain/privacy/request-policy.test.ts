import { describe, expect, it } from "vitest";
import { dueOnFor, effectiveDeadline, extensionRefusal, latestExtensionFor, requestUrgency } from "@/lib/domain/privacy/request-policy";

/** The deadlines of a data subject's request (GDPR art. 12(3)): one month, extended once by at most two. */
describe("the request's deadlines", () => {
  it("fall one calendar month after receipt, on the month's last day when it is shorter", () => {
    expect(dueOnFor("2025-01-31")).toBe("2025-02-28");
    expect(dueOnFor("2028-01-31")).toBe("2028-02-29");
    expect(dueOnFor("2026-12-15")).toBe("2027-01-15");
    expect(latestExtensionFor("2026-12-31")).toBe("2027-02-28");
  });

  it("are extended once, while open and before the first deadline, to a later day no more than two months on", () => {
    const open = { status: "OPEN", dueOn: "2027-01-15", extendedTo: null };
    expect(extensionRefusal(open, "2027-03-15", "2027-01-15")).toBeNull();
    expect(extensionRefusal(open, "2027-03-16", "2027-01-10")).toEqual({ field: "extendedTo", key: "extensionTooLong" });
    expect(extensionRefusal(open, "2027-01-15", "2027-01-10")).toEqual({ field: "extendedTo", key: "extensionNotLater" });
    expect(extensionRefusal(open, "2027-02-01", "2027-01-16")).toEqual({ field: "_form", key: "extensionTooLate" });
    expect(extensionRefusal({ ...open, extendedTo: "2027-02-01" }, "2027-02-10", "2027-01-10")).toEqual({ field: "_form", key: "alreadyExtended" });
    expect(extensionRefusal({ ...open, status: "REFUSED" }, "2027-02-10", "2027-01-10")).toEqual({ field: "_form", key: "requestClosed" });
    expect(effectiveDeadline({ dueOn: "2027-01-15", extendedTo: "2027-02-01" })).toBe("2027-02-01");
  });

  it("mark an open request overdue the day after its deadline, and due soon within seven days of it", () => {
    expect(requestUrgency({ status: "OPEN", deadline: "2027-01-15" }, "2027-01-16")).toBe("overdue");
    expect(requestUrgency({ status: "OPEN", deadline: "2027-01-15" }, "2027-01-15")).toBe("dueSoon");
    expect(requestUrgency({ status: "OPEN", deadline: "2027-01-15" }, "2027-01-08")).toBe("dueSoon");
    expect(requestUrgency({ status: "OPEN", deadline: "2027-01-15" }, "2027-01-07")).toBeNull();
    expect(requestUrgency({ status: "COMPLETED", deadline: "2027-01-15" }, "2027-03-01")).toBeNull();
  });
});
