import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { StaffForm } from "@/components/staff/staff-form";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getNewStaffPage } from "@/lib/domain/staff/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff"))("add") };
}

/** Adds a staff record. */
export default async function NewStaffPage() {
  const ctx = await requireSessionUser();
  const options = await loadForPage(() => getNewStaffPage(ctx));
  const t = await getTranslations("staff");
  return (
    <>
      <p className="mb-4 text-sm">
        <TextLink href="/admin/staff">{t("back")}</TextLink>
      </p>
      <h1 className="mb-2 text-2xl font-bold">{t("add")}</h1>
      <p className="mb-6 max-w-3xl text-slate-700">{t("rule")}</p>
      <StaffForm mode="create" options={options} />
    </>
  );
}
