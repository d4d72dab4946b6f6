"use server";

import { signOut } from "@/lib/auth/auth";
import { getSessionUser } from "@/lib/auth/session";
import { recordSignOut } from "@/lib/domain/sessions/sign-out";

export async function signOutAction() {
  const user = await getSessionUser();
  if (user) await recordSignOut(user);
  await signOut({ redirectTo: "/login?signedOut=1" });
}
