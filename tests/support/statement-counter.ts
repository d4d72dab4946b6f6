import pg from "pg";
import type { TContext } from "@/lib/auth/context";
import { loadSessionContext } from "@/lib/domain/sessions/session";

/**
 * Counts the statements the app sends to PostgreSQL while `work` runs: every query of every
 * node-postgres client, which is how the Prisma adapter reaches the database (transaction control
 * included). Nothing is replaced: the real query runs; only its text is recorded.
 *
 * Statements run by anything else in the same window are counted too, so measure one thing at a time.
 */
export async function recordStatements<T>(work: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  const statements: string[] = [];
  const original = pg.Client.prototype.query;
  // biome-ignore lint: the prototype's overloads cannot be restated here
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [first] = args;
    statements.push(typeof first === "string" ? first : String((first as { text?: unknown })?.text ?? ""));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    const result = await work();
    return { result, statements };
  } finally {
    pg.Client.prototype.query = original;
  }
}

/**
 * A page's statements as the app runs them for `user`: the one-statement session check, then what
 * `load` (the page's service call) sends.
 */
export async function pageStatements(user: { id: string; tenantId: string }, load: (ctx: TContext) => Promise<unknown>): Promise<string[]> {
  const { statements } = await recordStatements(async () => {
    const ctx = await loadSessionContext({ userId: user.id, tenantId: user.tenantId, sessionVersion: 1 });
    if (!ctx) throw new Error("the session check refused a valid session");
    return load(ctx);
  });
  return statements;
}
