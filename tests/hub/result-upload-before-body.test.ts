import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { tokenOf, demoConfig } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { createKey, receive } from './api-keys-support';

const config = demoConfig();
/** What the client declares it will send: a 40 MB "PDF", of which it sends only the first 64 KiB. */
const DECLARED = 40 * 1024 * 1024;
const FIRST_CHUNK = 64 * 1024;

interface EarlyAnswer {
  readonly status: number;
  readonly body: { ok: boolean; error?: { kind: string; message: string } };
  /** Body bytes the client had written when the answer came. */
  readonly sentWhenAnswered: number;
}

/**
 * Starts an upload with a large declared body, sends its first chunk only and waits for the
 * answer with the request still open: a hub that checks the credential and permission on the
 * headers answers now; one that reads the body first never answers before the timeout.
 */
function startUpload(url: string, method: 'POST' | 'PUT', path: string, bearer: string, timeoutMs = 10_000): Promise<EarlyAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const req = http.request(new URL(path, url), {
      method,
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/pdf', 'content-length': String(DECLARED) },
    });
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms while the body was still being sent (${sent} of ${DECLARED} bytes): the hub waited for the body`));
    }, timeoutMs);
    req.on('response', (res) => {
      const sentWhenAnswered = sent;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(timer);
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as EarlyAnswer['body'], sentWhenAnswered });
      });
    });
    req.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    const chunk = Buffer.alloc(FIRST_CHUNK, 0x20);
    chunk.write('%PDF-1.7\n', 'latin1');
    req.write(chunk, () => {
      sent += chunk.length;
    });
  });
}

describe('a result upload is refused on its headers, before the hub reads the body (real hub on loopback)', () => {
  const f = useHubFixture();

  it('a read-only API key: 403 while the client is still sending; nothing recorded', async () => {
    const counter = (await f.open('counter-3')).socket;
    const dossier = await receive(counter, 'KD-TL');
    const { key: readOnly } = await createKey(f.hub.url, 'Phần mềm chỉ đọc', 'tai-chinh-ke-hoach', ['dossiers:read']);
    const q = new URLSearchParams({ name: 'Kết quả.pdf', actorId: 'nvb', actorName: 'Nguyễn Văn Bình' });
    const answer = await startUpload(f.hub.url, 'POST', `/api/v1/dossiers/${dossier.code}/results?${q}`, readOnly);
    expect(answer.status).toBe(403);
    expect(answer.body.error?.message).toContain('dossiers:act');
    expect(answer.sentWhenAnswered).toBeLessThanOrEqual(FIRST_CHUNK);

    // A key of another agency is refused the same way, as is an unknown key.
    const { key: otherAgency } = await createKey(f.hub.url, 'Phần mềm Sở Tư pháp', 'tu-phap', ['dossiers:read', 'dossiers:act']);
    const other = await startUpload(f.hub.url, 'POST', `/api/v1/dossiers/${dossier.code}/results?${q}`, otherAgency);
    expect(other.status).toBe(403);
    expect(other.sentWhenAnswered).toBeLessThanOrEqual(FIRST_CHUNK);
    expect((await startUpload(f.hub.url, 'POST', `/api/v1/dossiers/${dossier.code}/results?${q}`, 'mck_not-a-real-key')).status).toBe(401);

    const got = await fetch(`${f.hub.url}/api/v1/dossiers/${dossier.code}`, { headers: { authorization: `Bearer ${readOnly}` } });
    expect(((await got.json()) as { value: { results?: unknown[] } }).value.results ?? []).toEqual([]);
  }, 60_000);

  it("the device route: a counter's token, another department's back office and a wrong token are answered before the body", async () => {
    const counter = (await f.open('counter-3')).socket;
    const dossier = await receive(counter, 'KD-TL');
    const path = `/api/dossiers/${dossier.code}/results?name=${encodeURIComponent('Kết quả.pdf')}`;
    const asCounter = await startUpload(f.hub.url, 'PUT', path, tokenOf(config, 'counter-3'));
    expect(asCounter.status).toBe(403);
    expect(asCounter.sentWhenAnswered).toBeLessThanOrEqual(FIRST_CHUNK);
    const otherDepartment = await startUpload(f.hub.url, 'PUT', path, tokenOf(config, 'backoffice-tu-phap'));
    expect(otherDepartment.status).toBe(403);
    expect(otherDepartment.body.error?.message).toContain('không thuộc phòng');
    expect((await startUpload(f.hub.url, 'PUT', path, 'not-a-device-token')).status).toBe(401);
  }, 60_000);
});
