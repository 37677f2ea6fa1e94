import type { DeviceInfo } from '../../core/devices';
import type { CommandName } from '../../core/protocol/commands';
import type { CommandContext, HandlersFor } from '../commands/command-runner';
import type { PairingService } from './pairing-service';

/** Pairing codes, revocation and the credential list (admin); rotation (the device itself). */
export const PAIRING_COMMANDS = ['device:pairing-code', 'device:revoke', 'device:credentials', 'device:rotate-credential'] as const satisfies readonly CommandName[];

export interface PairingHandlerDeps {
  readonly pairing: PairingService;
  /** Who is acting at an admin device, for the audit chain: the administrator signed in there, if any. */
  readonly administratorAt: (deviceId: string) => Promise<string | null>;
}

export function pairingHandlers({ pairing, administratorAt }: PairingHandlerDeps): HandlersFor<typeof PAIRING_COMMANDS> {
  const actor = async (device: DeviceInfo) => (await administratorAt(device.id)) ?? `device:${device.id}`;
  const must = <T>(ctx: CommandContext, r: { ok: true; value: T } | { ok: false; error: { kind: Parameters<CommandContext['fail']>[0]; message: string } }): T => (r.ok ? r.value : ctx.fail(r.error.kind, r.error.message));
  return {
    'device:pairing-code': async (ctx, input) => must(ctx, await pairing.createCode(input.deviceId, await actor(ctx.device), ctx.now)),
    'device:revoke': async (ctx, input) => {
      const revoked = must(ctx, await pairing.revoke(input.deviceId, await actor(ctx.device), ctx.now));
      ctx.afterCommit(() => pairing.dropSockets(input.deviceId));
      return revoked;
    },
    'device:credentials': async () => ({ devices: await pairing.states() }),
    'device:rotate-credential': async (ctx) => pairing.rotate(ctx.device.id, ctx.now),
  };
}
