import { integrationDatabase } from "./test-db";

/** Creates the integration database from nothing, through the real `prisma migrate deploy`. */
export default async function setup() {
  await integrationDatabase().recreate();
}
