"use server";

import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";

export type TSignInState = { failed: boolean; tenant: string; email: string };

/** Posts the credentials to Auth.js; any failure becomes the one generic message. */
export async function signInAction(_previous: TSignInState, formData: FormData): Promise<TSignInState> {
  const tenant = String(formData.get("tenant") ?? "");
  const email = String(formData.get("email") ?? "");
  try {
    await signIn("credentials", {
      tenant,
      email,
      password: String(formData.get("password") ?? ""),
      redirectTo: "/dashboard",
    });
  } catch (error) {
    if (error instanceof AuthError) return { failed: true, tenant, email };
    throw error; // the success redirect travels as an exception
  }
  return { failed: false, tenant, email };
}
