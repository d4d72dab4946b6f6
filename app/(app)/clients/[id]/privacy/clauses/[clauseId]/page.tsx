import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClauseText } from "@/components/privacy/clause-text";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getClientClause } from "@/lib/domain/privacy/clauses";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("privacy.clauses"))("heading") };
}

type TProps = { params: Promise<{ id: string; clauseId: string }> };

/** The text of the clause version a client was given (or a consent names), read from their privacy tab. */
export default async function ClientClausePage({ params }: TProps) {
  const ctx = await requireSessionUser();
  const { id, clauseId } = await params;
  const { client, clause } = await loadForPage(() => getClientClause(ctx, id, clauseId));
  const t = await getTranslations("privacy.clientTab");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/clients/${client.id}/privacy`} className="text-blue-800 underline">
          {t("backToPrivacy", { name: client.name })}
        </Link>
      </p>
      <ClauseText clause={clause} />
    </>
  );
}
