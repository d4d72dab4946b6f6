"use client";

import { useEffect, useId, useRef } from "react";
import { cn } from "./cn";

type TDialogProps = {
  open: boolean;
  /** Called whenever the dialog closes: the close button, Escape, or the caller setting `open` to false. */
  onClose: () => void;
  title: string;
  /** Accessible name of the close button (e.g. "Zamknij"). */
  closeLabel: string;
  /** Optional sentence under the heading, read out with the dialog (aria-describedby). */
  description?: string;
  children: React.ReactNode;
  className?: string;
};

/**
 * A modal dialog on the native `<dialog>` element: `showModal()` makes the rest of the page inert
 * and traps focus, Escape closes it, the heading names it. Focus goes to the first field on open
 * and back to whatever opened the dialog on close (WCAG 2.4.3). The content is mounted only while
 * open, so a page with many triggers carries one small closed element each.
 */
export function Dialog({ open, onClose, title, closeLabel, description, children, className }: TDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocusTo = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      returnFocusTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      const first = dialog.querySelector<HTMLElement>(
        "[data-autofocus], input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled])",
      );
      first?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={() => {
        onClose();
        returnFocusTo.current?.focus();
        returnFocusTo.current = null;
      }}
      className={cn(
        "m-auto w-[min(40rem,calc(100vw-2rem))] max-h-[calc(100vh-2rem)] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50",
        className,
      )}
    >
      <div className="flex flex-col gap-4 p-6">
        <div className="flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-xl font-bold">
            {title}
          </h2>
          <button
            type="button"
            onClick={() => ref.current?.close()}
            className="rounded-md border border-slate-400 px-2 py-1 text-sm font-medium hover:bg-slate-100"
          >
            {closeLabel}
          </button>
        </div>
        {description ? (
          <p id={descriptionId} className="text-sm text-slate-700">
            {description}
          </p>
        ) : null}
        {open ? children : null}
      </div>
    </dialog>
  );
}
