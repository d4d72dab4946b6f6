import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { TIME_ZONE } from "@/lib/dates";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE } from "./config";

// The locale lives in a cookie rather than in the URL: staff use one language per browser, and
// links copied between colleagues keep working whatever their language.
export default getRequestConfig(async () => {
  const stored = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(stored) ? stored : DEFAULT_LOCALE;
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone: TIME_ZONE };
});
