import {
  AIMA_TOOLKIT, CMMI_CHARACTERISATION, CMM_MAX_LEVEL, CMM_MIN_LEVEL, CMM_STAGED, CONTROL_COVERAGE, Characterisation, ControlStatus, SAMM_2,
  ScoringInputError, aimaPracticeMaturity, cmmStagedLevel, cmmiCapabilityLevel, controlCoverage, sammStreamScore,
} from '@assay/scoring-models';
import { FrameworkNode, findNode } from '../definition/framework-definition';
import { creditOf } from './answers';
import { NodeScore } from './node-score';
import { ScoringScope, answerablesUnder, counts, meanOf, valueOf } from './scoring-scope';

/**
 * How a scoring model turns answers into a score per node. `score` sees the node and its children's
 * scores (post-order) and returns undefined for a node that carries no figure (a level descriptor,
 * an evidence type); `overall` combines the top-level nodes.
 */
export interface ScoringRule {
  score(node: FrameworkNode, children: NodeScore[], scope: ScoringScope): NodeScore | undefined;
  overall(top: NodeScore[], scope: ScoringScope): NodeScore;
}

const NOTHING: NodeScore = { score: null, min: 0, max: 0, answered: 0, items: 0 };
const numberOf = (node: FrameworkNode, scope: ScoringScope): number | null => {
  const value = valueOf(node, scope);
  if (value !== null && typeof value !== 'number') throw new ScoringInputError(node.id, `expects a number; got ${JSON.stringify(value)}`);
  return value;
};

/** AIMA toolkit: questions 0–3 ("to evaluate" counts 0), practice = sum of its six / 6, above = mean. */
const aimaToolkit: ScoringRule = {
  score(node, children, scope) {
    if (node.answerScale) return { score: numberOf(node, scope) ?? 0, min: 0, max: 3, ...counts([node], scope) };
    if (node.kind === 'practice') {
      const questions = answerablesUnder(node, scope);
      return { score: aimaPracticeMaturity(questions.map((q) => numberOf(q, scope)), node.id), min: 0, max: 3, ...counts(questions, scope) };
    }
    return meanOf(children);
  },
  overall: (top) => meanOf(top) ?? NOTHING,
};

/** SAMM 2: level answers 0/0.25/0.5/1, stream = their sum (0–3), practice and above = mean. */
const samm2: ScoringRule = {
  score(node, children, scope) {
    if (node.answerScale) return { score: numberOf(node, scope) ?? 0, min: 0, max: 1, ...counts([node], scope) };
    if (node.kind === 'stream') {
      const questions = answerablesUnder(node, scope);
      return { score: sammStreamScore(questions.map((q) => numberOf(q, scope)), node.id), min: 0, max: 3, ...counts(questions, scope) };
    }
    return meanOf(children);
  },
  overall: (top) => meanOf(top) ?? NOTHING,
};

/**
 * Staged CMM (CSA AISMM): a category is answered with the level it reaches, 1–5. The staged rule
 * (a level counts only when every lower one holds) is what the assessor applied in choosing it;
 * the model reads the level as "levels 2…L hold" and checks it on the scale. Unanswered is level 1,
 * which needs nothing. Domains and the overall are the mean of their categories' levels.
 */
const cmmStaged: ScoringRule = {
  score(node, children, scope) {
    if (node.answerScale) {
      const level = numberOf(node, scope) ?? CMM_MIN_LEVEL;
      if (!Number.isInteger(level) || level < CMM_MIN_LEVEL || level > CMM_MAX_LEVEL) {
        throw new ScoringInputError(node.id, `level must be an integer ${CMM_MIN_LEVEL}–${CMM_MAX_LEVEL}; got ${level}`);
      }
      const holds = Array.from({ length: CMM_MAX_LEVEL - 1 }, (_, i) => level >= i + 2);
      return { score: cmmStagedLevel(holds, node.id), min: CMM_MIN_LEVEL, max: CMM_MAX_LEVEL, ...counts([node], scope) };
    }
    return meanOf(children);
  },
  overall: (top) => meanOf(top) ?? NOTHING,
};

/**
 * CMMI characterisation: each practice earns its option's credit (0–1); a practice area reaches the
 * capability level every practice up to it supports (0–5); areas, categories and the overall are
 * the mean of the capability levels under them. Unanswered practices are "not yet".
 */
const cmmiCharacterisation: ScoringRule = {
  score(node, children, scope) {
    if (node.answerScale) return { score: creditOf(scope.definition, node.id, valueOf(node, scope)) ?? 0, min: 0, max: 1, ...counts([node], scope) };
    if (node.kind === 'practice-area') {
      const practices = answerablesUnder(node, scope);
      if (practices.length === 0) return undefined;
      const characterised = practices.map((p) => ({ id: p.id, level: p.level ?? 1, characterisation: (valueOf(p, scope) ?? 'not-yet') as Characterisation }));
      return { score: cmmiCapabilityLevel(characterised), min: 0, max: 5, ...counts(practices, scope) };
    }
    return meanOf(children);
  },
  overall: (top) => meanOf(top) ?? NOTHING,
};

function coverageOver(controls: readonly FrameworkNode[], scope: ScoringScope): NodeScore {
  const statuses = Object.fromEntries(controls.map((c) => [c.id, valueOf(c, scope) as ControlStatus | null]));
  const result = controlCoverage(statuses);
  return { score: result.coverage ?? null, min: 0, max: 1, answered: controls.filter((c) => valueOf(c, scope) !== null).length, items: result.applicable };
}

/**
 * Control coverage: implemented 1, partial 0.5, not implemented or unanswered 0, over the controls
 * that apply; not applicable and risk accepted leave the denominator. A threat's figure is the
 * coverage of the controls that mitigate it; any other node's is the coverage of the controls under it.
 */
const controlCoverageRule: ScoringRule = {
  score(node, children, scope) {
    if (node.kind === 'threat') {
      const ids = (node.attributes?.controls as string[] | undefined) ?? [];
      const controls = ids.map((id) => findNode(scope.definition, id)).filter((c): c is FrameworkNode => !!c && !scope.excluded.has(c.id));
      return coverageOver(controls, scope);
    }
    const controls = answerablesUnder(node, scope);
    if (controls.length) return coverageOver(controls, scope);
    return meanOf(children);
  },
  overall: (_, scope) => coverageOver(scope.definition.nodes.flatMap((n) => answerablesUnder(n, scope)), scope),
};

const key = (model: { id: string; version: string }) => `${model.id}@${model.version}`;

/** The models the platform runs, by "id@version"; a definition naming another is refused when validated. */
export const SCORING_RULES: Readonly<Record<string, ScoringRule>> = {
  [key(AIMA_TOOLKIT)]: aimaToolkit,
  [key(SAMM_2)]: samm2,
  [key(CMM_STAGED)]: cmmStaged,
  [key(CMMI_CHARACTERISATION)]: cmmiCharacterisation,
  [key(CONTROL_COVERAGE)]: controlCoverageRule,
};
