import type { Clock } from "../clock.js";
import { cityToday } from "../../domain/appointments/city-time.js";
import type { CitizenStore, PiiProtector, SendVerificationSms } from "./ports.js";

/** Everything the identity use cases are built from (see src/areas/identity.ts). */
export interface IdentityDeps {
  citizens: CitizenStore;
  pii: PiiProtector;
  clock: Clock;
  /** the city's time zone, for "today" and ages */
  tz: string;
  newId: () => string;
  /** a uniformly random integer in [0, 1 000 000) for one-time codes */
  randomCode: () => number;
  /** looked up at call time, so the journey area can plug its outbox in after identity started */
  sms: { send: SendVerificationSms };
}

export const todayIn = (d: Pick<IdentityDeps, "clock" | "tz">): string => cityToday(d.clock.now(), d.tz);

/** A refusal as a value: `reason` is a stable code for programs, `message` is for people reading API responses. */
export type Refusal<R extends string> = { ok: false; reason: R; message: string };
export const refuse = <R extends string>(reason: R, message: string): Refusal<R> => ({ ok: false, reason, message });
