import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { HandoverForm } from "@/components/caseload/handover-form";
import { loadForPage } from "@/lib/actions/page";
import { assertCan } from "@/lib/auth/authorize";
import { requireSessionUser } from "@/lib/auth/session";
import { listAssignableAdvisors } from "@/lib/domain/caseload/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("caseload.handover"))("title") };
}

export default async function HandoverPage() {
  const ctx = await requireSessionUser();
  const advisors = await loadForPage(async () => {
    // The page is the handover's form: refuse it (403, audited) to roles that cannot hand over.
    await assertCan(ctx, "caseload.handover");
    return listAssignableAdvisors(ctx);
  });
  const t = await getTranslations("caseload.handover");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/caseload" className="text-blue-800 underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 mb-6 max-w-3xl text-slate-700">{t("lead")}</p>
      <HandoverForm advisors={advisors} />
    </>
  );
}
