import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LimitDialogButton } from "@/components/caseload/limit-dialog";
import { LoadBar, LoadText } from "@/components/caseload/load-bar";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { inputClass } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { loadForPage } from "@/lib/actions/page";
import { can } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { getCaseloadBoardPage } from "@/lib/domain/caseload/service";
import { cellClass, DataTable, TIGHT_CELL } from "@/components/ui/data-table";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("caseload.board"))("title") };
}

type TSearch = { partnerId?: string; officeId?: string; overLimitOnly?: string; fullOnly?: string; page?: string };

export default async function CaseloadBoardPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  // Filters come from the query string: the service ignores a value that is not one of the offered
  // choices, and offers the partner filter only to those who see every partner's advisors.
  const { board, policy, partners, offices, filters } = await loadForPage(() =>
    getCaseloadBoardPage(ctx, { page: Number(params.page) || 1, partnerId: params.partnerId, officeId: params.officeId, overLimitOnly: params.overLimitOnly === "1", fullOnly: params.fullOnly === "1" }),
  );
  const { partnerId, officeId, overLimitOnly, fullOnly } = filters;
  const t = await getTranslations("caseload.board");
  const tl = await getTranslations("caseload.load");
  const tc = await getTranslations("common");
  const maySetLimits = can(ctx.role, "caseload.limits.set");
  const hrefFor = (page: number) => {
    const query = new URLSearchParams({
      ...(partnerId ? { partnerId } : {}),
      ...(officeId ? { officeId } : {}),
      ...(overLimitOnly ? { overLimitOnly: "1" } : {}),
      ...(fullOnly ? { fullOnly: "1" } : {}),
      page: String(page),
    });
    return `/caseload?${query}`;
  };

  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <div className="flex flex-wrap gap-3">
          <Link href="/caseload/queue" className={buttonClass("secondary")}>
            {t("queueLink")}
          </Link>
          {can(ctx.role, "caseload.handover") ? (
            <Link href="/caseload/handover" className={buttonClass("secondary")}>
              {t("handoverLink")}
            </Link>
          ) : null}
        </div>
      </div>
      <p className="mt-2 text-slate-700">{t("lead", { max: policy.maxClientsPerAdvisor })}</p>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search" aria-label={t("filters")}>
        {partners ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="board-partner" className="text-sm font-medium">
              {t("partnerFilter")}
            </label>
            <select id="board-partner" name="partnerId" defaultValue={partnerId ?? ""} className={inputClass()}>
              <option value="">{tc("all")}</option>
              {partners.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {offices ? (
          <div className="flex flex-col gap-1">
            <label htmlFor="board-office" className="text-sm font-medium">
              {t("officeFilter")}
            </label>
            <select id="board-office" name="officeId" defaultValue={officeId ?? ""} className={inputClass()}>
              <option value="">{tc("all")}</option>
              {offices.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="flex items-center gap-2 self-center pt-5">
          <input id="board-over" name="overLimitOnly" type="checkbox" value="1" defaultChecked={overLimitOnly} className="size-4" />
          <label htmlFor="board-over" className="text-sm font-medium">
            {t("overLimitOnly")}
          </label>
        </div>
        <div className="flex items-center gap-2 self-center pt-5">
          <input id="board-full" name="fullOnly" type="checkbox" value="1" defaultChecked={fullOnly} className="size-4" />
          <label htmlFor="board-full" className="text-sm font-medium">
            {t("fullOnly")}
          </label>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {tc("filter")}
        </button>
      </form>
      {board.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <DataTable caption={t("title")} cellPadding={TIGHT_CELL} columns={[t("columns.advisor"), { label: t("columns.partner"), hideBelow: "md" }, { label: t("columns.office"), hideBelow: "lg" }, t("columns.load"), t("columns.status"), ...(maySetLimits ? [t("columns.actions")] : [])]}>
              {board.items.map((a) => (
                <tr key={a.id} data-testid="board-row" className={cn("border-b border-slate-200", a.overLimit && "bg-red-50")}>
                  <th scope="row" className={cn("wrap-anywhere font-medium", TIGHT_CELL)}>
                    <Link href={`/clients?advisorId=${a.id}`} className="text-blue-800 underline">
                      {a.name}
                    </Link>
                  </th>
                  <td className={cn(TIGHT_CELL, cellClass("md"))}>{a.partnerName ?? tc("none")}</td>
                  <td className={cn(TIGHT_CELL, cellClass("lg"))}>{a.officeName ?? tc("none")}</td>
                  <td className={TIGHT_CELL}>
                    <span className="flex items-center gap-3">
                      <span className="min-w-12 font-semibold">
                        <LoadText load={a.load} limit={a.limit} />
                      </span>
                      {/* The bar repeats the numbers beside it: narrow screens keep the numbers only. */}
                      <span className="hidden md:block">
                        <LoadBar load={a.load} limit={a.limit} />
                      </span>
                    </span>
                  </td>
                  <td className={TIGHT_CELL}>
                    {a.overLimit ? (
                      <strong className="font-semibold text-red-800">{tl("overLimit", { over: a.load - a.limit })}</strong>
                    ) : a.full ? (
                      <strong className="font-semibold text-amber-900">{tl("full")}</strong>
                    ) : (
                      tl("free", { free: a.limit - a.load })
                    )}
                  </td>
                  {maySetLimits ? (
                    <td className={TIGHT_CELL}>
                      <LimitDialogButton advisorId={a.id} advisorName={a.name} load={a.load} limit={a.limit} tenantMax={policy.maxClientsPerAdvisor} />
                    </td>
                  ) : null}
                </tr>
              ))}
        </DataTable>
      )}
      <Pagination result={board} hrefFor={hrefFor} />
    </>
  );
}
