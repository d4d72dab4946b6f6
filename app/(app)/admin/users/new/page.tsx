import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UserForm } from "@/components/users/user-form";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { listUserFormOptions } from "@/lib/domain/users/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("newTitle") };
}

export default async function NewUserPage() {
  const ctx = await requireSessionUser();
  const options = await loadForPage(() => listUserFormOptions(ctx));
  const t = await getTranslations("users");
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">{t("newTitle")}</h1>
      <UserForm mode="create" partners={options.partners} offices={options.offices} />
    </>
  );
}
