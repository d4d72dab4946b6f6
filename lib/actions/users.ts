"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TCreateUserInput, TUpdateUserInput } from "@/lib/domain/users/schemas";
import { sendAccountLink } from "@/lib/domain/accounts/invite";
import { createUser, setUserActive, updateUser } from "@/lib/domain/users/service";

export async function createUserAction(input: TCreateUserInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const user = await createUser(ctx, input);
    revalidatePath("/admin/users");
    return { id: user.id };
  });
}

export async function updateUserAction(userId: string, input: TUpdateUserInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await updateUser(ctx, userId, input);
    revalidatePath("/admin/users");
    return undefined;
  });
}

export async function setUserActiveAction(userId: string, active: boolean) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await setUserActive(ctx, userId, active);
    revalidatePath(`/admin/users/${userId}`);
    return undefined;
  });
}

/** The invitation again for a user who has not chosen a password yet, otherwise a reset link. */
export async function sendAccountLinkAction(userId: string) {
  const ctx = await requireSessionUser();
  return toActionResult(() => sendAccountLink(ctx, userId));
}
