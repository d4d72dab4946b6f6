import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientHistorySection } from "@/components/clients/client-history-section";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { getClientHistory } from "@/lib/domain/clients/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("clients.details"))("historyLink") };
}

type TProps = { params: Promise<{ id: string }> };

/** Who served the client and what changed: the latest key-advisor assignments and audit entries. */
export default async function ClientHistoryPage({ params }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const history = await loadForPage(() => getClientHistory(ctx, id));
  const td = await getTranslations("clients.details");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/clients/${history.id}`} className="text-blue-800 underline">
          {history.name}
        </Link>
      </p>
      <h1 className="text-2xl font-bold">{td("historyTitle", { client: history.name })}</h1>
      <div className="mt-6 flex flex-col gap-6">
        <ClientHistorySection history={history} />
      </div>
    </>
  );
}
