import type { Browser, BrowserContext, Page, Request } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, fill, test } from "./support/fixtures";
import { CLUSTER_PORTS, servedBy, startInstance, startNginx, stopAll, terminate, type TInstance, type TNginx } from "./support/cluster";
import { caughtMail, lastMailId, waitForMail } from "./support/mail";
import { createFixturePath, createFixtureTenant, signInAs, type TFixtureUser } from "./support/tenant";

/**
 * Issue 19: two app instances behind nginx (Debian's), sharing nothing but PostgreSQL. A manager
 * assigns a waiting client to an advisor; the advisor, signed in, has the client. Their requests
 * alternate between the instances (nginx says which answered, in X-Upstream). Then one instance is
 * stopped with SIGTERM: the advisor logs a consultation and submits a plan, the manager looks at the
 * queue, all on the other instance, in the sessions they had. Nothing is lost and nothing is done
 * twice: the database holds each thing once, and each e-mail the background worker sends arrives
 * once, though three workers run (both instances and the run's own server) on the same queues.
 */

const ASSIGNED = "Aleksandra Pawlak";
const PATH_CLIENT = "Elżbieta Mróz";
const TOPIC = "Konsultacja: biznesplan spółdzielni (dwie instancje)";
const ACTION = "Szkolenie z zakładania spółdzielni socjalnej (dwie instancje)";
const P = pl.paths;
const S = pl.services;

function createCentre() {
  return createFixtureTenant({
    partners: ["Fundacja Busko"],
    users: {
      manager: { name: "Ewa Kierownik", role: "MANAGER" },
      advisor: { name: "Agnieszka Kamińska", role: "KEY_ADVISOR", partner: "Fundacja Busko" },
      coordinator: { name: "Piotr Koordynator", role: "COORDINATOR", partner: "Fundacja Busko" },
    },
    // Another client keeps waiting, so the queue (and its confirmation) stays on the page.
    clients: [{ name: PATH_CLIENT, keyAdvisor: "advisor" }, { name: ASSIGNED }, { name: "Stowarzyszenie Seniorzy Ponidzia", kind: "NGO" }],
  });
}

/** Before the stop, while it is under way, after the stopped instance has exited. */
type TPhase = "both" | "stopping" | "one";
type TServed = { phase: TPhase; method: string; url: string; status: number; upstream: string | null };

/**
 * Records which instance answered every page, server action and fetch of a browser context, with
 * the phase its request started in. Static files are left out: the browser may answer those from
 * its cache, with the headers of the instance that first sent them.
 */
function recordUpstreams(context: BrowserContext, phase: () => TPhase, served: TServed[]) {
  const startedIn = new WeakMap<Request, TPhase>();
  context.on("request", (request) => startedIn.set(request, phase()));
  context.on("response", (response) => {
    const request = response.request();
    if (!["document", "fetch", "xhr"].includes(request.resourceType())) return;
    served.push({
      phase: startedIn.get(request) ?? phase(),
      method: request.method(),
      url: response.url(),
      status: response.status(),
      upstream: servedBy(response.headers()["x-upstream"]),
    });
  });
}

async function signedIn(browser: Browser, baseURL: string, user: TFixtureUser, phase: () => TPhase, served: TServed[]): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  recordUpstreams(context, phase, served);
  const page = await context.newPage();
  await signInAs(page, user);
  await expect(page.getByTestId("signed-in-user")).toBeVisible();
  return page;
}

let instances: TInstance[] = [];
let nginx: TNginx;

test.describe.configure({ mode: "serial", timeout: 240_000 });

test.beforeAll(async () => {
  // Behind nginx, as in production: the instances trust the one address nginx appends.
  const appUrl = `http://127.0.0.1:${CLUSTER_PORTS.nginx}`;
  instances = await Promise.all(CLUSTER_PORTS.instances.map((port) => startInstance(port, { appUrl, env: { TRUSTED_PROXY_COUNT: "1" } })));
  nginx = await startNginx(CLUSTER_PORTS.nginx, instances);
});

test.afterAll(async () => {
  await stopAll();
});

test("a journey through nginx alternates between two instances and goes on, losing nothing, when one is stopped", async ({ browser }) => {
  const [stopped, survivor] = instances;
  if (!stopped || !survivor) throw new Error("two instances");
  const centre = await createCentre();
  const pathId = await createFixturePath(centre, PATH_CLIENT, "PLAN");
  const mailBefore = await lastMailId();
  let phase: TPhase = "both";
  const served: TServed[] = [];
  const currentPhase = () => phase;

  // The manager assigns the waiting client to the advisor.
  const manager = await signedIn(browser, nginx.url, centre.users.manager, currentPhase, served);
  await manager.goto("/caseload/queue");
  await manager.getByRole("button", { name: `${pl.caseload.queue.assign} — ${ASSIGNED}` }).click();
  const dialog = manager.getByRole("dialog", { name: fill(pl.caseload.assign.title, { client: ASSIGNED }) });
  await dialog.getByRole("radio", { name: /Agnieszka Kamińska/ }).check();
  await dialog.getByRole("button", { name: pl.caseload.assign.submit, exact: true }).click();
  await expect(manager.getByTestId("assign-done")).toHaveText(fill(pl.caseload.assign.done, { client: ASSIGNED, advisor: "Agnieszka Kamińska" }));
  await expect(manager.getByTestId("queue-row").filter({ hasText: ASSIGNED })).toHaveCount(0);
  await expect(manager.getByTestId("queue-row")).toHaveCount(1);

  // The advisor signs in and has the client.
  const advisor = await signedIn(browser, nginx.url, centre.users.advisor, currentPhase, served);
  await advisor.goto("/my-clients");
  await expect(advisor.getByRole("link", { name: ASSIGNED })).toBeVisible();

  // Both instances have served the journey so far, every response through nginx.
  expect(served.filter((s) => s.upstream === null), "every response names its instance").toEqual([]);
  expect(new Set(served.map((s) => s.upstream)), JSON.stringify(served, null, 1)).toEqual(new Set([stopped.address, survivor.address]));

  // One instance is stopped (as systemd stops it) and exits cleanly.
  phase = "stopping";
  const exit = await terminate(stopped);
  expect(exit, stopped.output()).toEqual({ code: 0, signal: null });
  expect(stopped.output()).toContain("database pool closed");
  phase = "one";

  // The advisor logs a consultation with the new client, in the session they had.
  await advisor.getByRole("link", { name: ASSIGNED }).click();
  await expect(advisor.getByRole("heading", { level: 1, name: ASSIGNED })).toBeVisible();
  await advisor.getByRole("link", { name: pl.clients.logService }).click();
  const entry = advisor.getByRole("form", { name: S.newTitle });
  await expect(entry.getByRole("checkbox", { name: ASSIGNED })).toBeChecked();
  await entry.getByRole("spinbutton", { name: S.fields.durationMinutes }).fill("45");
  await entry.getByRole("combobox", { name: S.fields.supportType }).selectOption("ADVISORY");
  await entry.getByRole("textbox", { name: S.fields.topic }).fill(TOPIC);
  await entry.getByRole("button", { name: S.submit }).click();
  await expect(advisor.getByTestId("service-saved")).toBeVisible();

  // … and submits the plan of the other client's path.
  await advisor.goto(`/paths/${pathId}?tab=plan`);
  await advisor.getByRole("button", { name: P.addAction }).click();
  await advisor.getByRole("combobox", { name: P.fields.supportType }).selectOption({ label: "Szkolenie" });
  await advisor.getByRole("textbox", { name: P.fields.actionDescription }).fill(ACTION);
  await advisor.getByRole("button", { name: P.savePlan }).click();
  await expect(advisor.getByText(P.planSaved)).toBeVisible();
  await advisor.getByRole("button", { name: P.submitPlan }).click();
  await expect(advisor.getByTestId("plan-status")).toContainText(P.planStatuses.SUBMITTED);

  // The manager's session goes on too: the client is no longer waiting.
  await manager.reload();
  await expect(manager.getByRole("heading", { level: 1 })).toHaveText(pl.caseload.queue.title);
  await expect(manager.getByTestId("queue-row")).toHaveCount(1);
  await expect(manager.getByTestId("queue-row").filter({ hasText: ASSIGNED })).toHaveCount(0);

  // Everything after the stop was answered by the other instance (nginx may have tried the stopped
  // one first and been refused), and nothing failed.
  const after = served.filter((s) => s.phase === "one");
  expect(after.length).toBeGreaterThan(0);
  expect(after.filter((s) => s.upstream !== survivor.address)).toEqual([]);
  expect(served.filter((s) => s.status >= 500)).toEqual([]);

  // The e-mails the worker sends: one to the advisor about the assignment, one to the coordinator
  // about the plan. Each notification is marked sent once its mail is out.
  await waitForMail({ to: centre.users.advisor.email, subject: pl.notifications.kinds.client_assigned.mailSubject, since: mailBefore });
  await waitForMail({ to: centre.users.coordinator.email, subject: pl.notifications.kinds.plan_submitted.mailSubject, since: mailBefore });
  const notifications = await ownerQuery<{ id: string; kind: string; user_id: string; email_status: string }>(
    `SELECT id::text, kind, user_id::text, email_status::text FROM notification WHERE tenant_id = $1 ORDER BY kind`,
    [centre.id],
  );
  expect(notifications.map(({ kind, user_id, email_status }) => ({ kind, user_id, email_status }))).toEqual([
    { kind: "client_assigned", user_id: centre.users.advisor.id, email_status: "SENT" },
    { kind: "plan_submitted", user_id: centre.users.coordinator.id, email_status: "SENT" },
  ]);

  // Once: one job per notification, completed at the first attempt, and one message each.
  const jobs = await ownerQuery<{ notification_id: string; state: string; retry_count: number }>(
    `SELECT data->>'notificationId' AS notification_id, state::text, retry_count FROM pgboss.job
      WHERE name = 'notification.email' AND data->>'notificationId' = ANY($1::text[])`,
    [notifications.map((n) => n.id)],
  );
  expect(jobs.map((j) => ({ ...j })).sort((a, b) => a.notification_id.localeCompare(b.notification_id))).toEqual(
    notifications.map((n) => ({ notification_id: n.id, state: "completed", retry_count: 0 })).sort((a, b) => a.notification_id.localeCompare(b.notification_id)),
  );
  const mail = (await caughtMail()).filter((m) => m.id > mailBefore);
  expect(mail.filter((m) => m.to.includes(centre.users.advisor.email))).toHaveLength(1);
  expect(mail.filter((m) => m.to.includes(centre.users.coordinator.email))).toHaveLength(1);

  // Everything the users did is in the database, once.
  const assignments = await ownerQuery<{ advisor_id: string; assigned_by_id: string }>(
    `SELECT a.advisor_id::text, a.assigned_by_id::text FROM client_assignment a JOIN client c ON c.tenant_id = a.tenant_id AND c.id = a.client_id
      WHERE a.tenant_id = $1 AND c.name = $2`,
    [centre.id, ASSIGNED],
  );
  expect(assignments).toEqual([{ advisor_id: centre.users.advisor.id, assigned_by_id: centre.users.manager.id }]);
  const services = await ownerQuery<{ client: string; duration_minutes: number; author_id: string }>(
    `SELECT c.name AS client, r.duration_minutes, r.author_id::text FROM service_record r
       JOIN service_participation p ON p.tenant_id = r.tenant_id AND p.service_id = r.id
       JOIN client c ON c.tenant_id = p.tenant_id AND c.id = p.client_id
      WHERE r.tenant_id = $1 AND r.topic = $2`,
    [centre.id, TOPIC],
  );
  expect(services).toEqual([{ client: ASSIGNED, duration_minutes: 45, author_id: centre.users.advisor.id }]);
  const plans = await ownerQuery<{ number: number; status: string; actions: string[]; submissions: number }>(
    `SELECT v.number, v.status::text,
            (SELECT array_agg(a.description ORDER BY a.position) FROM path_plan_action a WHERE a.tenant_id = v.tenant_id AND a.plan_version_id = v.id) AS actions,
            (SELECT count(*)::int FROM path_plan_event e WHERE e.tenant_id = v.tenant_id AND e.plan_version_id = v.id AND e.kind = 'SUBMITTED') AS submissions
       FROM path_plan_version v WHERE v.tenant_id = $1 AND v.path_id = $2`,
    [centre.id, pathId],
  );
  expect(plans).toEqual([{ number: 1, status: "SUBMITTED", actions: [ACTION], submissions: 1 }]);

  await manager.context().close();
  await advisor.context().close();
});
