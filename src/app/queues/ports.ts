import type { QueueEventType, TicketStatus } from "../../domain/queues/tickets.js";

export interface TicketRow {
  hallCode: string;
  serviceDate: string;
  ticket: string;
  itemCode: string;
  status: TicketStatus;
  counter: string | null;
  issuedAt: Date;
  calledAt: Date | null;
  servedAt: Date | null;
}

export interface QueueEventRecord {
  sourceSystem: string;
  eventId: string;
  hallCode: string;
  ticket: string;
  type: QueueEventType;
  occurredAt: Date;
  receivedAt: Date;
}

export interface ItemQueueFigures {
  itemCode: string;
  waiting: number;
  /** minutes from call to served, most recent first */
  recentServiceMinutes: number[];
  activeCounters: number;
}

export interface QueueStore {
  /** false when this (source, event id) was applied before */
  recordEvent(e: QueueEventRecord): Promise<boolean>;
  eventExists(sourceSystem: string, eventId: string): Promise<boolean>;
  lockTicket(hallCode: string, serviceDate: string, ticket: string): Promise<TicketRow | undefined>;
  saveTicket(t: TicketRow, at: Date, event: QueueEventType): Promise<void>;
  figures(hallCode: string, serviceDate: string, activeSince: Date): Promise<ItemQueueFigures[]>;
  countToday(hallCode: string, serviceDate: string): Promise<number>;
}
