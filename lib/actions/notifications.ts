"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { requireSessionUser } from "@/lib/auth/session";
import { NOTIFICATION_FILTERS } from "@/lib/domain/notifications/schemas";
import { markAllNotificationsRead, markNotificationRead } from "@/lib/domain/notifications/service";
import { isAppError } from "@/lib/errors";

/**
 * The list's buttons are plain forms (they work without JavaScript): each posts the list's filter
 * and page, and the action returns to that list with what happened in the query string. Every page
 * shows the bell, so the whole layout is revalidated.
 */
const ZListState = z.object({
  filter: z.enum(NOTIFICATION_FILTERS).catch("all"),
  page: z.coerce.number().int().min(1).catch(1),
});

function backToList(formData: FormData, done: Record<string, string>): never {
  const { filter, page } = ZListState.parse({ filter: formData.get("filter"), page: formData.get("page") });
  revalidatePath("/", "layout");
  redirect(`/notifications?${new URLSearchParams({ filter, page: String(page), ...done })}`);
}

export async function markNotificationReadAction(formData: FormData) {
  const ctx = await requireSessionUser();
  const id = z.string().catch("").parse(formData.get("notificationId"));
  try {
    await markNotificationRead(ctx, id);
  } catch (error) {
    // Gone (older than the retention period, or never the caller's): the list says so.
    if (isAppError(error) && error.code === "NOT_FOUND") backToList(formData, { done: "gone" });
    throw error;
  }
  backToList(formData, { done: "read" });
}

export async function markAllNotificationsReadAction(formData: FormData) {
  const ctx = await requireSessionUser();
  const { marked } = await markAllNotificationsRead(ctx);
  backToList(formData, { done: "all", count: String(marked) });
}
