import "server-only";
import { z } from "zod";
import { CALENDAR_DATE, dateOnly } from "@/lib/dates";
import type { TLocale } from "@/lib/i18n/config";
import { appLink, MailButton, MailLayout, MailText, mailTranslator, renderMail, type TRenderedMail } from "@/lib/mail/render";

/**
 * The managers' weekly digest e-mail: the numbers of a `weekly_digest` notification (written by
 * lib/domain/notifications/weekly-digest.ts), each as on the dashboard, and a button to it. No
 * client is named: only counts leave the system.
 */

/** A weekly_digest notification's params: the past week (Monday to Sunday) and the counts. */
export const ZWeeklyDigestParams = z.object({
  weekFrom: z.iso.date(),
  weekTo: z.iso.date(),
  overduePaths: z.number().int().min(0),
  plansWaiting: z.number().int().min(0),
  /** Whole days the oldest submitted plan has waited; null when none waits. */
  longestWaitDays: z.number().int().min(0).nullable(),
  advisorsOverLimit: z.number().int().min(0),
  /** Hours of services in the week, to two decimals (the timesheet's unit). */
  serviceHours: z.number().min(0),
});
export type TWeeklyDigestParams = z.infer<typeof ZWeeklyDigestParams>;

export function WeeklyDigestMail({ locale, href, params }: { locale: TLocale; href: string; params: TWeeklyDigestParams }) {
  const t = mailTranslator(locale);
  const day = new Intl.DateTimeFormat(locale, CALENDAR_DATE);
  const period = { from: day.format(dateOnly(params.weekFrom)), to: day.format(dateOnly(params.weekTo)) };
  return (
    <MailLayout
      locale={locale}
      preview={t("notifications.weeklyDigest.preview", { overduePaths: params.overduePaths, plansWaiting: params.plansWaiting })}
      heading={t("notifications.weeklyDigest.heading", period)}
      footer={t("notifications.weeklyDigest.footer")}
    >
      <MailText>{t("notifications.weeklyDigest.intro")}</MailText>
      <MailText>{t("notifications.weeklyDigest.overduePaths", { count: params.overduePaths })}</MailText>
      <MailText>{t("notifications.weeklyDigest.plansWaiting", { count: params.plansWaiting })}</MailText>
      {params.longestWaitDays !== null && <MailText>{t("notifications.weeklyDigest.longestWait", { days: params.longestWaitDays })}</MailText>}
      <MailText>{t("notifications.weeklyDigest.advisorsOverLimit", { count: params.advisorsOverLimit })}</MailText>
      <MailText>{t("notifications.weeklyDigest.serviceHours", { ...period, hours: params.serviceHours })}</MailText>
      <MailText>{t("notifications.weeklyDigest.signIn")}</MailText>
      <MailButton href={appLink(href)}>{t("notifications.weeklyDigest.button")}</MailButton>
    </MailLayout>
  );
}

/**
 * Renders a weekly_digest notification's e-mail (HTML and plain text) in `locale`: the template
 * registry (lib/mail/templates/index.ts) calls it for that kind. Params that are not a digest's
 * throw: the e-mail job fails and shows in the dead-letter view rather than sending nonsense.
 */
export async function weeklyDigestMail(notification: { href: string; params: unknown }, locale: TLocale): Promise<TRenderedMail> {
  const params = ZWeeklyDigestParams.parse(notification.params);
  const subject = mailTranslator(locale)("notifications.kinds.weekly_digest.mailSubject");
  return renderMail(subject, <WeeklyDigestMail locale={locale} href={notification.href} params={params} />);
}
