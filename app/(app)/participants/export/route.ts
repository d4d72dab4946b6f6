import { requireSessionUser } from "@/lib/auth/session";
import { exportParticipantRegister } from "@/lib/domain/participants/register-export";
import { isAppError } from "@/lib/errors";

/** GET ?year=YYYY — the EFS+ participant register as XLSX (columns: lib/domain/participants/register-columns.ts). */
export async function GET(request: Request) {
  const ctx = await requireSessionUser();
  const year = new URL(request.url).searchParams.get("year") ?? undefined;
  let register;
  try {
    register = await exportParticipantRegister(ctx, { year });
  } catch (error) {
    if (isAppError(error)) return new Response(error.code, { status: error.status });
    throw error;
  }
  return new Response(new Uint8Array(register.body), {
    headers: {
      "Content-Disposition": `attachment; filename="${register.fileName}"`,
      "Cache-Control": "no-store",
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    },
  });
}
