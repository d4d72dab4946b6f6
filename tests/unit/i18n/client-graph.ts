import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * A static reading of which translations the browser needs: from each route file of app/, the
 * modules it imports, where the client modules ("use client" and everything they import) start,
 * and which message keys those client modules ask for. tests/unit/i18n/client-namespaces.test.ts
 * holds this against lib/i18n/client-namespaces.ts.
 */

export const ROOT = path.resolve(__dirname, "../../..");

/** Files Next renders for a route segment; their client modules need messages from a provider above them. */
const ROUTE_FILES = ["page.tsx", "layout.tsx", "error.tsx", "not-found.tsx", "forbidden.tsx", "unauthorized.tsx", "loading.tsx", "template.tsx", "global-error.tsx"];

/** Modules calling useTranslations(variable), and the JSX prop through which their callers name that namespace. */
const DYNAMIC_NAMESPACE_PROPS: Record<string, string> = { "components/forms/enum-select.tsx": "namespace" };

type TModule = {
  file: string;
  isClient: boolean;
  /** "use server": the browser gets references to its actions, not its code. */
  isServerActions: boolean;
  imports: string[];
  /** Message paths (namespace, or namespace.key) this module asks for when it renders in the browser. */
  needs: string[];
  /** `namespace="…"` props this module passes (see DYNAMIC_NAMESPACE_PROPS). */
  namespaceProps: Record<string, string[]>;
  /** Problems the reading cannot resolve; a test fails on them. */
  problems: string[];
};

const cache = new Map<string, TModule>();

function rel(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join("/");
}

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith("./") || specifier.startsWith("../")) base = path.resolve(path.dirname(from), specifier);
  else return null; // a package: its translations are not ours
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(candidate) && statSync(candidate).isFile() && /\.(ts|tsx)$/.test(candidate)) return candidate;
  }
  return null; // JSON, CSS and the like
}

function stringValue(node: ts.Node | undefined): string | null {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
}

/** The keys a call `t(key, …)` may read, relative to t's namespace; null when any key could be read. */
function keysOf(arg: ts.Expression | undefined): string[] | null {
  if (!arg) return null;
  const literal = stringValue(arg);
  if (literal !== null) return [literal];
  if (ts.isTemplateExpression(arg)) {
    // `steps.${step}`: anything under "steps".
    const head = arg.head.text;
    const dot = head.lastIndexOf(".");
    return dot > 0 ? [head.slice(0, dot)] : null;
  }
  if (ts.isConditionalExpression(arg)) {
    const a = keysOf(arg.whenTrue);
    const b = keysOf(arg.whenFalse);
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isParenthesizedExpression(arg)) return keysOf(arg.expression);
  return null;
}

const TRANSLATOR_METHODS = new Set(["rich", "markup", "raw", "has"]);

function readModule(file: string): TModule {
  const cached = cache.get(file);
  if (cached) return cached;
  const text = readFileSync(file, "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const first = source.statements[0];
  const directive = first && ts.isExpressionStatement(first) ? stringValue(first.expression) : null;
  const mod: TModule = { file, isClient: directive === "use client", isServerActions: directive === "use server", imports: [], needs: [], namespaceProps: {}, problems: [] };
  const where = (node: ts.Node) => `${rel(file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

  // Translators by variable name; one name bound in several functions of a file collects every namespace it was given.
  const translators = new Map<string, string[]>();
  const declarations = new Set<ts.Node>();

  const visitImports = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly =
        clause?.isTypeOnly ||
        (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings) && clause.namedBindings.elements.length > 0 && clause.namedBindings.elements.every((e) => e.isTypeOnly));
      const target = stringValue(node.moduleSpecifier);
      if (!typeOnly && target) {
        const resolved = resolveImport(file, target);
        if (resolved) mod.imports.push(resolved);
      }
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      const resolved = resolveImport(file, stringValue(node.moduleSpecifier) ?? "");
      if (resolved) mod.imports.push(resolved);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const resolved = resolveImport(file, stringValue(node.arguments[0]) ?? "");
      if (resolved) mod.imports.push(resolved);
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "useTranslations") {
      const [arg] = node.arguments;
      let namespace: string | null;
      if (!arg) namespace = "";
      else namespace = stringValue(arg);
      if (namespace === null) {
        if (!DYNAMIC_NAMESPACE_PROPS[rel(file)]) mod.problems.push(`${where(node)}: useTranslations with a namespace the test cannot read (add the module to DYNAMIC_NAMESPACE_PROPS)`);
      } else if (namespace === "") {
        mod.problems.push(`${where(node)}: useTranslations() without a namespace: name the namespace, so the page can be given just that`);
      } else if (ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
        const name = node.parent.name.text;
        translators.set(name, [...(translators.get(name) ?? []), namespace]);
        declarations.add(node.parent.name);
      } else {
        mod.needs.push(namespace); // used without a variable: any key
      }
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "useMessages") {
      mod.problems.push(`${where(node)}: useMessages() sees only the messages the page's segment provides; read them with useTranslations("…")`);
    } else if (ts.isJsxAttribute(node) && ts.isIdentifier(node.name)) {
      const prop = node.name.text;
      if (Object.values(DYNAMIC_NAMESPACE_PROPS).includes(prop)) {
        const value = node.initializer && ts.isStringLiteral(node.initializer) ? node.initializer.text : null;
        if (value === null) mod.problems.push(`${where(node)}: ${prop}={…} must be a string literal, so the test can see which messages it needs`);
        else (mod.namespaceProps[prop] ??= []).push(value);
      }
    }
    ts.forEachChild(node, visitImports);
  };
  visitImports(source);

  const visitUses = (node: ts.Node) => {
    if (ts.isIdentifier(node) && translators.has(node.text) && !declarations.has(node)) {
      const namespaces = translators.get(node.text) ?? [];
      let call: ts.CallExpression | null = null;
      if (ts.isCallExpression(node.parent) && node.parent.expression === node) call = node.parent;
      else if (
        ts.isPropertyAccessExpression(node.parent) &&
        node.parent.expression === node &&
        TRANSLATOR_METHODS.has(node.parent.name.text) &&
        ts.isCallExpression(node.parent.parent) &&
        node.parent.parent.expression === node.parent
      ) {
        call = node.parent.parent;
      }
      const keys = call ? keysOf(call.arguments[0]) : null;
      for (const namespace of namespaces) {
        if (keys === null) mod.needs.push(namespace);
        else mod.needs.push(...keys.map((key) => `${namespace}.${key}`));
      }
    }
    ts.forEachChild(node, visitUses);
  };
  if (translators.size > 0) visitUses(source);

  cache.set(file, mod);
  return mod;
}

export type TRouteFile = {
  /** Relative to the project root, e.g. app/(app)/clients/[id]/page.tsx. */
  file: string;
  /** The client modules it renders, transitively. */
  clientModules: string[];
  /** Message paths its client modules need (namespace, or namespace.key…), deduplicated and sorted. */
  needs: string[];
  problems: string[];
};

/** Reads one route file and everything it imports. */
export function readRouteFile(file: string): TRouteFile {
  const absolute = path.join(ROOT, file);
  const seen = new Map<string, boolean>(); // module → reached on the client side
  const queue: [string, boolean][] = [[absolute, readModule(absolute).isClient]];
  while (queue.length > 0) {
    const [current, client] = queue.shift() as [string, boolean];
    if (seen.get(current) === true || (seen.has(current) && !client)) continue;
    seen.set(current, client);
    if (client && readModule(current).isServerActions) continue;
    for (const next of readModule(current).imports) {
      queue.push([next, client || readModule(next).isClient]);
    }
  }
  const clientModules = [...seen].filter(([m, client]) => client && !readModule(m).isServerActions).map(([m]) => m);
  const needs = new Set<string>();
  const problems: string[] = [];
  for (const m of clientModules) {
    const mod = readModule(m);
    mod.needs.forEach((n) => needs.add(n));
    problems.push(...mod.problems);
  }
  // A module with a dynamic namespace reads whatever its client-side callers name in the prop.
  for (const [dynamicModule, prop] of Object.entries(DYNAMIC_NAMESPACE_PROPS)) {
    if (!clientModules.includes(path.join(ROOT, dynamicModule))) continue;
    for (const m of clientModules) (readModule(m).namespaceProps[prop] ?? []).forEach((n) => needs.add(n));
  }
  return { file, clientModules: clientModules.map(rel).sort(), needs: minimalPaths([...needs]), problems: [...new Set(problems)] };
}

/** The paths, without those another one already contains ("clients" contains "clients.team"). */
export function minimalPaths(paths: string[]): string[] {
  const unique = [...new Set(paths)].sort();
  return unique.filter((p) => !unique.some((q) => q !== p && p.startsWith(`${q}.`)));
}

/** Whether `path` is among `provided` or under one of them. */
export function covers(provided: readonly string[], needed: string): boolean {
  return provided.some((p) => needed === p || needed.startsWith(`${p}.`));
}

/** Every route file under app/, relative to the project root. */
export function routeFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (ROUTE_FILES.includes(entry.name)) found.push(rel(full));
    }
  };
  walk(path.join(ROOT, "app"));
  return found.sort();
}
