import type { ApiKeyRecord } from '../../core/protocol/apikey-commands';
import { commandId, demoConfig, tokenOf, type DeviceSocket } from '../support/centre';

const config = demoConfig();

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers of many shapes; each test asserts the shape it reads.
  readonly body: { ok: boolean; value?: any; error?: { kind: string; message: string } };
}

/** A JSON request to the hub: the admin device's token, or an API key, or nothing. */
export async function call(url: string, method: 'GET' | 'POST', path: string, opts: { bearer?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : {}),
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...opts.headers,
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : { ok: false, error: { kind: 'raw', message: text } } };
}

export const ADMIN_TOKEN = tokenOf(config, 'admin-1');

/** An administrator creates a key through the hub's REST command route (the admin screen's path). */
export async function createKey(url: string, name: string, departmentId: string | null, permissions: string[]): Promise<{ key: string; record: ApiKeyRecord }> {
  const r = await call(url, 'POST', '/api/apikeys', { bearer: ADMIN_TOKEN, body: { commandId: commandId(), name, departmentId, permissions } });
  if (!r.body.ok) throw new Error(`${r.status} ${r.body.error?.message}`);
  return r.body.value;
}

export const APPLICANT = { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-17', phone: '0912 345 678' };

/** A dossier received at the counter: KD-TL goes to Tài chính – Kế hoạch, HT-KS to Tư pháp. */
export async function receive(counter: DeviceSocket, procedureCode: 'KD-TL' | 'HT-KS') {
  const r = await counter.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode, applicant: APPLICANT, documents: [], feePaid: procedureCode === 'KD-TL' ? 100000 : 0 });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.dossier;
}
