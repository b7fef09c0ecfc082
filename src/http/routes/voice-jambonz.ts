import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { parseJambonzWebhook, type JambonzHook } from "../../adapters/voice/jambonz/parse.js";
import { apologyVerbs, renderJambonz } from "../../adapters/voice/jambonz/render.js";
import { verifyJambonzSignature } from "../../adapters/voice/jambonz/signature.js";
import type { AppContext } from "../../compose.js";
import { route } from "../openapi.js";
import { answerVoiceTurn, isLoopback, refuse } from "./voice.js";

/**
 * jambonz webhooks: POST /voice/jambonz for a new session, /voice/jambonz/step?n= for gather
 * results, /voice/jambonz/queue?n= after the agent queue, /voice/jambonz/status for call status.
 * The signature covers the exact body bytes, so this plugin (and only this one) keeps the raw
 * JSON text beside the parsed object.
 */

declare module "fastify" {
  interface FastifyRequest {
    rawBody?: string;
  }
}

const INVALID_JSON = Symbol("invalid-json");

export const jambonzVoiceRoutes = async (app: FastifyInstance, ctx: AppContext): Promise<void> => {
  const base = `${ctx.config.publicUrl}/voice/jambonz`;

  // Bad JSON is reported after the signature check, so an outsider learns nothing from it.
  app.addContentTypeParser("application/json", { parseAs: "string" }, (req, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    req.rawBody = text;
    try {
      done(null, text.length ? JSON.parse(text) : {});
    } catch {
      done(null, { [INVALID_JSON]: true });
    }
  });

  const authentic = (req: FastifyRequest): string | null => {
    const secret = ctx.config.JAMBONZ_WEBHOOK_SECRET;
    if (!secret) return isLoopback(req.ip) ? null : "unsigned requests are accepted from this machine only";
    const now = Math.floor(ctx.clock.now().getTime() / 1000);
    const check = verifyJambonzSignature(secret, req.headers["jambonz-signature"], req.rawBody ?? "", now);
    return check.ok ? null : check.reason;
  };

  const bad = (reply: FastifyReply, status: number, reason: string) =>
    reply.status(status).send({ error: "bad-request", message: reason, verbs: apologyVerbs() });

  const answer = async (req: FastifyRequest, reply: FastifyReply, hook: JambonzHook) => {
    const why = authentic(req);
    if (why) return refuse(ctx, req, reply, "jambonz", why);
    if (req.rawBody === undefined) return bad(reply, 415, "jambonz webhooks are JSON (content-type: application/json)");
    if (req.body && typeof req.body === "object" && INVALID_JSON in req.body)
      return bad(reply, 400, "the body is not valid JSON");
    const parsed = parseJambonzWebhook(req.body, hook);
    if (!parsed.ok) return bad(reply, 400, parsed.reason);
    return answerVoiceTurn(ctx, reply, {
      channel: "jambonz",
      call: parsed.value,
      query: req.query,
      isStart: hook === "session",
      needsStep: hook === "gather" || hook === "queue",
      isStatus: hook === "status",
      render: (actions, next) =>
        reply
          .status(200)
          .send(renderJambonz(actions, { actionHook: `${base}/step?n=${next}`, queueHook: `${base}/queue?n=${next}` })),
      bad: (status, message) => bad(reply, status, message),
      fallback: () =>
        reply
          .status(200)
          .header("x-civicline-fallback", "1")
          .send([
            {
              verb: "say",
              text: "抱歉，系统繁忙，正在为您转接人工服务，请稍候。",
              synthesizer: { language: "cmn-CN" },
            },
            { verb: "enqueue", name: "civicline-general", priority: 500 },
          ]),
    });
  };

  const spec = (url: string, summary: string) => ({
    method: "POST" as const,
    url,
    summary,
    tags: ["voice"],
    responses: {
      204: "Status noted",
      403: "Jambonz-Signature missing, invalid or stale (or not loopback in the demo)",
    },
  });
  route(app, spec("/voice/jambonz", "jambonz call webhook for a new session (JSON; verbs back)"), (p) =>
    answer(p.req, p.reply, "session"),
  );
  route(app, spec("/voice/jambonz/step", "jambonz gather actionHook for step n (?n=)"), (p) =>
    answer(p.req, p.reply, "gather"),
  );
  route(app, spec("/voice/jambonz/queue", "jambonz enqueue actionHook: the caller left the agent queue"), (p) =>
    answer(p.req, p.reply, "queue"),
  );
  route(app, spec("/voice/jambonz/status", "jambonz call status webhook"), (p) => answer(p.req, p.reply, "status"));
};
