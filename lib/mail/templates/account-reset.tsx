import "server-only";
import { MailButton, MailLayout, MailText, mailTranslator, renderMail, type TRenderedMail } from "@/lib/mail/render";
import type { TLocale } from "@/lib/i18n/config";

export type TAccountResetMail = {
  locale: TLocale;
  name: string;
  tenantName: string;
  /** The set-password link with its token. */
  link: string;
  validMinutes: number;
};

/** "Forgot password" (or the admin's reset link): a single-use link to choose a new password (texts: mail.account.reset). */
export function renderAccountReset(mail: TAccountResetMail): Promise<TRenderedMail> {
  const t = mailTranslator(mail.locale);
  return renderMail(
    t("mail.account.reset.subject"),
    <MailLayout
      locale={mail.locale}
      preview={t("mail.account.reset.preview", { minutes: mail.validMinutes })}
      heading={t("mail.account.reset.heading")}
      footer={t("mail.account.reset.footer", { tenantName: mail.tenantName })}
    >
      <MailText>{t("mail.account.greeting", { name: mail.name })}</MailText>
      <MailText>{t("mail.account.reset.body", { tenantName: mail.tenantName })}</MailText>
      <MailButton href={mail.link}>{t("mail.account.reset.button")}</MailButton>
      <MailText>{t("mail.account.reset.validity", { minutes: mail.validMinutes })}</MailText>
      <MailText>{t("mail.account.reset.ignore")}</MailText>
      <MailText>
        {t("mail.account.linkFallback")} {mail.link}
      </MailText>
    </MailLayout>,
  );
}
