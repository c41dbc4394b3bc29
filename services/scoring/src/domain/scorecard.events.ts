import { AnswerValue, Crosswalk, DerivedValue, FrameworkDefinition, NodePlace, NodeScore } from '@assay/frameworks';

/**
 * Legacy (AIMA practices only): the only score event before any framework could be scored. Streams
 * written then still hold it, so the state folds it; nothing emits it any more.
 */
export type PracticeMaturityCalculated = {
  type: 'PracticeMaturityCalculated';
  data: {
    assessmentId: string;
    frameworkId: string;
    frameworkVersion: string;
    scoringModelId: string;
    scoringModelVersion: string;
    practiceId: string;
    questionId: string;
    value: number | null;
    maturity: number;
    answeredQuestions: number;
    answersApplied: number;
    sourceEventId: string;
    calculatedAt: string;
  };
};

/** A node's figure; outOfScope marks a node the assessed system's profile excludes (it carries no score). */
export type Figure = NodeScore & { outOfScope?: true };
export type ScoredNode = Figure & NodePlace & { nodeId: string };

/**
 * An assessment's scores after one assessment event, under the model its definition names: every
 * node whose figure changed (all of them the first time) and the overall. `answer` is what caused
 * it, kept so the state can be rebuilt from the events alone; absent for the first scores at start.
 */
export type ScoresCalculated = {
  type: 'ScoresCalculated';
  data: {
    assessmentId: string;
    frameworkId: string;
    frameworkVersion: string;
    scoringModelId: string;
    scoringModelVersion: string;
    answer?: { questionId: string; value: AnswerValue };
    /** Set when the scope was (re)set: the nodes out of scope from here on. */
    excluded?: string[];
    nodes: ScoredNode[];
    overall: NodeScore;
    answeredQuestions: number;
    answersApplied: number;
    sourceEventId: string;
    calculatedAt: string;
  };
};

/** Why the assured scores moved: an answer to a backed item, a scope change, or a change of the evidence behind items. */
export type AssuranceCause =
  | { kind: 'answer'; questionId: string }
  | { kind: 'scope' }
  | { kind: 'evidence'; evidenceId: string; change: 'verified' | 'rejected' | 'revised' | 'expired' | 'validity-changed' | 'linked' | 'unlinked' };

/**
 * The assured scores: the same model over only the answers backed by verified, unexpired evidence
 * (`backed`, the whole set after this event). Emitted only once some item is backed, and then when
 * a figure or the backed set changes; before the first one, nothing is assured (every node at
 * "nothing answered"). Like ScoresCalculated, it carries the nodes whose assured figure changed.
 */
export type AssuranceCalculated = {
  type: 'AssuranceCalculated';
  data: {
    assessmentId: string;
    frameworkId: string;
    frameworkVersion: string;
    scoringModelId: string;
    scoringModelVersion: string;
    cause: AssuranceCause;
    backed: string[];
    nodes: ScoredNode[];
    overall: NodeScore;
    sourceEventId: string;
    calculatedAt: string;
  };
};

export type ScoreBasis = 'claimed' | 'assured';

/** One framework's derived values that changed (new or different), and the nodes nothing reaches any more. */
export type DerivedChange = { frameworkId: string; frameworkVersion: string; changed: DerivedValue[]; removed: string[] };

/**
 * What the assessment's claimed or assured scores imply in other frameworks along the crosswalks:
 * derived, never entered, each value with the paths it came along. `frameworks` lists every
 * framework whose derived values changed, with only what changed, as score events carry only the
 * nodes that moved (a whole set was 8 kB on average for an AIMA answer, eight times its score
 * event). Emitted right after the score event it derives from.
 */
export type DerivedScoresCalculated = {
  type: 'DerivedScoresCalculated';
  data: {
    assessmentId: string;
    frameworkId: string;
    frameworkVersion: string;
    basis: ScoreBasis;
    inference: { id: string; version: string };
    crosswalks: { id: string; version: string }[];
    frameworks: DerivedChange[];
    sourceEventId: string;
    calculatedAt: string;
  };
};

export type ScorecardEvent = PracticeMaturityCalculated | ScoresCalculated | AssuranceCalculated | DerivedScoresCalculated;

/** `crosswalks`: the ones derived scores travel along (the same list for every command of a run, so the same events give the same scores). */
type Common = { assessmentId: string; frameworkId: string; frameworkVersion: string; definition: FrameworkDefinition; crosswalks: readonly Crosswalk[]; sourceEventId: string; now: Date };

/** The assessment started: its first scores, with every node, so readers have the whole tree. */
export type OpenScorecard = { type: 'OpenScorecard'; data: Common & { excluded: string[] } };
export type ApplyAnswer = { type: 'ApplyAnswer'; data: Common & { questionId: string; value: AnswerValue } };
/** The assessed system's profile changed: `excluded` is the whole new list of nodes out of scope. */
export type ChangeScope = { type: 'ChangeScope'; data: Common & { excluded: string[] } };

/** The items of the assessment backed by verified, unexpired evidence changed: `backed` is the whole new set. */
export type ChangeAssurance = { type: 'ChangeAssurance'; data: Common & { backed: string[]; cause: Extract<AssuranceCause, { kind: 'evidence' }> } };

export type ScorecardCommand = OpenScorecard | ApplyAnswer | ChangeScope | ChangeAssurance;
