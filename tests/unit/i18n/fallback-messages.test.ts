import { describe, expect, it } from "vitest";
import { FALLBACK_MESSAGES } from "@/lib/i18n/fallback-messages";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";

/** Every leaf of `subset` as [dotted key, value]. */
function leaves(subset: unknown, prefix = ""): [string, unknown][] {
  if (subset && typeof subset === "object") {
    return Object.entries(subset).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [[prefix, subset]];
}

const at = (messages: unknown, key: string) => key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);

describe("the global error page's own copy of its messages", () => {
  it.each([
    ["pl", FALLBACK_MESSAGES.pl, pl],
    ["en", FALLBACK_MESSAGES.en, en],
  ] as const)("%s says exactly what the messages file says", (_locale, copy, messages) => {
    const entries = leaves(copy);
    expect(entries.length).toBeGreaterThan(5);
    expect(Object.fromEntries(entries.map(([key]) => [key, at(messages, key)]))).toEqual(Object.fromEntries(entries));
  });
});
