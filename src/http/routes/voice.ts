import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../app/errors.js";
import type { AppContext } from "../../compose.js";
import type { ProviderCall } from "../../adapters/voice/webhook-call.js";
import type { Action, Turn } from "../../domain/dialogue/actions.js";
import { STATUS } from "../errors.js";
import { jambonzVoiceRoutes } from "./voice-jambonz.js";
import { twilioVoiceRoutes } from "./voice-twilio.js";

/**
 * Voice webhooks of the telephony providers. Each provider's routes only check who is calling
 * (signature, or loopback in the demo), parse the provider's payload into a Turn, call the one
 * dialogue use case and render its actions back. Step numbers in URLs are not personal data.
 */

export type VoiceChannel = "twilio" | "jambonz";

export interface VoiceTurnInput {
  channel: VoiceChannel;
  callId: string;
  from: string;
  to?: string;
  step?: number;
  turn: Turn;
}

export interface VoiceTurnResult {
  actions: Action[];
  conversationId: string;
  stepNo: number;
}

export const voiceRoutes = async (app: FastifyInstance, ctx: AppContext): Promise<void> => {
  await app.register(async (a) => twilioVoiceRoutes(a, ctx));
  await app.register(async (a) => jambonzVoiceRoutes(a, ctx));
};

/** 127.0.0.0/8 and ::1 (also as IPv4-mapped IPv6): the demo accepts unsigned webhooks only from this machine. */
export const isLoopback = (ip: string | undefined): boolean => {
  if (!ip) return false;
  const v4 = ip.startsWith("::ffff:") ? ip.slice(7) : ip;
  if (v4 === "::1") return true;
  const parts = v4.split(".");
  return parts.length === 4 && parts[0] === "127" && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
};

/** The step a later webhook answers, from `?n=`; absent or garbled means "not a step request". */
export const stepFromQuery = (query: unknown): number | undefined => {
  const n = (query as Record<string, unknown> | undefined)?.n;
  const s = Array.isArray(n) ? n[0] : n;
  return typeof s === "string" && /^\d{1,6}$/.test(s) ? Number(s) : undefined;
};

export const refuse = (
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  channel: VoiceChannel,
  reason: string,
) => {
  // No body fields here: the request may carry a caller's number, and it is not trusted anyway.
  ctx.log.warn({ channel, path: req.url.split("?")[0], ip: req.ip, reason }, "voice webhook refused");
  return reply.status(403).send({ error: "forbidden", message: `Voice webhook refused: ${reason}.` });
};

export const handleVoiceTurn = (ctx: AppContext, input: VoiceTurnInput): Promise<VoiceTurnResult> =>
  ctx.services.dialogue.handleTurn(input);

/** Status for an error from the dialogue use case; undefined for our own failures (500). */
export const expectedErrorStatus = (err: unknown): number | undefined =>
  err instanceof AppError ? STATUS[err.code] : undefined;

export interface AnswerOptions {
  channel: VoiceChannel;
  call: ProviderCall;
  /** the webhook's query string: later webhooks carry the step number as ?n= */
  query: unknown;
  /** a new call has no step yet (the use case makes it step 1) */
  isStart: boolean;
  /** a gather or queue result must name its step */
  needsStep: boolean;
  /** a status callback: nothing to render, just record the turn */
  isStatus: boolean;
  /** sends the provider's rendering of the actions; `next` is the step number of the next webhook */
  render: (actions: Action[], next: number) => FastifyReply;
  /** sends a refusal with a reason, in the provider's format */
  bad: (status: number, message: string) => FastifyReply;
  /** sends the provider's "sorry, putting you through to a person" answer */
  fallback: () => FastifyReply;
}

/**
 * Runs one turn for a webhook and answers it, the same way for every provider: an expected
 * refusal is a 4xx with its reason; our own failure never drops the caller, who is put through
 * to a person instead (a status callback gets a plain 500, as nobody is listening).
 */
export const answerVoiceTurn = async (ctx: AppContext, reply: FastifyReply, o: AnswerOptions) => {
  const step = o.isStart ? undefined : stepFromQuery(o.query);
  if (o.needsStep && step === undefined) return o.bad(400, "the step number (?n=) is missing or not a number");
  if (!o.call.turn) return reply.status(204).send();
  try {
    const result = await handleVoiceTurn(ctx, {
      channel: o.channel,
      callId: o.call.callSid,
      from: o.call.from,
      ...(o.call.to ? { to: o.call.to } : {}),
      ...(step === undefined ? {} : { step }),
      turn: o.call.turn,
    });
    if (o.isStatus) return reply.status(204).send();
    return o.render(result.actions, result.stepNo + 1);
  } catch (err) {
    const status = expectedErrorStatus(err);
    if (status !== undefined && status < 500) return o.bad(status, (err as Error).message);
    ctx.log.error(
      { err, channel: o.channel, callSid: o.call.callSid },
      "voice turn failed; caller sent to the general queue",
    );
    if (o.isStatus) return reply.status(500).send({ error: "internal", message: "Something went wrong on our side." });
    return o.fallback();
  }
};
