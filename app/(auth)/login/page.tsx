import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { LanguageSwitch } from "@/components/shell/language-switch";
import { TextLink } from "@/components/ui/text-link";
import { getSessionUser } from "@/lib/auth/session";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login");
  return { title: t("title") };
}

type TProps = { searchParams: Promise<{ expired?: string; signedOut?: string; passwordChanged?: string; passwordSet?: string; tenant?: string }> };

export default async function LoginPage({ searchParams }: TProps) {
  if (await getSessionUser()) redirect("/dashboard");
  const params = await searchParams;
  const t = await getTranslations("login");
  const tc = await getTranslations("common");
  const notice = params.passwordSet ? t("passwordSet") : params.passwordChanged ? t("passwordChanged") : params.signedOut ? t("signedOut") : params.expired ? t("expired") : null;
  return (
    <div className="flex min-h-screen flex-col">
      <header className="flex items-center justify-between border-b border-slate-300 bg-white px-6 py-3">
        <p className="font-semibold">{tc("productName")}</p>
        <LanguageSwitch />
      </header>
      <main id="main" className="mx-auto w-full max-w-md flex-1 px-6 py-12">
        <h1 className="mb-6 text-2xl font-bold">{t("title")}</h1>
        {notice ? (
          <Alert tone="info" className="mb-4">
            {notice}
          </Alert>
        ) : null}
        <LoginForm defaultTenant={params.tenant ?? ""} />
        <p className="mt-6">
          <TextLink href={params.tenant ? `/forgot-password?${new URLSearchParams({ tenant: params.tenant })}` : "/forgot-password"}>{t("forgotPassword")}</TextLink>
        </p>
      </main>
    </div>
  );
}
