import type { Page } from "@playwright/test";
import { CLIENT_MESSAGES, pickMessages, type TClientSegment } from "@/lib/i18n/client-namespaces";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { expect, test } from "./support/fixtures";
import { clientId, createFixturePath, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * A page sends the browser only the messages its client components read (lib/i18n/client-namespaces.ts),
 * never the whole catalogue: what each NextIntlClientProvider got is read back from the page's
 * RSC payload as the browser received it with the HTML.
 */

const CATALOGUE_BYTES = Buffer.byteLength(JSON.stringify(pl));
const CLIENT = "Fundacja Lekka Strona";

let centre: TFixtureTenant<"advisor">;
let pathId: string;

test.beforeAll(async () => {
  centre = await createFixtureTenant({
    users: { advisor: { name: "Doradca Lekka", role: "KEY_ADVISOR" } },
    clients: [{ name: CLIENT, kind: "NGO", keyAdvisor: "advisor" }],
  });
  pathId = await createFixturePath(centre, CLIENT);
});

/** Where a JSON object that starts at `start` ends (exclusive). */
function endOfObject(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  throw new Error("unterminated object in the RSC payload");
}

/** The RSC payload inlined in a page's HTML: the strings of its `self.__next_f.push([1, "…"])` scripts. */
function flightData(html: string): string {
  const chunks = [...html.matchAll(/self\.__next_f\.push\((\[.*?\])\)<\/script>/gs)].map((m) => JSON.parse(m[1] ?? "[]") as [number, string?]);
  return chunks.map(([kind, text]) => (kind === 1 ? (text ?? "") : "")).join("");
}

/** The `messages` of every NextIntlClientProvider in the RSC payload of a page's HTML. */
function sentMessages(html: string): unknown[] {
  const flight = flightData(html);
  expect(flight.length, "the page's RSC payload").toBeGreaterThan(1000);
  const found: unknown[] = [];
  const marker = '"messages":';
  for (let at = flight.indexOf(marker); at !== -1; at = flight.indexOf(marker, at + 1)) {
    const start = at + marker.length;
    // An outlined value ("$…") would hide messages from this reading: fail rather than undercount.
    expect(flight[start], `"messages" in the payload is an object: ${flight.slice(at, at + 80)}`).toBe("{");
    found.push(JSON.parse(flight.slice(start, endOfObject(flight, start))));
  }
  return found;
}

const bytes = (messages: unknown[]) => messages.reduce<number>((sum, m) => sum + Buffer.byteLength(JSON.stringify(m)), 0);

/** The longest message of a namespace: text no page renders by chance. */
function longestOf(namespace: keyof typeof pl): string {
  const all = (value: unknown): string[] => (typeof value === "string" ? [value] : Object.values(value as object).flatMap(all));
  return all(pl[namespace])
    .filter((m) => !/["\\]/.test(m))
    .reduce((a, b) => (b.length > a.length ? b : a), "");
}

/**
 * Loads `url` and checks what it sent: exactly the messages of the root and of `segment`, well under
 * the catalogue, and nothing of the namespaces in `absent` anywhere in the page's HTML.
 */
async function expectMessages(page: Page, url: string, segment: TClientSegment, absent: (keyof typeof pl)[]) {
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  const html = (await response?.text()) ?? "";
  const sent = sentMessages(html);
  const expected = segment === "" ? [CLIENT_MESSAGES[""]] : [CLIENT_MESSAGES[""], CLIENT_MESSAGES[segment]];
  // In any order (the payload streams the inner provider first); soft, so a failure names every page that sends too much.
  const inOrder = (list: unknown[]) => list.map((m) => JSON.stringify(m)).sort();
  expect.soft(inOrder(sent), `the messages ${url} sends`).toEqual(inOrder(expected.map((paths) => pickMessages(pl, paths))));
  const sentBytes = bytes(sent);
  console.log(`${url.replace(/[0-9a-f-]{36}/g, ":id")}: ${sentBytes} bytes of messages (catalogue ${CATALOGUE_BYTES})`);
  expect.soft(sentBytes, `bytes of messages ${url} sends`).toBeLessThan(CATALOGUE_BYTES * 0.45);
  for (const namespace of absent) expect.soft(html.includes(longestOf(namespace)), `${url} sends the "${namespace}" messages`).toBe(false);
  return sentBytes;
}

test("a signed-in page sends the messages of its own client components, not the catalogue", async ({ page }) => {
  await expectMessages(page, "/login", "(auth)/login", ["audit", "clients", "paths", "services", "validation"]);

  await signInAs(page, centre.users.advisor);
  // The password form: its own fields and the validation and error messages, nothing of the other areas.
  await expectMessages(page, "/account", "(app)/account", ["audit", "clients", "paths", "services", "caseload", "users", "home"]);
  // A list rendered on the server: only the shell's menu and the error boundaries.
  await expectMessages(page, "/clients", "", ["audit", "clients", "paths", "services", "validation", "errors", "account"]);
  await expect(page.getByRole("link", { name: CLIENT })).toBeVisible();
  await expectMessages(page, `/clients/${clientId(centre, CLIENT)}`, "(app)/clients/[id]", ["audit", "account", "users", "policy", "home"]);
  await expectMessages(page, "/services", "(app)/services", ["audit", "clients", "account", "caseload", "home"]);
  await expectMessages(page, `/paths/${pathId}`, "(app)/paths/[id]", ["audit", "clients", "account", "caseload", "home"]);
});
