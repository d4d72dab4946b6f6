"use client";

import { useEffect, useRef } from "react";

/**
 * A <details> menu: opens and closes without JavaScript (the language switch and sign-out in it
 * are plain forms); with it, Escape closes it and returns to its button, and a click or focus
 * elsewhere closes it.
 */
export function UserMenu({ summary, children }: { summary: React.ReactNode; children: React.ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);

  useEffect(() => {
    function closeOutside(event: Event) {
      const details = ref.current;
      if (details?.open && event.target instanceof Node && !details.contains(event.target)) details.open = false;
    }
    document.addEventListener("pointerdown", closeOutside);
    document.addEventListener("focusin", closeOutside);
    return () => {
      document.removeEventListener("pointerdown", closeOutside);
      document.removeEventListener("focusin", closeOutside);
    };
  }, []);

  return (
    <details
      ref={ref}
      className="group relative"
      onKeyDown={(event) => {
        const details = ref.current;
        if (event.key !== "Escape" || !details?.open) return;
        details.open = false;
        details.querySelector("summary")?.focus();
      }}
    >
      <summary className="flex max-w-[11rem] cursor-pointer list-none items-center gap-1 rounded-md px-2 py-1.5 text-sm font-medium hover:bg-slate-100 sm:max-w-xs [&::-webkit-details-marker]:hidden">
        {summary}
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4 shrink-0 transition-transform group-open:rotate-180" fill="currentColor">
          <path d="M5.2 7.2 10 12l4.8-4.8 1 1L10 14 4.2 8.2z" />
        </svg>
      </summary>
      <div className="absolute right-0 top-full z-50 mt-1 w-64 max-w-[calc(100vw-1rem)] rounded-md border border-slate-300 bg-white p-3 shadow-lg">
        {children}
      </div>
    </details>
  );
}
