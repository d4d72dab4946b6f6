#!/usr/bin/env node
/**
 * `npm run test:e2e`: prepares a fresh e2e database from the migrations and the demo seed, builds
 * the app, then runs Playwright (in Debian's Chromium) against the app's production server
 * (scripts/server.mjs). Extra arguments are passed to Playwright (e.g. `npm run test:e2e -- auth`).
 *
 * The app connects as the non-owner role `owes_app`, so row-level security is exercised end to end.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { E2E_DATABASE_NAME, throwawayDatabase } from "./lib/throwaway-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Only a local database named `…_e2e` is accepted: it is dropped and created again.
const database = throwawayDatabase(process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/owes_e2e", E2E_DATABASE_NAME);

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install it with: apt-get install -y chromium`);
  process.exit(1);
}

const env = {
  ...process.env,
  DATABASE_URL: database.ownerUrl,
  APP_DATABASE_URL: database.appUrl,
  DATABASE_POOL_SIZE: "5",
  AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-secret-that-is-long-enough-for-jwt-signing",
  AUTH_TRUST_HOST: "true",
  NEXT_TELEMETRY_DISABLED: "1",
};

function run(label, args, extraEnv = {}) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: { ...env, ...extraEnv } });
  if (result.status !== 0) {
    console.error(`✖ ${label} failed (exit ${result.status})`);
    process.exit(result.status ?? 1);
  }
}

console.log(`\n▶ recreate ${database.name} from the migrations`);
await database.recreate();
run("seed", ["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], { NODE_ENV: "development", NODE_OPTIONS: "--conditions=react-server" });
if (process.env.E2E_SKIP_BUILD !== "1") {
  run("prisma generate", ["node_modules/prisma/build/index.js", "generate"]);
  run("next build", ["node_modules/next/dist/bin/next", "build"], { NODE_ENV: "production" });
}
// tests/e2e/tsconfig.json lets the fixtures import the app's server-only modules (see there).
run("playwright", ["node_modules/@playwright/test/cli.js", "test", "--tsconfig", "tests/e2e/tsconfig.json", ...process.argv.slice(2)], {
  NODE_ENV: "production",
});
