import { getTranslations } from "next-intl/server";
import { Button } from "@/components/ui/button";
import { saveNotificationPreferencesAction } from "@/lib/actions/notification-preferences";
import type { TNotificationPreferences } from "@/lib/domain/notifications/preferences";
import { LOCALES } from "@/lib/i18n/config";

const legendClass = "text-base font-semibold text-slate-900";

/**
 * The user's e-mail choices: a plain form of checkboxes and radio buttons in labelled groups,
 * posted to a server action — it works the same without JavaScript.
 */
export async function NotificationPreferencesForm({ preferences }: { preferences: TNotificationPreferences }) {
  const t = await getTranslations("notifications");
  const tc = await getTranslations("common");
  return (
    <form action={saveNotificationPreferencesAction} className="flex max-w-2xl flex-col gap-6">
      <fieldset className="rounded-md border border-slate-300 p-4" aria-describedby="notification-kinds-hint">
        <legend className={`px-1 ${legendClass}`}>{t("preferences.kindsLegend")}</legend>
        <p id="notification-kinds-hint" className="mb-3 text-sm text-slate-700">
          {t("preferences.kindsHint")}
        </p>
        <ul className="flex flex-col gap-2">
          {preferences.kinds.map(({ kind, email }) => (
            <li key={kind}>
              <label className="flex items-start gap-2">
                <input type="checkbox" name="email" value={kind} defaultChecked={email} className="mt-1 size-4 shrink-0" />
                {t(`kindNames.${kind}`)}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset className="rounded-md border border-slate-300 p-4">
        <legend className={`px-1 ${legendClass}`}>{t("preferences.deliveryLegend")}</legend>
        <div className="flex flex-col gap-2">
          <label className="flex items-start gap-2">
            <input type="radio" name="delivery" value="each" defaultChecked={!preferences.emailDigest} className="mt-1 size-4 shrink-0" />
            {t("preferences.each")}
          </label>
          <label className="flex items-start gap-2">
            <input type="radio" name="delivery" value="digest" defaultChecked={preferences.emailDigest} className="mt-1 size-4 shrink-0" />
            {t("preferences.digest")}
          </label>
        </div>
      </fieldset>
      <fieldset className="rounded-md border border-slate-300 p-4">
        <legend className={`px-1 ${legendClass}`}>{t("preferences.localeLegend")}</legend>
        <div className="flex flex-wrap gap-6">
          {LOCALES.map((code) => (
            <label key={code} className="flex items-center gap-2" lang={code}>
              <input type="radio" name="locale" value={code} defaultChecked={preferences.locale === code} className="size-4" />
              {tc(`languages.${code}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <Button type="submit">{t("preferences.submit")}</Button>
      </div>
    </form>
  );
}
