import { getFormatter, getTranslations } from "next-intl/server";
import { buttonClass } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { markNotificationReadAction } from "@/lib/actions/notifications";
import { INSTANT_DATE_TIME } from "@/lib/dates";
import type { TNotificationFilter } from "@/lib/domain/notifications/schemas";
import type { TNotificationView } from "@/lib/domain/notifications/service";

/** The list's place (filter and page), posted by each button so the action returns to it. */
export function ListStateFields({ filter, page }: { filter: TNotificationFilter; page: number }) {
  return (
    <>
      <input type="hidden" name="filter" value={filter} />
      <input type="hidden" name="page" value={page} />
    </>
  );
}

/**
 * The caller's notifications, newest first: each says what happened (`notifications.kinds.<kind>.title`
 * with its params) and when, whether it is read, and links to the thing through
 * /notifications/<id>, which marks it read and goes on to it. The link is a plain <a>: the
 * page it leads to loads whole, with the bell's count as it is after the read.
 */
export async function NotificationList({ items, filter, page, now }: { items: TNotificationView[]; filter: TNotificationFilter; page: number; now: Date }) {
  const t = await getTranslations("notifications");
  const format = await getFormatter();
  const titleOf = (item: TNotificationView) => {
    const key = `kinds.${item.kind}.title`;
    return item.kind && t.has(key) ? t(key, item.values) : t("list.unknownKind");
  };

  return (
    <ul className="mt-4 flex flex-col gap-2" data-testid="notification-list">
      {items.map((item) => {
        const title = titleOf(item);
        return (
          <li
            key={item.id}
            data-testid="notification"
            data-read={item.read}
            className={cn("flex flex-col gap-2 rounded-md border p-3 sm:flex-row sm:items-start sm:justify-between", item.read ? "border-slate-300 bg-white" : "border-blue-700 bg-blue-50")}
          >
            <div className="min-w-0">
              <p className={cn("wrap-anywhere", item.read ? "font-normal" : "font-semibold")}>
                {item.read ? null : (
                  <span className="mr-2 inline-block size-2.5 rounded-full bg-blue-700 align-middle" aria-hidden="true" />
                )}
                <span className="sr-only">{item.read ? t("list.read") : t("list.unread")}: </span>
                {/* Not next/link: a prefetch must never mark a notification read. */}
                <a href={`/notifications/${item.id}`} className="text-blue-800 underline">
                  {title}
                </a>
              </p>
              <p className="mt-1 text-sm text-slate-700">
                <span className="sr-only">{t("list.received")}: </span>
                <time dateTime={item.createdAt.toISOString()}>{format.relativeTime(item.createdAt, now)}</time>
                <span aria-hidden="true"> · </span>
                <span>{format.dateTime(item.createdAt, INSTANT_DATE_TIME)}</span>
              </p>
            </div>
            {item.read ? null : (
              <form action={markNotificationReadAction} className="shrink-0">
                <input type="hidden" name="notificationId" value={item.id} />
                <ListStateFields filter={filter} page={page} />
                {/* Named with the notification it marks (starting with the visible text: WCAG 2.5.3). */}
                <button type="submit" aria-label={t("list.markReadFor", { title })} className={buttonClass("secondary", "px-3 py-1.5")}>
                  {t("list.markRead")}
                </button>
              </form>
            )}
          </li>
        );
      })}
    </ul>
  );
}
