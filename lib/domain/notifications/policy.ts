import "server-only";
import { NOTIFICATION_RETENTION_DAYS } from "./kinds";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The oldest instant a notification may carry and still be listed, counted or opened: kept
 * NOTIFICATION_RETENTION_DAYS days, whether or not the nightly cleanup has deleted it yet.
 */
export function notificationsKeptSince(now: Date = new Date()): Date {
  return new Date(now.getTime() - NOTIFICATION_RETENTION_DAYS * DAY_MS);
}

/** The fallback when a stored link is not a path of this app. */
export const NOTIFICATIONS_PATH = "/notifications";

/**
 * The stored link of a notification as a path of this app, or null. Links are written by the app
 * (`notify`), but following one redirects the browser, so it is checked anyway: only a path on
 * this origin ("/paths/…?tab=plan") passes — never "//host", "/\host", a scheme, or control
 * characters that a browser would strip into one of those (no open redirect).
 */
export function appPathOf(href: string): string | null {
  // Browsers drop tabs and newlines from URLs and read "\" as "/": judge what they would follow.
  if (!href.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(href) || href.startsWith("//")) return null;
  const base = "http://app.invalid";
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Values an ICU message takes: a notification's params as stored, with nulls as empty text. */
export type TNotificationTextValues = Record<string, string | number>;

/**
 * A notification's params as values for its `title` message. They were flat strings and numbers
 * when written (outbox.ts); anything else (a hand-edited row, a shape from an older release) is
 * left out rather than shown as "[object Object]".
 */
export function notificationTextValues(params: unknown): TNotificationTextValues {
  if (typeof params !== "object" || params === null || Array.isArray(params)) return {};
  const values: TNotificationTextValues = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) values[key] = value;
    else if (value === null) values[key] = "";
  }
  return values;
}
