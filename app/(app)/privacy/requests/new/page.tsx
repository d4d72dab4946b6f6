import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { RequestForm } from "@/components/privacy/request-form";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getNewSubjectRequestPage } from "@/lib/domain/privacy/requests";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.requests"))("newTitle") };
}

/** Registers a data subject's request (the IOD's, privacy.requests). */
export default async function NewSubjectRequestPage() {
  const ctx = await requireSessionUser();
  const page = await loadForPage(() => getNewSubjectRequestPage(ctx));
  const t = await getTranslations("privacy.requests");
  return (
    <>
      <p className="text-sm">
        <TextLink href="/privacy/requests">{t("back")}</TextLink>
      </p>
      <h1 className="mt-2 text-2xl font-bold">{t("newTitle")}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t("rule")}</p>
      <div className="mt-6">
        <RequestForm today={page.today} />
      </div>
    </>
  );
}
