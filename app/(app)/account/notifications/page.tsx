import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { NotificationPreferencesForm } from "@/components/notifications/preferences-form";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getNotificationPreferences } from "@/lib/domain/notifications/preferences";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications.preferences"))("title") };
}

type TSearch = { saved?: string; error?: string };

/** The user's own e-mail choices; the form posts to a server action that brings the user back here with the outcome. */
export default async function NotificationPreferencesPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const preferences = await loadForPage(() => getNotificationPreferences(ctx));
  const { saved, error } = await searchParams;
  const t = await getTranslations("notifications.preferences");
  const te = await getTranslations("errors");
  // Only a known error code is shown in its words; anything else in the URL reads as the generic failure.
  const errorKey = error && error !== "UNEXPECTED" && te.has(error) ? error : "UNEXPECTED";
  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 mb-6 max-w-2xl text-slate-700">{t("intro", { address: preferences.address })}</p>
      {error !== undefined ? (
        <Alert tone="error" className="mb-6 max-w-2xl" data-testid="preferences-error">
          {te(errorKey)}
        </Alert>
      ) : saved !== undefined ? (
        <Alert tone="success" className="mb-6 max-w-2xl">
          {saved === "1" ? t("saved") : t("unchanged")}
        </Alert>
      ) : null}
      <NotificationPreferencesForm preferences={preferences} />
      <p className="mt-8">
        <TextLink href="/account">{t("back")}</TextLink>
      </p>
    </>
  );
}
