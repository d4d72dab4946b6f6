import { describe, expect, it } from "vitest";
import { diffPlanActions, type TDiffAction } from "@/lib/domain/paths/plan-diff";

function action(overrides: Partial<TDiffAction> = {}): TDiffAction {
  return {
    supportType: "TRAINING",
    specialistArea: null,
    description: "Szkolenie z prawa spółdzielczego",
    plannedFrom: new Date("2026-11-01T00:00:00Z"),
    plannedTo: new Date("2026-11-30T00:00:00Z"),
    responsibleUserId: null,
    expectedResult: "Ukończone szkolenie",
    status: "PLANNED",
    ...overrides,
  };
}

describe("diffPlanActions", () => {
  it("finds nothing between equal plans (dates compared by day, not by object identity)", () => {
    const before = [action(), action({ supportType: "ANIMATION", description: "Animacja" })];
    const after = before.map((a) => ({ ...a, plannedFrom: a.plannedFrom && new Date(a.plannedFrom.getTime()), plannedTo: a.plannedTo && new Date(a.plannedTo.getTime()) }));
    expect(diffPlanActions(before, after)).toEqual([]);
    expect(diffPlanActions([], [])).toEqual([]);
  });

  it("lists the changed fields of an action at the same position, before and after, dates as YYYY-MM-DD", () => {
    const before = [action()];
    const after = [action({ description: "Szkolenie rozszerzone", plannedTo: new Date("2026-12-15T00:00:00Z"), status: "DONE" })];
    expect(diffPlanActions(before, after)).toEqual([
      {
        kind: "changed",
        position: 0,
        fields: [
          { field: "description", before: "Szkolenie z prawa spółdzielczego", after: "Szkolenie rozszerzone" },
          { field: "plannedTo", before: "2026-11-30", after: "2026-12-15" },
          { field: "status", before: "PLANNED", after: "DONE" },
        ],
      },
    ]);
  });

  it("reports a value set or cleared as a change from or to null", () => {
    const before = [action({ specialistArea: null, plannedFrom: new Date("2026-11-01T00:00:00Z"), responsibleUserId: null })];
    const after = [action({ supportType: "SPECIALIST_ADVISORY", specialistArea: "LEGAL", plannedFrom: null, responsibleUserId: "7f1c1b4e-0a7d-4a43-9a51-2f4b6a1d9c10" })];
    expect(diffPlanActions(before, after)).toEqual([
      {
        kind: "changed",
        position: 0,
        fields: [
          { field: "supportType", before: "TRAINING", after: "SPECIALIST_ADVISORY" },
          { field: "specialistArea", before: null, after: "LEGAL" },
          { field: "plannedFrom", before: "2026-11-01", after: null },
          { field: "responsibleUserId", before: null, after: "7f1c1b4e-0a7d-4a43-9a51-2f4b6a1d9c10" },
        ],
      },
    ]);
  });

  it("reports actions appended to the plan as added, with their content", () => {
    const first = action();
    const added = action({ supportType: "COACHING", description: "Coaching" });
    expect(diffPlanActions([first], [first, added])).toEqual([{ kind: "added", position: 1, action: added }]);
    expect(diffPlanActions([], [first])).toEqual([{ kind: "added", position: 0, action: first }]);
  });

  it("reports actions dropped from the end as removed, with their content", () => {
    const kept = action();
    const dropped = action({ supportType: "STUDY_VISIT", description: "Wizyta studyjna" });
    expect(diffPlanActions([kept, dropped], [kept])).toEqual([{ kind: "removed", position: 1, action: dropped }]);
    expect(diffPlanActions([kept], [])).toEqual([{ kind: "removed", position: 0, action: kept }]);
  });

  it("lists changes in plan order: changed actions first, then the added or removed tail", () => {
    const a = action({ description: "A" });
    const b = action({ description: "B" });
    const c = action({ description: "C" });
    const changes = diffPlanActions([a, b, c], [a, { ...b, status: "CANCELLED" }]);
    expect(changes.map((ch) => [ch.kind, ch.position])).toEqual([
      ["changed", 1],
      ["removed", 2],
    ]);
    // Reversed, the same pair reads as an addition.
    expect(diffPlanActions([a, { ...b, status: "CANCELLED" }], [a, b, c]).map((ch) => [ch.kind, ch.position])).toEqual([
      ["changed", 1],
      ["added", 2],
    ]);
  });

  it("compares by position: removing the first action shows as changes to the ones that moved up, and the last removed", () => {
    const a = action({ description: "A" });
    const b = action({ description: "B" });
    expect(diffPlanActions([a, b], [b])).toEqual([
      { kind: "changed", position: 0, fields: [{ field: "description", before: "A", after: "B" }] },
      { kind: "removed", position: 1, action: b },
    ]);
  });
});
