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
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ownerUrl = process.env.E2E_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/owes_e2e";
const parsed = new URL(ownerUrl);
if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(parsed.hostname)) {
  throw new Error(`Refusing to prepare a non-local e2e database at ${parsed.hostname}`);
}
const appUrl = new URL(ownerUrl);
appUrl.username = "owes_app";
appUrl.password = "";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install it with: apt-get install -y chromium`);
  process.exit(1);
}

const env = {
  ...process.env,
  DATABASE_URL: ownerUrl,
  APP_DATABASE_URL: appUrl.toString(),
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

async function recreateDatabase() {
  const dbName = decodeURIComponent(parsed.pathname.slice(1));
  const maintenance = new URL(ownerUrl);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${dbName}"`);
  } finally {
    await client.end();
  }
}

async function allowAppRoleLogin() {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(`ALTER ROLE owes_app LOGIN`);
  } finally {
    await client.end();
  }
}

await recreateDatabase();
run("migrate deploy", ["node_modules/prisma/build/index.js", "migrate", "deploy"]);
await allowAppRoleLogin();
run("seed", ["node_modules/tsx/dist/cli.mjs", "prisma/seed.ts"], { NODE_ENV: "development" });
if (process.env.E2E_SKIP_BUILD !== "1") {
  run("prisma generate", ["node_modules/prisma/build/index.js", "generate"]);
  run("next build", ["node_modules/next/dist/bin/next", "build"], { NODE_ENV: "production" });
}
run("playwright", ["node_modules/@playwright/test/cli.js", "test", ...process.argv.slice(2)], { NODE_ENV: "production" });
