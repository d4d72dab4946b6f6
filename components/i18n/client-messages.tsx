import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { CLIENT_MESSAGES, pickMessages, type TClientSegment } from "@/lib/i18n/client-namespaces";

/**
 * Gives the client components below it the messages lib/i18n/client-namespaces.ts lists for
 * `segment` — and nothing else, since each message given here is sent with the page. The locale,
 * time zone, `now` and formats are next-intl's defaults for a provider rendered on the server: the
 * request's, from lib/i18n/request.ts. A provider inside another replaces its messages.
 */
export async function ClientMessages({ segment, children }: { segment: TClientSegment; children: React.ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, CLIENT_MESSAGES[segment])}>{children}</NextIntlClientProvider>;
}
