import "server-only";
import { tenantTransaction } from "@/lib/db/transaction";
import { appLink, mailLocale } from "@/lib/mail/render";
import { renderAccountInvite } from "@/lib/mail/templates/account-invite";
import { renderAccountReset } from "@/lib/mail/templates/account-reset";
import { mailConfigured, sendMail } from "@/lib/mail/transport";
import { parseAccountEmailJob } from "./mail-job";
import { ACCOUNT_LINK_VALIDITY_MINUTES, shouldMailLink } from "./policy";
import { issueAccountToken, lockLinkUser } from "./tokens";

/** The page a link opens: the tenant's identifier and the token, both in the query. */
export function setPasswordPath(tenantSlug: string, token: string): string {
  return `/set-password?${new URLSearchParams({ tenant: tenantSlug, token })}`;
}

/**
 * The `account.email` job: mints the link and e-mails it. The token is made here, in the worker,
 * so it exists only in the e-mail — never in the job's data, a log or the database (which keeps
 * its hash). A job whose user is missing (an unknown address asked for a reset), inactive, or —
 * for an invitation — has meanwhile chosen a password sends nothing.
 *
 * Retried on failure (the SMTP server is down): each attempt mints a fresh link, which voids the
 * one before, so only the link of the e-mail that went works. A retry after a send whose completion
 * was lost sends a second e-mail whose link replaces the first (at-least-once, as every SMTP sender).
 */
export async function handleAccountEmailJob(data: Record<string, unknown>): Promise<void> {
  const job = parseAccountEmailJob(data);
  const { tenantId, userId, purpose } = job;
  if (!tenantId || !userId) return;
  // Before a link is minted: with no SMTP server the job fails (and is retried), leaving no link behind.
  if (!mailConfigured()) throw new Error("SMTP_URL is not set: account e-mail cannot be sent");

  const minted = await tenantTransaction(tenantId, async (tx) => {
    const user = await lockLinkUser(tx, tenantId, userId);
    if (!user || !shouldMailLink(purpose, user)) return null;
    const tenant = await tx.tenant.findFirst({ where: { id: tenantId }, select: { name: true, slug: true } });
    if (!tenant) return null;
    const { token } = await issueAccountToken(tx, { tenantId, userId, purpose });
    return { user, tenant, token };
  });
  if (!minted) return;

  const { user, tenant, token } = minted;
  const link = appLink(setPasswordPath(tenant.slug, token));
  const locale = mailLocale(user.locale);
  const mail =
    purpose === "INVITE"
      ? await renderAccountInvite({
          locale,
          name: user.name,
          email: user.email,
          tenantName: tenant.name,
          tenantSlug: tenant.slug,
          link,
          validHours: ACCOUNT_LINK_VALIDITY_MINUTES.INVITE / 60,
        })
      : await renderAccountReset({ locale, name: user.name, tenantName: tenant.name, link, validMinutes: ACCOUNT_LINK_VALIDITY_MINUTES.RESET });
  await sendMail({ to: user.email, ...mail });
}
