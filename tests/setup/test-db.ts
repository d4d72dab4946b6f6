/**
 * Where the integration tier's database lives. The run builds it from the migrations itself and
 * refuses any server that is not on this machine, so a stray DATABASE_URL can never be wiped.
 */
const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/owes_test";

export function assertLocalDatabase(url: string): URL {
  const parsed = new URL(url);
  if (!LOCAL_HOSTS.has(parsed.hostname)) {
    throw new Error(`Refusing to run integration tests against non-local database host "${parsed.hostname}"`);
  }
  return parsed;
}

/** The same database reached as the application's role (subject to row-level security). */
export function appRoleUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.username = "owes_app";
  url.password = "";
  return url.toString();
}

/** The maintenance database on the same server, for CREATE/DROP DATABASE. */
export function maintenanceUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  url.pathname = "/postgres";
  return url.toString();
}
