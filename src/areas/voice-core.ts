import type { IdentityService } from "../app/identity/service.js";
import { randomUUID } from "node:crypto";
import { loadCatalogue } from "../adapters/kb/load-kb-dir.js";
import { createConversationStore, loadHandoffContext } from "../adapters/storage/conversation-store.js";
import { needsOver, recognitionOver, smsOver } from "../app/dialogue/bridges.js";
import { handleTurn, type HandleTurnInput, type HandleTurnOutput } from "../app/dialogue/handle-turn.js";
import type { DialogueDeps, KbViewSource } from "../app/dialogue/ports.js";
import type { ServiceLookup } from "../app/dialogue/service-ports.js";
import type { AppContext } from "../compose.js";
import { buildKbView, type KbView } from "../domain/dialogue/kb-view.js";
import type { LocalText } from "../domain/kb/schema.js";

/**
 * The hotline's brain, without a channel: the dialogue use case over the database, the NLU and the
 * identity, appointment, application, notification and link services. The voice area (Twilio,
 * jambonz, terminal) calls `ctx.services.dialogue.handleTurn` and renders the actions it returns.
 */

export interface DialogueService {
  handleTurn(input: HandleTurnInput): Promise<HandleTurnOutput>;
  /** The context packet behind a handoff's opaque id, for the agent side. */
  handoffContext(contextId: string): ReturnType<typeof loadHandoffContext>;
}

declare module "../compose.js" {
  interface Services {
    dialogue: DialogueService;
  }
}

/** The KB indexed for the engine, rebuilt only when a new version is published. */
const kbViews = (ctx: AppContext): KbViewSource => {
  let names: Record<string, LocalText> | undefined;
  let view: KbView | undefined;
  return {
    async current() {
      const cur = await ctx.kb.current();
      if (view?.version !== cur.version) {
        if (!names) {
          const c = loadCatalogue();
          names = Object.fromEntries(
            [...c.items, ...c.events, ...c.intents].map((x) => [x.code, { zh: x.name_zh, en: x.name_en }]),
          );
        }
        view = buildKbView(cur.version, cur.kb, names);
      }
      return view;
    },
  };
};

// Looked up at call time: areas may start in any order and tests may stand one in.
const servicesOf = (ctx: AppContext): ServiceLookup => {
  const s = ctx.services as unknown as Record<string, unknown>;
  return {
    citizenIdByIdNumber: (idNumber) => (s.identity as IdentityService).findIdByIdNumber(idNumber),
    identity: () => s.identity as ReturnType<ServiceLookup["identity"]>,
    appointments: () => s.appointments as ReturnType<ServiceLookup["appointments"]>,
    applications: () => s.applications as ReturnType<ServiceLookup["applications"]>,
    notifications: () => s.notifications as ReturnType<ServiceLookup["notifications"]>,
    links: () => s.links as ReturnType<ServiceLookup["links"]>,
  };
};

export const dialogueDeps = (ctx: AppContext): DialogueDeps => {
  const services = servicesOf(ctx);
  return {
    store: createConversationStore(ctx.db),
    nlu: {
      interpret: (text, ictx) => {
        const nlu = (ctx.services as { nlu?: AppContext["services"]["nlu"] }).nlu;
        if (!nlu) throw new Error("the NLU service is not started");
        return nlu.interpret(text, ictx);
      },
    },
    kb: kbViews(ctx),
    callers: recognitionOver(services),
    needs: needsOver(services),
    sms: smsOver(services),
    clock: ctx.clock,
    tz: ctx.config.TZ_CITY,
    newId: randomUUID,
    log: { warn: (obj, msg) => ctx.log.warn(obj, msg) },
  };
};

export const startVoiceCoreArea = async (ctx: AppContext): Promise<void> => {
  const deps = dialogueDeps(ctx);
  ctx.services.dialogue = {
    handleTurn: (input) => handleTurn(deps, input),
    handoffContext: (contextId) => loadHandoffContext(ctx.db, contextId),
  };
};
