import { ClientMessages } from "@/components/i18n/client-messages";

/**
 * Sends this segment's client components their messages, and only those (lib/i18n/client-namespaces.ts):
 * the list's "send again" buttons. The new-user and user pages have their own providers, which replace this one.
 */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages segment="(app)/admin/users">{children}</ClientMessages>;
}
