import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { withDatabaseUnreachable } from "./support/database";
import { expect, test } from "./support/fixtures";
import { startInstance, stopAll, type TInstance } from "./support/cluster";
import { createFixtureTenant, signInAs } from "./support/tenant";

/**
 * Issue 19, logs: an instance of its own (its output is the test's to read) fails a page while the
 * database is away. The error page shows the user a reference and nothing technical; the instance's
 * log has one JSON line (pino) that carries that reference together with the request's id, the one
 * the response's X-Request-Id header named — so support can go from what the user reads to what
 * the server logged.
 */

const PORT = Number(process.env.E2E_OBSERVABILITY_PORT ?? 3311);

let instance: TInstance;

test.describe.configure({ timeout: 180_000 });
test.use({ baseURL: `http://127.0.0.1:${PORT}` });

test.beforeAll(async () => {
  instance = await startInstance(PORT, { env: { JOBS_IN_PROCESS: "false" } });
});

test.afterAll(async () => {
  await stopAll();
});

/** The instance's JSON log lines (pino's, which start with the level); Next.js prints lines of its own beside them. */
function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split("\n")
    .filter((line) => line.startsWith(`{"level":`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test("a failed page's reference and its request id meet in one JSON log line", async ({ page }) => {
  const centre = await createFixtureTenant({ users: { advisor: { name: "Agnieszka Kamińska", role: "KEY_ADVISOR" } } });
  await signInAs(page, centre.users.advisor);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();

  let requestId: string | undefined;
  let reference = "";
  await withDatabaseUnreachable(async () => {
    const response = await page.goto("/clients");
    requestId = response?.headers()["x-request-id"];
    await expect(page.getByRole("heading", { level: 1, name: pl.errorPages.error.title })).toBeVisible();
    const shown = await page.getByTestId("error-reference").innerText();
    reference = shown.replace(pl.errorPages.error.reference.replace("{digest}", ""), "").trim();
  });
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  expect(reference).toMatch(/^\S+$/);

  await expect
    .poll(() => jsonLines(instance.output()).find((line) => line.message === "request failed" && line.digest === reference), {
      message: "the instance logged the failure under the reference the page shows",
    })
    .toMatchObject({ level: "error", requestId, method: "GET", path: "/clients" });
  // Every JSON line is one object with a level, a time and a message.
  for (const line of jsonLines(instance.output())) {
    expect(line).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), message: expect.any(String) }));
  }
});
