import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { signInWithPassword } from "@/lib/domain/sessions/sign-in";
import { clientIpFromHeaders } from "./client-ip";
import type { TRole } from "./permissions";
import { SESSION_IDLE_SECONDS, SESSION_SECRET, claimsOf } from "./session-token";


declare module "next-auth" {
  interface User {
    tenantId: string;
    role: TRole;
    partnerId: string | null;
    sessionVersion: number;
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
    /** Seconds since the epoch at sign-in: the absolute lifetime is measured from it. */
    authTime?: number;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: SESSION_SECRET,
  trustHost: true,
  // A rolling token. The proxy reads it and re-issues it (lib/auth/session-token.ts); Auth.js mints
  // it at sign-in and clears it at sign-out.
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { tenant: {}, email: {}, password: {} },
      async authorize(credentials) {
        const h = await headers();
        const user = await signInWithPassword({
          tenantSlug: String(credentials.tenant ?? ""),
          email: String(credentials.email ?? ""),
          password: String(credentials.password ?? ""),
          ip: clientIpFromHeaders(h, env.TRUSTED_PROXY_COUNT),
          requestId: h.get("x-request-id") ?? undefined,
        });
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

