import "server-only";
import { Link } from "@react-email/link";
import type { TLocale } from "@/lib/i18n/config";
import { appLink, MailButton, MailLayout, MailText, mailTranslator, renderMail, type TRenderedMail } from "@/lib/mail/render";
import { kindMailTexts, PREFERENCES_PATH } from "./notification";
import type { TMailNotification } from "./types";

/** A digest lists this many lines; the rest are counted and wait on the notifications page. */
export const DAILY_DIGEST_MAX_LINES = 50;

const styles = {
  list: { fontSize: "15px", lineHeight: "22px", paddingLeft: "20px", margin: "0 0 16px" },
  item: { margin: "0 0 8px" },
  link: { color: "#1e40af", textDecoration: "underline" },
} as const;

export function DailyDigestMail({ locale, total, lines, notificationsLink, preferencesLink }: {
  locale: TLocale;
  /** How many notifications the digest covers (more than `lines` when they were cut). */
  total: number;
  lines: { text: string; link: string }[];
  notificationsLink: string;
  preferencesLink: string;
}) {
  const t = mailTranslator(locale);
  return (
    <MailLayout
      locale={locale}
      preview={t("mail.dailyDigest.subject", { count: total })}
      heading={t("mail.dailyDigest.heading")}
      footer={t("mail.dailyDigest.footer", { link: preferencesLink })}
    >
      <MailText>{t("mail.dailyDigest.intro")}</MailText>
      <ul style={styles.list}>
        {lines.map((line, index) => (
          <li key={index} style={styles.item}>
            <Link href={line.link} style={styles.link}>
              {line.text}
            </Link>
          </li>
        ))}
      </ul>
      {total > lines.length ? <MailText>{t("mail.dailyDigest.more", { count: total - lines.length })}</MailText> : null}
      <MailButton href={notificationsLink}>{t("mail.dailyDigest.openAll")}</MailButton>
    </MailLayout>
  );
}

/**
 * The daily digest: one e-mail listing a day's notifications, oldest first, each by its kind's
 * e-mail subject (no personal data of clients) and linking to the thing itself; past
 * DAILY_DIGEST_MAX_LINES the rest are counted.
 */
export async function dailyDigestMail(notifications: readonly TMailNotification[], locale: TLocale): Promise<TRenderedMail> {
  const t = mailTranslator(locale);
  const lines = notifications.slice(0, DAILY_DIGEST_MAX_LINES).map((n) => ({ text: kindMailTexts(locale, n.kind, n.params).subject, link: appLink(n.href) }));
  return renderMail(
    t("mail.dailyDigest.subject", { count: notifications.length }),
    <DailyDigestMail locale={locale} total={notifications.length} lines={lines} notificationsLink={appLink("/notifications")} preferencesLink={appLink(PREFERENCES_PATH)} />,
  );
}
