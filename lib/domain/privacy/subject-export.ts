import "server-only";
import { strToU8, zipSync } from "fflate";
import { assertCan } from "@/lib/auth/authorize";
import type { TContext } from "@/lib/auth/context";
import { isoDate, todayInPoland } from "@/lib/dates";
import { tenantTransaction, type TTx } from "@/lib/db/transaction";
import { ENUM_LABELS, LEGAL_BASIS_LABELS, SUBTYPE_LABELS } from "@/lib/domain/audit/labels";
import { auditActor, recordAudit } from "@/lib/domain/audit/service";
import { AppError, notFound } from "@/lib/errors";
import type { SubjectRequestKind } from "@/lib/generated/prisma/enums";
import { assertId } from "@/lib/validation";
import { recordAccess } from "./access-log";
import { loadRequestForUpdate, requestClient } from "./requests";
import { subjectExportPdf } from "./subject-export-pdf";

/**
 * The right of access (GDPR art. 15; issue 17 §4): ONE person's complete data — their record with
 * identifiers, contact, address, target-group and special-category fields, legal basis, clause and
 * consents; the people linked to them, their advisors and team; their support paths with everything
 * recorded on them; the services they took part in; their trainings; the information exchanged
 * about them; the evidence and jobs recorded at them; their EFS+ data; their requests; and who
 * viewed their data — as a ZIP of a readable Polish PDF and machine-readable JSON.
 *
 * Every query names the person (their client id, or the ids of their own paths and registrations)
 * within the tenant's transaction, so nothing of anyone else is read: a service shared with
 * another person gives its own fields and providers, never its other participants; a training its
 * sessions and this person's attendance only. What names a third party beyond the staff who worked
 * with the person is left out (art. 15(4)): the person employed in a job created at an enterprise,
 * the address from which staff viewed the record.
 */

/** A translator of the root messages (next-intl's getTranslations({ locale: "pl" }), or createTranslator in tests). */
export type TTranslator = (key: string, values?: Record<string, string | number>) => string;

/** An enum value as a code a program reads and the Polish label a person reads. */
export type TCoded = { code: string; label: string };

/** The JSON's version: a reader checks it before reading the keys. */
export const SUBJECT_EXPORT_FORMAT = "owes.subject-export/1";

const day = (d: Date | null | undefined) => (d ? isoDate(d) : null);
const instant = (d: Date | null | undefined) => (d ? d.toISOString() : null);

function coder(t: TTranslator) {
  function code<K extends string>(labels: Readonly<Record<K, string>>, value: K): TCoded;
  function code<K extends string>(labels: Readonly<Record<K, string>>, value: K | null): TCoded | null;
  function code<K extends string>(labels: Readonly<Record<K, string>>, value: K | null): TCoded | null {
    if (value === null) return null;
    const key = labels[value] as string | undefined;
    return { code: value, label: key ? t(key) : value };
  }
  return code;
}

// ── the reads: each filtered by the person within the tenant ─────────────────────────────────────

async function loadPerson(tx: TTx, tenantId: string, clientId: string) {
  const client = await tx.client.findFirst({
    where: { tenantId, id: clientId },
    select: {
      id: true,
      kind: true,
      subtype: true,
      name: true,
      status: true,
      pesel: true,
      nip: true,
      regon: true,
      krs: true,
      email: true,
      phone: true,
      voivodeship: true,
      county: true,
      commune: true,
      town: true,
      street: true,
      postalCode: true,
      atRiskOfExclusion: true,
      hasDisability: true,
      aged50Plus: true,
      leavingReintegrationEntity: true,
      longTermUnemployed: true,
      kpresSpheres: true,
      waitingSince: true,
      consentDate: true,
      consentScope: true,
      consentLegalBasis: true,
      notes: true,
      processingBasis: true,
      clauseGivenOn: true,
      restrictedAt: true,
      anonymisedAt: true,
      createdAt: true,
      updatedAt: true,
      office: { select: { name: true } },
      keyAdvisor: { select: { name: true } },
      clause: { select: { version: true, title: true, effectiveFrom: true } },
      people: {
        select: { id: true, role: true, name: true, function: true, email: true, phone: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      consents: {
        select: { id: true, purpose: true, givenOn: true, withdrawnOn: true, recordedById: true, withdrawnById: true, clause: { select: { version: true } } },
        orderBy: [{ givenOn: "asc" }, { id: "asc" }],
      },
      assignments: {
        select: {
          id: true,
          advisorId: true,
          fromAdvisorId: true,
          assignedById: true,
          assignedAt: true,
          reason: true,
          releasedAt: true,
          releasedById: true,
          releaseReason: true,
        },
        orderBy: [{ assignedAt: "asc" }, { id: "asc" }],
      },
      team: {
        select: { id: true, userId: true, role: true, startsOn: true, endsOn: true, addedById: true, createdAt: true, removedAt: true, removedById: true },
        orderBy: [{ startsOn: "asc" }, { id: "asc" }],
      },
      participantData: {
        select: {
          sex: true,
          birthDate: true,
          educationLevel: true,
          labourMarketStatus: true,
          disability: true,
          foreignOrigin: true,
          minority: true,
          homeless: true,
          urbanisation: true,
          participationStart: true,
          participationEnd: true,
          situationAtEnd: true,
          updatedAt: true,
        },
      },
      subjectRequests: {
        select: {
          id: true,
          kind: true,
          requesterName: true,
          receivedOn: true,
          dueOn: true,
          extendedTo: true,
          extensionReason: true,
          status: true,
          outcome: true,
          closedAt: true,
        },
        orderBy: [{ receivedOn: "asc" }, { id: "asc" }],
      },
      retentionReviews: { select: { id: true, retentionEndedOn: true, listedAt: true, decision: true, reason: true, decidedAt: true } },
    },
  });
  if (!client) throw notFound("Client");
  return client;
}

function loadPaths(tx: TTx, tenantId: string, clientId: string) {
  return tx.supportPath.findMany({
    where: { tenantId, clientId },
    orderBy: [{ openedAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      direction: true,
      workForm: true,
      step: true,
      identification: true,
      keyAdvisorId: true,
      openedAt: true,
      closedAt: true,
      lastMonitoringAt: true,
      createdById: true,
      templateEntry: { select: { code: true, name: true } },
      transitions: { select: { id: true, fromStep: true, toStep: true, actorId: true, at: true }, orderBy: [{ at: "asc" }, { id: "asc" }] },
      contract: { select: { id: true, number: true, signedOn: true, scope: true, status: true } },
      needs: {
        select: { id: true, description: true, priority: true, expectedEffects: true, createdAt: true, areaEntry: { select: { code: true, name: true } } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      plans: {
        orderBy: [{ number: "asc" }],
        select: {
          id: true,
          number: true,
          status: true,
          summary: true,
          createdById: true,
          createdAt: true,
          submittedAt: true,
          submittedById: true,
          decidedAt: true,
          decidedById: true,
          decisionComment: true,
          actions: {
            orderBy: [{ position: "asc" }, { id: "asc" }],
            select: {
              id: true,
              position: true,
              description: true,
              plannedFrom: true,
              plannedTo: true,
              responsibleUserId: true,
              expectedResult: true,
              status: true,
              supportTypeEntry: { select: { code: true, name: true } },
              specialistAreaEntry: { select: { code: true, name: true } },
            },
          },
          events: { select: { id: true, kind: true, actorId: true, comment: true, at: true }, orderBy: [{ at: "asc" }, { id: "asc" }] },
        },
      },
      monitoring: {
        select: { id: true, authorId: true, createdAt: true, progress: true, risks: true, nextSteps: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      },
      evaluations: {
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          authorId: true,
          createdAt: true,
          assessment: true,
          results: {
            orderBy: [{ achievedOn: "asc" }, { id: "asc" }],
            select: {
              id: true,
              type: true,
              quantity: true,
              achievedOn: true,
              evidenceKind: true,
              evidenceReference: true,
              description: true,
              kpresSpheres: true,
              withdrawnAt: true,
              withdrawReason: true,
            },
          },
        },
      },
      annotations: {
        select: { id: true, annotationId: true, revision: true, step: true, text: true, authorId: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { revision: "asc" }, { id: "asc" }],
      },
    },
  });
}

/** The person's part in services: each record's own fields and providers — never its other participants. */
function loadServices(tx: TTx, tenantId: string, clientId: string) {
  return tx.serviceParticipation.findMany({
    where: { tenantId, clientId },
    orderBy: [{ date: "asc" }, { serviceId: "asc" }],
    select: {
      pathId: true,
      planActionId: true,
      service: {
        select: {
          id: true,
          date: true,
          startTime: true,
          durationMinutes: true,
          form: true,
          channel: true,
          topic: true,
          notes: true,
          nextSteps: true,
          authorId: true,
          createdAt: true,
          deletedAt: true,
          deleteReason: true,
          supportTypeEntry: { select: { code: true, name: true } },
          specialistAreaEntry: { select: { code: true, name: true } },
          office: { select: { name: true } },
          providers: { select: { userId: true }, orderBy: [{ userId: "asc" }] },
        },
      },
    },
  });
}

/** Registrations for events of the person (or, for an organisation, of its people), with their own attendance only. */
function loadRegistrations(tx: TTx, tenantId: string, clientId: string) {
  return tx.eventRegistration.findMany({
    where: { tenantId, OR: [{ clientId }, { personClientId: clientId }] },
    orderBy: [{ registeredAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      status: true,
      registeredAt: true,
      registeredById: true,
      promotedAt: true,
      cancelledAt: true,
      cancelReason: true,
      limitExceptionReason: true,
      completedOn: true,
      clientPerson: { select: { name: true } },
      event: {
        select: {
          id: true,
          title: true,
          kind: true,
          status: true,
          supportTypeEntry: { select: { code: true, name: true } },
          sessions: {
            select: { id: true, date: true, startTime: true, endTime: true, durationMinutes: true, place: true, onlineUrl: true },
            orderBy: [{ date: "asc" }, { id: "asc" }],
          },
        },
      },
      attendance: {
        select: { sessionId: true, status: true, materials: true, accommodation: true, meals: true, travelReimbursement: true, recordedAt: true },
      },
    },
  });
}

function loadExchanges(tx: TTx, tenantId: string, clientId: string) {
  return tx.informationExchange.findMany({
    where: { tenantId, clientId },
    orderBy: [{ date: "asc" }, { id: "asc" }],
    select: {
      id: true,
      date: true,
      contactPerson: true,
      direction: true,
      channel: true,
      subject: true,
      pathId: true,
      documentReference: true,
      followUpOn: true,
      authorId: true,
      createdAt: true,
      institution: { select: { name: true, kind: true } },
    },
  });
}

function loadEvidence(tx: TTx, tenantId: string, clientId: string) {
  return tx.indicatorEvidence.findMany({
    where: { tenantId, clientId },
    orderBy: [{ documentDate: "asc" }, { id: "asc" }],
    select: {
      id: true,
      documentKind: true,
      documentDate: true,
      reference: true,
      quantity: true,
      kpresSpheres: true,
      description: true,
      withdrawnAt: true,
      withdrawReason: true,
      indicator: { select: { name: true } },
    },
  });
}

function loadJobs(tx: TTx, tenantId: string, clientId: string) {
  return tx.jobRecord.findMany({
    where: { tenantId, clientId },
    orderBy: [{ startsOn: "asc" }, { id: "asc" }],
    select: {
      id: true,
      pathResultId: true,
      position: true,
      startsOn: true,
      evidence: true,
      withdrawnAt: true,
      checks: {
        select: { id: true, months: true, dueOn: true, outcome: true, checkedOn: true, endedOn: true, evidence: true },
        orderBy: [{ months: "asc" }],
      },
    },
  });
}

function loadAccessLog(tx: TTx, tenantId: string, clientId: string) {
  return tx.accessLog.findMany({
    where: { tenantId, clientId },
    orderBy: [{ at: "asc" }, { id: "asc" }],
    select: { id: true, userId: true, view: true, detail: true, at: true },
  });
}

// ── the document ────────────────────────────────────────────────────────────────────────────────

/** Everything the export holds, as the JSON has it (English keys, ISO dates, codes with Polish labels). */
export type TSubjectExportData = Awaited<ReturnType<typeof gatherSubjectData>>;

/** Reads the person's data in the caller's transaction and shapes it; staff are named, ids are kept. */
async function gatherSubjectData(
  tx: TTx,
  ctx: TContext,
  request: { id: string; kind: SubjectRequestKind; receivedOn: Date },
  clientId: string,
  t: TTranslator,
) {
  const { tenantId } = ctx;
  const code = coder(t);
  const person = await loadPerson(tx, tenantId, clientId);
  const paths = await loadPaths(tx, tenantId, clientId);
  const participations = await loadServices(tx, tenantId, clientId);
  const registrations = await loadRegistrations(tx, tenantId, clientId);
  const exchanges = await loadExchanges(tx, tenantId, clientId);
  const evidence = await loadEvidence(tx, tenantId, clientId);
  const jobs = await loadJobs(tx, tenantId, clientId);
  const accessLog = await loadAccessLog(tx, tenantId, clientId);

  // The staff named anywhere above, in one query.
  const staffIds = new Set<string>();
  const note = (...ids: (string | null)[]) => ids.forEach((id) => id && staffIds.add(id));
  person.consents.forEach((c) => note(c.recordedById, c.withdrawnById));
  person.assignments.forEach((a) => note(a.advisorId, a.fromAdvisorId, a.assignedById, a.releasedById));
  person.team.forEach((m) => note(m.userId, m.addedById, m.removedById));
  for (const p of paths) {
    note(p.keyAdvisorId, p.createdById);
    p.transitions.forEach((x) => note(x.actorId));
    p.plans.forEach((v) => {
      note(v.createdById, v.submittedById, v.decidedById);
      v.actions.forEach((a) => note(a.responsibleUserId));
      v.events.forEach((e) => note(e.actorId));
    });
    p.monitoring.forEach((m) => note(m.authorId));
    p.evaluations.forEach((e) => note(e.authorId));
    p.annotations.forEach((a) => note(a.authorId));
  }
  participations.forEach(({ service }) => note(service.authorId, ...service.providers.map((p) => p.userId)));
  registrations.forEach((r) => note(r.registeredById));
  exchanges.forEach((e) => note(e.authorId));
  accessLog.forEach((a) => note(a.userId));
  const staff = await tx.user.findMany({ where: { tenantId, id: { in: [...staffIds] } }, select: { id: true, name: true } });
  const names = new Map(staff.map((u) => [u.id, u.name]));
  const who = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const centre = await tx.tenant.findUnique({ where: { id: tenantId }, select: { name: true } });

  const entry = (e: { code: string; name: string } | null) => (e ? { code: e.code, label: e.name } : null);
  const spheres = (values: readonly (keyof typeof ENUM_LABELS.KpresSphere)[]) => values.map((s) => code(ENUM_LABELS.KpresSphere, s));
  const p = person;
  return {
    format: SUBJECT_EXPORT_FORMAT,
    generatedAt: new Date().toISOString(),
    generatedOn: todayInPoland(),
    controller: centre?.name ?? "",
    request: { id: request.id, kind: code(ENUM_LABELS.SubjectRequestKind, request.kind), receivedOn: day(request.receivedOn) },
    person: {
      id: p.id,
      kind: code(ENUM_LABELS.ClientKind, p.kind),
      subtype: p.subtype ? code(SUBTYPE_LABELS as Readonly<Record<string, string>>, p.subtype) : null,
      name: p.name,
      status: code(ENUM_LABELS.ClientStatus, p.status),
      identifiers: { pesel: p.pesel, nip: p.nip, regon: p.regon, krs: p.krs },
      contact: { email: p.email, phone: p.phone },
      address: { street: p.street, postalCode: p.postalCode, town: p.town, commune: p.commune, county: p.county, voivodeship: p.voivodeship },
      targetGroup: {
        atRiskOfExclusion: p.atRiskOfExclusion,
        aged50Plus: p.aged50Plus,
        leavingReintegrationEntity: p.leavingReintegrationEntity,
        longTermUnemployed: p.longTermUnemployed,
        kpresSpheres: spheres(p.kpresSpheres),
      },
      /** Special-category data (GDPR art. 9). */
      sensitive: { hasDisability: p.hasDisability },
      office: p.office?.name ?? null,
      keyAdvisor: p.keyAdvisor?.name ?? null,
      notes: p.notes,
      waitingSince: instant(p.waitingSince),
      restrictedAt: instant(p.restrictedAt),
      anonymisedAt: instant(p.anonymisedAt),
      createdAt: instant(p.createdAt),
      updatedAt: instant(p.updatedAt),
    },
    legalBasis: {
      basis: code(ENUM_LABELS.ProcessingBasis, p.processingBasis),
      clause: p.clause ? { version: p.clause.version, title: p.clause.title, effectiveFrom: day(p.clause.effectiveFrom) } : null,
      clauseGivenOn: day(p.clauseGivenOn),
      /** The consent recorded on the client's form before issue 17. */
      recordedConsent: {
        date: day(p.consentDate),
        scope: p.consentScope,
        legalBasis: p.consentLegalBasis ? code(LEGAL_BASIS_LABELS as Readonly<Record<string, string>>, p.consentLegalBasis) : null,
      },
      consents: p.consents.map((c) => ({
        id: c.id,
        purpose: code(ENUM_LABELS.ConsentPurpose, c.purpose),
        givenOn: day(c.givenOn),
        clauseVersion: c.clause?.version ?? null,
        recordedBy: who(c.recordedById),
        withdrawnOn: day(c.withdrawnOn),
        withdrawnBy: who(c.withdrawnById),
      })),
    },
    people: p.people.map((x) => ({
      id: x.id,
      role: code(ENUM_LABELS.ClientPersonRole, x.role),
      name: x.name,
      function: x.function,
      email: x.email,
      phone: x.phone,
    })),
    keyAdvisors: p.assignments.map((a) => ({
      id: a.id,
      advisor: who(a.advisorId),
      fromAdvisor: who(a.fromAdvisorId),
      assignedBy: who(a.assignedById),
      assignedAt: instant(a.assignedAt),
      reason: a.reason,
      releasedAt: instant(a.releasedAt),
      releasedBy: who(a.releasedById),
      releaseReason: a.releaseReason,
    })),
    team: p.team.map((m) => ({
      id: m.id,
      member: who(m.userId),
      role: code(ENUM_LABELS.ClientTeamRole, m.role),
      startsOn: day(m.startsOn),
      endsOn: day(m.endsOn),
      addedBy: who(m.addedById),
      removedAt: instant(m.removedAt),
      removedBy: who(m.removedById),
    })),
    paths: paths.map((path) => ({
      id: path.id,
      direction: code(ENUM_LABELS.DevelopmentDirection, path.direction),
      workForm: code(ENUM_LABELS.WorkForm, path.workForm),
      template: entry(path.templateEntry),
      step: code(ENUM_LABELS.PathStep, path.step),
      identification: path.identification,
      keyAdvisor: who(path.keyAdvisorId),
      openedAt: instant(path.openedAt),
      closedAt: instant(path.closedAt),
      lastMonitoringAt: instant(path.lastMonitoringAt),
      steps: path.transitions.map((x) => ({
        id: x.id,
        from: code(ENUM_LABELS.PathStep, x.fromStep),
        to: code(ENUM_LABELS.PathStep, x.toStep),
        by: who(x.actorId),
        at: instant(x.at),
      })),
      contract: path.contract
        ? {
            id: path.contract.id,
            number: path.contract.number,
            signedOn: day(path.contract.signedOn),
            scope: path.contract.scope,
            status: code(ENUM_LABELS.ContractStatus, path.contract.status),
          }
        : null,
      needs: path.needs.map((n) => ({
        id: n.id,
        area: entry(n.areaEntry),
        description: n.description,
        priority: n.priority,
        expectedEffects: n.expectedEffects,
      })),
      plans: path.plans.map((v) => ({
        id: v.id,
        number: v.number,
        status: code(ENUM_LABELS.PlanStatus, v.status),
        summary: v.summary,
        createdBy: who(v.createdById),
        createdAt: instant(v.createdAt),
        submittedAt: instant(v.submittedAt),
        submittedBy: who(v.submittedById),
        decidedAt: instant(v.decidedAt),
        decidedBy: who(v.decidedById),
        decisionComment: v.decisionComment,
        actions: v.actions.map((a) => ({
          id: a.id,
          /** The action's place in the plan, from 1. */
          order: a.position + 1,
          supportType: entry(a.supportTypeEntry),
          specialistArea: entry(a.specialistAreaEntry),
          description: a.description,
          plannedFrom: day(a.plannedFrom),
          plannedTo: day(a.plannedTo),
          responsible: who(a.responsibleUserId),
          expectedResult: a.expectedResult,
          status: code(ENUM_LABELS.PlanActionStatus, a.status),
        })),
        decisions: v.events.map((e) => ({
          id: e.id,
          kind: code(ENUM_LABELS.PlanEventKind, e.kind),
          by: who(e.actorId),
          comment: e.comment,
          at: instant(e.at),
        })),
      })),
      monitoring: path.monitoring.map((m) => ({
        id: m.id,
        author: who(m.authorId),
        createdAt: instant(m.createdAt),
        progress: m.progress,
        risks: m.risks,
        nextSteps: m.nextSteps,
      })),
      evaluations: path.evaluations.map((e) => ({
        id: e.id,
        author: who(e.authorId),
        createdAt: instant(e.createdAt),
        assessment: e.assessment,
        results: e.results.map((r) => ({
          id: r.id,
          type: code(ENUM_LABELS.PathResultType, r.type),
          quantity: r.quantity,
          achievedOn: day(r.achievedOn),
          evidenceKind: r.evidenceKind,
          evidenceReference: r.evidenceReference,
          description: r.description,
          kpresSpheres: spheres(r.kpresSpheres),
          withdrawnAt: instant(r.withdrawnAt),
          withdrawReason: r.withdrawReason,
        })),
      })),
      // Append-only: an edit is a new revision of the same annotation; every revision is the person's data.
      annotations: path.annotations.map((a) => ({
        id: a.id,
        annotationId: a.annotationId,
        revision: a.revision,
        step: code(ENUM_LABELS.PathStep, a.step),
        text: a.text,
        author: who(a.authorId),
        createdAt: instant(a.createdAt),
      })),
    })),
    services: participations.map(({ service: s, pathId, planActionId }) => ({
      id: s.id,
      date: day(s.date),
      startTime: s.startTime,
      durationMinutes: s.durationMinutes,
      supportType: entry(s.supportTypeEntry),
      specialistArea: entry(s.specialistAreaEntry),
      form: code(ENUM_LABELS.WorkForm, s.form),
      channel: code(ENUM_LABELS.ServiceChannel, s.channel),
      topic: s.topic,
      notes: s.notes,
      nextSteps: s.nextSteps,
      office: s.office?.name ?? null,
      providers: s.providers.map((x) => who(x.userId)).filter((name): name is string => name !== null),
      recordedBy: who(s.authorId),
      recordedAt: instant(s.createdAt),
      pathId,
      planActionId,
      deletedAt: instant(s.deletedAt),
      deleteReason: s.deleteReason,
    })),
    trainings: registrations.map((r) => {
      const attended = new Map(r.attendance.map((a) => [a.sessionId, a]));
      return {
        registrationId: r.id,
        participant: r.clientPerson?.name ?? null,
        event: {
          id: r.event.id,
          title: r.event.title,
          kind: code(ENUM_LABELS.EventKind, r.event.kind),
          supportType: entry(r.event.supportTypeEntry),
          status: code(ENUM_LABELS.EventStatus, r.event.status),
        },
        status: code(ENUM_LABELS.RegistrationStatus, r.status),
        registeredAt: instant(r.registeredAt),
        registeredBy: who(r.registeredById),
        promotedAt: instant(r.promotedAt),
        cancelledAt: instant(r.cancelledAt),
        cancelReason: r.cancelReason,
        limitExceptionReason: r.limitExceptionReason,
        completedOn: day(r.completedOn),
        sessions: r.event.sessions.map((s) => {
          const a = attended.get(s.id);
          return {
            id: s.id,
            date: day(s.date),
            startTime: s.startTime,
            endTime: s.endTime,
            durationMinutes: s.durationMinutes,
            place: s.place,
            onlineUrl: s.onlineUrl,
            attendance: a
              ? {
                  status: code(ENUM_LABELS.AttendanceStatus, a.status),
                  materials: a.materials,
                  accommodation: a.accommodation,
                  meals: a.meals,
                  travelReimbursement: a.travelReimbursement?.toFixed(2) ?? null,
                  recordedAt: instant(a.recordedAt),
                }
              : null,
          };
        }),
      };
    }),
    cooperation: exchanges.map((e) => ({
      id: e.id,
      date: day(e.date),
      institution: e.institution.name,
      institutionKind: code(ENUM_LABELS.InstitutionKind, e.institution.kind),
      contactPerson: e.contactPerson,
      direction: code(ENUM_LABELS.ExchangeDirection, e.direction),
      channel: code(ENUM_LABELS.ExchangeChannel, e.channel),
      subject: e.subject,
      documentReference: e.documentReference,
      followUpOn: day(e.followUpOn),
      pathId: e.pathId,
      recordedBy: who(e.authorId),
      recordedAt: instant(e.createdAt),
    })),
    indicatorEvidence: evidence.map((e) => ({
      id: e.id,
      indicator: e.indicator.name,
      documentKind: e.documentKind,
      documentDate: day(e.documentDate),
      reference: e.reference,
      quantity: e.quantity,
      kpresSpheres: spheres(e.kpresSpheres),
      description: e.description,
      withdrawnAt: instant(e.withdrawnAt),
      withdrawReason: e.withdrawReason,
    })),
    jobs: jobs.map((j) => ({
      id: j.id,
      pathResultId: j.pathResultId,
      position: j.position,
      startsOn: day(j.startsOn),
      evidence: j.evidence,
      withdrawnAt: instant(j.withdrawnAt),
      checks: j.checks.map((c) => ({
        id: c.id,
        months: c.months,
        dueOn: day(c.dueOn),
        outcome: code(ENUM_LABELS.JobCheckOutcome, c.outcome),
        checkedOn: day(c.checkedOn),
        endedOn: day(c.endedOn),
        evidence: c.evidence,
      })),
    })),
    participant: p.participantData
      ? {
          sex: code(ENUM_LABELS.Sex, p.participantData.sex),
          birthDate: day(p.participantData.birthDate),
          educationLevel: code(ENUM_LABELS.EducationLevel, p.participantData.educationLevel),
          labourMarketStatus: code(ENUM_LABELS.LabourMarketStatus, p.participantData.labourMarketStatus),
          disability: code(ENUM_LABELS.DeclaredAnswer, p.participantData.disability),
          foreignOrigin: code(ENUM_LABELS.DeclaredAnswer, p.participantData.foreignOrigin),
          minority: code(ENUM_LABELS.DeclaredAnswer, p.participantData.minority),
          homeless: code(ENUM_LABELS.DeclaredAnswer, p.participantData.homeless),
          urbanisation: code(ENUM_LABELS.Urbanisation, p.participantData.urbanisation),
          participationStart: day(p.participantData.participationStart),
          participationEnd: day(p.participantData.participationEnd),
          situationAtEnd: code(ENUM_LABELS.ParticipationEndSituation, p.participantData.situationAtEnd),
          updatedAt: instant(p.participantData.updatedAt),
        }
      : null,
    subjectRequests: p.subjectRequests.map((r) => ({
      id: r.id,
      kind: code(ENUM_LABELS.SubjectRequestKind, r.kind),
      requesterName: r.requesterName,
      receivedOn: day(r.receivedOn),
      dueOn: day(r.dueOn),
      extendedTo: day(r.extendedTo),
      extensionReason: r.extensionReason,
      status: code(ENUM_LABELS.SubjectRequestStatus, r.status),
      outcome: r.outcome,
      closedAt: instant(r.closedAt),
    })),
    retention: p.retentionReviews.map((r) => ({
      id: r.id,
      retentionEndedOn: day(r.retentionEndedOn),
      listedAt: instant(r.listedAt),
      decision: code(ENUM_LABELS.RetentionDecision, r.decision),
      reason: r.reason,
      decidedAt: instant(r.decidedAt),
    })),
    accessLog: accessLog.map((a) => ({ id: a.id, at: instant(a.at), user: who(a.userId), view: code(ENUM_LABELS.AccessView, a.view), detail: a.detail })),
  };
}

/**
 * The data of an access request's person (privacy.requests): the request must be an access request
 * naming a person of the tenant (a foreign or missing request is NOT_FOUND). The export is audited
 * on the request (subject_request.export) and logged as a view of the person (SUBJECT_EXPORT) in the
 * same transaction that reads it.
 */
async function getSubjectExportData(ctx: TContext, requestId: string, t: TTranslator): Promise<TSubjectExportData> {
  await assertCan(ctx, "privacy.requests");
  assertId(requestId, "SubjectRequest");
  return tenantTransaction(ctx.tenantId, async (tx) => {
    const request = await loadRequestForUpdate(tx, ctx, requestId);
    if (request.kind !== "ACCESS") throw new AppError("INVALID_STATE", { fieldErrors: { _form: "notAccessRequest" } });
    const client = requestClient(request);
    const data = await gatherSubjectData(tx, ctx, request, client.id, t);
    await recordAccess(tx, ctx, [{ clientId: client.id, view: "SUBJECT_EXPORT", detail: requestId }]);
    await recordAudit(tx, auditActor(ctx), {
      action: "subject_request.export",
      entityType: "SubjectRequest",
      entityId: requestId,
      after: { clientId: client.id },
    });
    return data;
  });
}

export type TSubjectExport = { fileName: string; body: Uint8Array };

/**
 * The access request's answer as a ZIP: `dane.json` (machine-readable: TSubjectExportData) and
 * `dane.pdf` (the same data for a person to read, in Polish), named `dane-osobowe-<date>.zip`.
 */
export async function buildSubjectExport(ctx: TContext, requestId: string, t: TTranslator): Promise<TSubjectExport> {
  const data = await getSubjectExportData(ctx, requestId, t);
  const pdf = await subjectExportPdf(data, t);
  const body = zipSync({
    "dane.json": strToU8(`${JSON.stringify(data, null, 2)}\n`),
    "dane.pdf": [new Uint8Array(pdf), { level: 0 }],
  });
  return { fileName: `dane-osobowe-${data.generatedOn}.zip`, body };
}
