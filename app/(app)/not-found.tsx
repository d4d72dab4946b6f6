import { StatusNotice } from "@/components/errors/status-notice";

/** notFound() from a page of the signed-in area (a missing or foreign id): shown inside the app shell. */
export default function AppNotFound() {
  return <StatusNotice status="notFound" />;
}
