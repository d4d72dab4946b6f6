import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import pl from "@/lib/i18n/messages/pl.json";
import { ERROR_CODES } from "@/lib/errors";

function keys(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

describe("translations", () => {
  it("English has exactly the keys of Polish", () => {
    expect(keys(en).sort()).toEqual(keys(pl).sort());
  });

  it("every error code has a message in both languages", () => {
    for (const code of [...Object.keys(ERROR_CODES), "UNEXPECTED"]) {
      expect(pl.errors).toHaveProperty(code);
      expect(en.errors).toHaveProperty(code);
    }
  });

  it("no message is empty", () => {
    const empty = (messages: unknown) => keys(messages).filter((k) => {
      const value = k.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
      return typeof value !== "string" || value.trim() === "";
    });
    expect(empty(pl)).toEqual([]);
    expect(empty(en)).toEqual([]);
  });
});
