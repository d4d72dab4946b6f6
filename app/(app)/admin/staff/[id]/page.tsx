import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { StaffForm } from "@/components/staff/staff-form";
import { WithdrawStaffForm } from "@/components/staff/withdraw-staff-form";
import { Alert } from "@/components/ui/alert";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { INSTANT_DATE_TIME } from "@/lib/dates";
import { getStaffPage } from "@/lib/domain/staff/page";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff"))("title") };
}

/** One staff record: its correction and withdrawal (or why it was withdrawn). */
export default async function StaffPage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const page = await loadForPage(() => getStaffPage(ctx, id));
  const t = await getTranslations("staff");
  const format = await getFormatter();
  return (
    <>
      <p className="mb-4 text-sm">
        <TextLink href="/admin/staff">{t("back")}</TextLink>
      </p>
      <h1 className="mb-2 text-2xl font-bold wrap-anywhere">{t("recordTitle", { name: page.personName })}</h1>
      <p className="mb-6 max-w-3xl text-slate-700">{t("rule")}</p>
      {page.withdrawn ? (
        <Alert tone="info">{t("withdrawnNote", { at: format.dateTime(page.withdrawn.at, INSTANT_DATE_TIME), reason: page.withdrawn.reason ?? "" })}</Alert>
      ) : (
        <>
          <StaffForm mode="edit" id={page.id} defaults={page.values} options={page.options} />
          <section aria-labelledby="withdraw-heading" className="mt-10">
            <h2 id="withdraw-heading" className="mb-2 text-lg font-semibold">
              {t("withdraw.title")}
            </h2>
            <WithdrawStaffForm staffId={page.id} />
          </section>
        </>
      )}
    </>
  );
}
