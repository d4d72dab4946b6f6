import { z } from "zod";

/** A code from the authenticator app: six digits (spaces, as some apps show "123 456", are dropped). */
export const ZAuthenticatorCode = z
  .string("required")
  .transform((v) => v.replace(/\s/g, ""))
  .pipe(
    z
      .string()
      .min(1, "required")
      .regex(/^\d{6}$/, "twoFactorCodeFormat"),
  );

/** Confirming the set-up, and renewing the recovery codes: a current code from the app. */
export const ZTwoFactorCodeInput = z.object({ code: ZAuthenticatorCode });
export type TTwoFactorCodeInput = z.input<typeof ZTwoFactorCodeInput>;

/** Switching the second factor off: the password and a code from the app or a recovery code. */
export const ZDisableTwoFactorInput = z.object({
  password: z.string("required").min(1, "required").max(200, "tooLong"),
  code: z.string("required").trim().min(1, "required").max(20, "tooLong"),
});
export type TDisableTwoFactorInput = z.input<typeof ZDisableTwoFactorInput>;

/** What starting the set-up returns, once: the secret is not shown again. */
export type TTwoFactorSetup = {
  /** The secret, in groups of four, for typing into the app by hand. */
  secret: string;
  otpauthUri: string;
  /** The QR code of `otpauthUri`, as an SVG data URL. */
  qrCode: string;
};
