"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { toActionResult } from "@/lib/actions/result";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { requestPasswordReset } from "@/lib/domain/accounts/reset";
import { ZForgotPasswordForm } from "@/lib/domain/accounts/schemas";
import { setPasswordWithLink } from "@/lib/domain/accounts/set-password";
import { env } from "@/lib/env";
import type { TErrorCode } from "@/lib/errors";

/**
 * The public account pages' actions (no session): "forgot password" and the page an invitation
 * or reset link opens. Both forms post without JavaScript too (useActionState).
 */

/** Field errors are translation keys (messages.validation.*), by the form's field names. */
export type TForgotPasswordState = { sent: boolean; tenant: string; email: string; fieldErrors: Record<string, string> };

/** Always the same answer for a well-formed request, whether or not the address has an account. */
export async function requestPasswordResetAction(_previous: TForgotPasswordState, formData: FormData): Promise<TForgotPasswordState> {
  const tenant = String(formData.get("tenant") ?? "");
  const email = String(formData.get("email") ?? "");
  const parsed = ZForgotPasswordForm.safeParse({ tenantSlug: tenant, email });
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] === "tenantSlug" ? "tenant" : String(issue.path[0] ?? "_form");
      fieldErrors[field] ??= issue.message;
    }
    return { sent: false, tenant, email, fieldErrors };
  }
  // The client address as the sign-in reads it: only what our own server wrote (lib/auth/client-ip.ts).
  const h = await headers();
  await requestPasswordReset({
    tenantSlug: parsed.data.tenantSlug,
    email: parsed.data.email,
    ip: clientIpFromHeaders(h, env.TRUSTED_PROXY_COUNT),
    requestId: h.get("x-request-id") ?? undefined,
  });
  return { sent: true, tenant: parsed.data.tenantSlug, email: parsed.data.email, fieldErrors: {} };
}

export type TSetPasswordState = {
  /** The link cannot be used (any reason): the page says so and offers a new one. */
  linkInvalid: boolean;
  code: TErrorCode | "UNEXPECTED" | null;
  fieldErrors: Record<string, string>;
};

/** Sets the password from the link, then sends the user to sign in with it. */
export async function setPasswordAction(_previous: TSetPasswordState, formData: FormData): Promise<TSetPasswordState> {
  const h = await headers();
  const result = await toActionResult(() =>
    setPasswordWithLink({
      tenantSlug: String(formData.get("tenant") ?? ""),
      token: String(formData.get("token") ?? ""),
      password: String(formData.get("password") ?? ""),
      confirmPassword: String(formData.get("confirmPassword") ?? ""),
      ip: clientIpFromHeaders(h, env.TRUSTED_PROXY_COUNT),
      requestId: h.get("x-request-id") ?? undefined,
    }),
  );
  if (result.ok) redirect(`/login?${new URLSearchParams({ passwordSet: "1", tenant: result.data.tenantSlug })}`);
  if (result.code === "ACCOUNT_LINK_INVALID") return { linkInvalid: true, code: result.code, fieldErrors: {} };
  return { linkInvalid: false, code: result.code, fieldErrors: result.fieldErrors };
}
