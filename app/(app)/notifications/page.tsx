import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ListStateFields, NotificationList } from "@/components/notifications/notification-list";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Pagination } from "@/components/ui/pagination";
import { markAllNotificationsReadAction } from "@/lib/actions/notifications";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { NOTIFICATION_RETENTION_DAYS } from "@/lib/domain/notifications/kinds";
import { NOTIFICATION_FILTERS, type TNotificationFilter } from "@/lib/domain/notifications/schemas";
import { getNotificationsPage } from "@/lib/domain/notifications/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications.list"))("title") };
}

type TSearch = { filter?: string; page?: string; done?: string; count?: string };

/** The signed-in user's notifications: unread or all, a page at a time, each marked read on its own or all at once. */
export default async function NotificationsPage({ searchParams }: { searchParams: Promise<TSearch> }) {
  const ctx = await requireSessionUser();
  const params = await searchParams;
  const { filter, unread, result } = await loadForPage(() => getNotificationsPage(ctx, { filter: params.filter, page: params.page }));
  const t = await getTranslations("notifications.list");
  const hrefFor = (f: TNotificationFilter, page = 1) => `/notifications?${new URLSearchParams({ filter: f, page: String(page) })}`;
  const filterLabel: Record<TNotificationFilter, string> = { all: t("filterAll"), unread: t("filterUnread") };
  const done = params.done === "read" ? t("markedRead") : params.done === "all" ? t("markedAllRead", { count: Number(params.count) || 0 }) : params.done === "gone" ? t("gone") : null;

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-slate-700">{t("lead", { days: NOTIFICATION_RETENTION_DAYS })}</p>
      {done ? (
        <Alert tone={params.done === "gone" ? "info" : "success"} className="mt-4" data-testid="notifications-status">
          {done}
        </Alert>
      ) : null}
      <div className="mt-6 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label={t("filters")}>
          <ul className="flex gap-1 rounded-md border border-slate-300 bg-white p-1 text-sm">
            {NOTIFICATION_FILTERS.map((f) => (
              <li key={f}>
                <Link
                  href={hrefFor(f)}
                  aria-current={f === filter ? "page" : undefined}
                  className={cn("block rounded px-3 py-1.5 font-medium", f === filter ? "bg-blue-700 text-white" : "text-slate-800 hover:bg-slate-100")}
                >
                  {filterLabel[f]}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="flex flex-wrap items-center gap-3">
          <p className="text-sm text-slate-700" data-testid="unread-count">
            {t("unreadCount", { count: unread })}
          </p>
          {unread > 0 ? (
            <form action={markAllNotificationsReadAction}>
              <ListStateFields filter={filter} page={result.page} />
              <button type="submit" className={buttonClass("secondary", "px-3 py-1.5")}>
                {t("markAllRead")}
              </button>
            </form>
          ) : null}
        </div>
      </div>
      {result.items.length === 0 ? (
        <p className="mt-6" data-testid="notifications-empty">
          {filter === "unread" ? t("emptyUnread") : t("empty")}
        </p>
      ) : (
        <NotificationList items={result.items} filter={filter} page={result.page} now={new Date()} />
      )}
      <Pagination result={result} hrefFor={(page) => hrefFor(filter, page)} />
    </>
  );
}
