import { describe, expect, expectTypeOf, it } from 'vitest';
import { BRIDGE_INPUTS, BRIDGE_OUTPUTS, type BridgeArgs, type BridgeInput } from '../../core/protocol/bridge';
import { BRIDGE_FORWARDS, screenInput, type ForwardName } from '../../core/protocol/bridge-forwards';
import { COMMANDS } from '../../core/protocol/commands';

const ID = '3b6f0c1e-8f5d-4c2a-9b1e-2d7c5a4f9e10';
const forwards = Object.entries(BRIDGE_FORWARDS) as [ForwardName, (typeof BRIDGE_FORWARDS)[ForwardName]][];

describe('the bridge calls that forward a hub command', () => {
  it('answer exactly the output schema of their command (no copy in bridge.ts)', () => {
    for (const [name, f] of forwards) expect(BRIDGE_OUTPUTS[name], name).toBe(COMMANDS[f.command].output);
  });

  it('take the command input less what the agent fills in: the fields of the command, no more', () => {
    for (const [name, f] of forwards) {
      const command = Object.keys(COMMANDS[f.command].input.shape).filter((k) => k !== 'commandId' && !(f.fills as readonly string[]).includes(k));
      const screen = Object.keys(BRIDGE_INPUTS[name].shape).filter((k) => k !== 'commandId');
      expect(screen.sort(), name).toEqual(command.sort());
    }
  });

  it('refuse a counterId from the screen where the agent fills it in from the device', () => {
    expect(BRIDGE_INPUTS['counter:call-next'].safeParse({ counterId: 'quay-2' }).success).toBe(false);
    expect(BRIDGE_INPUTS['counter:pause'].safeParse({ reason: 'Nghỉ trưa', counterId: 'quay-2' }).success).toBe(false);
    expect(BRIDGE_INPUTS['counter:pause'].safeParse({ reason: 'Nghỉ trưa' }).success).toBe(true);
  });

  it('take an optional commandId on writes and none on reads (the agent mints the read ids)', () => {
    for (const [name, f] of forwards) {
      const schema = BRIDGE_INPUTS[name];
      expect(Object.hasOwn(schema.shape, 'commandId'), name).toBe(COMMANDS[f.command].mode === 'write');
    }
    expect(BRIDGE_INPUTS['admin:appointments'].safeParse({ date: '2026-12-03' }).success).toBe(true);
    expect(BRIDGE_INPUTS['admin:appointments'].safeParse({ date: '2026-12-03', commandId: ID }).success).toBe(false);
    expect(BRIDGE_INPUTS['counter:recall'].safeParse({ ticketId: 4, commandId: ID })).toEqual({ success: true, data: { ticketId: 4, commandId: ID } });
    expect(BRIDGE_INPUTS['counter:recall'].safeParse({ ticketId: 4, commandId: 'x' }).success).toBe(false);
  });

  it("keep the command's own rules: a transfer names exactly one target", () => {
    const transfer = BRIDGE_INPUTS['counter:transfer'];
    expect(transfer.safeParse({ ticketId: 1, toServiceId: 'dat-dai' }).success).toBe(true);
    expect(transfer.safeParse({ ticketId: 1, toCounterId: 'quay-2' }).success).toBe(true);
    const neither = transfer.safeParse({ ticketId: 1 });
    expect(neither.success).toBe(false);
    expect(neither.error?.issues[0]?.message).toBe('give exactly one of toServiceId and toCounterId');
    expect(transfer.safeParse({ ticketId: 1, toServiceId: 'dat-dai', toCounterId: 'quay-2' }).success).toBe(false);
  });

  it("keep the rules of a desk's call built on one command (backoffice:act: a refusal needs its reason)", () => {
    const act = BRIDGE_INPUTS['backoffice:act'];
    expect(act).not.toBe(COMMANDS['dossier:act'].input);
    expect(act.safeParse({ code: 'HK-261120-0007', action: 'refuse' }).success).toBe(false);
    expect(act.safeParse({ code: 'HK-261120-0007', action: 'refuse', note: 'Thiếu giấy tờ' }).success).toBe(true);
    expect(act.safeParse({ code: 'HK-261120-0007', action: 'accept', newDueDate: '2026-12-10T16:00' }).success).toBe(false);
  });

  it('fill defaults as the command does (a kiosk ticket is normal unless said otherwise)', () => {
    expect(BRIDGE_INPUTS['kiosk:take-ticket'].parse({ serviceId: 'ho-tich' })).toEqual({ serviceId: 'ho-tich', priority: 'normal' });
    expect(screenInput('ticket:issue').safeParse({ serviceId: 'ho-tich', priority: 'appointment' }).success).toBe(false);
  });

  it('type both ends from the command table', () => {
    expectTypeOf<BridgeArgs<'counter:transfer'>>().toEqualTypeOf<{ ticketId: number; toServiceId?: string | undefined; toCounterId?: string | undefined; commandId?: string | undefined }>();
    expectTypeOf<BridgeArgs<'admin:appointments'>>().toEqualTypeOf<{ date: string }>();
    expectTypeOf<BridgeInput<'kiosk:take-ticket'>>().toHaveProperty('priority');
  });
});
