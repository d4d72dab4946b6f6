import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { DisableTwoFactorForm } from "@/components/account/disable-two-factor-form";
import { RegenerateRecoveryCodesForm } from "@/components/account/regenerate-recovery-codes-form";
import { RevokeOtherSessionsButton, RevokeSessionButton } from "@/components/account/session-buttons";
import { TwoFactorSetup } from "@/components/account/two-factor-setup";
import { Alert } from "@/components/ui/alert";
import { DataTable, cellClass } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUserForEnrolment } from "@/lib/auth/session";
import { INSTANT_DATE_TIME } from "@/lib/dates";
import { getAccountSecurityPage } from "@/lib/domain/two-factor/security-page";
import { mustEnrolTwoFactor } from "@/lib/domain/two-factor/policy";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account.security"))("title") };
}

/**
 * The user's second factor and sessions. Open to a user the tenant's policy still waits on (the
 * only page besides signing out): every other page sends them here (`?required=1`).
 */
export default async function AccountSecurityPage() {
  const user = await requireSessionUserForEnrolment();
  const page = await loadForPage(() => getAccountSecurityPage(user));
  const t = await getTranslations("account.security");
  const format = await getFormatter();
  const enrolling = mustEnrolTwoFactor(user);
  const { twoFactor, sessions } = page;
  const deviceOf = (s: (typeof sessions)[number]) => [s.device.browser, s.device.system].filter(Boolean).join(", ") || t("unknownDevice");

  return (
    <>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {enrolling ? (
        <Alert tone="info" className="mt-4 max-w-2xl" data-testid="two-factor-required">
          {t("requiredNotice")}
        </Alert>
      ) : null}

      <section aria-labelledby="two-factor-heading" className="mt-6">
        <h2 id="two-factor-heading" className="mb-3 text-lg font-semibold">
          {t("twoFactor")}
        </h2>
        <p className="mb-4 max-w-2xl text-slate-700">{t("twoFactorIntro")}</p>
        {twoFactor.enabled ? (
          <div className="flex flex-col gap-8">
            <p data-testid="two-factor-status" className="font-medium">
              {t("enabledSince", { at: format.dateTime(twoFactor.enabledAt ?? new Date(), INSTANT_DATE_TIME) })}{" "}
              {t("codesLeft", { count: twoFactor.recoveryCodesLeft })}
            </p>
            <section aria-labelledby="codes-heading">
              <h3 id="codes-heading" className="mb-2 text-base font-semibold">
                {t("codesRenewTitle")}
              </h3>
              <RegenerateRecoveryCodesForm />
            </section>
            <section aria-labelledby="disable-heading">
              <h3 id="disable-heading" className="mb-2 text-base font-semibold">
                {t("disableTitle")}
              </h3>
              {twoFactor.required ? <p className="max-w-2xl text-slate-700">{t("requiredByPolicy")}</p> : <DisableTwoFactorForm />}
            </section>
          </div>
        ) : (
          <>
            {twoFactor.required && !enrolling ? <p className="mb-3 max-w-2xl text-slate-700">{t("requiredByPolicy")}</p> : null}
            <TwoFactorSetup />
          </>
        )}
      </section>

      <section aria-labelledby="sessions-heading" className="mt-10">
        <h2 id="sessions-heading" className="mb-3 text-lg font-semibold">
          {t("sessions")}
        </h2>
        <p className="max-w-2xl text-slate-700">{t("sessionsIntro")}</p>
        <DataTable
          caption={t("sessionsCaption")}
          columns={[
            t("columns.device"),
            { label: t("columns.ip"), hideBelow: "sm" },
            { label: t("columns.signedIn"), hideBelow: "md" },
            t("columns.lastSeen"),
            { label: <span className="sr-only">{t("columns.actions")}</span> },
          ]}
        >
          {sessions.map((session) => (
            <tr key={session.id} className="border-b border-slate-200 align-top" data-testid={session.current ? "current-session" : "other-session"}>
              <td className="p-2">
                {deviceOf(session)}
                {session.current ? (
                  <span className="ml-2 rounded bg-blue-100 px-1.5 py-0.5 text-xs font-semibold text-blue-900">{t("thisSession")}</span>
                ) : null}
                {session.twoFactor ? <span className="block text-xs text-slate-600">{t("withTwoFactor")}</span> : null}
              </td>
              <td className={`p-2 ${cellClass("sm")}`}>{session.ip ?? "—"}</td>
              <td className={`p-2 ${cellClass("md")}`}>{format.dateTime(session.createdAt, INSTANT_DATE_TIME)}</td>
              <td className="p-2">{format.dateTime(session.lastSeenAt, INSTANT_DATE_TIME)}</td>
              <td className="p-2">{session.current ? null : <RevokeSessionButton sessionId={session.id} device={deviceOf(session)} />}</td>
            </tr>
          ))}
        </DataTable>
        <div className="mt-4">
          <RevokeOtherSessionsButton />
        </div>
      </section>

      {enrolling ? null : (
        <p className="mt-8">
          <TextLink href="/account">{t("back")}</TextLink>
        </p>
      )}
    </>
  );
}
