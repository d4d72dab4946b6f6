/**
 * Where the integration tier's database lives. The run builds it from the migrations itself
 * (scripts/lib/throwaway-db.mjs) and refuses any server that is not on this machine and any
 * database whose name does not end in `_test`, so a stray URL can never be wiped.
 */
import { appRoleUrl, assertThrowawayDatabase, TEST_DATABASE_NAME, throwawayDatabase } from "../../scripts/lib/throwaway-db.mjs";

export { appRoleUrl };

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/owes_test";

/** Throws unless `url` is a local database named `…_test`; returns it parsed. */
export function assertLocalDatabase(url: string): URL {
  return assertThrowawayDatabase(url, TEST_DATABASE_NAME).url;
}

/** The integration database, checked by the guard above before anything can drop or truncate it. */
export function integrationDatabase() {
  return throwawayDatabase(TEST_DATABASE_URL, TEST_DATABASE_NAME);
}
