import type { LifeEvent } from "../kb/schema.js";
import { evaluateCondition, type CitizenFacts } from "./conditions.js";
import { isDone, isFinal, type ApplicationStatus } from "./states.js";

/**
 * A life event (一件事) is tracked as the set of its items' applications: from them we know what
 * the citizen has done and which steps they can start now.
 */

export type StepState =
  | "done" // document collected
  | "in-progress" // an application is open (including ready for pickup and returned)
  | "available" // every step it depends on is done; nothing open (a rejected attempt may be retried)
  | "blocked" // waiting for other steps
  | "not-applicable"; // its condition does not hold for this citizen

export interface StepApplication {
  id: string;
  itemCode: string;
  status: ApplicationStatus;
  statusChangedAt: Date;
}

export interface StepProgress {
  item: string;
  state: StepState;
  application?: StepApplication;
  /** steps this one still waits for */
  waitingFor: string[];
}

export interface LifeEventProgress {
  event: string;
  steps: StepProgress[];
  done: number;
  /** steps that apply to this citizen */
  total: number;
  /** items the citizen can start now, in the event's order */
  next: string[];
  complete: boolean;
}

/** The application that speaks for a step: an open one first, else the most recent. */
const pick = (apps: StepApplication[]): StepApplication | undefined =>
  [...apps].sort((a, b) => {
    const open = Number(isFinal(a.status)) - Number(isFinal(b.status));
    return open !== 0 ? open : b.statusChangedAt.getTime() - a.statusChangedAt.getTime();
  })[0];

export const lifeEventProgress = (
  event: LifeEvent,
  applications: StepApplication[],
  facts: CitizenFacts = {},
): LifeEventProgress => {
  const chosen = new Map(event.steps.map((s) => [s.item, pick(applications.filter((a) => a.itemCode === s.item))]));
  const applies = new Map(event.steps.map((s) => [s.item, evaluateCondition(s.when, facts) !== false]));
  const satisfied = (item: string) =>
    !applies.get(item) || (chosen.get(item) !== undefined && isDone(chosen.get(item)!.status));

  const steps = event.steps.map((s): StepProgress => {
    const app = chosen.get(s.item);
    const waitingFor = s.dependsOn.filter((d) => !satisfied(d));
    let state: StepState;
    if (!applies.get(s.item)) state = "not-applicable";
    else if (app && isDone(app.status)) state = "done";
    else if (app && !isFinal(app.status)) state = "in-progress";
    else state = waitingFor.length ? "blocked" : "available";
    return { item: s.item, state, ...(app ? { application: app } : {}), waitingFor };
  });
  const relevant = steps.filter((s) => s.state !== "not-applicable");
  const done = relevant.filter((s) => s.state === "done").length;
  return {
    event: event.code,
    steps,
    done,
    total: relevant.length,
    next: steps.filter((s) => s.state === "available").map((s) => s.item),
    complete: done === relevant.length,
  };
};
