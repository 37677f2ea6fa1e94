import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type * as ContractModule from '../../core/protocol/bridge';
import type { BridgeName } from '../../core/protocol/bridge';
import type * as ChecksModule from '../../renderer/bridge/schemas';
import { busyFloor, contextFor, demo, ticket } from './support/contexts';

/*
 * The renderer's build checks bridge answers with the contract's schemas built on zod/mini
 * (renderer/bridge/zod-on-mini.ts, aliased for `zod` in renderer/vite.config.ts). Here the same
 * renderer module is loaded twice — once on that module, once on classic zod — and both must
 * accept and reject exactly the same values, with the same result: the valid contexts and answers
 * of the demo centre and several hundred damaged copies of them.
 */

type Checks = typeof ChecksModule;
type Contract = typeof ContractModule;
let onMini: Checks;
let classic: Checks;
let contractOnMini: Contract;
let contractClassic: Contract;

beforeAll(async () => {
  vi.resetModules();
  vi.doMock('zod', () => import('../../renderer/bridge/zod-on-mini'));
  onMini = await import('../../renderer/bridge/schemas');
  contractOnMini = await import('../../core/protocol/bridge');
  vi.resetModules();
  vi.doUnmock('zod');
  classic = await import('../../renderer/bridge/schemas');
  contractClassic = await import('../../core/protocol/bridge');
}, 60_000);

test('the two builds of the contract really are on two engines', () => {
  expect(contractOnMini.TerminalContextSchema._zod.constr.name).toBe('ZodMiniObject');
  expect(contractClassic.TerminalContextSchema._zod.constr.name).toBe('ZodObject');
  expect(contractOnMini.BRIDGE_OUTPUTS['kiosk:take-ticket']).not.toBe(contractClassic.BRIDGE_OUTPUTS['kiosk:take-ticket']);
});

afterEach(() => vi.restoreAllMocks());

const REMOVE = Symbol('remove');

/** A copy of `root` with the value at `path` replaced (or removed). */
function withAt(root: unknown, path: readonly (string | number)[], replace: (v: unknown) => unknown): unknown {
  if (path.length === 0) return replace(root);
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  const next = replace(parent[last]);
  if (next === REMOVE) delete parent[last];
  else parent[last] = next;
  return copy;
}

/** Copies of `root`, each broken in one place: a value of another type, out of range, missing, or an extra key. */
function damaged(root: unknown, value: unknown = root, path: readonly (string | number)[] = []): { readonly where: string; readonly value: unknown }[] {
  const out: { where: string; value: unknown }[] = [];
  const where = path.join('.') || '(root)';
  const swaps: unknown[] =
    typeof value === 'string' ? [42, '', 'x'.repeat(300), null] :
    typeof value === 'number' ? ['7', -1, 1.5, 0, null] :
    typeof value === 'boolean' ? ['true', null] :
    value === null ? [{}, 'x', 0] :
    Array.isArray(value) ? ['[]', [null], null] :
    ['{}', null];
  for (const s of swaps) out.push({ where: `${where} = ${JSON.stringify(s).slice(0, 20)}`, value: withAt(root, path, () => s) });
  if (path.length > 0) out.push({ where: `${where} removed`, value: withAt(root, path, () => REMOVE) });
  if (typeof value === 'object' && value !== null) {
    if (!Array.isArray(value)) out.push({ where: `${where} + extra key`, value: withAt(root, path, (v) => ({ ...(v as object), zzExtra: 1 })) });
    const entries = Array.isArray(value) ? value.slice(0, 2).map((v, i) => [i, v] as const) : Object.entries(value);
    for (const [k, v] of entries) out.push(...damaged(root, v, [...path, k]));
  }
  return out;
}

/** A kiosk's and a counter's context on a busy morning (every part of the context filled in). */
function contexts() {
  const kiosk = demo.devices.find((d) => d.role === 'kiosk')!;
  const counter = demo.devices.find((d) => d.role === 'counter')!;
  return [
    contextFor(kiosk.id, { snapshot: busyFloor(), kiosk: { pending: 1, numbersLeft: { 'ho-tich': 3 }, failed: [{ serviceId: 'ho-tich', day: '2025-05-12', number: 1009, message: 'hết hạn' }] } }),
    contextFor(counter.id, {
      snapshot: busyFloor(),
      scanner: { state: 'scanning', progress: { page: 1, percent: 40 }, message: null, pages: [{ id: 'p1', previewUrl: '/files/scan/p1', dpi: 300, kind: 'png' }] },
      outbox: { pending: 0, codesLeft: 5 },
      sending: { resending: true, count: 2 },
    }),
  ];
}

function takeTicketAnswer() {
  return {
    ok: true,
    value: {
      ticket: ticket(41, 'ho-tich', 1005, 'waiting', null, null),
      serviceName: 'Hộ tịch',
      waitingAhead: 3,
      estimatedWaitMinutes: 12,
      printed: { ok: false, error: { kind: 'paper-out', message: 'Hết giấy' } },
      outcome: 'kept',
    },
  };
}

describe('the bridge checks on zod/mini decide as classic zod does', () => {
  test('every valid context and answer passes, unchanged, on both', async () => {
    for (const context of contexts()) {
      expect(onMini.parseContext(context)).toEqual(classic.parseContext(context));
      expect(onMini.parseContext(context)).toEqual(context);
    }
    const answer = takeTicketAnswer();
    expect(await onMini.parseResult('kiosk:take-ticket', answer)).toEqual(answer);
    expect(onMini.parseEvent('scan', { seq: 3, code: 'HK-261120-0007' })).toEqual({ seq: 3, code: 'HK-261120-0007' });
  });

  test('damaged contexts: the same verdict and the same value on both', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const cases = contexts().flatMap((c) => damaged(c));
    expect(cases.length).toBeGreaterThan(500);
    let rejected = 0;
    for (const c of cases) {
      const mini = onMini.parseContext(c.value);
      expect(mini, c.where).toEqual(classic.parseContext(c.value));
      if (mini === null) rejected += 1;
    }
    // Most damage is refused (extra keys on non-strict objects and optional fields removed pass on both).
    expect(rejected).toBeGreaterThan(cases.length / 2);
  });

  test('damaged answers: the same verdict on both, a malformed one is the same typed error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const names: BridgeName[] = ['kiosk:take-ticket', 'kiosk:check-in'];
    for (const name of names) {
      for (const c of damaged(takeTicketAnswer())) {
        expect(await onMini.parseResult(name, c.value), `${name} ${c.where}`).toEqual(await classic.parseResult(name, c.value));
      }
    }
    expect(await onMini.parseResult('kiosk:take-ticket', { ok: true, value: { ticket: null } })).toEqual({ ok: false, error: { kind: 'internal', message: 'Máy trạm trả lời không hợp lệ (kiosk:take-ticket).' } });
    expect((await onMini.parseResult('counter:start', { ok: false, error: { kind: 'oops', message: '' } })).ok).toBe(false);
    for (const c of damaged({ seq: 3, code: 'HK-261120-0007' })) expect(onMini.parseEvent('scan', c.value), c.where).toEqual(classic.parseEvent('scan', c.value));
  });

  test('a mismatch is reported with where it broke', () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(onMini.parseContext({ ...contextFor('kiosk-1'), services: 'none' })).toBeNull();
    expect(logged.mock.calls[0]?.[0]).toContain('services');
  });
});
