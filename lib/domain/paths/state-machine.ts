/**
 * The individual support path's steps (SPEC §3.2, seed 000 §IV): identification → needs → plan →
 * implementation → monitoring → evaluation → closed, with the returns a real path needs.
 */
export const PATH_STEPS = ["IDENTIFICATION", "NEEDS", "PLAN", "IMPLEMENTATION", "MONITORING", "EVALUATION", "CLOSED"] as const;
export type TPathStep = (typeof PATH_STEPS)[number];

/** Every move the path may make; anything else is refused. */
export const TRANSITIONS: Readonly<Record<TPathStep, readonly TPathStep[]>> = {
  IDENTIFICATION: ["NEEDS"],
  NEEDS: ["PLAN"],
  PLAN: ["IMPLEMENTATION"],
  IMPLEMENTATION: ["MONITORING"],
  // Back to PLAN when monitoring shows the plan must change (the revised plan is approved again).
  MONITORING: ["PLAN", "EVALUATION"],
  // Back to IMPLEMENTATION when the results fall short.
  EVALUATION: ["IMPLEMENTATION", "CLOSED"],
  // Reopening resumes the support (and counts towards the advisor's load again).
  CLOSED: ["IMPLEMENTATION"],
};

/** What the guards look at, gathered by the service from the database. */
export type TPathFacts = {
  /**
   * The support types the path's template makes obligatory (path_template.obligatory_support_types,
   * the tenant's catalogue): each must be delivered before the evaluation.
   */
  obligatoryMethods: readonly string[];
  /** Needs that have at least one expected effect. */
  needsWithExpectedEffect: number;
  hasApprovedPlan: boolean;
  hasSignedContract: boolean;
  hasEvaluation: boolean;
  /** Obligatory methods delivered at least once (from the service log). */
  deliveredMethods: ReadonlySet<string>;
};

/**
 * A reason a move is refused; each has a Polish/English explanation under `paths.missing.*`, an
 * obligatory method (`obligatoryMethod.<support type code>`) one naming the type from the catalogue.
 */
export type TMissing =
  | "notAllowed"
  | "needWithExpectedEffect"
  | "approvedPlan"
  | "signedContract"
  | "evaluation"
  | `obligatoryMethod.${string}`;

/**
 * Everything that stands between the path and `to` — empty when the move is allowed. Guards:
 * leaving NEEDS needs a need with an expected effect; IMPLEMENTATION needs an approved plan and a
 * signed contract; EVALUATION on a template with obligatory methods needs each delivered once;
 * CLOSED needs an evaluation.
 */
export function missingForTransition(from: TPathStep, to: TPathStep, facts: TPathFacts): TMissing[] {
  if (!TRANSITIONS[from].includes(to)) return ["notAllowed"];
  const missing: TMissing[] = [];
  if (from === "NEEDS" && facts.needsWithExpectedEffect === 0) missing.push("needWithExpectedEffect");
  if (to === "IMPLEMENTATION") {
    if (!facts.hasApprovedPlan) missing.push("approvedPlan");
    if (!facts.hasSignedContract) missing.push("signedContract");
  }
  if (to === "EVALUATION") {
    for (const method of facts.obligatoryMethods) {
      if (!facts.deliveredMethods.has(method)) missing.push(`obligatoryMethod.${method}`);
    }
  }
  if (to === "CLOSED" && !facts.hasEvaluation) missing.push("evaluation");
  return missing;
}

/** The moves open from `from` right now, each with what it still lacks (for the step header). */
export function nextSteps(from: TPathStep, facts: TPathFacts): { to: TPathStep; missing: TMissing[] }[] {
  return TRANSITIONS[from].map((to) => ({ to, missing: missingForTransition(from, to, facts) }));
}

/**
 * The action plan is written, submitted and decided from the PLAN step on: it answers the needs
 * diagnosed at NEEDS, so before that there is nothing to plan against. It stays open in the later
 * steps because the path returns to it — monitoring may send the path back to PLAN, evaluation back
 * to implementation — and an approved plan is revised (a new version, approved again) while it is
 * being implemented, monitored or evaluated. A closed path's plan is a record: reopening returns
 * the path to IMPLEMENTATION, where the plan opens again.
 */
export function acceptsPlanWork(step: TPathStep): boolean {
  return step === "PLAN" || step === "IMPLEMENTATION" || step === "MONITORING" || step === "EVALUATION";
}

/** Monitoring notes may be added from implementation on (SPEC §3.2). */
export function acceptsMonitoring(step: TPathStep): boolean {
  return step === "IMPLEMENTATION" || step === "MONITORING" || step === "EVALUATION";
}
