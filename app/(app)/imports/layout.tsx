import { ClientMessages } from "@/components/i18n/client-messages";

/** Sends this segment's client components their messages, and only those (lib/i18n/client-namespaces.ts). */
export default function Layout({ children }: { children: React.ReactNode }) {
  return <ClientMessages segment="(app)/imports">{children}</ClientMessages>;
}
