"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DataTable, cellClass } from "@/components/ui/data-table";
import { Dialog } from "@/components/ui/dialog";
import { approveRetentionAction } from "@/lib/actions/privacy-retention";
import { RetentionKeepForm } from "./retention-keep-form";
import { useRetentionError } from "./use-retention-error";

/** One pending review as the page shows it: labels and dates already in the reader's language. */
export type TPendingRow = { id: string; clientName: string; kind: string; status: string; endedOn: string; listedAt: string };

type TConfirm = { all: boolean; count: number };

/**
 * The IOD's pending reviews: tick people (or take everyone pending) and approve their
 * anonymisation after a confirmation that names the count and that it cannot be undone; or keep
 * one person's data with a reason. The page reloads its lists after each decision.
 */
export function RetentionPending({ rows, total }: { rows: TPendingRow[]; total: number }) {
  const t = useTranslations("privacy.retention.pending");
  const tc = useTranslations("common");
  const message = useRetentionError();
  const router = useRouter();
  const [ticked, setTicked] = useState<string[]>([]);
  const [confirm, setConfirm] = useState<TConfirm | null>(null);
  const [keeping, setKeeping] = useState<TPendingRow | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);

  // The rows change after a decision (router.refresh): a tick counts only while its row is listed.
  const selected = ticked.filter((id) => rows.some((row) => row.id === id));

  useEffect(() => {
    if (done) statusRef.current?.focus();
  }, [done]);

  const allOnPage = rows.length > 0 && rows.every((row) => selected.includes(row.id));
  const toggle = (id: string, on: boolean) => setTicked(on ? [...selected.filter((c) => c !== id), id] : selected.filter((c) => c !== id));

  async function approve(target: TConfirm) {
    setSending(true);
    setError(null);
    const result = await approveRetentionAction(target.all ? { all: true, expected: target.count } : { reviewIds: selected });
    setSending(false);
    if (!result.ok) {
      setError(message.failure(result));
      return;
    }
    setConfirm(null);
    setTicked([]);
    setDone(t("approved", { count: result.data.approved }));
    router.refresh();
  }

  if (total === 0) return <p className="mt-2">{t("empty")}</p>;

  return (
    <div className="flex flex-col gap-4">
      {done ? (
        <div ref={statusRef} tabIndex={-1}>
          <Alert tone="success" data-testid="retention-done">
            {done}
          </Alert>
        </div>
      ) : null}
      {error && !confirm ? (
        <Alert tone="error" data-testid="retention-error">
          {error}
        </Alert>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <Button variant="danger" disabled={selected.length === 0} onClick={() => setConfirm({ all: false, count: selected.length })}>
          {t("approveSelected", { count: selected.length })}
        </Button>
        <Button variant="secondary" onClick={() => setConfirm({ all: true, count: total })}>
          {t("approveAll", { count: total })}
        </Button>
      </div>
      <DataTable
        caption={t("caption")}
        className="mt-0"
        columns={[
          {
            label: (
              <input
                type="checkbox"
                className="size-4"
                aria-label={t("selectPage")}
                checked={allOnPage}
                onChange={(e) =>
                  setTicked(
                    e.target.checked ? [...new Set([...selected, ...rows.map((row) => row.id)])] : selected.filter((id) => !rows.some((row) => row.id === id)),
                  )
                }
              />
            ),
          },
          t("columns.person"),
          { label: t("columns.kind"), hideBelow: "md" },
          { label: t("columns.status"), hideBelow: "lg" },
          { label: t("columns.endedOn"), hideBelow: "sm" },
          { label: t("columns.listedAt"), hideBelow: "lg" },
          t("columns.actions"),
        ]}
      >
        {rows.map((row) => (
          <tr key={row.id} data-testid="retention-pending-row" className="border-b border-slate-200 align-top">
            <td className="p-2">
              <input
                type="checkbox"
                className="size-4"
                aria-label={t("selectRow", { name: row.clientName })}
                checked={selected.includes(row.id)}
                onChange={(e) => toggle(row.id, e.target.checked)}
              />
            </td>
            <td className="p-2 wrap-anywhere">{row.clientName}</td>
            <td className={`p-2 ${cellClass("md")}`}>{row.kind}</td>
            <td className={`p-2 ${cellClass("lg")}`}>{row.status}</td>
            <td className={`p-2 ${cellClass("sm")}`}>{row.endedOn}</td>
            <td className={`p-2 ${cellClass("lg")}`}>{row.listedAt}</td>
            <td className="p-2">
              <Button variant="secondary" className="px-2 py-1" aria-label={t("keepLabel", { name: row.clientName })} onClick={() => setKeeping(row)}>
                {t("keep")}
              </Button>
            </td>
          </tr>
        ))}
      </DataTable>

      <Dialog
        open={confirm !== null}
        onClose={() => {
          setConfirm(null);
          setError(null);
        }}
        title={t("confirmTitle")}
        closeLabel={t("close")}
        description={confirm ? t("confirmText", { count: confirm.count }) : undefined}
      >
        {confirm ? (
          <div className="flex flex-col gap-4">
            <Alert tone="error" role="note">
              {t("confirmIrreversible")}
            </Alert>
            {error ? (
              <Alert tone="error" data-testid="retention-confirm-error">
                {error}
              </Alert>
            ) : null}
            <div className="flex flex-wrap gap-3">
              <Button variant="danger" data-autofocus disabled={sending} onClick={() => void approve(confirm)}>
                {sending ? t("submitting") : t("confirmSubmit", { count: confirm.count })}
              </Button>
              <Button variant="secondary" onClick={() => setConfirm(null)}>
                {tc("cancel")}
              </Button>
            </div>
          </div>
        ) : null}
      </Dialog>

      <Dialog
        open={keeping !== null}
        onClose={() => setKeeping(null)}
        title={keeping ? t("keepTitle", { name: keeping.clientName }) : ""}
        closeLabel={t("close")}
        description={t("keepDescription")}
      >
        {keeping ? (
          <RetentionKeepForm
            reviewId={keeping.id}
            onCancel={() => setKeeping(null)}
            onDone={() => {
              setDone(t("kept", { name: keeping.clientName }));
              setKeeping(null);
              router.refresh();
            }}
          />
        ) : null}
      </Dialog>
    </div>
  );
}
