"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { toActionResult } from "@/lib/actions/result";
import { requireSessionUser } from "@/lib/auth/session";
import { saveNotificationPreferences, ZSaveNotificationPreferencesInput } from "@/lib/domain/notifications/preferences";

const PAGE = "/account/notifications";

/**
 * The form as the browser posts it (components/notifications/preferences-form.tsx): the ticked
 * kinds, the delivery radio and the language, read into the service's input.
 */
const ZPreferencesForm = z
  .object({
    email: ZSaveNotificationPreferencesInput.shape.emailKinds,
    delivery: z.enum(["each", "digest"]),
    locale: ZSaveNotificationPreferencesInput.shape.locale,
  })
  .transform(({ email, delivery, locale }) => ({ emailKinds: email, emailDigest: delivery === "digest", locale }));

/**
 * Saves the caller's own e-mail choices. A plain form post (it works without JavaScript): the
 * answer is the page again, saying what happened.
 */
export async function saveNotificationPreferencesAction(formData: FormData) {
  const ctx = await requireSessionUser();
  const form = ZPreferencesForm.safeParse({ email: formData.getAll("email"), delivery: formData.get("delivery"), locale: formData.get("locale") });
  const result = form.success ? await toActionResult(() => saveNotificationPreferences(ctx, form.data)) : ({ ok: false, code: "VALIDATION_FAILED" } as const);
  revalidatePath(PAGE);
  redirect(result.ok ? `${PAGE}?saved=${result.data.changed ? "1" : "0"}` : `${PAGE}?error=${result.code}`);
}
