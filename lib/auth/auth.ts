import NextAuth, { type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { signInWithPassword } from "@/lib/domain/sessions/sign-in";
import { clientIpFromHeaders } from "./client-ip";
import type { TRole } from "./permissions";

/** SPEC/issue 3: sessions end 8 h after sign-in whatever happens, and after 30 min without a request. */
export const SESSION_ABSOLUTE_SECONDS = 8 * 60 * 60;
export const SESSION_IDLE_SECONDS = 30 * 60;

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

const DEV_SECRET = "development-only-secret-not-for-production-use";

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: env.AUTH_SECRET ?? DEV_SECRET,
  trustHost: true,
  // A rolling token: each request re-issues it for another SESSION_IDLE_SECONDS (the idle timeout).
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: 0 },
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
      const now = Math.floor(Date.now() / 1000);
      if (!token.uid || !token.authTime || now - token.authTime > SESSION_ABSOLUTE_SECONDS) return null;
      return token;
    },
    session({ session, token }) {
      session.user.id = token.uid ?? "";
      session.user.tenantId = token.tid ?? "";
      session.user.sessionVersion = token.sv ?? 0;
      return session;
    },
  },
});

