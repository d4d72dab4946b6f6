import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClauseText } from "@/components/privacy/clause-text";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getClause } from "@/lib/domain/privacy/clauses";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.clauses"))("heading") };
}

type TProps = { params: Promise<{ id: string }> };

/** One version of the information clause, as published (privacy.settings). */
export default async function ClausePage({ params }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const clause = await loadForPage(() => getClause(ctx, id));
  const t = await getTranslations("privacy.clauses");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/privacy/settings" className="text-blue-800 underline">
          {t("backToSettings")}
        </Link>
      </p>
      <ClauseText clause={clause} />
    </>
  );
}
