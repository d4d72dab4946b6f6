import pl from "@/lib/i18n/messages/pl.json" with { type: "json" };
import { ownerQuery } from "./support/database";
import { expect, test } from "./support/fixtures";
import { clientId, createFixtureService, createFixtureTenant, signInAs, type TFixtureTenant } from "./support/tenant";

/**
 * The same meeting entered a second time — the back button and a new form, so a new idempotency
 * key — is a warning before anything is saved: it names the saved record, keeps what was typed,
 * and "save anyway" logs the second meeting.
 */
const S = pl.services;
const CLIENT = "Spółdzielnia Socjalna Powtórka";

let centre: TFixtureTenant<"advisor">;
let earlierId: string;

test.beforeAll(async () => {
  centre = await createFixtureTenant({
    users: { advisor: { name: "Doradca Powtórka", role: "KEY_ADVISOR" } },
    clients: [{ name: CLIENT, kind: "SOCIAL_COOPERATIVE", keyAdvisor: "advisor" }],
  });
  // Today, 60 minutes of advisory for the client, logged by the advisor.
  earlierId = await createFixtureService(centre, centre.users.advisor, [CLIENT], "Pierwszy wpis spotkania");
});

const liveRecords = async () =>
  (
    await ownerQuery<{ n: number }>(
      `SELECT count(*)::int AS n FROM service_participation p JOIN service_record r ON r.id = p.service_id
       WHERE p.tenant_id = $1 AND p.client_id = $2 AND r.deleted_at IS NULL`,
      [centre.id, clientId(centre, CLIENT)],
    )
  )[0]?.n;

test("a likely duplicate is a warning that links the saved record, keeps the typed values and saves on confirmation", async ({ page, visit, scan }) => {
  await signInAs(page, centre.users.advisor);
  await visit("/services");
  const entry = page.getByRole("form", { name: S.newTitle });
  await entry.getByRole("checkbox", { name: CLIENT, exact: true }).check();
  await entry.getByRole("spinbutton", { name: S.fields.durationMinutes }).fill("60");
  await entry.getByRole("combobox", { name: S.fields.supportType }).selectOption("ADVISORY");
  await entry.getByRole("textbox", { name: S.fields.topic }).fill("Drugi wpis tego samego spotkania");
  await entry.getByRole("button", { name: S.submit }).click();

  const warning = page.getByTestId("possible-duplicate-service");
  await expect(warning).toBeVisible();
  await expect(warning).toHaveAttribute("role", "alert");
  await expect(warning).toBeFocused();
  await expect(warning.getByRole("link", { name: S.duplicate.open })).toHaveAttribute("href", `/services/${earlierId}/edit?back=%2Fservices`);
  await expect(page.getByTestId("service-saved")).toHaveCount(0);
  await expect(entry.getByRole("textbox", { name: S.fields.topic })).toHaveValue("Drugi wpis tego samego spotkania");
  expect(await liveRecords()).toBe(1);
  await scan();

  await warning.getByRole("button", { name: S.duplicate.saveAnyway }).click();
  await expect(page.getByTestId("service-saved")).toBeVisible();
  await expect(warning).toHaveCount(0);
  expect(await liveRecords()).toBe(2);
  await expect(page.getByTestId("service-row").filter({ hasText: "Drugi wpis tego samego spotkania" })).toHaveCount(1);
});
