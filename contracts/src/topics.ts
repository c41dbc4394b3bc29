/** Kafka topics carrying integration events. Keyed by tenant id so a tenant's events keep their order. */
export const Topics = {
  assessmentEvents: 'assay.assessment.events.v1',
  scoringEvents: 'assay.scoring.events.v1',
  evidenceEvents: 'assay.evidence.events.v1',
} as const;

/** A consumer group's dead-letter topic: messages that kept failing, with their error in headers. */
export function deadLetterTopic(consumerGroup: string): string {
  return `assay.dlt.${consumerGroup}`;
}
