import pg from "pg";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, test } from "./support/fixtures";
import { connectionOutcome, startInstance, stopAll, type TInstance } from "./support/cluster";
import { createFixtureTenant, signInAs } from "./support/tenant";

/**
 * Issue 19, graceful shutdown: SIGTERM arrives while a save is inside its transaction. The instance
 * stops taking connections at once, lets the save finish (the user sees it saved, the row is
 * there), stops its background worker, closes its database pool and exits with 0.
 *
 * The save is held in the database, not timed: the test locks the table the save writes, waits
 * until PostgreSQL shows the instance's statement waiting for that lock, sends SIGTERM, checks the
 * port, and only then lets the save through.
 */

const PORT = Number(process.env.E2E_SHUTDOWN_PORT ?? 3310);
const CLIENT = "Aleksandra Pawlak";
const TOPIC = "Konsultacja w chwili zatrzymania serwera";
const S = pl.services;
const ownerUrl = process.env.DATABASE_URL ?? process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/owes_e2e";

let instance: TInstance;

test.describe.configure({ timeout: 180_000 });
test.use({ baseURL: `http://127.0.0.1:${PORT}` });

test.beforeAll(async () => {
  instance = await startInstance(PORT);
});

test.afterAll(async () => {
  await stopAll();
});

/**
 * Sessions of the e2e database that ended because the client went away without saying goodbye
 * (PostgreSQL 14+): a process that exits with its pool open adds one per connection; a pool that
 * was closed adds none.
 */
async function abandonedSessions(): Promise<number> {
  const [row] = await ownerQuery<{ abandoned: number }>(`SELECT sessions_abandoned::int AS abandoned FROM pg_stat_database WHERE datname = current_database()`);
  if (!row) throw new Error("no statistics for the e2e database");
  return row.abandoned;
}

/** The instance's backends in PostgreSQL, by the application_name its pool connects with. */
function backendsOf(applicationName: string) {
  return ownerQuery<{ pid: number; state: string | null; wait_event_type: string | null; blocked_by: number[] }>(
    `SELECT pid, state, wait_event_type, pg_blocking_pids(pid) AS blocked_by FROM pg_stat_activity WHERE application_name = $1`,
    [applicationName],
  );
}

test("SIGTERM during a save: no new connections, the save completes, the worker and the pool close, exit 0", async ({ page }) => {
  const centre = await createFixtureTenant({
    users: { advisor: { name: "Agnieszka Kamińska", role: "KEY_ADVISOR" } },
    clients: [{ name: CLIENT, keyAdvisor: "advisor" }],
  });
  await signInAs(page, centre.users.advisor);
  await page.goto("/services");
  const entry = page.getByRole("form", { name: S.newTitle });
  await entry.getByRole("checkbox", { name: CLIENT, exact: true }).check();
  await entry.getByRole("spinbutton", { name: S.fields.durationMinutes }).fill("30");
  await entry.getByRole("combobox", { name: S.fields.supportType }).selectOption("ADVISORY");
  await entry.getByRole("textbox", { name: S.fields.topic }).fill(TOPIC);

  const abandonedBefore = await abandonedSessions();
  // Hold the table the save inserts into (reads still pass), as the owner, in a connection of the test's own.
  const locker = new pg.Client({ connectionString: ownerUrl, application_name: "owes-e2e-shutdown-lock" });
  await locker.connect();
  let locked = false;
  try {
    await locker.query("BEGIN");
    await locker.query("LOCK TABLE service_record IN SHARE ROW EXCLUSIVE MODE");
    locked = true;
    const lockerPid = (await locker.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]?.pid;

    await entry.getByRole("button", { name: S.submit }).click();
    // The save is in its transaction, waiting for the lock the test holds.
    await expect
      .poll(async () => (await backendsOf(instance.applicationName)).some((b) => b.wait_event_type === "Lock" && b.blocked_by.includes(lockerPid ?? -1)), {
        message: "the save waits for the test's lock",
      })
      .toBe(true);

    instance.process.kill("SIGTERM");
    await expect.poll(() => instance.output(), { message: "the server took the signal" }).toContain("[server] SIGTERM: closing");
    // It no longer takes connections, though it still runs: the save is open.
    await expect.poll(() => connectionOutcome(PORT), { message: "a new connection is refused" }).toBe("refused");
    expect(instance.running()).toBe(true);
    await expect(page.getByTestId("service-saved")).toHaveCount(0);

    await locker.query("ROLLBACK");
    locked = false;
  } finally {
    if (locked) await locker.query("ROLLBACK");
    await locker.end();
  }

  // The save finishes and the user sees it saved.
  await expect(page.getByTestId("service-saved")).toContainText("30 min, 1 klient");
  const rows = await ownerQuery<{ duration_minutes: number; author_id: string }>(
    `SELECT duration_minutes, author_id::text FROM service_record WHERE tenant_id = $1 AND topic = $2`,
    [centre.id, TOPIC],
  );
  expect(rows).toEqual([{ duration_minutes: 30, author_id: centre.users.advisor.id }]);

  // The instance stops its worker, closes its pool (its connections leave PostgreSQL) and exits 0.
  const exit = await instance.exited;
  const log = instance.output();
  expect(exit, log).toEqual({ code: 0, signal: null });
  expect(log).toContain("[server] background worker closed");
  expect(log).toContain("[server] database pool closed");
  expect(log.indexOf("background worker closed")).toBeLessThan(log.indexOf("database pool closed"));
  await expect.poll(async () => (await backendsOf(instance.applicationName)).length, { message: "the instance's connections are gone" }).toBe(0);
  // … closed by the instance, not dropped when its process ended (PostgreSQL counts the session
  // statistics before it removes a backend from pg_stat_activity).
  expect(await abandonedSessions()).toBe(abandonedBefore);
});
