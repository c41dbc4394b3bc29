import { readdirSync, readFileSync } from 'node:fs';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { IntegrationEnvelope } from '@assay/contracts';
import { repoPath } from '@assay/postgres';
import { dateTimeFormat } from './contract-formats';

export class ContractViolationError extends Error {
  constructor(
    readonly eventType: string,
    readonly problems: string[],
  ) {
    super(`${eventType} breaks its contract: ${problems.join('; ')}`);
    this.name = 'ContractViolationError';
  }
}

/**
 * The JSON Schemas in contracts/events, compiled once. Producers validate before publishing and
 * consumers after receiving, so a contract drift is caught at the edge that caused it.
 */
export class EventContractRegistry {
  private readonly envelope: ValidateFunction;
  /** Payload validators by type, then schema version: looked up per relayed event, so no key string is built. */
  private readonly payloads = new Map<string, Map<number, ValidateFunction>>();

  constructor(directory = repoPath('contracts/events')) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    addFormats(ajv);
    ajv.addFormat('date-time', dateTimeFormat);
    let envelope: ValidateFunction | undefined;
    for (const file of readdirSync(directory).filter((f) => f.endsWith('.schema.json'))) {
      const schema = JSON.parse(readFileSync(`${directory}/${file}`, 'utf8'));
      const name = file.replace(/\.schema\.json$/, '');
      if (name === 'envelope.v1') envelope = ajv.compile(schema);
      else this.addPayload(name, ajv.compile(schema));
    }
    if (!envelope) throw new Error(`no envelope.v1.schema.json in ${directory}`);
    this.envelope = envelope;
  }

  knows(type: string, schemaVersion: number): boolean {
    return this.payloadValidator(type, schemaVersion) !== undefined;
  }

  /** Returns the envelope typed, or throws ContractViolationError naming every problem. */
  validate(candidate: unknown): IntegrationEnvelope {
    if (!this.envelope(candidate)) {
      throw new ContractViolationError('envelope', describe(this.envelope.errors));
    }
    const envelope = candidate as unknown as IntegrationEnvelope;
    const payload = this.payloadValidator(envelope.type, envelope.schemaVersion);
    if (!payload) {
      throw new ContractViolationError(envelope.type, [`no schema for ${envelope.type} v${envelope.schemaVersion}`]);
    }
    if (!payload(envelope.data)) throw new ContractViolationError(envelope.type, describe(payload.errors));
    return envelope;
  }

  private payloadValidator(type: string, schemaVersion: number): ValidateFunction | undefined {
    return this.payloads.get(type)?.get(schemaVersion);
  }

  /** `name` is the schema file's: `<type>.v<version>`. */
  private addPayload(name: string, validate: ValidateFunction): void {
    const [, type, version] = /^(.+)\.v(\d+)$/.exec(name) ?? [];
    if (!type) throw new Error(`contract file ${name}.schema.json is not named <type>.v<version>.schema.json`);
    const versions = this.payloads.get(type) ?? new Map<number, ValidateFunction>();
    versions.set(Number(version), validate);
    this.payloads.set(type, versions);
  }
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}
