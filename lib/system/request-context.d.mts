// Types of lib/system/request-context.mjs (plain JavaScript: scripts/server.mjs runs under bare
// Node and imports it), for the TypeScript that imports it. See the module.

export declare const REQUEST_ID_HEADER: string;
export declare function assignRequestId(
  req: { headers: Record<string, string | string[] | undefined> },
  res: { setHeader(name: string, value: string): unknown },
): string;
export declare function runWithRequestId<T>(requestId: string, fn: () => T): T;
export declare function currentRequestId(): string | undefined;
