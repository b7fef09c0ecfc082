import pino, { type Logger } from "pino";
import { maskText } from "../../domain/privacy/mask.js";

/**
 * Structured logs with personal data removed. Known fields are redacted by path; free text in
 * messages is passed through maskText so an ID or phone number typed into a message never lands
 * in a log file.
 */

const REDACT_PATHS = [
  "idNumber",
  "*.idNumber",
  "id_number",
  "*.id_number",
  "phone",
  "*.phone",
  "from",
  "*.from",
  "to",
  "*.to",
  "From",
  "To",
  "Caller",
  "Called",
  "address",
  "*.address",
  "text",
  "*.text",
  "SpeechResult",
  "Digits",
  "*.Digits",
  "req.headers.authorization",
  'req.headers["x-api-key"]',
  'req.headers["x-twilio-signature"]',
  'req.headers["jambonz-signature"]',
  "headers.authorization",
];

export const createLogger = (level: string, destination?: pino.DestinationStream): Logger =>
  pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: "[masked]" },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === "string" ? maskText(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
      serializers: {
        // URLs may carry query strings; keep the path only.
        req: (req: { method: string; url: string; id: string }) => ({
          id: req.id,
          method: req.method,
          url: maskText(req.url.split("?")[0] ?? ""),
        }),
      },
    },
    destination,
  );

export type { Logger };
