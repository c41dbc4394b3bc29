/** An input a scoring model cannot score: the message names the item and the allowed values. */
export class ScoringInputError extends RangeError {
  constructor(
    readonly item: string,
    message: string,
  ) {
    super(`${item}: ${message}`);
    this.name = 'ScoringInputError';
  }
}
