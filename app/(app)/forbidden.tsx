import { StatusNotice } from "@/components/errors/status-notice";

/** forbidden() from a page of the signed-in area (a service refused the role): shown inside the app shell. */
export default function AppForbidden() {
  return <StatusNotice status="forbidden" />;
}
