// Types of scripts/lib/throwaway-db.mjs (plain JavaScript: scripts/e2e.mjs runs under bare Node),
// for the TypeScript that imports it (tests/setup, scripts/bench). See the module.

/** Which database names a caller accepts as throwaway. */
export type TDatabaseNameRule = { readonly pattern: RegExp; readonly description: string };

export type TThrowawayDatabase = {
  readonly ownerUrl: string;
  /** The same database as the application's role `owes_app`. */
  readonly appUrl: string;
  readonly name: string;
  /** Drops the database if it exists, creates it, applies the migrations and lets the app role sign in. */
  recreate(): Promise<void>;
  drop(): Promise<void>;
};

export declare const LOCAL_HOSTS: readonly string[];
export declare const TEST_DATABASE_NAME: TDatabaseNameRule;
export declare const E2E_DATABASE_NAME: TDatabaseNameRule;
export declare const BENCH_DATABASE_NAME: TDatabaseNameRule;
export declare function assertThrowawayDatabase(url: string, rule: TDatabaseNameRule): { url: URL; name: string };
export declare function appRoleUrl(ownerUrl: string): string;
export declare function maintenanceUrl(ownerUrl: string): string;
export declare function throwawayDatabase(ownerUrl: string, rule: TDatabaseNameRule): TThrowawayDatabase;
