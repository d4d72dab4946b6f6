"use server";

import { revalidatePath } from "next/cache";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import type { TEntryInput, TMoveEntryInput } from "@/lib/domain/catalogue/schemas";
import * as catalogue from "@/lib/domain/catalogue/service";

// Thin adapters: authenticate, call one service, map the result. The services parse their input.

const EDITOR = "/admin/catalogue";

export async function createEntryAction(list: string, input: TEntryInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    const created = await catalogue.createEntry(ctx, list, input);
    revalidatePath(EDITOR);
    return created;
  });
}

export async function updateEntryAction(list: string, code: string, input: TEntryInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await catalogue.updateEntry(ctx, list, code, input);
    revalidatePath(EDITOR, "layout");
  });
}

export async function setEntryRetiredAction(list: string, code: string, retired: boolean) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await catalogue.setEntryRetired(ctx, list, code, retired);
    revalidatePath(EDITOR, "layout");
  });
}

export async function moveEntryAction(list: string, code: string, input: TMoveEntryInput) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await catalogue.moveEntry(ctx, list, code, input);
    revalidatePath(EDITOR);
  });
}

export async function deleteEntryAction(list: string, code: string) {
  const ctx = await requireSessionUser();
  return toActionResult(async () => {
    await catalogue.deleteEntry(ctx, list, code);
    revalidatePath(EDITOR);
  });
}
