"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { deleteEntryAction, moveEntryAction, setEntryRetiredAction } from "@/lib/actions/catalogue";
import type { TActionResult } from "@/lib/actions/result";
import type { TCatalogueListName } from "@/lib/domain/catalogue/schemas";

type TEntryRef = { list: TCatalogueListName; code: string; name: string };
type TFailure = Extract<TActionResult<unknown>, { ok: false }>;

/** A refused action in words (`errors.<code>`, e.g. ENTRY_IN_USE with the entry and its uses). */
function useActionMessage(): (failure: TFailure) => string {
  const te = useTranslations("errors");
  return (failure) => te(failure.code, failure.params);
}

/** Runs one catalogue action, then re-reads the page; a refusal is kept for the caller to show. */
function useEntryAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [failure, setFailure] = useState<TFailure | null>(null);
  const run = (action: () => Promise<TActionResult<unknown>>, onDone?: () => void) => {
    setFailure(null);
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        onDone?.();
        router.refresh();
      } else setFailure(result);
    });
  };
  return { pending, failure, run };
}

/** "W górę" / "W dół": the entry's place in its list (the order forms and reports follow). */
export function MoveEntryButtons({ entry, first, last }: { entry: TEntryRef; first: boolean; last: boolean }) {
  const t = useTranslations("catalogue");
  const message = useActionMessage();
  const { pending, failure, run } = useEntryAction();
  return (
    <span className="flex flex-col gap-1 sm:flex-row sm:flex-wrap sm:gap-2">
      <Button variant="secondary" className="px-2 py-1" disabled={first || pending} aria-label={t("moveUpLabel", { name: entry.name })} onClick={() => run(() => moveEntryAction(entry.list, entry.code, { direction: "up" }))}>
        {t("moveUp")}
      </Button>
      <Button variant="secondary" className="px-2 py-1" disabled={last || pending} aria-label={t("moveDownLabel", { name: entry.name })} onClick={() => run(() => moveEntryAction(entry.list, entry.code, { direction: "down" }))}>
        {t("moveDown")}
      </Button>
      {failure ? <span role="alert" className="text-sm font-medium text-red-700">{message(failure)}</span> : null}
    </span>
  );
}

/**
 * Retire (or restore) with a confirmation: a retired entry stays on the records that have it and
 * is no longer offered for new ones.
 */
export function RetireEntryButton({ entry, retired }: { entry: TEntryRef; retired: boolean }) {
  const kind = retired ? "restore" : "retire";
  const t = useTranslations("catalogue");
  const tc = useTranslations("common");
  const message = useActionMessage();
  const [open, setOpen] = useState(false);
  const { pending, failure, run } = useEntryAction();
  return (
    <>
      <Button variant="link" onClick={() => setOpen(true)} aria-label={t(`${kind}.label`, { name: entry.name })}>
        {t(`${kind}.button`)}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t(`${kind}.title`, { name: entry.name })} closeLabel={tc("cancel")} description={t(`${kind}.description`)}>
        <div className="flex flex-col gap-4">
          {failure ? <Alert tone="error">{message(failure)}</Alert> : null}
          <div className="flex flex-wrap gap-3">
            <Button data-autofocus variant={retired ? "primary" : "danger"} disabled={pending} onClick={() => run(() => setEntryRetiredAction(entry.list, entry.code, !retired), () => setOpen(false))}>
              {t(`${kind}.confirm`)}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {tc("cancel")}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}

/** Deletes an entry nothing uses, after a confirmation; then back to the catalogue. */
export function DeleteEntryButton({ entry }: { entry: TEntryRef }) {
  const t = useTranslations("catalogue.delete");
  const tc = useTranslations("common");
  const router = useRouter();
  const message = useActionMessage();
  const [open, setOpen] = useState(false);
  const { pending, failure, run } = useEntryAction();
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t("button")}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} title={t("title", { name: entry.name })} closeLabel={tc("cancel")} description={t("description")}>
        <div className="flex flex-col gap-4">
          {failure ? (
            <Alert tone="error" data-testid="catalogue-delete-error">
              {message(failure)}
            </Alert>
          ) : null}
          <div className="flex flex-wrap gap-3">
            <Button data-autofocus variant="danger" disabled={pending} onClick={() => run(() => deleteEntryAction(entry.list, entry.code), () => router.push("/admin/catalogue"))}>
              {t("confirm")}
            </Button>
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {tc("cancel")}
            </Button>
          </div>
        </div>
      </Dialog>
    </>
  );
}
