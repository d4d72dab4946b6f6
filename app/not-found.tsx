import { StatusNotice } from "@/components/errors/status-notice";

/** An unknown address (the signed-in area's own 404 renders inside its shell: app/(app)/not-found.tsx). */
export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-6xl px-6 py-16">
      <StatusNotice status="notFound" />
    </main>
  );
}
