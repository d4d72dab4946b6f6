"use server";

import { toActionResult } from "@/lib/actions/result";
import { signOut } from "@/lib/auth/auth";
import { requireSessionUser } from "@/lib/auth/session";
import type { TChangeOwnPasswordInput } from "@/lib/domain/users/schemas";
import { changeOwnPassword } from "@/lib/domain/users/service";

export async function changeOwnPasswordAction(input: TChangeOwnPasswordInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await changeOwnPassword(ctx, input);
    // The service ended every session of the user; clear this browser's cookie too. signOut throws
    // Next's redirect, which toActionResult lets through.
    await signOut({ redirectTo: "/login?passwordChanged=1" });
  });
}
