import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ServiceForm } from "@/components/services/service-form";
import { Alert } from "@/components/ui/alert";
import { loadForPage } from "@/lib/actions/page";
import { requireSessionUser } from "@/lib/auth/session";
import { isoDate } from "@/lib/dates";
import { getServiceForEdit, getServiceFormOptions } from "@/lib/domain/services/service";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("services"))("editTitle") };
}

type TProps = { params: Promise<{ id: string }>; searchParams: Promise<{ back?: string }> };

/** Only a path inside the app: never another site. */
const safeBack = (back: string | undefined) => (back && back.startsWith("/") && !back.startsWith("//") ? back : "/services");

export default async function EditServicePage({ params, searchParams }: TProps) {
  const ctx = await requireSessionUser();
  const { id } = await params;
  const back = safeBack((await searchParams).back);
  const service = await loadForPage(() => getServiceForEdit(ctx, id));
  const options = await loadForPage(() => getServiceFormOptions(ctx, service.clients.map((c) => c.id)));
  const t = await getTranslations("services");
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={back} className="text-blue-800 underline">
          {t("back")}
        </Link>
      </p>
      <h1 className="mb-4 text-2xl font-bold">{t("editTitle")}</h1>
      {service.canChange ? (
        <ServiceForm
          mode={{ kind: "edit", serviceId: service.id, returnHref: back }}
          draftKey={`service-draft:${ctx.userId}:edit:${service.id}`}
          defaults={{
            date: isoDate(service.date),
            startTime: service.startTime ?? "",
            durationMinutes: String(service.durationMinutes),
            form: service.form,
            channel: service.channel,
            supportType: service.supportType,
            specialistArea: service.specialistArea ?? "",
            topic: service.topic ?? "",
            notes: service.notes ?? "",
            nextSteps: service.nextSteps ?? "",
            clientIds: service.clients.map((c) => c.id),
            providerIds: service.providers.map((p) => p.id),
            planActionIds: service.planActionByClient,
            officeId: service.officeId ?? "",
          }}
          options={{ ...options, planActions: [...service.linkedActions.filter((a) => !options.planActions.some((o) => o.id === a.id)), ...options.planActions] }}
        />
      ) : (
        <Alert tone="info">{t("cannotChange")}</Alert>
      )}
    </>
  );
}
