// Types of lib/system/metrics-registry.mjs (plain JavaScript: scripts/server.mjs runs under bare
// Node and imports it), for the TypeScript that imports it. See the module.
import type { ServerResponse } from "node:http";
import type { Registry } from "prom-client";

export declare const UNMATCHED_ROUTE: string;
export declare const ROUTE_LABEL_LIMIT: number;
export declare function routePattern(url: string): string;
export declare function statusClass(status: number, finished: boolean): string;
export declare function methodLabel(method: string | undefined): string;
export declare function createRouteLabeler(limit?: number): (pattern: string, status: number) => string;
export declare function metricsRegistry(): Registry;
export declare function observeResponse(req: { method?: string; url?: string }, res: ServerResponse): void;
