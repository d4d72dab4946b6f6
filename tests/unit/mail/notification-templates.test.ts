import { describe, expect, it } from "vitest";
import { NOTIFICATION_KINDS, type TNotificationKind } from "@/lib/domain/notifications/kinds";
import type { TNotificationParams } from "@/lib/domain/notifications/outbox";
import { LOCALES } from "@/lib/i18n/config";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";
import { appLink } from "@/lib/mail/render";
import { dailyDigestMail, NOTIFICATION_MAIL_TEMPLATES } from "@/lib/mail/templates";
import { DAILY_DIGEST_MAX_LINES } from "@/lib/mail/templates/daily-digest";

/**
 * Every kind of notification can be e-mailed, in Polish and in English: a subject, an HTML part and
 * a plain-text part, both with the link to the thing itself and to the e-mail settings. A kind
 * without its texts fails here (the template throws rather than show a message key). The e-mail
 * leaves the system, so no personal data of clients may reach it, whatever the notification holds.
 */

/** Personal data a notification's params may carry: none of it may show in an e-mail. */
const PERSONAL = "Kowalska-Sentinel";
const PARAMS: TNotificationParams = {
  clientName: `Anna ${PERSONAL}`,
  personName: `Jan ${PERSONAL}`,
  eventTitle: `Szkolenie u ${PERSONAL}`,
  advisorName: `Ewa ${PERSONAL}`,
  versionNumber: 2,
  days: 14,
  date: "2026-12-01",
};
/** A weekly digest carries counts only (lib/mail/templates/weekly-digest.tsx ZWeeklyDigestParams). */
const WEEKLY: TNotificationParams = {
  weekFrom: "2026-11-23",
  weekTo: "2026-11-29",
  overduePaths: 3,
  plansWaiting: 2,
  longestWaitDays: 5,
  advisorsOverLimit: 1,
  serviceHours: 12.5,
};
const paramsOf = (kind: TNotificationKind) => (kind === "weekly_digest" ? WEEKLY : PARAMS);
const hrefOf = (kind: TNotificationKind) => (kind === "weekly_digest" ? "/dashboard" : `/paths/7d4c1e9a-0000-4000-8000-00000000000${NOTIFICATION_KINDS.indexOf(kind) % 10}?tab=plan`);
const MESSAGES = { pl, en } as const;

describe("notification e-mails", () => {
  for (const locale of LOCALES) {
    for (const kind of NOTIFICATION_KINDS) {
      it(`${kind} renders in ${locale}: subject, HTML and text with the link, no personal data`, async () => {
        const mail = await NOTIFICATION_MAIL_TEMPLATES[kind]({ kind, href: hrefOf(kind), params: paramsOf(kind) }, locale);
        const link = appLink(hrefOf(kind));
        expect(mail.subject.trim()).not.toBe("");
        expect(mail.subject).not.toContain("notifications.");
        expect(mail.html).toContain(`lang="${locale}"`);
        expect(mail.html).toContain(`href="${link.replace(/&/g, "&amp;")}"`);
        expect(mail.text).toContain(link);
        expect(mail.text).not.toMatch(/notifications\.kinds|mail\.[a-z]/);
        for (const part of [mail.subject, mail.html, mail.text]) expect(part).not.toContain(PERSONAL);
      });
    }
  }

  it("the generic e-mail is in the recipient's language, with a button and the way to change the settings", async () => {
    const href = "/clients/3f1b7f9e-1111-4111-8111-111111111111";
    const [plMail, enMail] = await Promise.all(
      LOCALES.map((locale) => NOTIFICATION_MAIL_TEMPLATES.client_assigned({ kind: "client_assigned", href, params: PARAMS }, locale)),
    );
    expect(plMail?.subject).toBe(pl.notifications.kinds.client_assigned.mailSubject);
    expect(enMail?.subject).toBe(en.notifications.kinds.client_assigned.mailSubject);
    expect(plMail?.text).toContain(pl.mail.openInApp);
    expect(enMail?.text).toContain(en.mail.openInApp);
    for (const mail of [plMail, enMail]) expect(mail?.text).toContain(appLink("/account/notifications"));
  });

  it("no kind's e-mail texts take a parameter that could name a person", () => {
    for (const locale of LOCALES) {
      for (const kind of NOTIFICATION_KINDS) {
        const texts = MESSAGES[locale].notifications.kinds[kind];
        const args = [texts.mailSubject, texts.mailBody].flatMap((text) => [...text.matchAll(/\{\s*([A-Za-z_]\w*)/g)].map((m) => m[1]));
        expect(args.filter((arg) => /name|title|email|pesel|phone|person|client/i.test(arg ?? "")), `${locale} ${kind}`).toEqual([]);
      }
    }
  });
});

describe("the daily digest e-mail", () => {
  const items = NOTIFICATION_KINDS.filter((kind) => kind !== "weekly_digest").map((kind, i) => ({
    kind,
    href: `/events/0a0a0a0a-0000-4000-8000-0000000000${String(i).padStart(2, "0")}`,
    params: PARAMS,
  }));

  for (const locale of LOCALES) {
    it(`lists every notification by its subject with its link (${locale})`, async () => {
      const mail = await dailyDigestMail(items, locale);
      expect(mail.subject).toContain(String(items.length));
      for (const item of items) {
        expect(mail.text).toContain(MESSAGES[locale].notifications.kinds[item.kind].mailSubject);
        expect(mail.text).toContain(appLink(item.href));
        expect(mail.html).toContain(`href="${appLink(item.href)}"`);
      }
      expect(mail.text).toContain(appLink("/notifications"));
      expect(mail.text).toContain(appLink("/account/notifications"));
      for (const part of [mail.subject, mail.html, mail.text]) expect(part).not.toContain(PERSONAL);
    });
  }

  it("uses Polish plural forms in the subject", async () => {
    const subjects = await Promise.all([1, 3, 5].map(async (n) => (await dailyDigestMail(items.slice(0, n), "pl")).subject));
    expect(subjects).toEqual(["Podsumowanie dnia: 1 nowe powiadomienie", "Podsumowanie dnia: 3 nowe powiadomienia", "Podsumowanie dnia: 5 nowych powiadomień"]);
  });

  it(`lists at most ${DAILY_DIGEST_MAX_LINES} lines and counts the rest`, async () => {
    const many = Array.from({ length: DAILY_DIGEST_MAX_LINES + 7 }, (_, i) => ({ kind: "path_overdue" as const, href: `/paths/p${i}`, params: PARAMS }));
    const mail = await dailyDigestMail(many, "en");
    expect(mail.subject).toBe(`Daily digest: ${DAILY_DIGEST_MAX_LINES + 7} new notifications`);
    expect(mail.text).toContain(appLink(`/paths/p${DAILY_DIGEST_MAX_LINES - 1}`));
    expect(mail.text).not.toContain(appLink(`/paths/p${DAILY_DIGEST_MAX_LINES}`));
    expect(mail.text).toContain("and 7 more");
  });
});
