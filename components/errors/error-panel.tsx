import type { ReactNode, Ref } from "react";

/**
 * The body of the app's own error pages (404, 403, unexpected errors): what happened, what to do,
 * and the ways on. Never an error's message or stack — at most its digest, as a reference.
 * The heading takes focus from client boundaries (`headingRef`), so it is focusable but not tabbable.
 */
export function ErrorPanel({
  title,
  headingRef,
  children,
  actions,
}: {
  title: string;
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
  actions: ReactNode;
}) {
  return (
    <div className="max-w-2xl" data-testid="error-page">
      <h1 ref={headingRef} tabIndex={-1} className="text-2xl font-bold focus:outline-none">
        {title}
      </h1>
      <div className="mt-4 space-y-3 text-slate-800">{children}</div>
      <div className="mt-6 flex flex-wrap items-center gap-x-6 gap-y-3">{actions}</div>
    </div>
  );
}
