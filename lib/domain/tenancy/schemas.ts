import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";

export const ZOrganisationUnitInput = z.object({
  name: z.string().trim().min(1, "required").max(200, "tooLong"),
});
export type TOrganisationUnitInput = z.input<typeof ZOrganisationUnitInput>;

export const ZOfficeInput = ZOrganisationUnitInput.extend({
  address: z
    .string()
    .trim()
    .max(300, "tooLong")
    .optional()
    .transform((v) => (v ? v : null)),
});
export type TOfficeInput = z.input<typeof ZOfficeInput>;

/** The per-person training limit's range, as the tenant table's CHECK constraint holds it. */
export const TRAINING_LIMIT_CEILING = 100;

/** The hard ceiling keeps a mistyped policy from disabling the cap in practice. */
export const POLICY_MAX_CLIENTS_CEILING = 50;

export const ZTenantPolicyInput = z.object({
  maxClientsPerAdvisor: z.coerce
    .number("notANumber")
    .int("notAnInteger")
    .min(1, "policyMin")
    .max(POLICY_MAX_CLIENTS_CEILING, "policyMax"),
  /** Days without a monitoring entry after which a path is flagged overdue; left as it is when absent. */
  monitoringOverdueDays: z.coerce.number("notANumber").int("notAnInteger").min(1, "overdueDaysRange").max(365, "overdueDaysRange").optional(),
  /** Days after logging during which a service record may be edited or deleted; left as it is when absent. */
  serviceEditWindowDays: z.coerce.number("notANumber").int("notAnInteger").min(0, "editWindowRange").max(365, "editWindowRange").optional(),
  /**
   * Trainings counting toward the per-person limit one person may attend in a project year (seed
   * 003: three); 0 means no limit. Left as it is when absent.
   */
  trainingLimitPerPerson: z.coerce
    .number("notANumber")
    .int("notAnInteger")
    .min(0, "trainingLimitRange")
    .max(TRAINING_LIMIT_CEILING, "trainingLimitRange")
    .optional(),
  /**
   * Roles that must sign in with a second factor (issue 17; default ADMIN, MANAGER, IOD), kept in
   * the order of ROLES; left as they are when absent.
   */
  twoFactorRoles: z
    .array(z.enum(ROLES, "invalid"), "invalid")
    .transform((roles) => ROLES.filter((role) => roles.includes(role)))
    .optional(),
});
export type TTenantPolicyInput = z.input<typeof ZTenantPolicyInput>;

export const ZCreateTenantInput = z.object({
  name: z.string().trim().min(1).max(200),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "slug: lowercase letters, digits and single hyphens"),
  maxClientsPerAdvisor: z.number().int().min(1).max(POLICY_MAX_CLIENTS_CEILING).default(15),
});
export type TCreateTenantInput = z.input<typeof ZCreateTenantInput>;
