import { z } from "zod";
import { ZPassword } from "@/lib/domain/users/schemas";

// Shared with the browser (the forms): messages are translation keys (messages.validation.*).

/** "Forgot password": the tenant identifier and the e-mail, exactly as the sign-in form asks for them. */
export const ZForgotPasswordForm = z.object({
  tenantSlug: z.string().trim().toLowerCase().min(1, "required").max(100, "tooLong"),
  email: z.string().trim().toLowerCase().min(1, "required").pipe(z.email("invalidEmail")).pipe(z.string().max(320, "tooLong")),
});
export type TForgotPasswordForm = z.input<typeof ZForgotPasswordForm>;

/** The new password, twice, with the app's password rules (as the password change form). */
export const ZNewPasswordForm = z
  .object({
    password: ZPassword,
    confirmPassword: z.string().max(200, "tooLong"),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "passwordsDiffer" });
export type TNewPasswordForm = z.input<typeof ZNewPasswordForm>;

/**
 * A link's token as it appears in the URL: 32 random bytes, base64url without padding (43
 * characters). Anything else is no token of ours and is refused before the database is asked.
 */
export const ZAccountLinkToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, "invalid");

/** What a link names: the tenant (its identifier) and the token. */
export const ZAccountLink = z.object({
  tenantSlug: z.string().trim().toLowerCase().min(1).max(100),
  token: ZAccountLinkToken,
});
export type TAccountLink = z.input<typeof ZAccountLink>;
