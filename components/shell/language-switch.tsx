import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES } from "@/lib/i18n/config";
import { setLocaleAction } from "@/lib/actions/locale";

/** Plain buttons in a form: works with the keyboard and without JavaScript. */
export async function LanguageSwitch() {
  const locale = await getLocale();
  const t = await getTranslations("common");
  return (
    <form action={setLocaleAction} className="flex items-center gap-1 text-sm" aria-label={t("language")}>
      {LOCALES.map((code) => (
        <button
          key={code}
          type="submit"
          name="locale"
          value={code}
          lang={code}
          aria-pressed={code === locale}
          className={
            code === locale
              ? "rounded px-2 py-1 font-semibold text-slate-900 underline underline-offset-4"
              : "rounded px-2 py-1 text-blue-800 hover:bg-slate-100"
          }
        >
          {t(`languages.${code}`)}
        </button>
      ))}
    </form>
  );
}
