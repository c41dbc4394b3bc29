/** One problem in a framework definition or crosswalk, located by node id (when known) and field. */
export interface DefinitionProblem {
  nodeId?: string;
  field: string;
  message: string;
}

export class InvalidDefinitionError extends Error {
  constructor(
    readonly subject: string,
    readonly problems: DefinitionProblem[],
  ) {
    super(`${subject} is invalid: ${problems.map((p) => `${p.nodeId ? `node ${p.nodeId} ` : ''}${p.field}: ${p.message}`).join('; ')}`);
    this.name = 'InvalidDefinitionError';
  }
}
