import type { FastifyError, FastifyInstance } from "fastify";
import { ZodError } from "zod";
import { AppError, type AppErrorCode } from "../app/errors.js";

/** One table from error code to HTTP status; every error body is { error, message, details? }. */
export const STATUS: Record<AppErrorCode, number> = {
  "bad-request": 400,
  unauthorized: 401,
  forbidden: 403,
  "not-found": 404,
  conflict: 409,
  gone: 410,
  unprocessable: 422,
  "rate-limited": 429,
  unavailable: 503,
};

export const registerErrorHandler = (app: FastifyInstance): void => {
  app.setErrorHandler((err: FastifyError | AppError | ZodError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(STATUS[err.code]).send({ error: err.code, message: err.message, details: err.details });
    }
    if (err instanceof ZodError) {
      return reply.status(400).send({
        error: "bad-request",
        message: "The request is not valid.",
        details: err.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status < 500) {
      return reply.status(status).send({ error: "bad-request", message: err.message });
    }
    req.log.error({ err }, "unhandled error");
    return reply.status(500).send({ error: "internal", message: "Something went wrong on our side." });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.status(404).send({ error: "not-found", message: `No route ${req.method} ${req.url.split("?")[0]}` }),
  );
};
