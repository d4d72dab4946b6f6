/**
 * The response headers that harden every page (issue 17), as data the proxy applies and a unit test
 * reads. Deliberately free of "server-only": the proxy imports it.
 *
 * The Content-Security-Policy carries a fresh nonce per request. Next.js reads the nonce from the
 * request's own CSP header (set by the proxy) and puts it on every script it renders, so an inline
 * script without it — an injected one — never runs. `'strict-dynamic'` lets the scripts Next.js
 * loads with the nonce load their chunks. Pages are rendered per request (they read the session or
 * the locale cookie), which a nonce needs.
 */

/** A nonce: 128 random bits, base64 (the CSP grammar's base64-value). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export type TSecurityOptions = {
  /** `next dev` evaluates code for fast refresh and talks to its server over a web socket. */
  development: boolean;
  /** The app is served over HTTPS (APP_URL): then HSTS, and insecure subresources are upgraded. */
  https: boolean;
};

export function contentSecurityPolicy(nonce: string, { development, https }: TSecurityOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Style elements need the nonce; style attributes (a bar's width) are allowed: they cannot run code.
    `style-src 'self' 'nonce-${nonce}'${development ? " 'unsafe-inline'" : ""}`,
    "style-src-attr 'unsafe-inline'",
    // data: for the two-factor QR code, blob: for previews of files being uploaded.
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** One year, and subdomains: an operator turning HTTPS on for the app means it for good. */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/**
 * Headers every response carries (next.config.ts applies them; the proxy adds the CSP and HSTS to
 * pages). The app uses no camera, microphone, location or payment; nothing may embed it.
 */
export const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
] as const;

/** Responses that are not pages (route handlers' JSON and files) may load and run nothing at all. */
export const NON_PAGE_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
