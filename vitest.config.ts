import path from "node:path";
import { defineConfig } from "vitest/config";
import { appRoleUrl, TEST_DATABASE_URL } from "./tests/setup/test-db";

// Next.js resolves "server-only" to an empty module on the server (the react-server condition);
// tests run on the server side too, where the package's default entry would throw.
const alias = {
  "@": path.resolve(__dirname),
  "server-only": path.resolve(__dirname, "node_modules/server-only/empty.js"),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/integration-global.ts"],
          setupFiles: ["tests/setup/fail-on-console-error.ts", "tests/setup/integration-each.ts"],
          environment: "node",
          env: {
            NODE_ENV: "test",
            DATABASE_URL: TEST_DATABASE_URL,
            // The app role's connections may take another way (scripts/pgbouncer-tests.mjs: through
            // PgBouncer). The owner's stay direct: they drop and recreate the database and migrate it.
            APP_DATABASE_URL: process.env.TEST_APP_DATABASE_URL ?? appRoleUrl(TEST_DATABASE_URL),
            DATABASE_POOL_SIZE: "10",
          },
          // One database, reset before every test: files run one after another.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
