import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../app/errors.js";
import type { AppContext } from "../../compose.js";
import { CONSENT_PURPOSES } from "../../domain/identity/consent.js";
import { DELEGATION_KINDS, PROOF_KINDS } from "../../domain/identity/delegation.js";
import { route } from "../openapi.js";
import { orThrow } from "./identity-errors.js";

/**
 * Admin API over citizens for agents and tests. Responses are the masked views only. Prefer
 * POST /api/admin/citizens/lookup (number in the body) to the GET with the number in the path.
 */
export const identityRoutes = async (app: FastifyInstance, ctx: AppContext) => {
  const id = () => ctx.services.identity;
  const Uuid = z.uuid("must be a UUID");
  const IdParam = z.object({ id: Uuid });
  const Reason = z.string().trim().min(1, "say why").max(500);
  const tags = ["citizens"];

  const lookup = async (phone: string) => {
    const ids = await id().listByPhone(phone);
    if (!ids.length) throw new AppError("not-found", "No citizen has this number on file.");
    return { citizens: await Promise.all(ids.map((c) => id().profile(c.id))) };
  };

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/citizens/lookup",
      summary: "Citizens with this phone number (masked view); the number goes in the body, never in a URL",
      tags,
      auth: "admin",
      body: z.strictObject({ phone: z.string().min(5).max(30) }),
      responses: { 404: "Nobody has this number" },
    },
    async ({ body }) => lookup(body.phone),
  );

  route(
    app,
    {
      method: "GET",
      url: "/api/admin/citizens/:id",
      summary: "A citizen (masked view)",
      tags,
      auth: "admin",
      params: IdParam,
      responses: { 404: "Unknown citizen" },
    },
    async ({ params }) => {
      const p = await id().profile(params.id);
      if (!p) throw new AppError("not-found", "No such citizen.");
      return { citizen: p };
    },
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/citizens",
      summary: "Register a citizen (ID number stored encrypted)",
      tags,
      auth: "admin",
      body: z.strictObject({
        nameZh: z.string().trim().min(1).max(40),
        nameEn: z.string().trim().max(80).optional(),
        idNumber: z.string().max(30).optional(),
        birthDate: z.string().optional(),
        hukouPlace: z.string().max(80).optional(),
        locale: z.enum(["zh", "en"]).optional(),
        tags: z.array(z.string()).max(20).optional(),
        phones: z.array(z.string().max(30)).max(5).optional(),
      }),
      responses: { 201: "Registered", 409: "ID number already on file" },
    },
    async ({ body, reply }) => {
      const r = orThrow(await id().register({ ...body, actor: "admin" }));
      reply.code(201);
      return { citizen: r.citizen };
    },
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/citizens/merge",
      summary: "Merge two records of the same person (audited, reversible)",
      tags,
      auth: "admin",
      body: z.strictObject({ sourceId: Uuid, targetId: Uuid, reason: Reason }),
      responses: { 409: "Cannot merge (reason given)", 422: "Unknown citizen or records of different people" },
    },
    async ({ body }) => orThrow(await id().merge({ ...body, by: "admin" })),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/citizens/unmerge",
      summary: "Undo a merge",
      tags,
      auth: "admin",
      body: z.strictObject({ mergeId: Uuid, reason: Reason }),
      responses: { 404: "Unknown merge", 409: "Already undone" },
    },
    async ({ body }) => orThrow(await id().unmerge({ ...body, by: "admin" })),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/citizens/:id/consents",
      summary: "Record a consent or its withdrawal",
      tags,
      auth: "admin",
      params: IdParam,
      body: z.strictObject({
        purpose: z.enum(CONSENT_PURPOSES),
        granted: z.boolean(),
        channel: z.string().trim().min(1).max(40),
        note: z.string().max(500).optional(),
      }),
    },
    async ({ params, body }) => orThrow(await id().recordConsent({ citizenId: params.id, ...body, actor: "admin" })),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/citizens/:id/delegations",
      summary: "Record that another citizen may act for this one, with the proof",
      tags,
      auth: "admin",
      params: IdParam,
      body: z.strictObject({
        actorId: Uuid,
        kind: z.enum(DELEGATION_KINDS),
        scope: z.array(z.string().min(1).max(80)).max(20).optional(),
        proof: z.strictObject({
          kind: z.enum(PROOF_KINDS),
          reference: z.string().trim().min(1, "record the proof").max(200),
        }),
        validFrom: z.string().optional(),
        validUntil: z.string().optional(),
      }),
      responses: { 201: "Recorded", 409: "Already exists" },
    },
    async ({ params, body, reply }) => {
      const r = orThrow(await id().addDelegation({ ...body, subjectId: params.id, by: "admin" }));
      reply.code(201);
      return r;
    },
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/delegations/:id/revoke",
      summary: "Revoke a delegation",
      tags,
      auth: "admin",
      params: IdParam,
      body: z.strictObject({ reason: Reason }),
    },
    async ({ params, body }) =>
      orThrow(await id().revokeDelegation({ delegationId: params.id, reason: body.reason, by: "admin" })),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/citizens/:id/verify-last4",
      summary: "Check the last four characters of the ID number (agent on a call)",
      tags,
      auth: "admin",
      params: IdParam,
      body: z.strictObject({ last4: z.string().min(4).max(8) }),
      responses: { 422: "Mismatch", 429: "Locked after too many failures" },
    },
    async ({ params, body }) => orThrow(await id().verifyLast4(params.id, body.last4, "admin")),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/citizens/:id/sms-verification",
      summary: "Full ID number → one-time code by SMS to a mobile on file",
      tags,
      auth: "admin",
      params: IdParam,
      body: z.strictObject({ idNumber: z.string().min(15).max(30), phone: z.string().max(30).optional() }),
      responses: { 422: "ID number does not match", 429: "Too many requests", 503: "SMS not available" },
    },
    async ({ params, body }) =>
      orThrow(await id().startSmsVerification({ citizenId: params.id, ...body, actor: "admin" })),
  );

  route(
    app,
    {
      method: "POST",
      url: "/api/admin/sms-verifications/:id/confirm",
      summary: "Confirm the one-time code",
      tags,
      auth: "admin",
      params: IdParam,
      body: z.strictObject({ code: z.string().min(1).max(12) }),
      responses: { 404: "Unknown verification", 422: "Wrong or expired code" },
    },
    async ({ params, body }) => orThrow(await id().confirmSmsVerification(params.id, body.code, "admin")),
  );
};
