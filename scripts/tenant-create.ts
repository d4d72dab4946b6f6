/**
 * Operator command: `npm run tenant:create -- --name "OWES Słupsk" --slug owes-slupsk \
 *   --admin-name "Jan Kowalski" --admin-email jan@example.pl --admin-password '…'`
 * Runs as the database owner (DATABASE_URL). The password may come from OWES_ADMIN_PASSWORD
 * instead of the command line, to keep it out of the shell history.
 */
import { parseArgs } from "node:util";

// Operator tools act as the owner: the app role may not create tenants.
if (process.env.DATABASE_URL) process.env.APP_DATABASE_URL = process.env.DATABASE_URL;
else delete process.env.APP_DATABASE_URL;

async function main() {
  const { values } = parseArgs({
    options: {
      name: { type: "string" },
      slug: { type: "string" },
      "max-clients": { type: "string" },
      "admin-name": { type: "string" },
      "admin-email": { type: "string" },
      "admin-password": { type: "string" },
    },
  });

  const { createTenant } = await import("@/lib/domain/tenancy/create-tenant");
  const { isAppError } = await import("@/lib/errors");
  const { prisma } = await import("@/lib/db/client");

  try {
    const result = await createTenant(
      {
        name: values.name ?? "",
        slug: values.slug ?? "",
        ...(values["max-clients"] ? { maxClientsPerAdvisor: Number(values["max-clients"]) } : {}),
      },
      {
        name: values["admin-name"] ?? "",
        email: values["admin-email"] ?? "",
        password: values["admin-password"] ?? process.env.OWES_ADMIN_PASSWORD ?? "",
      },
    );
    console.log(`Created tenant "${result.tenant.name}" (slug: ${result.tenant.slug}) with its first administrator.`);
  } catch (error) {
    if (isAppError(error)) {
      console.error(`Refused: ${error.code} ${JSON.stringify(error.fieldErrors)}`);
      process.exitCode = 1;
    } else {
      throw error;
    }
  } finally {
    await prisma.$disconnect();
  }
}

void main();
