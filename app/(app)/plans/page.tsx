import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { INSTANT_DATE_TIME } from "@/lib/dates";
import { findMyReturnedPlans, findPlanInbox } from "@/lib/domain/paths/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("paths"))("plansTitle") };
}

/** Coordinators and managers: plans waiting for a decision. Key advisors: their plans returned for revision. */
export default async function PlansPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const ctx = await requireSessionUser();
  const { page } = await searchParams;
  const t = await getTranslations("paths");
  const format = await getFormatter();
  const approver = can(ctx.role, "paths.approve_plan");
  const inbox = approver ? await loadForPage(() => findPlanInbox(ctx, { page: Number(page) || 1 })) : null;
  const returned = can(ctx.role, "clients.take_from_queue") ? await loadForPage(() => findMyReturnedPlans(ctx)) : [];
  return (
    <>
      <h1 className="text-2xl font-bold">{t("plansTitle")}</h1>
      {inbox ? (
        <section aria-labelledby="inbox-heading" className="mt-6">
          <h2 id="inbox-heading" className="text-lg font-semibold" data-testid="inbox-count">
            {t("inboxTitle", { count: inbox.total })}
          </h2>
          {inbox.items.length === 0 ? <p className="mt-2">{t("inboxEmpty")}</p> : null}
          <ul className="mt-3 flex flex-col gap-2">
            {inbox.items.map((v) => (
              <li key={v.id}>
                <Link href={`/paths/${v.pathId}?tab=plan`} className="text-blue-800 underline">
                  {t("inboxItem", { client: v.clientName, number: v.number, advisor: v.advisorName ?? "—" })}
                </Link>{" "}
                <span className="text-sm text-slate-700">{v.submittedAt ? format.dateTime(v.submittedAt, INSTANT_DATE_TIME) : ""}</span>
              </li>
            ))}
          </ul>
          <Pagination result={inbox} hrefFor={(p) => `/plans?page=${p}`} />
        </section>
      ) : null}
      {!approver ? (
        <section aria-labelledby="returned-heading" className="mt-6">
          <h2 id="returned-heading" className="text-lg font-semibold">
            {t("returnedTitle")}
          </h2>
          {returned.length === 0 ? <p className="mt-2">{t("returnedEmpty")}</p> : null}
          <ul className="mt-3 flex flex-col gap-3">
            {returned.map((v) => (
              <li key={v.id} className="rounded-md border border-slate-300 bg-white p-3">
                <Link href={`/paths/${v.pathId}?tab=plan`} className="text-blue-800 underline">
                  {t("returnedItem", { client: v.path.client.name, number: v.number })}
                </Link>
                {v.decisionComment ? <p className="mt-1 text-sm">{v.decisionComment}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
