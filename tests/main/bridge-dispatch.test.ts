import { describe, expect, it } from 'vitest';
import { parseBridgeCall } from '../../main/agent/bridge-dispatch';

describe('bridge calls', () => {
  it('pass through when the name and input are valid', () => {
    expect(parseBridgeCall('counter:start', { ticketId: 3 })).toEqual({ ok: true, value: { name: 'counter:start', input: { ticketId: 3 } } });
    expect(parseBridgeCall('context:get', {})).toEqual({ ok: true, value: { name: 'context:get', input: {} } });
  });

  it.each([
    ['an unknown name', 'fs:read', {}],
    ['a prototype key', '__proto__', {}],
    ['a non-string name', 42, {}],
    ['a wrong type', 'counter:start', { ticketId: 'three' }],
    ['an extra key', 'counter:call-next', { sql: 'drop table tickets' }],
    ['a missing input', 'counter:complete', undefined],
  ])('are refused as invalid-input for %s', (_label, name, input) => {
    const result = parseBridgeCall(name, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('invalid-input');
  });
});
