import { describe, expect, it } from "vitest";
import { acceptsMonitoring, acceptsPlanWork, missingForTransition, nextSteps, PATH_STEPS, TRANSITIONS, type TPathFacts, type TPathStep } from "@/lib/domain/paths/state-machine";

const READY: TPathFacts = {
  obligatoryMethods: [],
  needsWithExpectedEffect: 1,
  hasApprovedPlan: true,
  hasSignedContract: true,
  hasEvaluation: true,
  deliveredMethods: new Set(),
};

const ALLOWED: [TPathStep, TPathStep][] = [
  ["IDENTIFICATION", "NEEDS"],
  ["NEEDS", "PLAN"],
  ["PLAN", "IMPLEMENTATION"],
  ["IMPLEMENTATION", "MONITORING"],
  ["MONITORING", "PLAN"],
  ["MONITORING", "EVALUATION"],
  ["EVALUATION", "IMPLEMENTATION"],
  ["EVALUATION", "CLOSED"],
  ["CLOSED", "IMPLEMENTATION"],
];

describe("path state machine", () => {
  it("allows exactly the listed moves when every guard is satisfied", () => {
    for (const from of PATH_STEPS) {
      for (const to of PATH_STEPS) {
        const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
        expect(missingForTransition(from, to, READY), `${from} → ${to}`).toEqual(allowed ? [] : ["notAllowed"]);
      }
    }
    expect(Object.values(TRANSITIONS).flat()).toHaveLength(ALLOWED.length);
  });

  it("refuses skipping steps and moving backwards outside the two returns", () => {
    expect(missingForTransition("IDENTIFICATION", "PLAN", READY)).toEqual(["notAllowed"]);
    expect(missingForTransition("PLAN", "NEEDS", READY)).toEqual(["notAllowed"]);
    expect(missingForTransition("IMPLEMENTATION", "CLOSED", READY)).toEqual(["notAllowed"]);
    expect(missingForTransition("NEEDS", "NEEDS", READY)).toEqual(["notAllowed"]);
  });

  it("leaves NEEDS only with a need that has an expected effect", () => {
    expect(missingForTransition("NEEDS", "PLAN", { ...READY, needsWithExpectedEffect: 0 })).toEqual(["needWithExpectedEffect"]);
  });

  it("starts implementation only from an approved plan and a signed contract", () => {
    const none = { ...READY, hasApprovedPlan: false, hasSignedContract: false };
    expect(missingForTransition("PLAN", "IMPLEMENTATION", none)).toEqual(["approvedPlan", "signedContract"]);
    expect(missingForTransition("PLAN", "IMPLEMENTATION", { ...READY, hasSignedContract: false })).toEqual(["signedContract"]);
    expect(missingForTransition("EVALUATION", "IMPLEMENTATION", { ...READY, hasApprovedPlan: false })).toEqual(["approvedPlan"]);
    expect(missingForTransition("CLOSED", "IMPLEMENTATION", { ...READY, hasSignedContract: false })).toEqual(["signedContract"]);
  });

  it("closes only with an evaluation", () => {
    expect(missingForTransition("EVALUATION", "CLOSED", { ...READY, hasEvaluation: false })).toEqual(["evaluation"]);
  });

  describe("a template with obligatory methods (seed 002's local-government one, as the catalogue holds it)", () => {
    const lg = { ...READY, obligatoryMethods: ["ANIMATION", "SPECIALIST_ADVISORY"] };

    it("cannot reach evaluation until both obligatory methods were delivered", () => {
      expect(missingForTransition("MONITORING", "EVALUATION", lg)).toEqual(["obligatoryMethod.ANIMATION", "obligatoryMethod.SPECIALIST_ADVISORY"]);
      expect(missingForTransition("MONITORING", "EVALUATION", { ...lg, deliveredMethods: new Set(["ANIMATION"]) })).toEqual([
        "obligatoryMethod.SPECIALIST_ADVISORY",
      ]);
      expect(missingForTransition("MONITORING", "EVALUATION", { ...lg, deliveredMethods: new Set(["ANIMATION", "SPECIALIST_ADVISORY"]) })).toEqual([]);
    });

    it("asks for whatever types the template names, a tenant's own among them", () => {
      expect(missingForTransition("MONITORING", "EVALUATION", { ...READY, obligatoryMethods: ["WORKSHOP_X"] })).toEqual(["obligatoryMethod.WORKSHOP_X"]);
      expect(missingForTransition("MONITORING", "EVALUATION", { ...READY, obligatoryMethods: ["WORKSHOP_X"], deliveredMethods: new Set(["WORKSHOP_X"]) })).toEqual([]);
    });

    it("does not require the methods for a template without any or for other moves", () => {
      expect(missingForTransition("MONITORING", "EVALUATION", READY)).toEqual([]);
      expect(missingForTransition("MONITORING", "PLAN", lg)).toEqual([]);
      expect(missingForTransition("IMPLEMENTATION", "MONITORING", lg)).toEqual([]);
    });
  });

  it("lists the next steps with what each still lacks", () => {
    expect(nextSteps("MONITORING", { ...READY, obligatoryMethods: ["ANIMATION", "SPECIALIST_ADVISORY"] })).toEqual([
      { to: "PLAN", missing: [] },
      { to: "EVALUATION", missing: ["obligatoryMethod.ANIMATION", "obligatoryMethod.SPECIALIST_ADVISORY"] },
    ]);
    expect(nextSteps("CLOSED", READY)).toEqual([{ to: "IMPLEMENTATION", missing: [] }]);
  });

  it("accepts plan work from the PLAN step on, while the path is open", () => {
    expect(PATH_STEPS.filter(acceptsPlanWork)).toEqual(["PLAN", "IMPLEMENTATION", "MONITORING", "EVALUATION"]);
    // Every step a return leads back to, or a reopening resumes, still takes plan work.
    for (const [from, tos] of Object.entries(TRANSITIONS) as [TPathStep, readonly TPathStep[]][]) {
      if (acceptsPlanWork(from)) for (const to of tos.filter((t) => t !== "CLOSED")) expect(acceptsPlanWork(to), `${from} → ${to}`).toBe(true);
    }
  });

  it("accepts monitoring notes from implementation on", () => {
    expect(PATH_STEPS.filter(acceptsMonitoring)).toEqual(["IMPLEMENTATION", "MONITORING", "EVALUATION"]);
  });
});
