import { getFormatter, getTranslations } from "next-intl/server";
import { AssignClientButton, AssignDialogProvider } from "@/components/caseload/assign-dialog";
import { ReleaseClientButton } from "@/components/caseload/release-dialog";
import { TakeClientButton } from "@/components/caseload/take-client-button";
import { inPolishTime } from "@/lib/dates";
import type { TAdvisorCaseload } from "@/lib/domain/caseload/service";
import type { TClientAbilities, TClientDetails } from "@/lib/domain/clients/service";

type TProps = {
  client: Pick<TClientDetails, "id" | "name" | "status" | "keyAdvisor" | "waitingSince">;
  abilities: Pick<TClientAbilities, "canAssign" | "canRelease" | "canTake">;
  /** Read only when the caller may assign (getClientPage). */
  advisors: TAdvisorCaseload[] | null;
};

/** The client's key advisor (or their place in the queue) and the moves the caller may make: assign, release, take. */
export async function ClientAdvisorSection({ client, abilities, advisors }: TProps) {
  const td = await getTranslations("clients.details");
  const tca = await getTranslations("caseload.assign");
  const format = await getFormatter();
  const advisor = client.keyAdvisor;

  const section = (
    <section aria-labelledby="advisor-heading" className="rounded-md border border-slate-300 bg-white p-4">
      <h2 id="advisor-heading" className="text-lg font-semibold">
        {td("advisorTitle")}
      </h2>
      <p className="mt-2" data-testid="key-advisor">
        {advisor ? (
          <strong className="font-semibold">{advisor.name}</strong>
        ) : client.status === "CLOSED" ? (
          td("closed")
        ) : client.waitingSince ? (
          td("waitingSince", { date: format.dateTime(client.waitingSince, inPolishTime({ dateStyle: "short", timeStyle: "short" })) })
        ) : (
          td("noAdvisor")
        )}
      </p>
      {abilities.canAssign || abilities.canRelease || abilities.canTake ? (
        <div className="mt-3 flex flex-wrap items-start gap-3">
          {abilities.canAssign ? (
            <AssignClientButton
              variant="primary"
              client={{ id: client.id, name: client.name, currentAdvisorId: advisor?.id ?? null }}
              label={advisor ? tca("buttonChange") : tca("button")}
            />
          ) : null}
          {abilities.canRelease && advisor ? <ReleaseClientButton clientId={client.id} clientName={client.name} advisorName={advisor.name} /> : null}
          {abilities.canTake ? <TakeClientButton clientId={client.id} clientName={client.name} label={td("take")} /> : null}
        </div>
      ) : null}
    </section>
  );
  return abilities.canAssign && advisors ? <AssignDialogProvider advisors={advisors}>{section}</AssignDialogProvider> : section;
}
