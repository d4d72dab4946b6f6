import path from "node:path";
import { defineConfig } from "prisma/config";

// Prisma's CLI normally downloads a native schema engine from a host these machines cannot reach.
// Our own executable speaks the same protocol and delegates to the official WebAssembly build
// (@prisma/schema-engine-wasm). A user who has a native engine keeps it by setting the variable.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(__dirname, "prisma", "engine", "schema-engine.mjs");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: {
    path: "prisma/migrations",
    // npm run: the seed needs the react-server condition (lib/domain imports "server-only").
    seed: "npm run db:seed",
  },
  datasource: {
    // The owner role: migrations create tables, policies and grants. The app itself connects as
    // APP_DATABASE_URL (a non-owner role subject to row-level security); see lib/env.ts.
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/owes",
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});
