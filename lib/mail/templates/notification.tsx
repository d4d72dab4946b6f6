import "server-only";
import type { TNotificationKind } from "@/lib/domain/notifications/kinds";
import type { TNotificationParams } from "@/lib/domain/notifications/outbox";
import type { TLocale } from "@/lib/i18n/config";
import { appLink, MailButton, MailLayout, MailText, mailTranslator, renderMail, type TRenderedMail } from "@/lib/mail/render";
import type { TMailNotification } from "./types";

/** Where a user turns a kind's e-mail off or chooses the daily digest. */
export const PREFERENCES_PATH = "/account/notifications";

/**
 * A kind's e-mail texts (`notifications.kinds.<kind>.mailSubject` / `mailBody`). They carry no
 * personal data of clients: the e-mail leaves the system, the details stay behind the sign-in.
 * A kind without them is an error (the job fails and shows in the dead-letter view), never an
 * e-mail showing a message key.
 */
export function kindMailTexts(locale: TLocale, kind: TNotificationKind, params: TNotificationParams): { subject: string; body: string } {
  const t = mailTranslator(locale);
  const subjectKey = `notifications.kinds.${kind}.mailSubject` as const;
  const bodyKey = `notifications.kinds.${kind}.mailBody` as const;
  if (!t.has(subjectKey) || !t.has(bodyKey)) throw new Error(`No e-mail texts for the notification kind "${kind}" in "${locale}"`);
  const values = icuValues(params);
  return { subject: t(subjectKey, values), body: t(bodyKey, values) };
}

/** A stored parameter that is null (a value the change did not have) reads as nothing. */
function icuValues(params: TNotificationParams): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, value ?? ""]));
}

export function NotificationMail({ locale, subject, body, link, preferencesLink }: { locale: TLocale; subject: string; body: string; link: string; preferencesLink: string }) {
  const t = mailTranslator(locale);
  return (
    <MailLayout locale={locale} preview={body} heading={subject} footer={t("mail.notification.footer", { link: preferencesLink })}>
      <MailText>{body}</MailText>
      <MailButton href={link}>{t("mail.openInApp")}</MailButton>
    </MailLayout>
  );
}

/** The e-mail of one notification: its kind's subject and paragraph, and a button to the thing itself. */
export async function notificationMail(notification: TMailNotification, locale: TLocale): Promise<TRenderedMail> {
  const { subject, body } = kindMailTexts(locale, notification.kind, notification.params);
  return renderMail(
    subject,
    <NotificationMail locale={locale} subject={subject} body={body} link={appLink(notification.href)} preferencesLink={appLink(PREFERENCES_PATH)} />,
  );
}
