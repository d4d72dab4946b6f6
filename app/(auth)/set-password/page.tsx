import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthPageFrame } from "@/components/accounts/auth-page-frame";
import { forgotPasswordHref, LinkInvalidNotice } from "@/components/accounts/link-invalid-notice";
import { SetPasswordForm } from "@/components/accounts/set-password-form";
import { getSetPasswordPage } from "@/lib/domain/accounts/set-password";

// The token is in this page's URL: a Referer from it carries the origin only, never the token
// (next.config.ts sends the same policy as a header; why not "no-referrer" is said there).
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.setPassword"))("title"), referrer: "strict-origin" };
}

type TProps = { searchParams: Promise<{ tenant?: string; token?: string }> };

/** Opened from an invitation or reset e-mail (no session needed): `?tenant=<identifier>&token=<token>`. */
export default async function SetPasswordPage({ searchParams }: TProps) {
  const { tenant, token } = await searchParams;
  const tenantSlug = typeof tenant === "string" ? tenant : "";
  const rawToken = typeof token === "string" ? token : "";
  const page = await getSetPasswordPage({ tenantSlug, token: rawToken });
  const t = await getTranslations("accounts.setPassword");
  if (!page.usable) {
    return (
      <AuthPageFrame title={t("titleInvalid")}>
        <LinkInvalidNotice message={t("linkInvalid")} requestNew={t("requestNew")} href={forgotPasswordHref(page.tenantSlug)} />
      </AuthPageFrame>
    );
  }
  return (
    <AuthPageFrame title={page.purpose === "INVITE" ? t("titleInvite") : t("titleReset")}>
      <p className="mb-6">{t("intro", { email: page.email })}</p>
      <SetPasswordForm tenantSlug={page.tenantSlug} token={rawToken} email={page.email} />
    </AuthPageFrame>
  );
}
