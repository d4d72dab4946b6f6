import { NextIntlClientProvider } from "next-intl";
import { createElement, type ComponentProps } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AuditTable } from "@/components/audit/audit-table";
import { getAuditPage } from "@/lib/domain/audit/find-audit";
import { NOTIFICATION_KINDS } from "@/lib/domain/notifications/kinds";
import { getNotificationPreferences, saveNotificationPreferences } from "@/lib/domain/notifications/preferences";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";
import { auditRows, contextFor, createTenant, createUser, ownerQuery } from "@/tests/factories";
import { appErrorOf, tenantSnapshot } from "@/tests/factories/assertions";
import { pageStatements } from "@/tests/support/statement-counter";

/**
 * A user's own e-mail choices (/account/notifications): per kind on or off, one e-mail each or a
 * daily digest, the language. Only the user's own, stored as the outbox reads them, audited.
 */

const ALL = [...NOTIFICATION_KINDS];

describe("notification preferences", () => {
  it("start as: every kind e-mailed, one e-mail each, in Polish, to the account's address", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { role: "AUDITOR" });
    const preferences = await getNotificationPreferences(contextFor(user));
    expect(preferences).toEqual({ kinds: ALL.map((kind) => ({ kind, email: true })), emailDigest: false, locale: "pl", address: user.email });
  });

  it("are saved as the user chose, for that user only, and audited before and after", async () => {
    const tenant = await createTenant();
    const [user, colleague] = await Promise.all([createUser(tenant), createUser(tenant)]);
    const other = await createTenant();
    await createUser(other);
    const untouched = { colleague: await getNotificationPreferences(contextFor(colleague)), other: await tenantSnapshot(other.id) };

    const emailKinds = ALL.filter((kind) => kind !== "plan_approved" && kind !== "client_assigned");
    expect(await saveNotificationPreferences(contextFor(user), { emailKinds, emailDigest: true, locale: "en" })).toEqual({ changed: true });

    const saved = await getNotificationPreferences(contextFor(user));
    expect(saved.kinds.filter((k) => !k.email).map((k) => k.kind)).toEqual(["plan_approved", "client_assigned"]);
    expect(saved).toMatchObject({ emailDigest: true, locale: "en" });
    // As the outbox reads them: a row only for a kind turned off ("no row means yes").
    expect(await ownerQuery(`SELECT kind, email FROM notification_preference WHERE user_id = $1 ORDER BY kind`, [user.id])).toEqual([
      { kind: "client_assigned", email: false },
      { kind: "plan_approved", email: false },
    ]);
    expect(await ownerQuery(`SELECT email_digest, locale FROM "user" WHERE id = $1`, [user.id])).toEqual([{ email_digest: true, locale: "en" }]);

    expect(await getNotificationPreferences(contextFor(colleague))).toEqual(untouched.colleague);
    expect(await tenantSnapshot(other.id)).toEqual(untouched.other);

    const audit = (await auditRows(tenant.id)).filter((r) => r.action === "user.notification_preferences");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: user.id,
      entity_type: "User",
      entity_id: user.id,
      before: { emailDigest: false, locale: "pl", emailOff: [] },
      after: { emailDigest: true, locale: "en", emailOff: ["plan_approved", "client_assigned"] },
    });
  });

  it("saving the same choices again changes and records nothing; turning a kind back on removes its row", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    const ctx = contextFor(user);
    const offOne = { emailKinds: ALL.filter((k) => k !== "path_overdue"), emailDigest: false, locale: "pl" as const };
    await saveNotificationPreferences(ctx, offOne);
    expect(await saveNotificationPreferences(ctx, { ...offOne, emailKinds: [...offOne.emailKinds].reverse() })).toEqual({ changed: false });
    expect((await auditRows(tenant.id)).filter((r) => r.action === "user.notification_preferences")).toHaveLength(1);

    await saveNotificationPreferences(ctx, { emailKinds: ALL, emailDigest: false, locale: "pl" });
    expect(await ownerQuery(`SELECT kind FROM notification_preference WHERE user_id = $1`, [user.id])).toEqual([]);
  });

  it("refuse an unknown kind or language, changing nothing", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    const before = await tenantSnapshot(tenant.id);
    const unknownKind = await appErrorOf(saveNotificationPreferences(contextFor(user), { emailKinds: ["plan_submitted", "no_such_kind" as never], emailDigest: false, locale: "pl" }));
    expect(unknownKind.code).toBe("VALIDATION_FAILED");
    expect(unknownKind.fieldErrors).toEqual({ "emailKinds.1": "invalid" });
    const unknownLocale = await appErrorOf(saveNotificationPreferences(contextFor(user), { emailKinds: ALL, emailDigest: false, locale: "de" as never }));
    expect(unknownLocale.fieldErrors).toEqual({ locale: "invalid" });
    expect(await tenantSnapshot(tenant.id)).toEqual(before);
  });

  it("the page costs five statements: the session check, and one query in its transaction", async () => {
    const tenant = await createTenant();
    const user = await createUser(tenant);
    await saveNotificationPreferences(contextFor(user), { emailKinds: ALL.slice(3), emailDigest: true, locale: "en" });
    const statements = await pageStatements(user, (ctx) => getNotificationPreferences(ctx));
    expect(statements.length).toBeLessThanOrEqual(5);
  });

  it.each(["pl", "en"] as const)("read in words on the /audit page (%s)", async (locale) => {
    const tenant = await createTenant();
    const user = await createUser(tenant, { name: "Anna Doradczyni" });
    const manager = await createUser(tenant, { role: "MANAGER" });
    await saveNotificationPreferences(contextFor(user), { emailKinds: ALL.filter((k) => k !== "plan_returned"), emailDigest: true, locale: "en" });
    const page = await getAuditPage(contextFor(manager), { pageSize: 10 });
    const props: ComponentProps<typeof NextIntlClientProvider> = {
      locale,
      messages: locale === "pl" ? pl : en,
      timeZone: "Europe/Warsaw",
      children: createElement(AuditTable, { entries: page.result.items, historyHref: () => "/audit" }),
    };
    const text = renderToStaticMarkup(createElement(NextIntlClientProvider, props)).replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");
    const messages = locale === "pl" ? pl : en;
    for (const words of [
      messages.audit.actions.user.notification_preferences,
      messages.audit.fields.emailDigest,
      messages.audit.fields.emailOff,
      messages.notifications.kindNames.plan_returned,
      messages.common.languages.en,
    ]) {
      expect(text, words).toContain(words);
    }
    expect(text).not.toMatch(/plan_returned|notifications\.|audit\./);
  });
});
