/**
 * A ticket from a hall's ticketing machine: issued (waiting) → called to a window → served, or
 * skipped when nobody came (a skipped ticket may be called again, 过号重呼). Events come from
 * machines we do not control, so impossible moves are refused with the reason.
 */

export const QUEUE_EVENT_TYPES = ["issued", "called", "served", "skipped"] as const;
export type QueueEventType = (typeof QUEUE_EVENT_TYPES)[number];

export const TICKET_STATUSES = ["waiting", "called", "served", "skipped"] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

const RESULT: Record<QueueEventType, TicketStatus> = {
  issued: "waiting",
  called: "called",
  served: "served",
  skipped: "skipped",
};

/** from which ticket status each event may come (undefined: the ticket does not exist yet) */
const FROM: Record<QueueEventType, (TicketStatus | undefined)[]> = {
  issued: [undefined],
  // a window may call the same ticket again (the citizen did not hear it)
  called: ["waiting", "called", "skipped"],
  served: ["called"],
  skipped: ["called", "waiting"],
};

export type TicketDecision = { ok: true; status: TicketStatus } | { ok: false; message: string };

export const decideTicket = (current: TicketStatus | undefined, event: QueueEventType): TicketDecision => {
  if (FROM[event].includes(current)) return { ok: true, status: RESULT[event] };
  if (current === undefined)
    return { ok: false, message: `Ticket was never issued; "${event}" needs an "issued" event first.` };
  if (event === "issued") return { ok: false, message: "Ticket number was already issued today." };
  return { ok: false, message: `A ticket that is ${current} cannot be ${event}.` };
};
