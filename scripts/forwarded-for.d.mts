// Types of scripts/forwarded-for.mjs (plain JavaScript: scripts/server.mjs runs under bare Node),
// for the TypeScript that imports it (tests/unit/auth/forwarded-for.test.ts). See the module.
import type { IncomingHttpHeaders } from "node:http";

export declare const MAX_TRUSTED_PROXIES: number;
export declare const UNKNOWN_ADDRESS: string;
export declare function parseTrustedProxyCount(raw: string | undefined): number;
export declare function normaliseAddress(address: string): string;
export declare function forwardedFor(incoming: string | string[] | undefined, remoteAddress: string | undefined, trustedProxyCount: number): string;
export declare function withTrustedForwarding(headers: IncomingHttpHeaders, remoteAddress: string | undefined, trustedProxyCount: number): IncomingHttpHeaders;
