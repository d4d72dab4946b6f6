import { describe, expect, it } from "vitest";
import { QUEUE_LABELS, queueLabelKey } from "@/lib/domain/jobs/queue-labels";
import { NOTIFICATION_RETENTION_DAYS } from "@/lib/domain/notifications/kinds";
import { appPathOf, notificationsKeptSince, notificationTextValues } from "@/lib/domain/notifications/policy";
import { QUEUES } from "@/lib/jobs/queues";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";

describe("appPathOf: where following a notification may lead", () => {
  it("keeps a path of the app, with its query and fragment", () => {
    expect(appPathOf("/paths/7f1c0a52-5d1e-4c55-9d87-0d1f1f0a0b11?tab=plan")).toBe("/paths/7f1c0a52-5d1e-4c55-9d87-0d1f1f0a0b11?tab=plan");
    expect(appPathOf("/clients/abc?tab=team#members")).toBe("/clients/abc?tab=team#members");
    expect(appPathOf("/dashboard")).toBe("/dashboard");
  });

  it("refuses anything that would leave the app (no open redirect)", () => {
    for (const href of [
      "https://evil.example/",
      "//evil.example/paths",
      "/\\evil.example",
      "\\\\evil.example",
      "javascript:alert(1)",
      "/\t/evil.example",
      "/\n/evil.example",
      " /paths/x",
      "paths/x",
      "",
    ]) {
      expect(appPathOf(href), JSON.stringify(href)).toBeNull();
    }
  });
});

describe("notificationsKeptSince", () => {
  it(`is ${NOTIFICATION_RETENTION_DAYS} days before now`, () => {
    const now = new Date("2026-12-03T10:00:00Z");
    expect(notificationsKeptSince(now).toISOString()).toBe("2026-09-04T10:00:00.000Z");
  });
});

describe("notificationTextValues", () => {
  it("passes strings and numbers, reads null as empty text, and leaves out other shapes", () => {
    expect(notificationTextValues({ clientName: "Jan Kowalski", number: 2, since: null, nested: { a: 1 }, list: [1], flag: true, nan: Number.NaN })).toEqual({
      clientName: "Jan Kowalski",
      number: 2,
      since: "",
    });
    expect(notificationTextValues(null)).toEqual({});
    expect(notificationTextValues(["x"])).toEqual({});
  });
});

describe("queue labels", () => {
  it("name every queue, and an unknown one, in pl and en", () => {
    const keys = [...Object.values(QUEUES).map(queueLabelKey), queueLabelKey("some.retired.queue")];
    expect(keys).toContain("jobs.queues.unknown");
    expect(Object.keys(QUEUE_LABELS).sort()).toEqual(Object.values(QUEUES).sort());
    const at = (messages: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
    expect(keys.filter((key) => typeof at(pl, key) !== "string" || typeof at(en, key) !== "string")).toEqual([]);
  });
});
