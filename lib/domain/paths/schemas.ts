import { z } from "zod";
import { dateOnly } from "@/lib/dates";
import { ZPageInput } from "@/lib/pagination";
import { PATH_STEPS } from "./state-machine";
import { ZCatalogueCode, ZOptionalCatalogueCode } from "@/lib/domain/catalogue/schemas";
import { KPRES_SPHERES } from "@/lib/domain/clients/schemas";
import { DEFAULT_TEMPLATE } from "./templates";

// Messages are translation keys (messages.validation.*).

export const DEVELOPMENT_DIRECTIONS = [
  "FOUNDING_BY_NATURAL_PERSONS",
  "FOUNDING_BY_LEGAL_PERSONS",
  "TRANSFORMATION",
  "ECONOMISATION",
  "REINTEGRATION_ENTITIES",
] as const;
export const WORK_FORMS = ["INDIVIDUAL", "GROUP", "E_SUPPORT"] as const;
export const CONTRACT_STATUSES = ["DRAFT", "SIGNED", "TERMINATED", "COMPLETED"] as const;
export const PLAN_ACTION_STATUSES = ["PLANNED", "IN_PROGRESS", "DONE", "CANCELLED"] as const;
export const RESULT_TYPES = [
  "INITIATIVE_GROUP_CREATED",
  "SOCIAL_ENTERPRISE_CREATED",
  "JOBS_CREATED",
  "PARTNERSHIP_CREATED",
  "PUBLIC_PROCUREMENT_SUPPORTED",
  "IPR_PREPARED",
  "OTHER",
] as const;

const ZText = (max: number) => z.string().trim().min(1, "required").max(max, "tooLong");
const ZOptionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "tooLong")
    .optional()
    .nullable()
    .transform((v) => (v ? v : null));
/** A calendar date from a form (YYYY-MM-DD); empty means none. */
const ZOptionalDate = z
  .union([z.literal(""), z.null(), z.iso.date("invalidDate")])
  .optional()
  .transform((v) => (v ? dateOnly(v) : null));
const ZDate = z.iso.date("invalidDate").transform(dateOnly);

export const ZOpenPathInput = z.object({
  direction: z.enum(DEVELOPMENT_DIRECTIONS, "required"),
  workForm: z.enum(WORK_FORMS, "required"),
  template: ZCatalogueCode().default(DEFAULT_TEMPLATE),
  identification: ZOptionalText(5000),
});
export type TOpenPathInput = z.input<typeof ZOpenPathInput>;

export const ZIdentificationInput = ZOpenPathInput.omit({ template: true });
export type TIdentificationInput = z.input<typeof ZIdentificationInput>;

export const ZNeedsInput = z.object({
  needs: z
    .array(
      z.object({
        area: ZCatalogueCode(),
        description: ZText(2000),
        priority: z.coerce.number().int().min(1, "invalid").max(3, "invalid").default(2),
        /** One expected effect per entry; empty entries are dropped. */
        expectedEffects: z
          .array(z.string().trim().max(1000, "tooLong"))
          .default([])
          .transform((effects) => effects.filter(Boolean)),
      }),
    )
    .max(50, "tooMany"),
});
export type TNeedsInput = z.input<typeof ZNeedsInput>;

export const ZContractInput = z
  .object({
    number: ZText(100),
    signedOn: ZOptionalDate,
    scope: ZOptionalText(2000),
    status: z.enum(CONTRACT_STATUSES, "required"),
  })
  .refine((c) => c.status !== "SIGNED" || c.signedOn !== null, { path: ["signedOn"], message: "signedContractNeedsDate" })
  .refine((c) => !c.signedOn || c.signedOn.getTime() <= Date.now(), { path: ["signedOn"], message: "dateInFuture" });
export type TContractInput = z.input<typeof ZContractInput>;

export const ZPlanActionInput = z
  .object({
    supportType: ZCatalogueCode(),
    /** Required when the support type's catalogue entry says so (checked by the service). */
    specialistArea: ZOptionalCatalogueCode,
    description: ZText(2000),
    plannedFrom: ZOptionalDate,
    plannedTo: ZOptionalDate,
    responsibleUserId: z
      .union([z.literal(""), z.null(), z.uuid("invalid")])
      .optional()
      .transform((v) => (v ? v : null)),
    expectedResult: ZOptionalText(1000),
    status: z.enum(PLAN_ACTION_STATUSES).default("PLANNED"),
  })
  .refine((a) => !a.plannedFrom || !a.plannedTo || a.plannedFrom <= a.plannedTo, { path: ["plannedTo"], message: "endBeforeStart" });

export const ZSavePlanInput = z.object({
  /** The revision the user started editing from; null for the first draft of a path. */
  baseRevision: z.coerce.number().int().nullable(),
  /** The version the user edited (null: the first draft). */
  versionId: z.uuid().nullable(),
  summary: ZOptionalText(5000),
  actions: z.array(ZPlanActionInput).min(1, "planNeedsAction").max(100, "tooMany"),
});
export type TSavePlanInput = z.input<typeof ZSavePlanInput>;

export const ZSubmitPlanInput = z.object({ versionId: z.uuid(), baseRevision: z.coerce.number().int() });
export type TSubmitPlanInput = z.input<typeof ZSubmitPlanInput>;

export const ZDecidePlanInput = z
  .object({
    decision: z.enum(["APPROVE", "RETURN"], "required"),
    comment: ZOptionalText(5000),
  })
  .refine((d) => d.decision !== "RETURN" || d.comment !== null, { path: ["comment"], message: "returnNeedsComment" });
export type TDecidePlanInput = z.input<typeof ZDecidePlanInput>;

export const ZMonitoringInput = z.object({
  progress: ZText(5000),
  risks: ZOptionalText(5000),
  nextSteps: ZOptionalText(5000),
});
export type TMonitoringInput = z.input<typeof ZMonitoringInput>;

/**
 * What a result states and how it is evidenced (a new one, or a correction of one): its KPRES
 * spheres feed the indicator cuts; the form prefills them with the client's.
 */
export const ZResultFields = z.object({
  quantity: z.coerce.number("notANumber").int("notAnInteger").min(1, "quantityMin").max(10_000, "quantityMax"),
  achievedOn: ZDate,
  evidenceKind: ZText(200),
  evidenceReference: ZOptionalText(500),
  description: ZOptionalText(1000),
  kpresSpheres: z
    .array(z.enum(KPRES_SPHERES, "invalid"), "invalid")
    .default([])
    .refine((spheres) => new Set(spheres).size === spheres.length, "duplicateValue"),
});

export const ZEvaluationInput = z.object({
  assessment: ZText(5000),
  results: z.array(ZResultFields.extend({ type: z.enum(RESULT_TYPES, "required") })).max(50, "tooMany"),
});
export type TEvaluationInput = z.input<typeof ZEvaluationInput>;

/** A correction of a recorded result (its type stays: a wrong type is withdrawn and recorded anew). */
export const ZCorrectResultInput = ZResultFields;
export type TCorrectResultInput = z.input<typeof ZCorrectResultInput>;

/** Withdrawing a result: it stays on the record, struck through, and no longer counts. */
export const ZWithdrawResultInput = z.object({ reason: ZText(500) });
export type TWithdrawResultInput = z.input<typeof ZWithdrawResultInput>;

export const ZAnnotationInput = z.object({
  step: z.enum(PATH_STEPS, "required"),
  text: ZText(5000),
});
export type TAnnotationInput = z.input<typeof ZAnnotationInput>;

export const ZReviseAnnotationInput = z.object({ text: ZText(5000) });

export const ZMovePathInput = z.object({ to: z.enum(PATH_STEPS, "required") });
export type TMovePathInput = z.input<typeof ZMovePathInput>;

export const ZPlanInboxInput = ZPageInput;
