import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BRIDGE_INPUTS, type Bridge } from '../../core/protocol/bridge';
import { CommandIdSchema } from '../../core/protocol/command-id';
import { err, ok, type Result } from '../../core/result';
import { ActionIds, newCommandId } from '../../renderer/shared/command-id';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A bridge that records what it was sent and answers from a script. */
function scripted(answers: Result<unknown>[]): Bridge & { sent: { name: string; input: Record<string, unknown> }[] } {
  const sent: { name: string; input: Record<string, unknown> }[] = [];
  return {
    sent,
    invoke: async (name, input) => {
      sent.push({ name, input: input as Record<string, unknown> });
      return (answers.shift() ?? ok({})) as never;
    },
    onContext: () => () => undefined,
    onEvent: () => () => undefined,
  };
}

describe('command ids minted at the action', () => {
  it('uses randomUUID where the page has it, and getRandomValues where it does not (a TV browser on plain http)', () => {
    expect(newCommandId()).toMatch(UUID_V4);
    const ids = new Set(Array.from({ length: 1000 }, () => newCommandId({ getRandomValues: webcrypto.getRandomValues.bind(webcrypto) as Crypto['getRandomValues'] })));
    expect(ids.size).toBe(1000);
    for (const id of ids) {
      expect(id).toMatch(UUID_V4);
      expect(CommandIdSchema.safeParse(id).success).toBe(true);
    }
  });

  it('keeps the id of an unanswered action for the same retry, and mints a new one once answered or for another action', async () => {
    const unreachable = err('hub-unreachable', 'có thể chưa được ghi nhận');
    const bridge = scripted([unreachable, ok({}), ok({}), unreachable, err('conflict', 'đã gọi'), ok({})]);
    const actions = new ActionIds();
    await actions.invoke(bridge, 'counter:start', { ticketId: 7 }); // no answer
    await actions.invoke(bridge, 'counter:start', { ticketId: 7 }); // the retry: same id
    await actions.invoke(bridge, 'counter:start', { ticketId: 7 }); // answered before: a new action
    await actions.invoke(bridge, 'counter:complete', { ticketId: 7 }); // no answer
    await actions.invoke(bridge, 'counter:complete', { ticketId: 8 }); // other details: another action
    await actions.invoke(bridge, 'counter:complete', { ticketId: 8 }); // refused before: a new action
    const id = (i: number) => bridge.sent[i]?.input.commandId;
    expect(id(1)).toBe(id(0));
    expect(new Set([id(0), id(2), id(3), id(4), id(5)]).size).toBe(5);
    // What the screen sends passes the bridge's own check.
    for (const s of bridge.sent) expect(BRIDGE_INPUTS[s.name as 'counter:start'].safeParse(s.input).success).toBe(true);
  });

  it('every bridge call that makes the hub write takes a commandId', () => {
    const writes = ['kiosk:take-ticket', 'kiosk:check-in', 'counter:call-next', 'counter:start', 'counter:complete', 'counter:no-show', 'counter:recall', 'counter:transfer', 'counter:pause', 'counter:resume', 'counter:sign-in', 'counter:sign-out', 'counter:rate', 'counter:return-dossier', 'admin:book-appointment', 'admin:cancel-appointment', 'backoffice:sign-in', 'backoffice:sign-out', 'backoffice:act'] as const;
    const id = '3b6f0c1e-8f5d-4c2a-9b1e-2d7c5a4f9e10';
    const inputs: Record<(typeof writes)[number], Record<string, unknown>> = {
      'kiosk:take-ticket': { serviceId: 'ho-tich' },
      'kiosk:check-in': { code: 'ABC123' },
      'counter:call-next': {},
      'counter:start': { ticketId: 1 },
      'counter:complete': { ticketId: 1 },
      'counter:no-show': { ticketId: 1 },
      'counter:recall': { ticketId: 1 },
      'counter:transfer': { ticketId: 1, toServiceId: 'dat-dai' },
      'counter:pause': { reason: 'Nghỉ trưa' },
      'counter:resume': {},
      'counter:sign-in': { clerkId: 'nguyen-thi-lan', pin: '1111' },
      'counter:sign-out': {},
      'counter:rate': { ticketId: 1, rating: 4 },
      'counter:return-dossier': { code: 'HK-261120-0007' },
      'admin:book-appointment': { serviceId: 'ho-tich', date: '2026-12-03', slotStart: '08:00', citizenName: 'Nguyễn Văn An' },
      'admin:cancel-appointment': { code: 'ABC123' },
      'backoffice:sign-in': { officerId: 'officer-1', pin: '1111' },
      'backoffice:sign-out': {},
      'backoffice:act': { code: 'HK-261120-0007', action: 'accept' },
    };
    for (const name of writes) {
      const schema = BRIDGE_INPUTS[name];
      expect(schema.safeParse(inputs[name]).success, `${name} without an id (older screens)`).toBe(true);
      const parsed = schema.safeParse({ ...inputs[name], commandId: id });
      expect(parsed.success && (parsed.data as { commandId?: string }).commandId, name).toBe(id);
      expect(schema.safeParse({ ...inputs[name], commandId: 'x' }).success, `${name} refuses a malformed id`).toBe(false);
    }
  });
});
