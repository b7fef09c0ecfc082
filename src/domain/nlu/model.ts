import type { KnowledgeBase } from "../kb/schema.js";
import { buildClassifier, type Classifier } from "./classifier.js";
import { buildConceptFinder } from "./concepts.js";
import type { EmotionDetector } from "./emotion.js";
import { DEFAULT_EMOTION_TRAINING, trainEmotionModel, type EmotionTraining } from "./emotion-model.js";
import { buildPlaceFinder, type PlaceFinder } from "./entities/places.js";
import type { Segmenter } from "./features.js";
import { parseLexicon, type Lexicon, type LexiconIssue } from "./lexicon.js";
import { buildNormaliser, type Normaliser, type ToSimplified } from "./normalise.js";
import { DEFAULT_TRAIN, type TrainOptions } from "./linear.js";
import { buildReplacer } from "./replacer.js";
import { collectTrainingTexts } from "./training-data.js";

export const OUT_OF_SCOPE = "out-of-scope";

/** Decision thresholds. Defaults were set by measuring on the dev sets (bench:nlu), trading out-of-scope recall against wrongly rejecting citizens. */
export interface Thresholds {
  /** below this, an in-scope winner is not trusted and the answer is out-of-scope */
  minConfidence: number;
  /** clarify when the runner-up has at least this share of the winner's probability… */
  clarifyRatio: number;
  /** …and the winner is below this */
  clarifyBelow: number;
  /**
   * Log-odds taken off out-of-scope before deciding. Out-of-scope examples are many and varied, so
   * the class is over-eager on in-scope questions worded unlike any KB phrasing; this trades a little
   * out-of-scope recall for fewer citizens wrongly told "we don't do that".
   */
  outOfScopePenalty: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = {
  minConfidence: 0.15,
  clarifyRatio: 0.45,
  clarifyBelow: 0.7,
  outOfScopePenalty: 0.5,
};

export interface NluModel {
  classifier: Classifier;
  normaliser: Normaliser;
  detectEmotion: EmotionDetector;
  findPlaces: PlaceFinder;
  thresholds: Thresholds;
  lexicon: Lexicon;
  /** codes the model can answer with */
  codes: string[];
  /** code → Chinese name, for prompts and the agent console */
  names: Record<string, string>;
  /** KB version or any label the caller gave, echoed for traceability */
  label?: string;
  /** number of training texts, to tell whether a later KB version may reuse the calibration */
  trainingSize: number;
}

export interface NluBuildOptions {
  toSimplified?: ToSimplified;
  calibrationFolds?: number;
  /**
   * Reuse this model's softmax temperature instead of calibrating again, when the new KB's training
   * set is within 10 % of its size: a publish that edits a few phrasings does not change how
   * over- or under-confident the model is, and skipping calibration halves the retraining time.
   */
  previous?: NluModel;
  train?: Partial<TrainOptions>;
  emotion?: Partial<EmotionTraining>;
  thresholds?: Partial<Thresholds>;
  label?: string;
}

export class NluLexiconError extends Error {
  constructor(readonly issues: LexiconIssue[]) {
    super(`invalid NLU lexicon: ${issues.map((i) => `${i.file} ${i.path}: ${i.message}`).join("; ")}`);
    this.name = "NluLexiconError";
  }
}

/** Validates kb.lexicon for the KB publish check, without building a model. */
export function validateNluLexicon(raw: Record<string, unknown>): LexiconIssue[] {
  const parsed = parseLexicon(raw);
  return parsed.ok ? [] : parsed.issues;
}

/**
 * Builds everything needed to interpret utterances from one KB version. Pure and fast enough
 * (a few hundred ms) to be called again whenever a KB version is published: that is the retraining.
 */
export function buildNluModel(kb: KnowledgeBase, segment: Segmenter, options: NluBuildOptions = {}): NluModel {
  const parsed = parseLexicon(kb.lexicon);
  if (!parsed.ok) throw new NluLexiconError(parsed.issues);
  const lexicon = parsed.lexicon;
  const normaliser = buildNormaliser(lexicon.normalise, options.toSimplified);
  const synonymTable: Record<string, string> = {};
  for (const [canonical, variants] of Object.entries(lexicon.synonyms))
    for (const v of variants) synonymTable[v] = canonical;
  const features = {
    segment,
    synonyms: buildReplacer(synonymTable),
    stopwords: new Set(lexicon.stopwords),
    findConcepts: buildConceptFinder(lexicon.concepts),
  };
  // Training texts go through the same normalisation as live utterances, so both meet in one feature space.
  const texts = collectTrainingTexts(kb, lexicon["extra-phrasings"]).map((t) => ({
    ...t,
    text: normaliser.full(t.text),
  }));
  const previous = options.previous;
  const reuse = previous && Math.abs(previous.trainingSize - texts.length) <= 0.1 * previous.trainingSize;
  const classifier = buildClassifier(texts, features, lexicon.rules, {
    calibrationFolds: options.calibrationFolds,
    temperature: reuse ? previous.classifier.temperature : undefined,
    train: { ...DEFAULT_TRAIN, ...options.train },
  });
  return {
    classifier,
    normaliser,
    detectEmotion: buildEmotion(lexicon, texts, { ...DEFAULT_EMOTION_TRAINING, ...options.emotion }),
    findPlaces: buildPlaceFinder(kb.halls, lexicon.places.aliases),
    thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    lexicon,
    codes: classifier.codes,
    names: codeNames(kb, classifier.codes),
    label: options.label,
    trainingSize: texts.length,
  };
}

function buildEmotion(
  lexicon: Lexicon,
  texts: Array<{ text: string; source: string }>,
  opts: EmotionTraining,
): EmotionDetector {
  const pool = texts.filter((t) => t.source === "phrasing").map((t) => t.text);
  const model = trainEmotionModel(lexicon.emotion, lexicon["emotion-examples"], pool, opts);
  return (surface) => model.detect(surface);
}

function codeNames(kb: KnowledgeBase, codes: string[]): Record<string, string> {
  const names: Record<string, string> = {};
  for (const entry of [...kb.items, ...kb.events, ...kb.intents]) names[entry.code] = entry.name.zh;
  for (const code of codes) names[code] ??= code;
  return names;
}

/** Words the segmenter should keep whole: KB keywords, lexicon forms, hall and district names. */
export function dictionaryWords(kb: KnowledgeBase): string[] {
  const words = new Set<string>();
  const add = (w: string) => {
    const t = w.trim();
    if (t.length >= 2 && t.length <= 8 && /^[\p{Script=Han}A-Za-z0-9]+$/u.test(t)) words.add(t);
  };
  for (const entry of [...kb.items, ...kb.events, ...kb.intents]) entry.keywords.forEach(add);
  for (const hall of kb.halls) {
    add(hall.district.zh);
    add(hall.name.zh);
  }
  const parsed = parseLexicon(kb.lexicon);
  if (parsed.ok) {
    const lex = parsed.lexicon;
    Object.values(lex.normalise.asr).forEach(add);
    for (const table of [lex.concepts.documents, lex.concepts.persons, lex.concepts.situations, lex.synonyms]) {
      for (const [key, forms] of Object.entries(table)) {
        add(key);
        forms.forEach(add);
      }
    }
  }
  return [...words].sort();
}
