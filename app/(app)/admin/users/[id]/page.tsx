import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { UserAccountControls } from "@/components/users/user-account-controls";
import { UserForm } from "@/components/users/user-form";
import { Alert } from "@/components/ui/alert";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getUserForEdit } from "@/lib/domain/users/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> };

export default async function EditUserPage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const { created } = await searchParams;
  const { user, partners, offices } = await loadForPage(() => getUserForEdit(ctx, id));
  const t = await getTranslations("users");
  return (
    <>
      <h1 className="mb-6 text-2xl font-bold">{t("editTitle", { name: user.name })}</h1>
      {created ? (
        <Alert tone="success" className="mb-4">
          {t("created")}
        </Alert>
      ) : null}
      <UserForm
        mode="edit"
        userId={user.id}
        defaults={{ name: user.name, email: user.email, role: user.role, partnerId: user.partnerId ?? "", officeId: user.officeId ?? "" }}
        partners={partners}
        offices={offices}
      />
      <UserAccountControls userId={user.id} active={user.active} isSelf={user.id === ctx.userId} pending={user.passwordSetAt === null} />
    </>
  );
}
