import { createHash } from 'node:crypto';
import type { Async } from '../store/async-of';
import type { Store } from '../store/store';
import type { AuditLog } from './audit-log';
import type { ConfigDigestRepository } from './config-digest-repository';

/** JSON with object keys sorted: the same settings in another key order are the same config. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A SHA-256 per top-level section of the config: what changed is named, nothing of it is kept. */
export function configSectionDigests(config: object): Record<string, string> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, createHash('sha256').update(canonical(v)).digest('hex')]),
  );
}

/**
 * Config changes are administrative actions too: at each start the hub compares the config it
 * runs with the digests of the one it last ran (table config_digests) and, when a section
 * differs, appends `config.change` to the audit chain naming the sections, in the same
 * transaction as the new digests. The first start records the digests only: the config a centre
 * is installed with is not a change. Only digests are kept: the config holds PIN hashes and
 * legacy device tokens.
 */
export async function recordConfigChange(
  digests: Async<ConfigDigestRepository>,
  store: Store,
  audit: Pick<Async<AuditLog>, 'record'>,
  config: object,
  at: Date,
): Promise<{ readonly changed: readonly string[] } | null> {
  const sections = configSectionDigests(config);
  return store.transaction(async () => {
    const before = new Map(Object.entries(await digests.all()));
    const names = [...new Set([...Object.keys(sections), ...before.keys()])].sort();
    const changed = names.filter((k) => sections[k] !== before.get(k));
    if (changed.length === 0) return null;
    await digests.replace(sections, at.toISOString());
    if (before.size > 0) await audit.record({ actor: 'hub', action: 'config.change', subject: 'centre-config', detail: { changed, sections } }, at);
    return before.size > 0 ? { changed } : null;
  });
}
