"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TCreateUserInput, TUpdateUserInput } from "@/lib/domain/users/schemas";
import { createUser, resetUserPassword, setUserActive, updateUser } from "@/lib/domain/users/service";

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

export async function resetUserPasswordAction(userId: string, input: { password: string }) {
  const ctx = await requireSessionUser();
  return toActionResult(() => resetUserPassword(ctx, userId, input));
}
