import "server-only";
import { MailButton, MailLayout, MailText, mailTranslator, renderMail, type TRenderedMail } from "@/lib/mail/render";
import type { TLocale } from "@/lib/i18n/config";

export type TAccountInviteMail = {
  locale: TLocale;
  /** The invited user's name and address (their own data, to their own mailbox). */
  name: string;
  email: string;
  tenantName: string;
  /** The identifier the sign-in form asks for. */
  tenantSlug: string;
  /** The set-password link with its token. */
  link: string;
  validHours: number;
};

/** The invitation: a new account's single-use link to choose a password (texts: mail.account.invite). */
export function renderAccountInvite(mail: TAccountInviteMail): Promise<TRenderedMail> {
  const t = mailTranslator(mail.locale);
  return renderMail(
    t("mail.account.invite.subject", { tenantName: mail.tenantName }),
    <MailLayout
      locale={mail.locale}
      preview={t("mail.account.invite.preview")}
      heading={t("mail.account.invite.heading")}
      footer={t("mail.account.invite.footer", { tenantName: mail.tenantName })}
    >
      <MailText>{t("mail.account.greeting", { name: mail.name })}</MailText>
      <MailText>{t("mail.account.invite.body", { tenantName: mail.tenantName })}</MailText>
      <MailButton href={mail.link}>{t("mail.account.invite.button")}</MailButton>
      <MailText>{t("mail.account.invite.validity", { hours: mail.validHours })}</MailText>
      <MailText>{t("mail.account.invite.signIn", { tenantSlug: mail.tenantSlug, email: mail.email })}</MailText>
      <MailText>
        {t("mail.account.linkFallback")} {mail.link}
      </MailText>
    </MailLayout>,
  );
}
