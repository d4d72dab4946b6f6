import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthPageFrame } from "@/components/accounts/auth-page-frame";
import { ForgotPasswordForm } from "@/components/accounts/forgot-password-form";
import { TextLink } from "@/components/ui/text-link";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("accounts.forgot"))("title") };
}

type TProps = { searchParams: Promise<{ tenant?: string }> };

/** Open to anyone (no session): asks for a reset link. */
export default async function ForgotPasswordPage({ searchParams }: TProps) {
  const { tenant } = await searchParams;
  const t = await getTranslations("accounts.forgot");
  return (
    <AuthPageFrame title={t("title")}>
      <p className="mb-6">{t("intro")}</p>
      <ForgotPasswordForm defaultTenant={typeof tenant === "string" ? tenant : ""} />
      <p className="mt-6">
        <TextLink href={tenant ? `/login?${new URLSearchParams({ tenant })}` : "/login"}>{t("backToLogin")}</TextLink>
      </p>
    </AuthPageFrame>
  );
}
