import { FrameworkDefinition, walkNodes } from '../definition/framework-definition';
import { SystemProfile, applies } from './evaluate-condition';

export type Responsibility = 'us' | 'provider' | 'shared';

export interface ThreatAssessment {
  threatId: string;
  name: string;
  attackSurface: string;
  applies: boolean;
  responsibility: Responsibility;
  controls: string[];
}

export interface RiskAnalysis {
  threats: ThreatAssessment[];
  /** Controls that mitigate an applicable threat we own or share; each once, in catalogue order. */
  selectedControls: string[];
  /** Applicable threats whose controls sit entirely with the provider: accepted unless contracts say otherwise. */
  providerThreats: string[];
}

/**
 * The AI Exchange risk analysis on one AI system's profile: which threats apply, who is
 * responsible given the deployment type, and which controls to select.
 */
export function analyseRisks(exchange: FrameworkDefinition, profile: SystemProfile): RiskAnalysis {
  const threats: ThreatAssessment[] = [];
  for (const { node } of walkNodes(exchange.nodes)) {
    if (node.kind !== 'threat') continue;
    threats.push({
      threatId: node.id,
      name: node.name,
      attackSurface: String(node.attributes?.attackSurface),
      applies: applies(node.applicability, profile),
      responsibility: responsibilityFor(node.attributes?.responsibility as Responsibility | undefined, profile.deploymentType),
      controls: (node.attributes?.controls as string[] | undefined) ?? [],
    });
  }
  const applicable = threats.filter((t) => t.applies);
  const selected = new Set(applicable.filter((t) => t.responsibility !== 'provider').flatMap((t) => t.controls));
  const order = [...walkNodes(exchange.nodes)].filter(({ node }) => node.kind === 'control').map(({ node }) => node.id);
  return {
    threats,
    selectedControls: order.filter((id) => selected.has(id)),
    providerThreats: applicable.filter((t) => t.responsibility === 'provider').map((t) => t.threatId),
  };
}

/** Self-hosting makes every threat ours; PaaS shares what an API/SaaS provider would carry alone. */
function responsibilityFor(asApiConsumer: Responsibility = 'us', deploymentType: unknown): Responsibility {
  if (deploymentType === 'self-hosted') return 'us';
  if (deploymentType === 'paas' && asApiConsumer === 'provider') return 'shared';
  return asApiConsumer;
}
