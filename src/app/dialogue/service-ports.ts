/**
 * The parts of other areas' services the dialogue uses, declared structurally so this use case
 * depends on shapes, not on their modules (and tests can stand in for them). voice-core.ts passes
 * ctx.services.identity / appointments / applications / notifications / links.
 */

type Refused = { ok: false; reason: string };

export interface IdentityLike {
  findByPhone(phone: string): Promise<{ id: string; age?: number; locale: "zh" | "en" } | undefined>;
  get(citizenId: string): Promise<{ id: string; age?: number } | undefined>;
  verifyLast4(citizenId: string, last4: string, actor?: string): Promise<{ ok: true; citizenId: string } | Refused>;
  startSmsVerification(input: {
    citizenId: string;
    idNumber: string;
    actor?: string;
  }): Promise<{ ok: true; verificationId: string } | Refused>;
  confirmSmsVerification(
    verificationId: string,
    code: string,
    actor?: string,
  ): Promise<{ ok: true; citizenId: string } | Refused>;
  /** who holds this ID number (for callers from a number not on file); optional until identity offers it */
  findCitizenIdByIdNumber?(idNumber: string): Promise<string | undefined>;
}

export interface AppointmentLike {
  id: string;
  citizenId: string;
  item: string;
  hall: string;
  date: string;
  time: string;
  status: string;
  upcoming: boolean;
}

export interface AppointmentsLike {
  availableSlots(
    hall: string,
    item: string,
    date: string,
  ): Promise<{ ok: true; slots: { start: string; bookable: boolean; left: number }[] } | Refused>;
  book(input: {
    citizenId: string;
    hall: string;
    item: string;
    date: string;
    time: string;
    channel: string;
    actor: string;
  }): Promise<{ ok: true; appointment: AppointmentLike } | Refused>;
  reschedule(input: {
    appointmentId: string;
    date: string;
    time: string;
    hall?: string;
    actor: string;
  }): Promise<{ ok: true; appointment: AppointmentLike } | Refused>;
  cancel(input: { appointmentId: string; reason: "citizen-request"; actor: string }): Promise<{ ok: true } | Refused>;
  listAppointments(citizenId: string, opts?: { openOnly?: boolean }): Promise<AppointmentLike[] | undefined>;
  get(idOrReference: string): Promise<AppointmentLike | undefined>;
}

export interface ApplicationsLike {
  listForCitizen(citizenId: string): Promise<
    {
      itemCode: string;
      status: string;
      hallCode: string | null;
      open: boolean;
      forSelf: boolean;
      statusChangedAt: string;
    }[]
  >;
  lifeEvents(
    citizenId: string,
  ): Promise<{ event: string; complete: boolean; steps: { item: string; state: string }[] }[]>;
}

export interface NotificationsLike {
  send(req: {
    templateId: string;
    to: { phone: string };
    variables: Record<string, string>;
    idempotencyKey: string;
    locale?: "zh" | "en";
  }): Promise<unknown>;
}

export interface LinksLike {
  create(
    kind: "item" | "event" | "appointment",
    target: string,
    citizenId?: string | null,
    opts?: { locale?: "zh" | "en" },
  ): Promise<{ url: string }>;
}

/** Services looked up when used, so the order areas start in does not matter. */
export interface ServiceLookup {
  identity(): IdentityLike | undefined;
  appointments(): AppointmentsLike | undefined;
  applications(): ApplicationsLike | undefined;
  notifications(): NotificationsLike | undefined;
  links(): LinksLike | undefined;
  /** who holds an ID number, when identity does not offer findCitizenIdByIdNumber itself */
  citizenIdByIdNumber?(idNumber: string): Promise<string | undefined>;
}
