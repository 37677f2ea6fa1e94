import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { COMMANDS } from '../../core/protocol/commands';
import { COMMAND_PAYLOAD_LIMITS, describeIssues, MAX_ERROR_MESSAGE_CHARS, payloadProblem } from '../../core/validation';
import { MAX_SOCKET_MESSAGE_BYTES } from '../../hub/realtime';
import { frameProblem } from '../../hub/socket-parser';
import { commandId, connectDevice, type DeviceSocket } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';
import { configWithFlooder, floodWhileServing, malformedEmit } from '../support/malformed';

const config = configWithFlooder();
const token = (id: string) => config.devices.find((d) => d.id === id)!.token!;
/** No refusal may be longer than this, whatever was sent. */
const MAX_ANSWER_BYTES = 2048;

type Raw = { timeout(ms: number): { emitWithAck(event: string, ...args: unknown[]): Promise<unknown> } };
const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

/** The largest legitimate dossier:receive: every field at its maximum, Vietnamese text. */
function largestReceive() {
  const text = (n: number) => 'Giấy chứng nhận quyền sử dụng đất – bản sao có chứng thực '.repeat(10).slice(0, n);
  return {
    commandId: 'c'.repeat(64),
    procedureCode: 'P'.repeat(32),
    applicant: { fullName: text(100), idNumber: '001203004567', dateOfBirth: '1990-01-31', address: text(300), phone: '+84 912 345 678' },
    documents: Array.from({ length: 40 }, () => ({ name: text(300), copies: 20 })),
    feePaid: 1_000_000_000,
    ticketId: 123_456,
    code: 'H'.repeat(40),
    receivedAt: '2026-12-02T08:30:00.000Z',
  };
}

describe('payload limits (measured against the largest legitimate commands)', () => {
  it('lets the largest dossier:receive and dossier:act through, and the schema accepts them', () => {
    const receive = largestReceive();
    expect(COMMANDS['dossier:receive'].input.safeParse(receive).success).toBe(true);
    expect(payloadProblem(receive)).toBeNull();
    const act = { commandId: 'a'.repeat(64), code: 'H'.repeat(40), action: 'supplement', note: 'ghi chú '.repeat(125), missing: Array.from({ length: 40 }, () => `${'Bản sao '.repeat(38).slice(0, 299)}.`) };
    expect(COMMANDS['dossier:act'].input.safeParse(act).success).toBe(true);
    expect(payloadProblem(act)).toBeNull();
    // The figures the README quotes: ~13,300 characters, ~19 kB of UTF-8 JSON (at most ~40 kB
    // were every character 3 bytes), 135 values, depth 3 — far under every limit.
    const json = JSON.stringify(receive);
    expect(json.length).toBeGreaterThan(13_000);
    expect(json.length).toBeLessThan(14_000);
    expect(bytes(receive)).toBeLessThan(20_000);
    expect(json.length * 3 * 20).toBeLessThan(MAX_SOCKET_MESSAGE_BYTES);
    expect(json.length * 4).toBeLessThan(COMMAND_PAYLOAD_LIMITS.maxTextChars);
    expect(payloadProblem(receive, { ...COMMAND_PAYLOAD_LIMITS, maxDepth: 3, maxValues: 140 })).toBeNull();
    expect(payloadProblem(receive, { ...COMMAND_PAYLOAD_LIMITS, maxDepth: 2 })).toMatch(/lồng quá sâu/);
  });

  it('refuses what is not a plain, bounded JSON object, in one short line', () => {
    const cases: [unknown, RegExp][] = [
      [Buffer.alloc(900_000), /nhị phân 900000 byte/],
      [new Uint8Array(8).buffer, /nhị phân/],
      [[1, 2], /mảng/],
      ['x', /string/],
      [7, /number/],
      [null, /null/],
      [undefined, /không có dữ liệu/],
      [new Date(), /không phải JSON/],
      [{ a: Buffer.alloc(4) }, /nhị phân/],
      [{ a: [[[[[[[[[1]]]]]]]]] }, /lồng quá sâu/],
      [{ a: 'x'.repeat(COMMAND_PAYLOAD_LIMITS.maxTextChars + 1) }, /quá lớn/],
      [Object.fromEntries(Array.from({ length: 2001 }, (_, k) => [`k${k}`, k])), /quá lớn/],
      [{ a: Array.from({ length: 5000 }, () => 0) }, /quá lớn/],
    ];
    for (const [value, reason] of cases) {
      const problem = payloadProblem(value);
      expect(problem, String(reason)).toMatch(reason);
      expect(problem!.length).toBeLessThan(200);
    }
  });

  it('caps a schema error at a few issues and a thousand characters, counting the rest', () => {
    const schema = z.strictObject({ a: z.array(z.string()) });
    const error = schema.safeParse({ a: Array.from({ length: 5000 }, (_, i) => i), ...Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`k${i}`, i])) }).error!;
    const text = describeIssues('cmd', error);
    expect(text.length).toBeLessThanOrEqual(MAX_ERROR_MESSAGE_CHARS);
    expect(text).toMatch(/… và \d+ lỗi khác/);
    expect(text.split('\n').length).toBeLessThanOrEqual(9);
  });

  it('finds frames too deep or too large to parse without parsing them', () => {
    expect(frameProblem(`["x",${'['.repeat(100_000)}${']'.repeat(100_000)}]`)).toMatch(/lồng quá sâu/);
    expect(frameProblem(`["x",[${Array.from({ length: 30_000 }, () => 0).join(',')}]]`)).toMatch(/quá lớn/);
    // Brackets and quotes inside strings are text, not structure.
    expect(frameProblem(JSON.stringify(['x', { s: `"[{${'['.repeat(5000)}\\"` }]))).toBeNull();
    expect(frameProblem(JSON.stringify(['dossier:receive', largestReceive()]))).toBeNull();
  });
});

describe('malformed payloads over real Socket.IO', () => {
  const f = useHubFixture({ config });
  const open = async (id: string) => f.track((await connectDevice(f.hub.url, id, token(id))).socket);

  it('answers each kind of malformed payload with one short invalid-input', async () => {
    const raw = (await open('kiosk-x')) as unknown as Raw;
    const seen = new Set<string>();
    for (let i = 0; i < 64; i++) {
      const m = malformedEmit(i < 16 ? i : i * 157); // every category; the first 16 include the ~900 kB Buffer and string
      const answer = await raw.timeout(20_000).emitWithAck(m.event, ...m.args);
      expect(bytes(answer), m.category).toBeLessThanOrEqual(MAX_ANSWER_BYTES);
      expect(answer, m.category).toMatchObject({ ok: false, error: { kind: expect.stringMatching(/^(invalid-input|forbidden)$/) } });
      seen.add(m.category);
    }
    expect(seen.size).toBe(16);
    const buffer = await raw.timeout(20_000).emitWithAck('ticket:issue', Buffer.alloc(900_000, 1));
    expect(buffer).toEqual({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/^ticket:issue: Dữ liệu lệnh phải là một đối tượng JSON/) } });
    expect(bytes(buffer)).toBeLessThan(200);
  });

  it('answers a frame too deep to parse cheaply without parsing it, through the same ack', async () => {
    const socket = await open('kiosk-x');
    const engine = socket.io.engine;
    const acks = new Map<number, (data: string) => void>();
    engine.on('message', (data) => {
      const m = typeof data === 'string' ? /^3(\d+)(.*)$/s.exec(data) : null;
      if (m) acks.get(Number(m[1]))?.(m[2]!);
    });
    // socket.io-client cannot encode this (its own recursion overflows), a hostile client can.
    const depth = 200_000;
    const answer = new Promise<string>((resolve) => acks.set(900_001, resolve));
    engine.send(`2900001["ticket:issue",${'['.repeat(depth)}${']'.repeat(depth)}]`);
    const [result] = JSON.parse(await answer) as [unknown];
    expect(result).toEqual({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/lồng quá sâu/) } });
    // The connection is still good for real work.
    expect(await socket.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' })).toMatchObject({ ok: true });
  });

  it('closes only the connection that sends a frame over the limit; the others are served', async () => {
    const flooder = await open('kiosk-x');
    const kiosk = await open('kiosk-1');
    const closed = new Promise<string>((resolve) => flooder.once('disconnect', (reason) => resolve(reason)));
    (flooder as unknown as { emit(ev: string, ...a: unknown[]): void }).emit('ticket:issue', { blob: 'x'.repeat(MAX_SOCKET_MESSAGE_BYTES + 1) });
    expect(await closed).toBe('transport close');
    expect(await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' })).toMatchObject({ ok: true, value: { ticket: { number: 1001 } } });
  });

  it('refuses a bad handshake in the same shape', async () => {
    const error = await connectDevice(f.hub.url, 'kiosk-1', 'wrong-token').catch((e: Error & { data?: unknown }) => e);
    expect((error as { data?: unknown }).data).toEqual({ kind: 'unauthorized', message: expect.stringMatching(/^Thiết bị "kiosk-1" chưa đăng ký/) });
    const bad = await connectDevice(f.hub.url, 'x'.repeat(65), 'token').catch((e: Error & { data?: unknown }) => e);
    expect((bad as { data?: unknown }).data).toEqual({ kind: 'invalid-input', message: expect.stringMatching(/^Thiếu mã thiết bị/) });
  });

  it('answers 10,000 malformed payloads small while another kiosk and a counter are served correctly, and the queue changes only by them', { timeout: 300_000 }, async () => {
    const r = await floodWhileServing(f.hub.url, config, 10_000);
    expect(r.notRefusals).toEqual([]);
    expect(Object.values(r.answerKinds).reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(r.answerKinds['invalid-input']).toBeGreaterThan(0);
    for (const kind of Object.keys(r.answerKinds)) expect(['invalid-input', 'forbidden']).toContain(kind);
    expect(r.answerBytesMax).toBeLessThanOrEqual(MAX_ANSWER_BYTES);

    expect(r.legitFailures).toEqual([]);
    expect(r.rounds).toBeGreaterThan(0);
    // Issued, called, started, completed: four events a round, and nothing else moved the queue.
    expect(r.seqAfter - r.seqBefore).toBe(4 * r.rounds);
    expect(r.events).toHaveLength(4 * r.rounds);
    for (const e of r.events) {
      expect(e.kind).toBe('ticket');
      if (e.kind === 'ticket') expect(r.legitTicketIds.has(e.ticket.id)).toBe(true);
    }
    const kiosk: DeviceSocket = await open('kiosk-1');
    const snap = await kiosk.emitWithAck('sync:snapshot');
    expect(snap).toMatchObject({ ok: true, value: { seq: r.seqAfter, waiting: { 'ho-tich': 0 } } });
  });
});
