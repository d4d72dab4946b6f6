/**
 * The Prisma CLI runs its migrations through prisma/engine/schema-engine.mjs, our stand-in for the
 * native schema-engine binary (which cannot be downloaded here). These tests run the real CLI with
 * that engine against fresh PostgreSQL databases, in a throwaway project of their own so that they
 * do not depend on the application's schema or migrations.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const PRISMA_CLI = path.join(ROOT, "node_modules/prisma/build/index.js");
const ENGINE = path.join(ROOT, "prisma/engine/schema-engine.mjs");
const SERVER_URL = "postgresql://postgres@127.0.0.1:5432";
const TIMEOUT = 60_000;

const SCHEMA = `datasource db {
  provider = "postgresql"
}

model Widget {
  id   Int    @id @default(autoincrement())
  name String

  @@map("widget")
}
`;

// The CHECK constraint makes the engine read PostgreSQL's internal "char" catalog columns, which
// the driver adapter could not decode on its own (see prisma/engine/database.mjs).
const INIT_MIGRATION = `CREATE TABLE "widget" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "widget_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "widget_name_not_blank" CHECK (length(trim("name")) > 0)
);
`;

// A plain object: the project has no node_modules from which to import `defineConfig`.
const CONFIG = `export default {
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  datasource: { url: process.env.DATABASE_URL },
};
`;

const databases: string[] = [];
const projects: string[] = [];
const admin = new pg.Client({ connectionString: `${SERVER_URL}/postgres` });

beforeAll(async () => {
  await admin.connect();
});

afterAll(async () => {
  for (const name of databases) {
    await admin.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  }
  await admin.end();
  for (const dir of projects) fs.rmSync(dir, { recursive: true, force: true });
});

/** Creates an empty database and returns its URL. */
async function createDatabase(): Promise<string> {
  const name = `engine_test_${randomBytes(5).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  databases.push(name);
  return `${SERVER_URL}/${name}`;
}

/** Writes a project with the widget schema and its migrations (plus any extra migrations). */
function createProject(extraMigrations: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "migrate-engine-test-"));
  projects.push(dir);
  fs.writeFileSync(path.join(dir, "prisma.config.ts"), CONFIG);
  fs.writeFileSync(path.join(dir, "schema.prisma"), SCHEMA);
  const migrations = { "20240101000000_init": INIT_MIGRATION, ...extraMigrations };
  for (const [name, sql] of Object.entries(migrations)) {
    fs.mkdirSync(path.join(dir, "migrations", name), { recursive: true });
    fs.writeFileSync(path.join(dir, "migrations", name, "migration.sql"), sql);
  }
  fs.writeFileSync(path.join(dir, "migrations", "migration_lock.toml"), 'provider = "postgresql"\n');
  return dir;
}

/** Runs the Prisma CLI in `cwd` against `databaseUrl`; never rejects. */
function prisma(cwd: string, databaseUrl: string, args: string[]): Promise<{ code: number; output: string }> {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PRISMA_SCHEMA_ENGINE_BINARY: ENGINE,
    CHECKPOINT_DISABLE: "1", // no telemetry request (no internet here)
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
  };
  return new Promise((resolve) => {
    execFile(process.execPath, [PRISMA_CLI, ...args], { cwd, env, timeout: TIMEOUT }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}\n${stderr}` });
    });
  });
}

async function tableNames(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    return rows.map((row) => row.tablename);
  } finally {
    await client.end();
  }
}

describe("prisma migrate with the WebAssembly schema engine", () => {
  it(
    "deploys the migrations onto an empty database",
    async () => {
      const project = createProject();
      const url = await createDatabase();

      const deploy = await prisma(project, url, ["migrate", "deploy"]);

      expect(deploy.output).toContain("Applying migration `20240101000000_init`");
      expect(deploy.output).toContain("All migrations have been successfully applied.");
      expect(deploy.code).toBe(0);
      expect(await tableNames(url)).toEqual(["_prisma_migrations", "widget"]);
    },
    TIMEOUT,
  );

  it(
    "reports pending migrations, then an up-to-date database after deploy",
    async () => {
      const project = createProject();
      const url = await createDatabase();

      const before = await prisma(project, url, ["migrate", "status"]);
      expect(before.output).toContain("Following migration have not yet been applied:");
      expect(before.output).toContain("20240101000000_init");
      expect(before.code).not.toBe(0);

      expect((await prisma(project, url, ["migrate", "deploy"])).code).toBe(0);

      const after = await prisma(project, url, ["migrate", "status"]);
      expect(after.output).toContain("Database schema is up to date!");
      expect(after.code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "prints the SQL that creates a schema from nothing",
    async () => {
      const project = createProject();
      const url = await createDatabase();

      const diff = await prisma(project, url, ["migrate", "diff", "--from-empty", "--to-schema", "schema.prisma", "--script"]);

      expect(diff.output).toMatch(/CREATE TABLE "widget" \(\s*"id" SERIAL NOT NULL,\s*"name" TEXT NOT NULL,/);
      expect(diff.code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "reads back a deployed database, CHECK constraints included, and finds it matches the schema",
    async () => {
      const project = createProject();
      const url = await createDatabase();
      expect((await prisma(project, url, ["migrate", "deploy"])).code).toBe(0);

      const diff = await prisma(project, url, [
        "migrate",
        "diff",
        "--from-config-datasource",
        "--to-schema",
        "schema.prisma",
        "--exit-code",
      ]);

      expect(diff.output).toContain("No difference detected.");
      expect(diff.code).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "fails the deploy with the database's own error when a migration's SQL fails",
    async () => {
      const project = createProject({ "20240102000000_broken": "SELECT * FROM no_such_table;\n" });
      const url = await createDatabase();

      const deploy = await prisma(project, url, ["migrate", "deploy"]);

      expect(deploy.code).not.toBe(0);
      expect(deploy.output).toContain("P3018");
      expect(deploy.output).toContain("Migration name: 20240102000000_broken");
      expect(deploy.output).toContain('relation "no_such_table" does not exist');
      // The migrations before the broken one stay applied.
      expect(await tableNames(url)).toEqual(["_prisma_migrations", "widget"]);
    },
    TIMEOUT,
  );
});
