import { readdir } from "node:fs/promises";
import path from "node:path";

/**
 * The service functions of lib/domain, found by reading their exports: meta-tests use them so that
 * a new function cannot escape a table of cases. (the cross-tenant and permission-first meta-tests)
 */
export const DOMAIN_ROOT = path.resolve(__dirname, "../../lib/domain");

type TAnyFunction = (...args: never[]) => unknown;

/** The top-level parameter names of a function, and the names bound by destructuring patterns. */
export function parameterNames(fn: TAnyFunction): string[] {
  const source = fn.toString();
  const arrow = source.indexOf("=>");
  const open = source.indexOf("(");
  if (open === -1 || (arrow !== -1 && arrow < open)) {
    // `x => …`: a single bare parameter.
    return [source.slice(0, arrow).replace(/^async\s+/, "").trim()];
  }
  let depth = 0;
  let close = -1;
  for (let i = open; i < source.length; i++) {
    const char = source[i];
    if (char === "(" || char === "{" || char === "[") depth++;
    else if (char === ")" || char === "}" || char === "]") {
      depth--;
      if (depth === 0) {
        close = i;
        break;
      }
    }
  }
  const params: string[] = [];
  depth = 0;
  let current = "";
  for (const char of source.slice(open + 1, close)) {
    if (char === "(" || char === "{" || char === "[") depth++;
    if (char === ")" || char === "}" || char === "]") depth--;
    if (char === "," && depth === 0) {
      params.push(current);
      current = "";
    } else current += char;
  }
  if (current.trim()) params.push(current);
  return params.flatMap((param) => {
    const trimmed = param.trim().replace(/^\.\.\./, "");
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      const withoutStrings = trimmed.replace(/(["'`])(?:\\.|(?!\1).)*\1/g, "");
      return withoutStrings.match(/[A-Za-z_$][\w$]*/g) ?? [];
    }
    return [trimmed.split("=")[0]?.trim() ?? ""];
  });
}

/** A parameter or field named like a record id: `id`, `…Id`, `…Ids`. */
export const isIdName = (name: string) => /(^id|Id|Ids)$/.test(name);

/** Every source module of lib/domain. */
export async function domainModules(): Promise<string[]> {
  const entries = await readdir(DOMAIN_ROOT, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") && !e.name.endsWith(".test.ts"))
    .map((e) => path.join(e.parentPath, e.name));
}

/** "users/service" for lib/domain/users/service.ts. */
export const moduleNameOf = (file: string) => path.relative(DOMAIN_ROOT, file).replace(/\.ts$/, "").split(path.sep).join("/");

/**
 * Every exported function of lib/domain taking the caller's context first and a record id after
 * it, with the names it is exported under ("users/service#getUser"; a re-export adds a name).
 */
export async function idTakingServiceFunctions(): Promise<Map<TAnyFunction, string[]>> {
  const found = new Map<TAnyFunction, string[]>();
  for (const file of await domainModules()) {
    const moduleName = moduleNameOf(file);
    const exports = (await import(file)) as Record<string, unknown>;
    for (const [exportName, value] of Object.entries(exports)) {
      if (typeof value !== "function") continue;
      const fn = value as TAnyFunction;
      const params = parameterNames(fn);
      if (params[0] !== "ctx" || !params.slice(1).some(isIdName)) continue;
      found.set(fn, [...(found.get(fn) ?? []), `${moduleName}#${exportName}`]);
    }
  }
  return found;
}
