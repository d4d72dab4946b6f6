import { getFormatter, getTranslations } from "next-intl/server";
import type { TActionResult } from "@/lib/actions/result";
import { asCalendarDate, dateOnly, todayInPoland } from "@/lib/dates";
import type { TAddTeamMemberInput } from "@/lib/domain/clients/schemas";
import type { TClientTeam } from "@/lib/domain/clients/service";
import { ClientTeamControls } from "./client-team";

type TProps = {
  clientId: string;
  team: TClientTeam;
  addAction: (clientId: string, input: TAddTeamMemberInput) => Promise<TActionResult<{ id: string }>>;
  removeAction: (clientId: string, memberId: string) => Promise<TActionResult<unknown>>;
};

/** Who works with the client — the need-to-know circle — and, for managers and coordinators, its controls. */
export async function ClientTeamSection({ clientId, team, addAction, removeAction }: TProps) {
  const t = await getTranslations("clients.team");
  const tr = await getTranslations("roles");
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(dateOnly(iso), asCalendarDate({ dateStyle: "medium" }));
  return (
    <section aria-labelledby="team-heading" className="rounded-md border border-slate-300 bg-white p-4" data-testid="client-team">
      <h2 id="team-heading" className="text-lg font-semibold">
        {t("title")}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t("intro")}</p>
      <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-[14rem_1fr]">
        <dt className="font-medium text-slate-700">{t("keyAdvisor")}</dt>
        <dd>{team.keyAdvisor?.name ?? t("noKeyAdvisor")}</dd>
        <dt className="font-medium text-slate-700">{t("members")}</dt>
        <dd>
          {team.members.length === 0 ? (
            t("noMembers")
          ) : (
            <ul className="flex flex-col gap-1" data-testid="team-members">
              {team.members.map((m) => (
                <li key={m.id}>
                  <strong className="font-semibold">{m.user.name}</strong> ({tr(m.user.role)}) — {t(`roles.${m.role}`)},{" "}
                  {t("period", { from: day(m.startsOn), to: m.endsOn ? day(m.endsOn) : t("openEnded") })}
                </li>
              ))}
            </ul>
          )}
        </dd>
        {team.planResponsibles.length > 0 ? (
          <>
            <dt className="font-medium text-slate-700">{t("planResponsibles")}</dt>
            <dd>{team.planResponsibles.map((u) => u.name).join(", ")}</dd>
          </>
        ) : null}
      </dl>
      {team.canManage ? (
        <ClientTeamControls clientId={clientId} members={team.members} candidates={team.candidates} today={todayInPoland()} addAction={addAction} removeAction={removeAction} />
      ) : null}
    </section>
  );
}
