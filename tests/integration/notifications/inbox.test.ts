import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { tenantTransaction } from "@/lib/db/transaction";
import { NOTIFICATION_RETENTION_DAYS } from "@/lib/domain/notifications/kinds";
import { notify, type TNotice } from "@/lib/domain/notifications/outbox";
import { NOTIFICATIONS_PAGE_SIZE } from "@/lib/domain/notifications/schemas";
import { countUnread, getNotificationsPage, markAllNotificationsRead, markNotificationRead } from "@/lib/domain/notifications/service";
import { loadSessionContext } from "@/lib/domain/sessions/session";
import { contextFor, createTenant, createUser, ownerQuery, type TTenantRow, type TUserRow } from "@/tests/factories";
import { sessionClaimsFor } from "@/tests/factories/sessions";
import { appErrorOf } from "@/tests/factories/assertions";
import { pageStatements, recordStatements } from "@/tests/support/statement-counter";

/**
 * Issue 15, the in-app half of the outbox: a user's own notifications — never another user's, never
 * another tenant's — newest first, a page at a time, with the unread count (the list's and the
 * bell's, which comes with the session check), marked read one by one or all at once, and kept
 * NOTIFICATION_RETENTION_DAYS days (older ones are gone from every view before the nightly
 * cleanup deletes them). Rows are written by the real outbox (notify) unless a test needs a
 * creation time in the past.
 */

const DAY_MS = 24 * 60 * 60 * 1000;

let tenant: TTenantRow;
let other: TTenantRow;
let anna: TUserRow;
let piotr: TUserRow;
let stranger: TUserRow;

beforeEach(async () => {
  tenant = await createTenant();
  other = await createTenant();
  anna = await createUser(tenant, { role: "COORDINATOR", name: "Anna Koordynatorka" });
  piotr = await createUser(tenant, { role: "KEY_ADVISOR", name: "Piotr Doradca" });
  stranger = await createUser(other, { role: "COORDINATOR", name: "Obca Koordynatorka" });
});

const notice = (user: TUserRow, n: number): TNotice => ({
  userId: user.id,
  kind: "plan_submitted",
  href: `/paths/${randomUUID()}?tab=plan`,
  params: { clientName: `Klient ${n}`, advisorName: "Piotr Doradca", number: n },
});

/** `count` notifications for `user` through the outbox, one transaction each (so each has its own time). */
async function notifyMany(user: TUserRow, count: number): Promise<string[]> {
  for (let n = 1; n <= count; n++) await tenantTransaction(user.tenantId, (tx) => notify(tx, user.tenantId, [notice(user, n)]));
  const rows = await ownerQuery<{ id: string }>(`SELECT id FROM notification WHERE user_id = $1 ORDER BY created_at DESC, id DESC`, [user.id]);
  return rows.map((row) => row.id);
}

/** A notification written as the owner, created `daysAgo` days ago (the outbox always writes "now"). */
async function insertNotification(user: TUserRow, daysAgo: number, overrides: { href?: string; readAt?: Date } = {}): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO notification (id, tenant_id, user_id, kind, href, params, email_status, created_at, read_at)
     VALUES (gen_random_uuid(), $1, $2, 'plan_returned', $3, '{"clientName":"Klient dawny"}', 'SENT', $4, $5) RETURNING id`,
    [user.tenantId, user.id, overrides.href ?? "/paths/00000000-0000-4000-8000-000000000001?tab=plan", new Date(Date.now() - daysAgo * DAY_MS), overrides.readAt ?? null],
  );
  if (!row) throw new Error("setup");
  return row.id;
}

const readAtOf = async (id: string) => (await ownerQuery<{ read_at: Date | null }>(`SELECT read_at FROM notification WHERE id = $1`, [id]))[0]?.read_at;
const sessionOf = async (user: TUserRow) => loadSessionContext(await sessionClaimsFor(user));

describe("the list", () => {
  it("shows the caller's own notifications only, newest first — never another user's, never another tenant's", async () => {
    const annas = await notifyMany(anna, 3);
    const piotrs = await notifyMany(piotr, 2);
    const strangers = await notifyMany(stranger, 2);

    const page = await getNotificationsPage(contextFor(anna));
    expect(page.result.items.map((n) => n.id)).toEqual(annas);
    expect(page.result.total).toBe(3);
    expect(page.result.items[0]).toMatchObject({ kind: "plan_submitted", read: false, values: { clientName: "Klient 3", number: 3 } });
    expect((await getNotificationsPage(contextFor(piotr))).result.items.map((n) => n.id)).toEqual(piotrs);
    expect((await getNotificationsPage(contextFor(stranger))).result.items.map((n) => n.id)).toEqual(strangers);
  });

  it("pages through them and filters the unread", async () => {
    const ids = await notifyMany(anna, NOTIFICATIONS_PAGE_SIZE + 3);
    const ctx = contextFor(anna);

    const first = await getNotificationsPage(ctx, { page: "1" });
    const second = await getNotificationsPage(ctx, { page: "2" });
    expect(first.result).toMatchObject({ total: ids.length, pageCount: 2, page: 1 });
    expect([...first.result.items, ...second.result.items].map((n) => n.id)).toEqual(ids);

    await markNotificationRead(ctx, ids[0] ?? "");
    await markNotificationRead(ctx, ids[5] ?? "");
    const unread = await getNotificationsPage(ctx, { filter: "unread" });
    expect(unread.filter).toBe("unread");
    expect(unread.result.total).toBe(ids.length - 2);
    expect(unread.result.items.every((n) => !n.read)).toBe(true);
    expect(unread.result.items.map((n) => n.id)).not.toContain(ids[0]);
    // A malformed filter or page is the whole list's first page, not an error.
    expect(await getNotificationsPage(ctx, { filter: "everything", page: "-3" })).toMatchObject({ filter: "all", result: { page: 1, total: ids.length } });
  });

  it("shows an empty list to a user with none", async () => {
    await notifyMany(piotr, 2);
    expect(await getNotificationsPage(contextFor(anna))).toEqual({
      filter: "all",
      unread: 0,
      result: { items: [], total: 0, page: 1, pageSize: NOTIFICATIONS_PAGE_SIZE, pageCount: 1 },
    });
  });

  it("costs the session check and one short transaction (the page budget is 10)", async () => {
    await notifyMany(anna, 3);
    const statements = await pageStatements(anna, (ctx) => getNotificationsPage(ctx, { filter: "unread" }));
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(6);
    expect(statements.filter((s) => /^\s*BEGIN/i.test(s))).toHaveLength(1);
  });
});

describe("the unread count", () => {
  it("is the same in the list, in countUnread and in the session check (the bell), and falls as notifications are read", async () => {
    const ids = await notifyMany(anna, 4);
    await notifyMany(piotr, 2);
    await notifyMany(stranger, 5);
    const ctx = contextFor(anna);
    const counts = async () => [(await getNotificationsPage(ctx)).unread, await countUnread(ctx), (await sessionOf(anna))?.unreadNotifications];

    expect(await counts()).toEqual([4, 4, 4]);
    await markNotificationRead(ctx, ids[1] ?? "");
    expect(await counts()).toEqual([3, 3, 3]);
    expect((await sessionOf(piotr))?.unreadNotifications).toBe(2);
    expect((await sessionOf(stranger))?.unreadNotifications).toBe(5);
  });

  it("comes with the session check in its one statement, and leaves no tenant on the pool's connections", async () => {
    await notifyMany(anna, 2);
    const claims = await sessionClaimsFor(anna);
    const { result, statements } = await recordStatements(() => loadSessionContext(claims));
    expect(result?.unreadNotifications).toBe(2);
    expect(statements).toHaveLength(1);
    // Every connection of the pool (10 in tests), touched at once: none carries a tenant.
    const settings = await Promise.all(
      Array.from({ length: 10 }, () => prisma.$queryRaw<{ tenant: string }[]>`SELECT coalesce(current_setting('app.tenant_id', true), '') AS tenant`),
    );
    expect(settings.flat().map((row) => row.tenant)).toEqual(Array.from({ length: 10 }, () => ""));
  });
});

describe("marking read", () => {
  it("marks the caller's notification read once (reading it again keeps the first time) and returns where it leads", async () => {
    const [id = ""] = await notifyMany(anna, 1);
    const [stored] = await ownerQuery<{ href: string }>(`SELECT href FROM notification WHERE id = $1`, [id]);

    expect(await markNotificationRead(contextFor(anna), id)).toEqual({ id, href: stored?.href });
    const firstRead = await readAtOf(id);
    expect(firstRead).toBeInstanceOf(Date);
    await markNotificationRead(contextFor(anna), id);
    expect(await readAtOf(id)).toEqual(firstRead);
  });

  it("answers NOT_FOUND for another user's, another tenant's, a missing and a malformed id alike, and changes nothing", async () => {
    const [piotrs = ""] = await notifyMany(piotr, 1);
    const [strangers = ""] = await notifyMany(stranger, 1);
    const ctx = contextFor(anna);

    const answers = [];
    for (const id of [piotrs, strangers, randomUUID(), "not-a-uuid", `${randomUUID()}' OR '1'='1`]) {
      const error = await appErrorOf(markNotificationRead(ctx, id));
      answers.push({ code: error.code, message: error.message });
    }
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ code: "NOT_FOUND", message: "Notification not found" })));
    expect(await readAtOf(piotrs)).toBeNull();
    expect(await readAtOf(strangers)).toBeNull();
    // The foreign tenant's own user still reads it.
    expect((await markNotificationRead(contextFor(stranger), strangers)).id).toBe(strangers);
  });

  it("never leads outside the app: a stored link that is not an app path leads to the list", async () => {
    const hrefs = ["//evil.example/x", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/\t/evil.example"];
    for (const href of hrefs) {
      const id = await insertNotification(anna, 1, { href });
      expect((await markNotificationRead(contextFor(anna), id)).href, href).toBe("/notifications");
    }
    const ok = await insertNotification(anna, 1, { href: "/clients/00000000-0000-4000-8000-000000000002?tab=team#x" });
    expect((await markNotificationRead(contextFor(anna), ok)).href).toBe("/clients/00000000-0000-4000-8000-000000000002?tab=team#x");
  });

  it("marks all of the caller's kept notifications read, and no one else's", async () => {
    await notifyMany(anna, 3);
    const piotrs = await notifyMany(piotr, 2);
    const strangers = await notifyMany(stranger, 1);
    const alreadyRead = await insertNotification(anna, 2, { readAt: new Date(Date.now() - DAY_MS) });
    const before = await readAtOf(alreadyRead);

    expect(await markAllNotificationsRead(contextFor(anna))).toEqual({ marked: 3 });
    expect(await countUnread(contextFor(anna))).toBe(0);
    expect(await readAtOf(alreadyRead)).toEqual(before);
    for (const id of [...piotrs, ...strangers]) expect(await readAtOf(id)).toBeNull();
    expect(await markAllNotificationsRead(contextFor(anna))).toEqual({ marked: 0 });
  });
});

describe(`kept ${NOTIFICATION_RETENTION_DAYS} days`, () => {
  it("lists, counts and opens a notification of the last 90 days, and no older one — even before the cleanup deletes it", async () => {
    const recent = await insertNotification(anna, NOTIFICATION_RETENTION_DAYS - 1);
    const old = await insertNotification(anna, NOTIFICATION_RETENTION_DAYS + 1);
    const ctx = contextFor(anna);

    const page = await getNotificationsPage(ctx);
    expect(page.result.items.map((n) => n.id)).toEqual([recent]);
    expect(page.unread).toBe(1);
    expect(await countUnread(ctx)).toBe(1);
    expect((await sessionOf(anna))?.unreadNotifications).toBe(1);
    expect((await appErrorOf(markNotificationRead(ctx, old))).code).toBe("NOT_FOUND");
    expect(await markAllNotificationsRead(ctx)).toEqual({ marked: 1 });
    expect(await readAtOf(old)).toBeNull();
  });
});
