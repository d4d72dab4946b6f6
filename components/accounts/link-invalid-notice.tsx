import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";

/**
 * A link that cannot be used: one message whatever the reason (expired, used, replaced, unknown)
 * and the way to a new one. Texts come translated: the page (server) and the form (browser) both show it.
 */
export function LinkInvalidNotice({ message, requestNew, href }: { message: string; requestNew: string; href: string }) {
  return (
    <div className="flex flex-col gap-4">
      <Alert tone="error" data-testid="link-invalid">
        {message}
      </Alert>
      <div>
        <Link href={href} className={buttonClass("primary")}>
          {requestNew}
        </Link>
      </div>
    </div>
  );
}

/** Where a new link is asked for, with the tenant the old one named. */
export function forgotPasswordHref(tenantSlug: string | null): string {
  return tenantSlug ? `/forgot-password?${new URLSearchParams({ tenant: tenantSlug })}` : "/forgot-password";
}
