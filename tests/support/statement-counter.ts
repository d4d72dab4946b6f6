import pg from "pg";
import type { TContext } from "@/lib/auth/context";
import { loadSessionContext } from "@/lib/domain/sessions/session";
import { sessionClaimsFor } from "@/tests/factories/sessions";

export type TStatement = { text: string; values: unknown[] };

/**
 * The statements the app sends to PostgreSQL while `work` runs (SQL and bound values): every query
 * of every node-postgres client, which is how the Prisma adapter reaches the database (transaction
 * control included). Nothing is replaced: `Client#query` is wrapped, the real query runs, and
 * only its text and values are recorded.
 *
 * Statements run by anything else in the same window are captured too, so measure one thing at a time.
 */
export async function captureStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: TStatement[] }> {
  const statements: TStatement[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [config, values] = args;
    if (typeof config === "string") statements.push({ text: config, values: Array.isArray(values) ? values : [] });
    else if (config && typeof config === "object" && "text" in config) {
      const c = config as { text: string; values?: unknown[] };
      statements.push({ text: c.text, values: c.values ?? (Array.isArray(values) ? values : []) });
    }
    return original.apply(this, args);
  };
  try {
    const result = await work();
    return { result, statements };
  } finally {
    proto.query = original;
  }
}

/** The SQL texts of {@link captureStatements}, for counting. */
export async function recordStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const { result, statements } = await captureStatements(work);
  return { result, statements: statements.map((s) => s.text) };
}

/**
 * A page's statements as the app runs them for `user`: the one-statement session check, then what
 * `load` (the page's service call) sends.
 */
export async function pageStatements(user: { id: string; tenantId: string }, load: (ctx: TContext) => Promise<unknown>): Promise<string[]> {
  const claims = await sessionClaimsFor(user);
  const { statements } = await recordStatements(async () => {
    const ctx = await loadSessionContext(claims);
    if (!ctx) throw new Error("the session check refused a valid session");
    return load(ctx);
  });
  return statements;
}
