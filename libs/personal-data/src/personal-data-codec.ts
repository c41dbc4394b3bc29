import { Pool } from 'pg';
import { EventDataCodec, NewEvent, StoredEvent } from '@assay/event-store';
import { Queryable } from '@assay/postgres';
import { ERASED, isEncrypted, keyIdOf, open, seal } from './field-cipher';
import { TenantKeyStore } from './tenant-key-store';

/** Per event type, the fields holding personal data: people's names and emails, free-text notes and comments. Dotted paths reach nested fields. */
export type PersonalFields = Readonly<Record<string, readonly string[]>>;

function mapFields(data: unknown, paths: readonly string[], change: (value: string) => string): unknown {
  const copy = structuredClone(data) as Record<string, unknown>;
  for (const path of paths) {
    const parts = path.split('.');
    let holder: Record<string, unknown> | undefined = copy;
    for (const part of parts.slice(0, -1)) holder = holder?.[part] as Record<string, unknown> | undefined;
    const last = parts[parts.length - 1];
    const value = holder?.[last];
    if (holder && typeof value === 'string') holder[last] = change(value);
  }
  return copy;
}

/**
 * The one helper every service uses for personal data in its events: named fields are encrypted
 * under the tenant's key on the way into the store and decrypted on the way out. Deciders and
 * read models see plaintext; the event log holds ciphertext only. Once the tenant's key is
 * destroyed, those fields read as "[erased]" and every other field of history stays as it was.
 */
export class PersonalDataCodec implements EventDataCodec {
  constructor(
    private readonly keys: TenantKeyStore,
    private readonly fields: PersonalFields,
  ) {}

  async encode(source: Queryable | Pool, tenantId: string, events: NewEvent[]): Promise<NewEvent[]> {
    if (!events.some((e) => this.fields[e.type]?.length)) return events;
    const { keyId, key } = await this.keys.keyFor(source, tenantId);
    return events.map((e) => {
      const paths = this.fields[e.type];
      return paths?.length ? { ...e, data: mapFields(e.data, paths, (v) => seal(key, keyId, tenantId, Buffer.from(v, 'utf8'))) } : e;
    });
  }

  async decode(source: Queryable, tenantId: string, events: StoredEvent[]): Promise<StoredEvent[]> {
    if (!events.some((e) => this.fields[e.type]?.length)) return events;
    let key: Awaited<ReturnType<TenantKeyStore['existingKey']>> | null = null;
    const reveal = (value: string) => {
      if (!isEncrypted(value)) return value; // written before this field was personal
      if (!key || key === 'destroyed' || key.keyId !== keyIdOf(value)) return ERASED;
      return open(key.key, tenantId, value).toString('utf8');
    };
    key = (await this.keys.existingKey(source, tenantId)) ?? null;
    return events.map((e) => {
      const paths = this.fields[e.type];
      return paths?.length ? { ...e, data: mapFields(e.data, paths, reveal) } : e;
    });
  }
}
