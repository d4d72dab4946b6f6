import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { signInWithPassword, signInWithSecondFactor } from "@/lib/domain/sessions/sign-in";
import { clientIpFromHeaders } from "./client-ip";
import type { TRole } from "./permissions";
import { SESSION_IDLE_SECONDS, SESSION_SECRET, claimsOf } from "./session-token";

declare module "next-auth" {
  interface User {
    tenantId: string;
    role: TRole;
    partnerId: string | null;
    sessionVersion: number;
    sessionId: string;
  }
  interface Session {
    user: { id: string; tenantId: string; sessionVersion: number } & DefaultSession["user"];
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    uid?: string;
    tid?: string;
    sv?: number;
    /** The server-side session row (user_session) this token belongs to. */
    sid?: string;
    /** Seconds since the epoch at sign-in: the absolute lifetime is measured from it. */
    authTime?: number;
  }
}

/**
 * The password was right and the account has a second factor: no session yet. Auth.js rethrows an
 * error of this kind to the server action that called `signIn` (lib/actions/sign-in.ts), which
 * switches the form to the code step carrying the pending token — a signed, short-lived token,
 * never the password.
 */
export class SecondFactorRequired extends CredentialsSignin {
  override code = "second_factor";
  readonly pendingToken: string;

  constructor(pendingToken: string) {
    super();
    this.pendingToken = pendingToken;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: SESSION_SECRET,
  trustHost: true,
  // Secure (`__Secure-`) cookies whenever the app is served over HTTPS, decided by the configured
  // address, never by a client-sent X-Forwarded-Proto.
  useSecureCookies: env.APP_URL.startsWith("https://"),
  // A rolling token. The proxy reads it and re-issues it (lib/auth/session-token.ts); Auth.js mints
  // it at sign-in and clears it at sign-out.
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/login" },
  // A refused sign-in is expected and already in the audit trail (auth.sign_in_failed): not an error to log.
  logger: {
    error(error) {
      if (error instanceof CredentialsSignin) return;
      logger.error("Auth.js error", { error: error.stack ?? String(error) });
    },
  },
  providers: [
    Credentials({
      credentials: { tenant: {}, email: {}, password: {}, pendingToken: {}, code: {} },
      async authorize(credentials) {
        const h = await headers();
        const client = {
          ip: clientIpFromHeaders(h, env.TRUSTED_PROXY_COUNT),
          userAgent: h.get("user-agent") ?? undefined,
          requestId: h.get("x-request-id") ?? undefined,
        };
        // The second step names the first step's token and a code; the first names the account.
        const result = credentials.pendingToken
          ? await signInWithSecondFactor({ pendingToken: String(credentials.pendingToken), code: String(credentials.code ?? ""), ...client })
          : await signInWithPassword({
              tenantSlug: String(credentials.tenant ?? ""),
              email: String(credentials.email ?? ""),
              password: String(credentials.password ?? ""),
              ...client,
            });
        if (!result) return null;
        if (result.kind === "code_required") throw new SecondFactorRequired(result.pendingToken);
        const { kind: _kind, ...user } = result;
        return user;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.uid = user.id;
        token.tid = user.tenantId;
        token.sv = user.sessionVersion;
        token.sid = user.sessionId;
        token.authTime = Math.floor(Date.now() / 1000);
      }
      return claimsOf(token) ? token : null;
    },
    session({ session, token }) {
      session.user.id = token.uid ?? "";
      session.user.tenantId = token.tid ?? "";
      session.user.sessionVersion = token.sv ?? 0;
      return session;
    },
  },
});
