import { randomUUID } from "node:crypto";
import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, test } from "./support/fixtures";
import { clientId, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * The auditor opens the trail from their dashboard's link (`/audit?entityType=Client&since=<day>`)
 * on a phone: entries read in words — the kind of client, the advisor's name, the reason a path
 * closed — with no id or code, and the page does not scroll sideways.
 */

const CLIENT = "Stowarzyszenie Dziennik Zmian";
let tenant: TFixtureTenant<"auditor" | "advisor">;

test.beforeAll(async () => {
  tenant = await createFixtureTenant({
    users: {
      auditor: { name: "Artur Audytor", role: "AUDITOR" },
      advisor: { name: "Aleksandra Długonazwiskowa-Wielkopolańska", role: "KEY_ADVISOR" },
    },
    clients: [{ name: CLIENT, kind: "NGO", keyAdvisor: "advisor" }],
  });
  const client = clientId(tenant, CLIENT);
  const advisor = tenant.users.advisor.id;
  // What the services write (lib/domain/clients/update-client.ts, lib/domain/caseload/path-load.ts).
  const entry = (action: string, before: object, after: object) =>
    ownerQuery(`INSERT INTO audit_log (id, tenant_id, actor_id, action, entity_type, entity_id, before, after) VALUES ($1, $2, $3, $4, 'Client', $5, $6, $7)`, [
      randomUUID(),
      tenant.id,
      advisor,
      action,
      client,
      JSON.stringify(before),
      JSON.stringify(after),
    ]);
  await entry("client.update", { kind: "SOCIAL_COOPERATIVE", kpresSpheres: [] }, { kind: "NGO", kpresSpheres: ["SOLIDARITY_OF_GENERATIONS"] });
  await entry("client.close", { keyAdvisorId: advisor, status: "ACTIVE" }, { keyAdvisorId: null, status: "CLOSED", reason: "path.closed" });
});

test.use({ viewport: { width: 360, height: 740 } });

test("the auditor reads a record's trail in words on a phone", async ({ page, visit }) => {
  await signInAs(page, tenant.users.auditor);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Warsaw" }).format(new Date());
  await visit(`/audit?entityType=Client&since=${today}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(pl.audit.title);
  await expect(page.getByLabel(pl.audit.sinceFilter)).toHaveValue(today);

  const table = page.getByRole("table", { name: pl.audit.title });
  await expect(table.getByRole("row")).toHaveCount(3);
  for (const words of [pl.clients.kinds.NGO, pl.clients.spheres.SOLIDARITY_OF_GENERATIONS, pl.audit.reasons.path_closed, pl.clients.statuses.CLOSED, tenant.users.advisor.name]) {
    await expect(table).toContainText(words);
  }
  const text = (await table.innerText()).replace(/\s+/g, " ");
  expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  expect(text).not.toMatch(/\b(NGO|CLOSED|ACTIVE|SOCIAL_COOPERATIVE|SOLIDARITY_OF_GENERATIONS)\b|path\.closed|\[\]/);

  // The record's history, named by name, from its link.
  await table.getByRole("link", { name: new RegExp(CLIENT) }).first().click();
  await expect(page.getByText(pl.audit.entityHistoryOf)).toContainText(CLIENT);

  const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(scroll).toBeLessThanOrEqual(0);
});
