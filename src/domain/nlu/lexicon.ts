import { z } from "zod";

/**
 * The NLU lexicon: what kb/lexicon/<name>.yaml files contain. The KB loader puts each file's parsed
 * content in `kb.lexicon[<name>]` without looking inside; this module owns and validates it, so a
 * typo in a lexicon file is reported with the file's name and the path inside it.
 */

const Words = z.array(z.string().min(1));

/** normalise.yaml: speech-recognition corrections and fillers. */
export const NormaliseLexicon = z.strictObject({
  /** wrong → right, applied as plain substring replacements, longest first (身份正 → 身份证). */
  asr: z.record(z.string().min(1), z.string()).default({}),
  /** hesitation sounds removed wherever they occur (嗯, 呃). */
  interjections: Words.default([]),
  /** discourse fillers removed at the start of a clause only (那个, 就是), since mid-sentence they can carry meaning. */
  leadingFillers: Words.default([]),
  /**
   * English words and phrases → Chinese, applied only to utterances with no Chinese characters, so an
   * English-speaking caller's "I lost my passport" reaches the same classifier as 我护照丢了.
   */
  english: z.record(z.string().min(1), z.string()).default({}),
  /** traditional → simplified for frequent domain characters, used when no full converter is injected. */
  traditional: z.record(z.string().min(1), z.string().min(1)).default({}),
});
export type NormaliseLexicon = z.infer<typeof NormaliseLexicon>;

/** concepts.yaml: surface forms for documents, persons, situations and other cues. */
export const ConceptLexicon = z.strictObject({
  /** document value → surface forms (passport → 护照, 本本 …) */
  documents: z.record(z.string().min(1), Words).default({}),
  /** person value (self, newborn, child, parent, spouse, elderly) → surface forms */
  persons: z.record(z.string().min(1), Words).default({}),
  /** situation value (lost, expired, …) → surface forms */
  situations: z.record(z.string().min(1), Words).default({}),
  /** other classifier cues (ask-all: 哪些手续 …) that only become features, never entities */
  cues: z.record(z.string().min(1), Words).default({}),
});
export type ConceptLexicon = z.infer<typeof ConceptLexicon>;

/** synonyms.yaml: canonical word → variants; variants are rewritten to the canonical word before features. */
export const SynonymLexicon = z.record(z.string().min(1), Words);
export type SynonymLexicon = z.infer<typeof SynonymLexicon>;

/** rules.yaml: additive evidence when concepts co-occur (身份证 + 丢 → id-card.replace). */
export const Rule = z.strictObject({
  id: z.string().min(1),
  /** every one must be present: "document:id-card", "situation:lost", "cue:ask-all", or a literal word */
  all: Words.min(1),
  /** none of these may be present */
  none: Words.default([]),
  /** code → logit bonus */
  boost: z.record(z.string().min(1), z.number()),
});
export const RuleLexicon = z.array(Rule);
export type Rule = z.infer<typeof Rule>;

/** emotion.yaml */
const Cue = z.union([z.string().min(1), z.strictObject({ w: z.string().min(1), weight: z.number().positive() })]);
export const EmotionLexicon = z.strictObject({
  cues: z.partialRecord(z.enum(["angry", "anxious", "confused", "sad", "satisfied"]), z.array(Cue)),
  /** words that flip the polarity of a cue right after them (不, 没, 不是很) */
  negators: Words.default([]),
  /** words that strengthen the next cue (太, 非常, 真的) */
  intensifiers: Words.default([]),
  /** markers that turn a satisfied cue into anger (呵呵, 真行, 是吧) */
  sarcasm: Words.default([]),
  /** words signalling repetition of contact (又, 第三次, 一直) — they add anger when frustration is present */
  repetition: Words.default([]),
});
export type EmotionLexicon = z.infer<typeof EmotionLexicon>;

/** places.yaml: what callers call a district or hall → its name as written in kb/halls. */
export const PlaceLexicon = z.strictObject({ aliases: z.record(z.string().min(1), z.string().min(1)).default({}) });

/** emotion-examples.yaml: label → example utterances for the emotion classifier. */
export const EmotionExamples = z.partialRecord(
  z.enum(["neutral", "angry", "anxious", "confused", "sad", "satisfied"]),
  Words,
);

/** extra-phrasings.yaml: code → phrasings, added to the KB's own when training. */
export const ExtraPhrasings = z.record(z.string().min(1), Words);

export const Lexicon = z.strictObject({
  normalise: NormaliseLexicon.default(NormaliseLexicon.parse({})),
  concepts: ConceptLexicon.default(ConceptLexicon.parse({})),
  synonyms: SynonymLexicon.default({}),
  rules: RuleLexicon.default([]),
  emotion: EmotionLexicon.default({ cues: {}, negators: [], intensifiers: [], sarcasm: [], repetition: [] }),
  "emotion-examples": EmotionExamples.default({}),
  places: PlaceLexicon.default({ aliases: {} }),
  stopwords: Words.default([]),
  "extra-phrasings": ExtraPhrasings.default({}),
});
export type Lexicon = z.infer<typeof Lexicon>;

export interface LexiconIssue {
  file: string;
  path: string;
  message: string;
}

/**
 * Validates `kb.lexicon`. Unknown file names are errors too, so that `kb/lexicon/synonym.yaml`
 * (missing s) is not silently ignored.
 */
export function parseLexicon(
  raw: Record<string, unknown>,
): { ok: true; lexicon: Lexicon } | { ok: false; issues: LexiconIssue[] } {
  const result = Lexicon.safeParse(raw ?? {});
  if (result.success) return { ok: true, lexicon: result.data };
  const issues = result.error.issues.map((issue) => {
    const [file, ...rest] = issue.path.map(String);
    return {
      file:
        issue.code === "unrecognized_keys" && !file
          ? `kb/lexicon/${issue.keys.join(", ")}.yaml`
          : `kb/lexicon/${file ?? "?"}.yaml`,
      path: rest.join("."),
      message: issue.message,
    };
  });
  return { ok: false, issues };
}
