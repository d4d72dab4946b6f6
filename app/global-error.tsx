"use client";

import "./globals.css";
import { NextIntlClientProvider } from "next-intl";
import { useSyncExternalStore } from "react";
import { RouteError, type TErrorBoundaryProps } from "@/components/errors/route-error";
import { TIME_ZONE } from "@/lib/dates";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type TLocale } from "@/lib/i18n/config";
import { FALLBACK_MESSAGES } from "@/lib/i18n/fallback-messages";

/** The locale the way lib/i18n/request.ts picks it: the language cookie, else the default. */
function cookieLocale(): TLocale {
  const stored = document.cookie
    .split("; ")
    .find((pair) => pair.startsWith(`${LOCALE_COOKIE}=`))
    ?.slice(LOCALE_COOKIE.length + 1);
  return isLocale(stored) ? stored : DEFAULT_LOCALE;
}

const noSubscription = () => () => {};

/**
 * The root layout itself failed, so this renders the whole document. The server cannot know the
 * cookie here: it renders the default language, and the browser switches to the cookie's.
 */
export default function GlobalError(props: TErrorBoundaryProps) {
  const locale = useSyncExternalStore(noSubscription, cookieLocale, () => DEFAULT_LOCALE);
  const messages = FALLBACK_MESSAGES[locale];
  return (
    <html lang={locale}>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <title>{`${messages.errorPages.error.title} · ${messages.common.productName}`}</title>
        <NextIntlClientProvider locale={locale} messages={messages} timeZone={TIME_ZONE}>
          <main id="main" className="mx-auto max-w-6xl px-6 py-16">
            <RouteError {...props} home="/" />
          </main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
