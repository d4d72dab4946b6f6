import type { TRole } from "./permissions";

/**
 * Who is acting, built on the server from the verified session — never from client input.
 * Every service takes it first: `service.fn(ctx, input)`.
 */
export type TContext = {
  userId: string;
  tenantId: string;
  role: TRole;
  partnerId: string | null;
  /** The user's office, when the caller knows it (the session does); services look it up otherwise. */
  officeId?: string | null;
  /** Correlates the audit rows of one request. */
  requestId: string;
  /** The client's address as the trusted proxies report it (lib/auth/client-ip.ts), for the access log. */
  ip?: string | null;
  /** The request's server-side session (user_session), when the context comes from one: the session lists and sign-out name it. */
  sessionId?: string;
};
