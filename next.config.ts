import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { NON_PAGE_CSP, STATIC_SECURITY_HEADERS } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  poweredByHeader: false,
  typedRoutes: false,
  experimental: {
    // forbidden() renders app/forbidden.tsx with status 403 when a service refuses a page.
    authInterrupts: true,
    // Spreadsheet imports (issue 18) upload files of up to 25 MB through a server action
    // (lib/actions/imports.ts); the multipart body is a little larger than the file. The proxy
    // (proxy.ts) buffers request bodies too and cuts them at its own limit (10 MB by default), so
    // it gets the same bound. The service refuses anything over 25 MB with a message by the field.
    serverActions: { bodySizeLimit: "26mb" },
    proxyClientMaxBodySize: "26mb",
  },
  // pdfkit reads its own data files next to its module at run time: it stays a real package in
  // node_modules, not bundled. (The PDFs' fonts are assets of lib/exports/pdf/fonts.ts.)
  // pg-boss and nodemailer are plain Node packages used by the in-process worker (instrumentation.ts).
  serverExternalPackages: ["pdfkit", "pg-boss", "nodemailer"],
  // Server action arguments include passwords (sign-in, password change and reset): never log them.
  logging: { serverFunctions: false },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [...STATIC_SECURITY_HEADERS],
      },
      // Pages get a per-request CSP with a nonce from the proxy (proxy.ts); route handlers under /api
      // do not pass the proxy and serve data only.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: NON_PAGE_CSP }] },
      // The set-password page's URL holds an invitation or reset token: a Referer from it carries the
      // origin only, never the path or query. (Not "no-referrer": browsers then send `Origin: null`
      // with the page's form POST, which Next.js refuses as a cross-site server action.)
      { source: "/set-password", headers: [{ key: "Referrer-Policy", value: "strict-origin" }] },
    ];
  },
};

export default withNextIntl(nextConfig);
