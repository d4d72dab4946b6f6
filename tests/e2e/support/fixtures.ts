import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import demo from "../../../prisma/demo-accounts.json" with { type: "json" };

export const DEMO_PASSWORD = demo.password;

export function demoAccount(role: string, tenant = "sowes") {
  const account = demo.accounts.find((a) => a.role === role && a.tenant === tenant);
  if (!account) throw new Error(`No demo account with role ${role} in ${tenant}`);
  return account;
}

/** WCAG 2.1 A/AA scan of the current page; fails the test with the list of violations. */
export async function expectNoAxeViolations(page: Page) {
  // Next.js may stream the <title> in after the body: scan the page as the user gets it, titled.
  await expect(page).toHaveTitle(/\S/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

/** A message of lib/i18n/messages with its `{name}` placeholders filled in, as the page shows it. */
export function fill(message: string, params: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key]));
}

export async function signIn(page: Page, account: { tenant: string; email: string }, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Identyfikator ośrodka" }).fill(account.tenant);
  await page.getByRole("textbox", { name: "Adres e-mail" }).fill(account.email);
  await page.getByRole("textbox", { name: "Hasło", exact: true }).fill(password);
  await page.getByRole("button", { name: "Zaloguj się" }).click();
  // Settle before the caller navigates: either the app shell or the sign-in error appears.
  await expect(page.getByTestId("signed-in-user").or(page.getByTestId("login-error"))).toBeVisible();
}

/** What next-intl logs in the browser when a client component cannot translate (see use-intl's IntlErrorCode). */
const INTL_ERROR = /\b(MISSING_MESSAGE|INSUFFICIENT_PATH|INVALID_MESSAGE|INVALID_KEY|FORMATTING_ERROR|MISSING_FORMAT|ENVIRONMENT_FALLBACK)\b/;

/**
 * Every page a test visits gets an axe scan: call `visit` instead of `page.goto`, and `scan` after
 * navigations that happen by clicking. (Playwright's `use` is named `provide` here so that the
 * React hooks lint rule does not mistake it for React's `use`.) Every test also fails when a
 * client component could not translate: the browser gets only the messages of
 * lib/i18n/client-namespaces.ts, and a missing one shows its key instead of the text.
 */
export const test = base.extend<{ visit: (path: string) => Promise<void>; scan: () => Promise<void>; intlErrors: void }>({
  intlErrors: [
    async ({ context }, provide) => {
      const errors: string[] = [];
      context.on("console", (message) => {
        if (message.type() === "error" && INTL_ERROR.test(message.text())) errors.push(`${message.location().url}: ${message.text()}`);
      });
      await provide();
      expect(errors, "next-intl errors in the browser").toEqual([]);
    },
    { auto: true },
  ],
  visit: async ({ page }, provide) => {
    await provide(async (path: string) => {
      await page.goto(path);
      await expectNoAxeViolations(page);
    });
  },
  scan: async ({ page }, provide) => {
    await provide(() => expectNoAxeViolations(page));
  },
});

export { expect };
