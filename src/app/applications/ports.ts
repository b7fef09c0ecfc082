import type { ApplicationStatus } from "../../domain/applications/states.js";
import type { NotifyChannel } from "../../domain/applications/notify-rules.js";
import type { LinkStore } from "../links/ports.js";
import type { OutboxStore } from "../notifications/ports.js";

export interface ApplicationRow {
  id: string;
  citizenId: string;
  subjectCitizenId: string | null;
  itemCode: string;
  hallCode: string | null;
  sourceSystem: string;
  externalRef: string;
  status: ApplicationStatus;
  reason: string | null;
  notifyChannels: NotifyChannel[];
  lifeEventCaseId: string | null;
  statusChangedAt: Date;
  createdAt: Date;
}

export interface ApplicationEventRow {
  sourceSystem: string;
  eventId: string;
  applicationId: string;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus;
  reason: string | null;
  occurredAt: Date;
  receivedAt: Date;
  payloadHash: string;
}

export interface LifeEventCaseRow {
  id: string;
  citizenId: string;
  subjectCitizenId: string | null;
  eventCode: string;
  sourceSystem: string;
  externalRef: string;
  createdAt: Date;
}

export type NewApplication = Omit<ApplicationRow, "id" | "createdAt">;

export interface ApplicationStore {
  findEvent(sourceSystem: string, eventId: string): Promise<ApplicationEventRow | undefined>;
  findByRef(sourceSystem: string, externalRef: string, lock?: boolean): Promise<ApplicationRow | undefined>;
  get(id: string): Promise<ApplicationRow | undefined>;
  insert(a: NewApplication, at: Date): Promise<ApplicationRow>;
  updateStatus(
    id: string,
    change: { status: ApplicationStatus; reason: string | null; at: Date; hallCode: string | null },
  ): Promise<ApplicationRow>;
  /** false when (source, event id) exists: a concurrent replay */
  insertEvent(e: ApplicationEventRow & { kbVersion: number }): Promise<boolean>;
  upsertCase(c: Omit<LifeEventCaseRow, "id" | "createdAt">, at: Date): Promise<LifeEventCaseRow>;
  listForCitizen(citizenId: string): Promise<ApplicationRow[]>;
  casesForCitizen(citizenId: string): Promise<LifeEventCaseRow[]>;
  history(applicationId: string): Promise<ApplicationEventRow[]>;
  appendDomainEvent(e: {
    aggregate: string;
    aggregateId: string;
    type: string;
    payload: object;
    actor: string;
    kbVersion: number | null;
    at: Date;
  }): Promise<void>;
}

/** The stores one transaction writes through. */
export interface ApplicationTxStores {
  applications: ApplicationStore;
  outbox: OutboxStore;
  links: LinkStore;
}

export type ApplicationUnitOfWork = <T>(fn: (s: ApplicationTxStores) => Promise<T>) => Promise<T>;

/** How a department system names the citizen an application belongs to. */
export interface ApplicantLookup {
  exists(citizenId: string): Promise<boolean>;
  byIdNumber(idNumber: string): Promise<string | undefined>;
  byPhone(phone: string): Promise<string | undefined>;
}
