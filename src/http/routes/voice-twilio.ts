import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseTwilioWebhook, type TwilioHook } from "../../adapters/voice/twilio/parse-webhook.js";
import { apologyTwiml, queueName, renderTwiml } from "../../adapters/voice/twilio/render-twiml.js";
import { verifyTwilioSignature } from "../../adapters/voice/twilio/signature.js";
import { escapeText } from "../../adapters/voice/xml.js";
import type { AppContext } from "../../compose.js";
import { route } from "../openapi.js";
import { answerVoiceTurn, isLoopback, refuse } from "./voice.js";

/**
 * Twilio Programmable Voice: POST /voice/twilio for a new call, /voice/twilio/step?n= for every
 * Gather result, /voice/twilio/queue?n= when the caller leaves the agent queue, and
 * /voice/twilio/status for the call status callback. TwiML back, except for the status callback.
 */

const TWIML = "text/xml; charset=utf-8";

// When our side fails, the caller still reaches a person: apologise and queue for the general desk.
const fallbackTwiml = () =>
  `<?xml version="1.0" encoding="UTF-8"?><Response><Say language="cmn-CN" voice="Polly.Zhiyu-Neural">${escapeText(
    "抱歉，系统繁忙，正在为您转接人工服务，请稍候。",
  )}</Say><Enqueue method="POST">${queueName("general")}</Enqueue></Response>`;

export const twilioVoiceRoutes = async (app: FastifyInstance, ctx: AppContext): Promise<void> => {
  const base = `${ctx.config.publicUrl}/voice/twilio`;

  const authentic = (req: FastifyRequest): string | null => {
    const token = ctx.config.TWILIO_AUTH_TOKEN;
    if (!token) return isLoopback(req.ip) ? null : "unsigned requests are accepted from this machine only";
    const url = `${ctx.config.publicUrl}${req.url}`;
    const params = req.body && typeof req.body === "object" ? (req.body as Record<string, unknown>) : {};
    return verifyTwilioSignature(token, url, params, req.headers["x-twilio-signature"])
      ? null
      : "invalid X-Twilio-Signature";
  };

  const badRequest = (reply: FastifyReply, status: number, reason: string) =>
    // Twilio only reads 2xx bodies, but a person testing the endpoint should hear and see why.
    reply.status(status).header("content-type", TWIML).header("x-civicline-reason", reason).send(apologyTwiml());

  const answer = async (req: FastifyRequest, reply: FastifyReply, hook: TwilioHook) => {
    const why = authentic(req);
    if (why) return refuse(ctx, req, reply, "twilio", why);
    const parsed = parseTwilioWebhook(req.body, hook);
    if (!parsed.ok) return badRequest(reply, 400, parsed.reason);
    return answerVoiceTurn(ctx, reply, {
      channel: "twilio",
      call: parsed.value,
      query: req.query,
      isStart: hook === "incoming",
      needsStep: hook === "gather" || hook === "queue",
      isStatus: hook === "status",
      render: (actions, next) =>
        reply
          .status(200)
          .header("content-type", TWIML)
          .send(
            renderTwiml(actions, {
              actionUrl: `${base}/step?n=${next}`,
              queueResultUrl: `${base}/queue?n=${next}`,
              startRecording: hook === "incoming",
            }),
          ),
      bad: (status, message) => badRequest(reply, status, message),
      fallback: () =>
        reply.status(200).header("content-type", TWIML).header("x-civicline-fallback", "1").send(fallbackTwiml()),
    });
  };

  const spec = (url: string, summary: string) => ({
    method: "POST" as const,
    url,
    summary,
    tags: ["voice"],
    responses: { 204: "Status noted", 403: "Signature missing or invalid (or not loopback in the demo)" },
  });
  route(app, spec("/voice/twilio", "Twilio Voice webhook for a new call (form-encoded; TwiML back)"), (p) =>
    answer(p.req, p.reply, "incoming"),
  );
  route(app, spec("/voice/twilio/step", "Twilio Gather result for step n (?n=)"), (p) =>
    answer(p.req, p.reply, "gather"),
  );
  route(app, spec("/voice/twilio/queue", "Twilio Enqueue action: the caller left the agent queue"), (p) =>
    answer(p.req, p.reply, "queue"),
  );
  route(app, spec("/voice/twilio/status", "Twilio call status callback (end of call)"), (p) =>
    answer(p.req, p.reply, "status"),
  );
};
