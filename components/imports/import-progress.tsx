"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState } from "react";
import type { TImportProgress } from "@/lib/domain/imports/service";

/** The states in which a background job is working on the file (and the progress moves). */
export type TRunningStatus = "VALIDATING" | "IMPORTING";

type TProgress = Pick<TImportProgress, "processedRows" | "totalRows"> & { status: TImportProgress["status"] };

const POLL_MS = 1_000;
/** After a failed poll (the server restarting, the network gone): wait longer, keep trying. */
const RETRY_MS = 5_000;

/**
 * The progress of a running dry run or import, as the database holds it (so a reload shows the
 * same): "12 000 z 20 000 wierszy" with a progress bar while importing; the rows checked so far
 * during the dry run, whose total is known only at its end. It asks the import's JSON route every
 * second and, once the job is done, refreshes the page, which then shows the report or the result.
 */
export function ImportProgress({ importId, initial }: { importId: string; initial: TProgress & { status: TRunningStatus } }) {
  const t = useTranslations("imports.page.progress");
  const router = useRouter();
  const labelId = useId();
  const [progress, setProgress] = useState<TProgress>(initial);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = (ms: number) => {
      if (!stopped) timer = setTimeout(poll, ms);
    };
    async function poll() {
      let next: TProgress;
      try {
        const response = await fetch(`/imports/${importId}/progress`, { cache: "no-store", headers: { accept: "application/json" } });
        // Signed out, or the import is gone: the page itself says so.
        if (response.redirected || (response.status >= 400 && response.status < 500)) {
          if (!stopped) router.refresh();
          return;
        }
        if (!response.ok) return schedule(RETRY_MS);
        next = (await response.json()) as TProgress;
      } catch {
        return schedule(RETRY_MS);
      }
      if (stopped) return;
      setProgress(next);
      if (next.status === "VALIDATING" || next.status === "IMPORTING") return schedule(POLL_MS);
      router.refresh();
    }
    schedule(POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [importId, router]);

  const importing = progress.status === "IMPORTING" && progress.totalRows > 0;
  return (
    <div className="mt-4 flex max-w-xl flex-col gap-2">
      <div aria-live="polite" aria-atomic="true">
        <p id={labelId} data-testid="import-progress" className="font-medium tabular-nums">
          {importing ? t("importing", { processed: progress.processedRows, total: progress.totalRows }) : t("validating", { processed: progress.processedRows })}
        </p>
      </div>
      {/* Without a value the bar is indeterminate: the dry run does not know the total yet. */}
      {importing ? (
        <progress aria-labelledby={labelId} value={Math.min(progress.processedRows, progress.totalRows)} max={progress.totalRows} className="h-3 w-full" />
      ) : (
        <progress aria-labelledby={labelId} className="h-3 w-full" />
      )}
    </div>
  );
}
