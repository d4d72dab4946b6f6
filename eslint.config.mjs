import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

// ── Layers (docs/decisions/007-server-actions-in-lib-actions.md) ─────────────────────────────────
// app/ routes → components/ → lib/actions → lib/domain → lib/db → the generated Prisma client.
// A layer may import the layers to its right, never those to its left.
// `no-restricted-imports` does not merge across config objects: each block below lists every
// restriction for its files, and the more specific block comes later.

const APP = {
  regex: "^(@/app|(\\.\\.?/)+app)(/|$)",
  message: "Only routes live in app/. Server actions are in lib/actions/<area>.ts; pass data down as props.",
};
const COMPONENTS = {
  regex: "^(@/components|(\\.\\.?/)+components)(/|$)",
  message: "lib/ is below components/: move the shared code into lib/ instead.",
};
const GENERATED = {
  regex: "^(@/lib/generated|(\\.\\.?/)+(lib/)?generated)(/|$)",
  message: "Only lib/db and lib/domain import the generated Prisma client; take types from lib/domain (re-export them there).",
};

/**
 * lib/domain modules the browser also loads: form schemas derive from the service schemas (house
 * rule 6), with the pure modules they import. They must NOT import "server-only" (it throws in a
 * client bundle); every other domain module must start with it. A new client-shared module is
 * added here, and it imports nothing but other modules of this list, lib/validation and the like.
 */
export const CLIENT_SHARED_DOMAIN_MODULES = [
  "lib/domain/*/schemas.ts",
  "lib/domain/clients/identifiers.ts",
  "lib/domain/paths/state-machine.ts",
  "lib/domain/paths/templates.ts",
  "lib/domain/catalogue/names.ts",
  "lib/domain/events/attendance-schemas.ts",
  "lib/domain/notifications/kinds.ts",
  "lib/domain/privacy/consent-schemas.ts",
  "lib/domain/privacy/request-schemas.ts",
  "lib/domain/privacy/retention-schemas.ts",
  // Pure TOTP (RFC 6238): the end-to-end tests compute codes with it, outside Next.js.
  "lib/domain/two-factor/totp.ts",
];

/** `import "server-only";` as the first statement: Next.js then refuses the module in a client bundle. */
const serverOnlyFirst = {
  meta: {
    type: "problem",
    schema: [],
    messages: {
      missing:
        'A domain module starts with `import "server-only";` (a module the browser also needs belongs in CLIENT_SHARED_DOMAIN_MODULES in eslint.config.mjs).',
    },
  },
  create(context) {
    return {
      Program(program) {
        const first = program.body[0];
        const ok = first?.type === "ImportDeclaration" && first.source.value === "server-only" && first.specifiers.length === 0;
        if (!ok) context.report({ node: first ?? program, messageId: "missing" });
      },
    };
  },
};

const SERVER_ONLY = { name: "server-only", message: "This module is loaded by the browser too (CLIENT_SHARED_DOMAIN_MODULES)." };

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ["node_modules/**", ".next/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/ban-ts-comment": "error",
      // A leading underscore marks a value left out on purpose (e.g. removed from a rest object).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through lib/env.ts." },
      ],
    },
  },
  {
    // Tooling that runs outside the app (CLI scripts, configs, tests' own setup) reads its environment directly.
    files: ["scripts/**", "prisma/**", "tests/**", "*.config.ts", "*.config.mjs", "lib/env.ts"],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["**/*.{ts,tsx,mts,cts,js,mjs,cjs}"],
    rules: { "no-restricted-imports": ["error", { patterns: [GENERATED] }] },
  },
  {
    files: ["components/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [APP, GENERATED] }] },
  },
  {
    files: ["lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [APP, COMPONENTS, GENERATED] }] },
  },
  {
    // The database layer and the services are the generated client's only importers.
    files: ["lib/db/**", "lib/domain/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [APP, COMPONENTS] }] },
  },
  {
    // Test code may import the generated client: factories that build rows a service would not,
    // snapshots of tables.
    files: ["tests/**"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["lib/domain/**/*.ts"],
    ignores: CLIENT_SHARED_DOMAIN_MODULES,
    plugins: { owes: { rules: { "server-only-first": serverOnlyFirst } } },
    rules: { "owes/server-only-first": "error" },
  },
  {
    files: CLIENT_SHARED_DOMAIN_MODULES,
    rules: { "no-restricted-imports": ["error", { paths: [SERVER_ONLY], patterns: [APP, COMPONENTS] }] },
  },
];

export default config;
