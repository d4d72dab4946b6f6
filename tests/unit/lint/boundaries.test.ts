import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

// The layers of docs/decisions/007-server-actions-in-lib-actions.md, as `npm run lint` sees them:
// each rule is shown failing on a deliberate violation and passing on the allowed import.

const root = path.resolve(__dirname, "../../..");
let eslint: ESLint;

beforeAll(async () => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, "eslint.config.mjs") });
  // Loading the config and its plugins takes seconds on a busy machine: do it once, here.
  await eslint.lintText("export {};\n", { filePath: path.join(root, "lib/x.ts") });
}, 60_000);

/** The rules a snippet breaks when it lives at `file` (relative to the project root). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

const SERVER_ONLY = 'import "server-only";\n';

describe("components/ never import app/", () => {
  it("refuses an action imported from a route folder, by alias or relative path", async () => {
    expect(await violations("components/clients/x.tsx", 'import { a } from "@/app/(app)/clients/actions";\nexport const b = a;\n')).toContain(
      "no-restricted-imports",
    );
    expect(await violations("components/clients/x.tsx", 'import { a } from "../../app/(app)/clients/actions";\nexport const b = a;\n')).toContain(
      "no-restricted-imports",
    );
  });

  it("allows the actions module of lib/actions and other components", async () => {
    expect(await violations("components/clients/x.tsx", 'import { a } from "@/lib/actions/clients";\nimport { c } from "@/components/ui/cn";\nexport const b = [a, c];\n')).toEqual([]);
  });
});

describe("lib/ imports neither components/ nor app/", () => {
  it("refuses both, in lib/ at large and in the domain", async () => {
    expect(await violations("lib/auth/x.ts", 'import { a } from "@/components/ui/button";\nexport const b = a;\n')).toContain("no-restricted-imports");
    expect(await violations("lib/auth/x.ts", 'import { a } from "@/app/(app)/layout";\nexport const b = a;\n')).toContain("no-restricted-imports");
    expect(await violations("lib/domain/clients/x.ts", `${SERVER_ONLY}import { a } from "@/components/ui/button";\nexport const b = a;\n`)).toContain(
      "no-restricted-imports",
    );
    expect(await violations("lib/actions/x.ts", 'import { a } from "../../app/(app)/clients/actions";\nexport const b = a;\n')).toContain(
      "no-restricted-imports",
    );
  });

  it("allows lib/ to import lib/", async () => {
    expect(await violations("lib/actions/x.ts", 'import { a } from "@/lib/domain/clients/service";\nexport const b = a;\n')).toEqual([]);
  });
});

describe("only lib/db and lib/domain import the generated Prisma client", () => {
  const typeImport = 'import type { Prisma } from "@/lib/generated/prisma/client";\nexport type T = Prisma.ClientWhereInput;\n';

  it("refuses it in components, routes and the rest of lib/, even for types", async () => {
    expect(await violations("components/clients/x.tsx", typeImport)).toContain("no-restricted-imports");
    expect(await violations("app/(app)/clients/page.tsx", typeImport)).toContain("no-restricted-imports");
    expect(await violations("lib/auth/x.ts", typeImport)).toContain("no-restricted-imports");
    expect(await violations("lib/auth/x.ts", 'import type { Prisma } from "../generated/prisma/client";\nexport type T = Prisma.ClientWhereInput;\n')).toContain(
      "no-restricted-imports",
    );
  });

  it("allows it in lib/db, lib/domain and test code", async () => {
    expect(await violations("lib/db/x.ts", typeImport)).toEqual([]);
    expect(await violations("lib/domain/clients/x.ts", SERVER_ONLY + typeImport)).toEqual([]);
    expect(await violations("lib/domain/clients/schemas.ts", 'import type { ClientKind } from "@/lib/generated/prisma/enums";\nexport type T = ClientKind;\n')).toEqual([]);
    expect(await violations("tests/factories/x.ts", typeImport)).toEqual([]);
  });
});

describe('every domain module starts with import "server-only"', () => {
  it("refuses a domain module without it, or with it after another import", async () => {
    expect(await violations("lib/domain/clients/x.ts", "export const a = 1;\n")).toContain("owes/server-only-first");
    expect(await violations("lib/domain/clients/x.ts", `import { z } from "zod";\n${SERVER_ONLY}export const a = z;\n`)).toContain("owes/server-only-first");
  });

  it("accepts it first, after a leading comment too", async () => {
    expect(await violations("lib/domain/clients/x.ts", `// why\n${SERVER_ONLY}export const a = 1;\n`)).toEqual([]);
  });

  it("keeps it out of the modules the browser loads with the forms (schemas and their pure helpers)", async () => {
    expect(await violations("lib/domain/clients/schemas.ts", "export const a = 1;\n")).toEqual([]);
    expect(await violations("lib/domain/paths/state-machine.ts", "export const a = 1;\n")).toEqual([]);
    expect(await violations("lib/domain/clients/schemas.ts", `${SERVER_ONLY}export const a = 1;\n`)).toContain("no-restricted-imports");
  });
});
