"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { errorDigest } from "@/lib/errors";
import { ErrorPanel } from "./error-panel";

/** What Next passes to an error boundary (error.tsx, global-error.tsx). */
export type TErrorBoundaryProps = { error: unknown; retry: () => void };

/**
 * An unexpected failure, in the user's language: what happened, what to do, a retry that renders
 * the same URL again (`retry` refetches the segment from the server and resets the boundary), a
 * way to the start page and the digest for support. The error's message and stack are never shown.
 */
export function RouteError({ error, retry, home }: TErrorBoundaryProps & { home: "/" | "/dashboard" }) {
  const t = useTranslations("errorPages");
  const heading = useRef<HTMLHeadingElement>(null);
  const digest = errorDigest(error);

  // The page changed under the user: move focus to the heading so it is announced and read first.
  useEffect(() => {
    heading.current?.focus();
  }, [error]);

  return (
    <ErrorPanel
      title={t("error.title")}
      headingRef={heading}
      actions={
        <>
          <Button onClick={retry}>{t("error.retry")}</Button>
          <Link href={home} className={buttonClass("link")}>
            {home === "/" ? t("startPage") : t("dashboard")}
          </Link>
        </>
      }
    >
      <p>{t("error.lead")}</p>
      <p>{t("error.whatToDo")}</p>
      {digest ? (
        <p className="text-sm text-slate-700" data-testid="error-reference">
          {t("error.reference", { digest })}
        </p>
      ) : null}
    </ErrorPanel>
  );
}
