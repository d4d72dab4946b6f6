import { defineConfig, devices } from "@playwright/test";

/**
 * End-to-end tests run against a production build, served by scripts/server.mjs as `npm start`
 * serves it, on the e2e database that scripts/e2e.mjs prepares.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;
/** The mail catcher of the run (tests/e2e/support/mail.ts reads it). */
const MAIL_SMTP_PORT = Number(process.env.E2E_MAIL_SMTP_PORT ?? 3125);
const MAIL_HTTP_PORT = Number(process.env.E2E_MAIL_HTTP_PORT ?? 3180);
const MAIL_URL = `http://127.0.0.1:${MAIL_HTTP_PORT}`;
/** webServer.env replaces the environment: pass it on, without undefined values. */
const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  reporter: [["list"]],
  // A whole journey (a path from identification to closing, two browsers) takes ~55 s on an idle
  // 2-core machine; CI shares those cores with PostgreSQL and the server: two minutes each.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    locale: "pl-PL",
    timezoneId: "Europe/Warsaw",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  // The mail catcher first (a real SMTP server whose caught mail tests read over HTTP), then the app
  // with the background worker in its process, sending through the catcher.
  webServer: [
    {
      command: `node scripts/mail-catcher.mjs --smtp-port ${MAIL_SMTP_PORT} --http-port ${MAIL_HTTP_PORT}`,
      url: `${MAIL_URL}/messages.json`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      command: `node scripts/server.mjs -H 127.0.0.1 -p ${PORT}`,
      url: `${baseURL}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...env, SMTP_URL: `smtp://127.0.0.1:${MAIL_SMTP_PORT}`, APP_URL: baseURL, JOBS_IN_PROCESS: "true" },
    },
  ],
});
