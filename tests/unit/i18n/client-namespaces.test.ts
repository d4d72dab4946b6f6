import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLIENT_MESSAGES, pickMessages, type TClientSegment } from "@/lib/i18n/client-namespaces";
import { FALLBACK_MESSAGES } from "@/lib/i18n/fallback-messages";
import pl from "@/lib/i18n/messages/pl.json";
import { covers, minimalPaths, readRouteFile, ROOT, routeFiles } from "./client-graph";

/**
 * The browser gets only the messages of lib/i18n/client-namespaces.ts. This reads every route
 * file's client components (tests/unit/i18n/client-graph.ts) and fails when one of them reads a
 * message its segment's provider does not give — it would show its key instead, at runtime — or
 * when an entry there is read by no client component of its segment.
 */

const segments = Object.keys(CLIENT_MESSAGES) as TClientSegment[];

function leaves(value: unknown, prefix = ""): string[] {
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  return [prefix];
}

const exists = (messagePath: string) => messagePath.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], pl) !== undefined;

/** The segment whose provider a route file renders under, or "global-error" for the boundary that replaces the root layout. */
function providerOf(file: string): TClientSegment | "global-error" | "none" {
  const parts = path.posix.dirname(file).split("/").slice(1); // without "app"
  const name = path.posix.basename(file);
  if (name === "global-error.tsx") return "global-error";
  // A layout's own components render outside the provider it puts around its children.
  if (name === "layout.tsx") {
    if (parts.length === 0) return "none";
    parts.pop();
  }
  for (let n = parts.length; n > 0; n--) {
    const segment = parts.slice(0, n).join("/");
    if (segment in CLIENT_MESSAGES) return segment as TClientSegment;
  }
  return "";
}

function provided(provider: ReturnType<typeof providerOf>): readonly string[] {
  if (provider === "none") return [];
  if (provider === "global-error") return leaves(FALLBACK_MESSAGES.pl);
  return CLIENT_MESSAGES[provider];
}

const routes = routeFiles().map((file) => ({ ...readRouteFile(file), provider: providerOf(file) }));

describe("the messages each page's client components read in the browser", () => {
  it("finds the route files and their client components", () => {
    expect(routes.length).toBeGreaterThan(30);
    const account = routes.find((r) => r.file === "app/(app)/account/page.tsx");
    expect(account?.clientModules).toContain("components/account/change-password-form.tsx");
    expect(account?.needs).toContain("account.newPassword");
  });

  it("can read every translation call of a client component", () => {
    expect(routes.flatMap((r) => r.problems)).toEqual([]);
  });

  it("are messages of the catalogue", () => {
    const unknown = [...new Set(routes.flatMap((r) => r.needs))].filter((n) => !exists(n));
    expect(unknown).toEqual([]);
  });

  it("are all given by the provider above them", () => {
    const missing = routes.flatMap(({ file, provider, needs }) => {
      const absent = needs.filter((n) => !covers(provided(provider), n));
      return absent.length === 0 ? [] : [`${file} reads ${absent.join(", ")}: add to CLIENT_MESSAGES["${String(provider)}"] in lib/i18n/client-namespaces.ts`];
    });
    expect(missing).toEqual([]);
  });
});

describe("the reading of a page's client components (tests/unit/i18n/fixtures)", () => {
  const fixture = readRouteFile("tests/unit/i18n/fixtures/page.tsx");

  it("follows the client components and what they import, but not what they import for types", () => {
    expect(fixture.clientModules).toEqual(["tests/unit/i18n/fixtures/shared.tsx", "tests/unit/i18n/fixtures/widget.tsx"]);
  });

  it("takes the keys a literal names, the part a template names, and the whole namespace for any other key", () => {
    expect(fixture.needs).toEqual([
      "caseload.load.spoken",
      "clients.fields", // the translator is passed on
      "common.cancel",
      "common.save",
      "paths.fields.direction",
      "paths.openPath",
      "paths.steps",
      "validation", // a key from a variable
    ]);
    expect(fixture.problems).toEqual([]);
  });
});

describe("lib/i18n/client-namespaces.ts", () => {
  it("names messages of the catalogue", () => {
    const unknown = segments.flatMap((s) => CLIENT_MESSAGES[s].filter((entry) => !exists(entry)).map((entry) => `${s || "(root)"}: ${entry}`));
    expect(unknown).toEqual([]);
  });

  it("gives a segment only what a client component under it reads", () => {
    const unused = segments.flatMap((segment) => {
      const needs = minimalPaths(routes.filter((r) => r.provider === segment).flatMap((r) => r.needs));
      const read = (entry: string) => needs.some((n) => n === entry || n.startsWith(`${entry}.`) || entry.startsWith(`${n}.`));
      return [...new Set(CLIENT_MESSAGES[segment])].filter((entry) => !read(entry)).map((entry) => `${segment || "(root)"}: ${entry}`);
    });
    expect(unused).toEqual([]);
  });

  it("gives the browser well under the whole catalogue on any page", () => {
    const size = (paths: readonly string[]) => JSON.stringify(pickMessages(pl, paths)).length;
    const catalogue = JSON.stringify(pl).length;
    for (const segment of segments) expect(size(CLIENT_MESSAGES[""]) + (segment ? size(CLIENT_MESSAGES[segment]) : 0)).toBeLessThan(catalogue * 0.45);
  });
});

describe("the providers", () => {
  const layoutOf = (segment: string) => path.join(ROOT, "app", segment, "layout.tsx");

  it("each segment has a layout that provides its messages, and the root layout the root's", () => {
    const wrong = segments.filter((segment) => {
      const file = layoutOf(segment);
      return !existsSync(file) || !readFileSync(file, "utf8").includes(`<ClientMessages segment="${segment}">`);
    });
    expect(wrong).toEqual([]);
  });

  it("no other component provides messages: a provider without a messages prop sends the whole catalogue", () => {
    const allowed = ["components/i18n/client-messages.tsx", "app/global-error.tsx"];
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        const file = `${dir}/${entry.name}`;
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name) && !allowed.includes(file) && /<(NextIntlClientProvider|IntlProvider)\b/.test(readFileSync(path.join(ROOT, file), "utf8"))) offenders.push(file);
      }
    };
    ["app", "components", "lib"].forEach(walk);
    expect(offenders).toEqual([]);
  });

  it("a layout names its own segment", () => {
    const misnamed = routes
      .filter((r) => r.file.endsWith("/layout.tsx"))
      .flatMap((r) => {
        const named = /<ClientMessages segment="([^"]*)">/.exec(readFileSync(path.join(ROOT, r.file), "utf8"))?.[1];
        const own = path.posix.dirname(r.file).slice("app".length).replace(/^\//, "");
        return named === undefined || named === own ? [] : [`${r.file} provides "${named}"`];
      });
    expect(misnamed).toEqual([]);
  });
});

describe("pickMessages", () => {
  const messages = { a: { b: "1", c: { d: "2", e: "3" } }, f: "4", g: { h: "5" } };

  it("keeps the named namespaces, parts and messages, nested as they were", () => {
    expect(pickMessages(messages, ["a.c.d", "f"])).toEqual({ a: { c: { d: "2" } }, f: "4" });
    expect(pickMessages(messages, ["a.c", "a.b"])).toEqual({ a: { c: { d: "2", e: "3" }, b: "1" } });
  });

  it("takes a namespace whole whatever else names a part of it, and skips what does not exist", () => {
    expect(pickMessages(messages, ["a", "a.c.d", "x.y", "f.z"])).toEqual({ a: messages.a, f: "4" });
    expect(pickMessages(messages, ["a.c.d", "a"])).toEqual({ a: messages.a });
  });

  it("never changes the catalogue it picks from", () => {
    const before = JSON.stringify(messages);
    pickMessages(messages, ["a", "a.c.d", "g.h", "g"]);
    expect(JSON.stringify(messages)).toBe(before);
  });
});
