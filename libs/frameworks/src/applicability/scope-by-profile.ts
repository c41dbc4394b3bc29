import { Condition, FrameworkDefinition, FrameworkNode, walkNodes } from '../definition/framework-definition';
import { Responsibility, analyseRisks } from './ai-exchange-risk-analysis';
import { SystemProfile, applies } from './evaluate-condition';

/** An item out of scope for one AI system, with the reason a reviewer reads. */
export interface Exclusion {
  nodeId: string;
  kind: FrameworkNode['kind'];
  name: string;
  reason: string;
}

export interface ProfileScope {
  excluded: Exclusion[];
  /** Who carries each applicable threat under the deployment type: us, the provider, or shared. */
  responsibility: Record<string, Responsibility>;
}

/** "isLlm is false (needs true)": the facts of the profile that rule a condition out. */
export function explainCondition(condition: Condition, profile: SystemProfile): string {
  if ('all' in condition) return condition.all.filter((c) => !applies(c, profile)).map((c) => explainCondition(c, profile)).join(' and ');
  if ('any' in condition) return `none of: ${condition.any.map((c) => explainCondition(c, profile)).join('; ')}`;
  if ('not' in condition) return `not (${describe(condition.not)}) fails`;
  const value = profile[condition.field];
  const needs = 'equals' in condition ? String(condition.equals) : `one of ${condition.in.join(', ')}`;
  return `${condition.field} is ${String(value)} (needs ${needs})`;
}

function describe(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describe).join(' and ');
  if ('any' in condition) return condition.any.map(describe).join(' or ');
  if ('not' in condition) return `not ${describe(condition.not)}`;
  return 'equals' in condition ? `${condition.field} = ${String(condition.equals)}` : `${condition.field} in ${condition.in.join(', ')}`;
}

/**
 * What applies to one AI system, from the definition alone: a node whose applicability condition
 * the profile's stated facts rule out is excluded (with everything under it), and where the
 * definition carries threats with their mitigating controls (the AI Exchange risk analysis), a
 * threat that does not apply is excluded, and so is a control that mitigates only threats that do
 * not apply or that the provider carries. A fact the profile does not state never excludes.
 */
export function scopeByProfile(definition: FrameworkDefinition, profile: SystemProfile): ProfileScope {
  const excluded: Exclusion[] = [];
  const out = new Set<string>();
  const exclude = (node: FrameworkNode, reason: string) => {
    if (out.has(node.id)) return;
    out.add(node.id);
    excluded.push({ nodeId: node.id, kind: node.kind, name: node.name, reason });
  };
  const visit = (node: FrameworkNode) => {
    if (node.applicability && !applies(node.applicability, profile)) {
      exclude(node, node.kind === 'threat' ? `threat does not apply: ${explainCondition(node.applicability, profile)}` : `does not apply: ${explainCondition(node.applicability, profile)}`);
      return; // everything under it goes with it
    }
    node.children?.forEach(visit);
  };
  definition.nodes.forEach(visit);

  const responsibility: Record<string, Responsibility> = {};
  const threats = [...walkNodes(definition.nodes)].filter(({ node }) => node.kind === 'threat');
  if (threats.length) {
    const analysis = analyseRisks(definition, profile);
    for (const t of analysis.threats) if (t.applies) responsibility[t.threatId] = t.responsibility;
    const selected = new Set(analysis.selectedControls);
    const mitigates = new Map<string, string[]>();
    for (const t of analysis.threats) for (const c of t.controls) mitigates.set(c, [...(mitigates.get(c) ?? []), t.threatId]);
    for (const { node } of walkNodes(definition.nodes)) {
      const named = mitigates.get(node.id);
      if (node.kind !== 'control' || !named || selected.has(node.id)) continue;
      const byProvider = named.filter((id) => responsibility[id] === 'provider');
      // Who carries a threat depends on the deployment type: unstated, the control stays in.
      if (byProvider.length && profile.deploymentType === undefined) continue;
      const reason = byProvider.length
        ? `mitigates only threats that do not apply or that the provider carries under deployment type ${String(profile.deploymentType)} (${named.join(', ')})`
        : `mitigates only threats that do not apply to this system (${named.join(', ')})`;
      exclude(node, reason);
    }
  }
  return { excluded, responsibility };
}
