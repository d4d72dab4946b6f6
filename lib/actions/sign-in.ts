"use server";

import { AuthError } from "next-auth";
import { SecondFactorRequired, signIn } from "@/lib/auth/auth";
import { readPendingToken } from "@/lib/domain/two-factor/pending-token";

/**
 * The sign-in form's state. `pendingToken` is set between the two steps of a sign-in with a second
 * factor: the form then asks for the code and posts the token back (never the password).
 * `codeExpired`: the code step took too long (or the password changed meanwhile); start again.
 */
export type TSignInState = { failed: boolean; tenant: string; email: string; pendingToken?: string; codeExpired?: boolean };

/**
 * Posts the credentials — or, in the second step, the pending token and the code — to Auth.js; any
 * failure becomes the one generic message of its step. A wrong code keeps the code step while its
 * token lasts; then the form starts again from the password.
 */
export async function signInAction(previous: TSignInState, formData: FormData): Promise<TSignInState> {
  const pendingToken = formData.get("pendingToken");
  if (typeof pendingToken === "string") {
    const { tenant, email } = previous;
    try {
      await signIn("credentials", { pendingToken, code: String(formData.get("code") ?? ""), redirectTo: "/dashboard" });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error; // the success redirect travels as an exception
      return readPendingToken(pendingToken).status === "valid"
        ? { failed: true, tenant, email, pendingToken }
        : { failed: false, tenant, email, codeExpired: true };
    }
    return { failed: false, tenant, email };
  }

  const tenant = String(formData.get("tenant") ?? "");
  const email = String(formData.get("email") ?? "");
  try {
    await signIn("credentials", { tenant, email, password: String(formData.get("password") ?? ""), redirectTo: "/dashboard" });
  } catch (error) {
    if (error instanceof SecondFactorRequired) return { failed: false, tenant, email, pendingToken: error.pendingToken };
    if (error instanceof AuthError) return { failed: true, tenant, email };
    throw error;
  }
  return { failed: false, tenant, email };
}
