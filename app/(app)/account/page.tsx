import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { TextLink } from "@/components/ui/text-link";
import { requireSessionUser } from "@/lib/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

// Every role may change its own password (account.manage_own): the action's service checks it.
export default async function AccountPage() {
  const user = await requireSessionUser();
  const t = await getTranslations("account");
  const tr = await getTranslations("roles");
  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <section aria-labelledby="profile-heading" className="mt-6">
        <h2 id="profile-heading" className="mb-3 text-lg font-semibold">
          {t("profile")}
        </h2>
        <dl className="grid max-w-xl grid-cols-[auto_minmax(0,1fr)] gap-x-6 wrap-anywhere gap-y-2">
          <dt className="font-medium">{t("name")}</dt>
          <dd>{user.name}</dd>
          <dt className="font-medium">{t("email")}</dt>
          <dd>{user.email}</dd>
          <dt className="font-medium">{t("role")}</dt>
          <dd>{tr(user.role)}</dd>
        </dl>
      </section>
      <section aria-labelledby="notifications-heading" className="mt-10">
        <h2 id="notifications-heading" className="mb-3 text-lg font-semibold">
          {t("notifications")}
        </h2>
        <p className="mb-2 max-w-xl text-slate-700">{t("notificationsHint")}</p>
        <TextLink href="/account/notifications">{t("notificationsLink")}</TextLink>
      </section>
      <section aria-labelledby="security-heading" className="mt-10">
        <h2 id="security-heading" className="mb-3 text-lg font-semibold">
          {t("securitySection")}
        </h2>
        <p className="mb-2 max-w-xl text-slate-700">{t("securityHint")}</p>
        <TextLink href="/account/security">{t("securityLink")}</TextLink>
      </section>
      <section aria-labelledby="password-heading" className="mt-10">
        <h2 id="password-heading" className="mb-3 text-lg font-semibold">
          {t("changePassword")}
        </h2>
        <ChangePasswordForm />
      </section>
    </>
  );
}
