import type { TNotificationKind } from "@/lib/domain/notifications/kinds";
import type { TNotificationParams } from "@/lib/domain/notifications/outbox";
import type { TLocale } from "@/lib/i18n/config";
import type { TRenderedMail } from "@/lib/mail/render";

/** What an e-mail of one notification is made of: the stored row's kind, link and parameters. */
export type TMailNotification = {
  kind: TNotificationKind;
  /** An app path without the locale, e.g. `/paths/<id>?tab=plan`. */
  href: string;
  params: TNotificationParams;
};

/** Renders one notification's e-mail in the recipient's language. */
export type TNotificationMailRenderer = (notification: TMailNotification, locale: TLocale) => Promise<TRenderedMail>;
