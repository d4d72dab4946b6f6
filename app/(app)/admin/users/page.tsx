import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { cn } from "@/components/ui/cn";
import { cellClass, DataTable } from "@/components/ui/data-table";
import { Pagination } from "@/components/ui/pagination";
import { ResendInvitationButton } from "@/components/users/resend-invitation-button";
import { loadForPage } from "@/lib/actions/page";
import { can, ROLES } from "@/lib/auth/permissions";
import { requireSessionUser } from "@/lib/auth/session";
import { findUsers } from "@/lib/domain/users/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

type TSearch = { q?: string; role?: string; active?: string; page?: string };

export default async function UsersPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const role = ROLES.find((r) => r === params.role);
  const active = params.active === "inactive" || params.active === "all" ? params.active : "active";
  const result = await loadForPage(() => findUsers(ctx, { q: params.q, role, active, page: Number(params.page) || 1 }));
  const t = await getTranslations("users");
  const tc = await getTranslations("common");
  const tr = await getTranslations("roles");
  const hrefFor = (page: number) => {
    const query = new URLSearchParams({ ...(params.q ? { q: params.q } : {}), ...(role ? { role } : {}), active, page: String(page) });
    return `/admin/users?${query}`;
  };
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        {can(ctx.role, "users.manage") ? (
          <Link href="/admin/users/new" className={buttonClass("primary")}>
            {t("new")}
          </Link>
        ) : null}
      </div>
      <form method="get" className="mt-6 flex flex-wrap items-end gap-3" role="search">
        <div className="flex flex-col gap-1">
          <label htmlFor="users-q" className="text-sm font-medium">
            {t("searchLabel")}
          </label>
          <input id="users-q" name="q" type="search" defaultValue={params.q ?? ""} className={inputClass()} />
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="users-role" className="text-sm font-medium">
            {t("roleFilter")}
          </label>
          <select id="users-role" name="role" defaultValue={role ?? ""} className={inputClass()}>
            <option value="">{tc("all")}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </select>
        </div>
        <div className="flex flex-col gap-1">
          <label htmlFor="users-active" className="text-sm font-medium">
            {t("statusFilter")}
          </label>
          <select id="users-active" name="active" defaultValue={active} className={inputClass()}>
            <option value="active">{t("status.active")}</option>
            <option value="inactive">{t("status.inactive")}</option>
            <option value="all">{t("status.all")}</option>
          </select>
        </div>
        <button type="submit" className={buttonClass("secondary")}>
          {tc("filter")}
        </button>
      </form>
      {result.items.length === 0 ? (
        <p className="mt-6">{t("empty")}</p>
      ) : (
        <DataTable caption={t("title")} columns={[t("columns.name"), { label: t("columns.email"), hideBelow: "lg" }, { label: t("columns.role"), hideBelow: "sm" }, { label: t("columns.partner"), hideBelow: "md" }, { label: t("columns.office"), hideBelow: "lg" }, t("columns.status")]}>
          {result.items.map((user) => (
            <tr key={user.id} className="border-b border-slate-200">
              <td className="wrap-anywhere p-2">
                {can(ctx.role, "users.manage") ? (
                  <Link href={`/admin/users/${user.id}`} className="text-blue-800 underline">
                    {user.name}
                  </Link>
                ) : (
                  user.name
                )}
              </td>
              <td className={cn("wrap-anywhere p-2", cellClass("lg"))}>{user.email}</td>
              <td className={cn("p-2", cellClass("sm"))}>{tr(user.role)}</td>
              <td className={cn("p-2", cellClass("md"))}>{user.partner?.name ?? tc("none")}</td>
              <td className={cn("p-2", cellClass("lg"))}>{user.office?.name ?? tc("none")}</td>
              <td className="p-2">
                {!user.active ? (
                  t("inactive")
                ) : user.passwordSetAt === null ? (
                  <span className="flex flex-col items-start gap-1">
                    <span>{t("pending")}</span>
                    {can(ctx.role, "users.manage") ? <ResendInvitationButton userId={user.id} name={user.name} /> : null}
                  </span>
                ) : (
                  t("active")
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination result={result} hrefFor={hrefFor} />
    </>
  );
}
