import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { demoAccount, expect, signIn, test } from "./support/fixtures";

/**
 * Need-to-know inside a centre: the manager adds the animator to a client's team; the animator
 * then opens that client and logs a service for them, while a client outside their team answers
 * like a missing one; a key advisor cannot open another advisor's client edit form.
 */
const T = pl.clients.team;
const S = pl.services;
const NOT_FOUND = pl.errorPages.notFound.title;

const manager = demoAccount("MANAGER");
const animator = demoAccount("ANIMATOR");
const ANIMATOR_NAME = "Magdalena Jankowska";

/** This journey's own client: carried by doradca2 (Fundacja Busko), with no team yet. */
async function createOwnClient(): Promise<{ id: string; name: string }> {
  const name = `Stowarzyszenie Zespół ${randomUUID().slice(0, 8)}`;
  const [row] = await ownerQuery<{ id: string }>(
    `WITH t AS (SELECT id FROM tenant WHERE slug = 'sowes'),
          a AS (SELECT u.id FROM "user" u JOIN t ON u.tenant_id = t.id WHERE u.email = 'doradca2@sowes.example.pl'),
          c AS (
            INSERT INTO client (id, tenant_id, kind, name, name_normalized, status, key_advisor_id, town, updated_at)
            SELECT gen_random_uuid(), t.id, 'NGO', $1, lower($1), 'ACTIVE', a.id, 'Busko-Zdrój', now() FROM t, a
            RETURNING id, tenant_id, key_advisor_id)
     INSERT INTO client_assignment (id, tenant_id, client_id, advisor_id, assigned_by_id)
     SELECT gen_random_uuid(), c.tenant_id, c.id, c.key_advisor_id, c.key_advisor_id FROM c
     RETURNING client_id AS id`,
    [name],
  );
  if (!row) throw new Error("client not created");
  return { id: row.id, name };
}

async function clientIdByName(name: string): Promise<string> {
  const [row] = await ownerQuery<{ id: string }>(
    `SELECT c.id FROM client c JOIN tenant t ON t.id = c.tenant_id WHERE t.slug = 'sowes' AND c.name = $1`,
    [name],
  );
  if (!row) throw new Error(`no demo client ${name}`);
  return row.id;
}

async function expectNotFound(page: Page) {
  await expect(page.getByRole("heading", { level: 1, name: NOT_FOUND })).toBeVisible();
}

test.describe.configure({ mode: "serial" });

let client: { id: string; name: string };

test.beforeAll(async () => {
  client = await createOwnClient();
});

test("the manager adds the animator to a client's team", async ({ page, visit, scan }) => {
  await signIn(page, manager);
  await visit(`/clients/${client.id}?tab=team`);
  const team = page.getByTestId("client-team");
  await expect(team.getByRole("heading", { name: T.title })).toBeVisible();
  await expect(team).toContainText(T.noMembers);

  const form = team.getByRole("form", { name: T.addTitle });
  // The end date before the start is refused next to the field, and nothing is lost.
  await form.getByRole("combobox", { name: T.member }).selectOption({ label: `${ANIMATOR_NAME} (${pl.roles.ANIMATOR})` });
  await form.getByRole("combobox", { name: T.role }).selectOption("ANIMATOR");
  await form.getByLabel(T.endsOn).fill("2020-01-01");
  await form.getByRole("button", { name: T.add }).click();
  await expect(form.getByText(pl.validation.endBeforeStart)).toBeVisible();
  await form.getByLabel(T.endsOn).fill("");
  await form.getByRole("button", { name: T.add }).click();

  await expect(team.getByTestId("team-members").getByRole("listitem").filter({ hasText: ANIMATOR_NAME })).toContainText(T.roles.ANIMATOR);
  await expect(team.getByRole("button", { name: T.remove.replace("{name}", ANIMATOR_NAME) })).toBeVisible();
  await scan();
});

test("the animator logs a service for the client of their team and cannot open a client outside it", async ({ page, visit, scan }) => {
  await signIn(page, animator);
  await visit(`/clients/${client.id}?tab=team`);
  await expect(page.getByRole("heading", { level: 1, name: client.name })).toBeVisible();
  // A team member reads the record but does not change it or its team.
  await expect(page.getByTestId("team-members")).toContainText(ANIMATOR_NAME);
  await expect(page.getByRole("link", { name: pl.clients.details.edit })).toHaveCount(0);
  await expect(page.getByRole("form", { name: T.addTitle })).toHaveCount(0);

  // Logging is a step they take, not a form the page opens with.
  await expect(page.getByRole("form", { name: S.newTitle })).toHaveCount(0);
  await page.getByRole("link", { name: pl.clients.logService }).click();
  const entry = page.getByRole("form", { name: S.newTitle });
  await expect(entry.getByRole("checkbox", { name: client.name })).toBeChecked();
  await entry.getByRole("spinbutton", { name: S.fields.durationMinutes }).fill("90");
  await entry.getByRole("combobox", { name: S.fields.supportType }).selectOption("ANIMATION");
  await entry.getByRole("textbox", { name: S.fields.topic }).fill("Spotkanie animacyjne zespołu");
  await entry.getByRole("button", { name: S.submit }).click();
  await expect(page.getByTestId("service-saved")).toBeVisible();
  await scan();
  await expect(page.getByTestId("client-services-total")).toContainText("1 h 30 min");

  // doradca1's client, outside the animator's team: found in search with minimal data only…
  const outside = "Barbara Sikora";
  await visit(`/clients?q=${encodeURIComponent(outside)}`);
  await expect(page.getByRole("rowheader", { name: outside })).toBeVisible();
  await expect(page.getByRole("link", { name: outside, exact: true })).toHaveCount(0);
  // …and its page, history and services do not exist for them.
  const outsideId = await clientIdByName(outside);
  for (const path of [`/clients/${outsideId}`, `/clients/${outsideId}/services`]) {
    await visit(path);
    await expectNotFound(page);
  }
});

test("a key advisor cannot open another advisor's client edit form, and opens their own", async ({ page, visit }) => {
  await signIn(page, demoAccount("KEY_ADVISOR"));
  // doradca1 (Fundacja Busko) and doradca4's client.
  const other = await clientIdByName("Tadeusz Wilk");
  await visit(`/clients/${other}/edit`);
  await expectNotFound(page);
  const own = await clientIdByName("Jan Nowicki");
  await visit(`/clients/${own}/edit`);
  await expect(page.getByRole("heading", { level: 1, name: pl.clients.editTitle.replace("{name}", "Jan Nowicki") })).toBeVisible();
});
