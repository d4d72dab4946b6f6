import { z } from "zod";
import { ROLES } from "@/lib/auth/permissions";
import { ZPageInput } from "@/lib/pagination";

// Messages are translation keys (messages.validation.*): the UI shows them in the user's language.
export const ZPassword = z.string().min(12, "passwordTooShort").max(200, "tooLong");

const ZOptionalId = z
  .union([z.uuid("invalid"), z.literal("")])
  .optional()
  .transform((v) => (v ? v : null));

export const ZUserFields = z.object({
  name: z.string().trim().min(1, "required").max(200, "tooLong"),
  email: z.string().trim().toLowerCase().pipe(z.email("invalidEmail")).pipe(z.string().max(320, "tooLong")),
  role: z.enum(ROLES, "required"),
  partnerId: ZOptionalId,
  officeId: ZOptionalId,
});

/** A new user chooses their own password through the invitation e-mail (lib/domain/accounts): the form has none. */
export const ZCreateUserInput = ZUserFields;
export type TCreateUserInput = z.input<typeof ZCreateUserInput>;

export const ZUpdateUserInput = ZUserFields;
export type TUpdateUserInput = z.input<typeof ZUpdateUserInput>;

export const ZChangeOwnPasswordInput = z
  .object({
    currentPassword: z.string().min(1, "required"),
    newPassword: ZPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "passwordsDiffer" });
export type TChangeOwnPasswordInput = z.input<typeof ZChangeOwnPasswordInput>;

export const ZFindUsersInput = ZPageInput.extend({
  q: z.string().trim().max(100).optional(),
  role: z.enum(ROLES).optional(),
  active: z.enum(["active", "inactive", "all"]).default("active"),
});
export type TFindUsersInput = z.input<typeof ZFindUsersInput>;
