import { expect } from "@playwright/test";

/** The run's mail catcher (playwright.config.ts starts it; the app sends through it). */
const MAIL_URL = `http://127.0.0.1:${process.env.E2E_MAIL_HTTP_PORT ?? 3180}`;

export type TCaughtMail = { id: number; from: string; to: string[]; subject: string; text: string; html: string; receivedAt: string };

export async function caughtMail(): Promise<TCaughtMail[]> {
  const response = await fetch(`${MAIL_URL}/messages.json`);
  if (!response.ok) throw new Error(`mail catcher answered ${response.status}`);
  return (await response.json()) as TCaughtMail[];
}

/**
 * Waits until the catcher holds a message to `to` (matching `subject`, when given) that arrived
 * after `since` (a message id, from {@link lastMailId} taken before the action), and returns it: the
 * user waits for the e-mail, so the test does too — bounded, polled, never a fixed sleep.
 */
export async function waitForMail(match: { to: string; subject?: RegExp | string; since?: number }, timeoutMs = 45_000): Promise<TCaughtMail> {
  const to = match.to.toLowerCase();
  const fits = (m: TCaughtMail) =>
    m.id > (match.since ?? 0) &&
    m.to.includes(to) &&
    (match.subject === undefined || (typeof match.subject === "string" ? m.subject.includes(match.subject) : match.subject.test(m.subject)));
  let found: TCaughtMail | undefined;
  await expect
    .poll(async () => {
      found = (await caughtMail()).find(fits);
      return found !== undefined;
    }, { timeout: timeoutMs, message: `an e-mail to ${to}${match.subject ? ` about ${String(match.subject)}` : ""}` })
    .toBe(true);
  if (!found) throw new Error("unreachable: the poll above found the message");
  return found;
}

/** The id of the newest caught message (0 when none): pass it as `since` to ignore older mail. */
export async function lastMailId(): Promise<number> {
  const all = await caughtMail();
  return all.reduce((max, m) => Math.max(max, m.id), 0);
}

/** The first link into the app in a message's plain-text part. */
export function linkIn(mail: TCaughtMail, pathPrefix: string): string {
  const found = mail.text.match(new RegExp(`https?://[^\\s]+${pathPrefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}[^\\s]*`));
  if (!found) throw new Error(`No link to ${pathPrefix} in the e-mail "${mail.subject}":\n${mail.text}`);
  return found[0];
}
