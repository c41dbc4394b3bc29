import { readFileSync } from 'node:fs';
import { HttpStatus } from '@nestjs/common';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { ProblemError } from './problem-details';

/**
 * A service's OpenAPI document (contracts/openapi/*.yaml) used at run time: request bodies are
 * validated against the same component schemas the published contract shows clients.
 */
export class OpenApiContract {
  readonly document: Record<string, any>;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv: Ajv;

  constructor(file: string) {
    this.document = parse(readFileSync(file, 'utf8'));
    this.ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ components: this.document.components }, 'openapi');
  }

  /** Returns the body typed as the named component schema, or throws a 400 listing every problem. */
  validate<T>(schemaName: string, body: unknown): T {
    let validator = this.validators.get(schemaName);
    if (!validator) {
      validator = this.ajv.getSchema(`openapi#/components/schemas/${schemaName}`);
      if (!validator) throw new Error(`OpenAPI schema ${schemaName} not found`);
      this.validators.set(schemaName, validator);
    }
    if (validator(body)) return body as T;
    const errors = (validator.errors ?? []).map((e) => ({
      pointer: '#' + (e.instancePath || '') + (e.keyword === 'required' ? `/${(e.params as any).missingProperty}` : ''),
      detail: e.keyword === 'additionalProperties' ? `unknown property ${(e.params as any).additionalProperty}` : e.message ?? 'invalid',
    }));
    throw new ProblemError(HttpStatus.BAD_REQUEST, 'validation', 'Request body is invalid', errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), { errors });
  }
}
