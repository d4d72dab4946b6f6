import { StatusNotice } from "@/components/errors/status-notice";

/** forbidden() outside the signed-in area (inside it, app/(app)/forbidden.tsx renders within the shell). */
export default function Forbidden() {
  return (
    <main id="main" className="mx-auto max-w-6xl px-6 py-16">
      <StatusNotice status="forbidden" />
    </main>
  );
}
