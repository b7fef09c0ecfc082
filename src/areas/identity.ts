import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { createAppointmentService, type AppointmentService } from "../app/appointments/service.js";
import type { IdentityDeps } from "../app/identity/deps.js";
import { seedDemo } from "../app/identity/seed-demo.js";
import { createIdentityService, type IdentityService } from "../app/identity/service.js";
import type { AppContext } from "../compose.js";
import { createPiiCipher, loadPiiKey } from "../adapters/crypto/pii-cipher.js";
import { createAppointmentStore } from "../adapters/storage/appointment-store.js";
import { createCitizenStore } from "../adapters/storage/citizen-store.js";
import { appointmentRoutes } from "../http/routes/appointments.js";
import { identityRoutes } from "../http/routes/identity.js";

declare module "../compose.js" {
  interface Services {
    identity: IdentityService;
    appointments: AppointmentService;
  }
}

// No 0/O or 1/I: references are read out over the phone.
const REF_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const newReference = () => Array.from(randomBytes(8), (b) => REF_ALPHABET[b % REF_ALPHABET.length]).join("");

/**
 * Citizens, identity and appointments: stores, use cases, routes and the demo seed. Part of the
 * context other areas build on (journey, dialogue), so it starts early.
 */
export const startIdentityArea = async (ctx: AppContext): Promise<void> => {
  const pii = createPiiCipher(
    loadPiiKey({
      piiKey: ctx.config.PII_KEY,
      dataDir: ctx.config.dataDir,
      production: ctx.config.NODE_ENV === "production" && !!ctx.config.DATABASE_URL,
    }),
  );
  const citizens = createCitizenStore(ctx.db);
  const tz = ctx.config.TZ_CITY;
  const deps: IdentityDeps = {
    citizens,
    pii,
    clock: ctx.clock,
    tz,
    newId: randomUUID,
    randomCode: () => randomInt(0, 1_000_000),
    sms: {
      // Until the journey area plugs in its outbox: refuse rather than pretend a code was sent.
      send: async () => {
        throw new Error("no SMS sender connected");
      },
    },
  };
  const identity = createIdentityService(deps);
  const appointments = createAppointmentService({
    appointments: createAppointmentStore(ctx.db),
    citizens,
    kb: ctx.kb,
    clock: ctx.clock,
    tz,
    newId: randomUUID,
    newReference,
  });
  ctx.services.identity = identity;
  ctx.services.appointments = appointments;
  ctx.routePlugins.push(identityRoutes, appointmentRoutes);

  if (ctx.config.SEED_DEMO) {
    const r = await seedDemo(deps, { identity, appointments, kb: ctx.kb });
    if (r.citizensCreated || r.appointmentsBooked) ctx.log.info(r, "demo citizens and appointments seeded");
  }
};
