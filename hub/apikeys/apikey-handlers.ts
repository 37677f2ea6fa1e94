import type { DeviceInfo } from '../../core/devices';
import type { CommandName } from '../../core/protocol/commands';
import type { Result } from '../../core/result';
import type { CommandContext, HandlersFor } from '../commands/command-runner';
import type { ApiKeys } from './api-keys';

/** API keys of other systems: created, listed, rotated and revoked by an administrator. */
export const APIKEY_COMMANDS = ['apikey:create', 'apikey:list', 'apikey:rotate', 'apikey:revoke'] as const satisfies readonly CommandName[];

export interface ApiKeyHandlerDeps {
  readonly apiKeys: ApiKeys;
  /** Who is acting at an admin device, for the audit chain: the administrator signed in there, if any. */
  readonly administratorAt: (deviceId: string) => Promise<string | null>;
}

export function apiKeyHandlers({ apiKeys, administratorAt }: ApiKeyHandlerDeps): HandlersFor<typeof APIKEY_COMMANDS> {
  const actor = async (device: DeviceInfo) => (await administratorAt(device.id)) ?? `device:${device.id}`;
  const must = <T>(ctx: CommandContext, r: Result<T>): T => (r.ok ? r.value : ctx.fail(r.error.kind, r.error.message));
  return {
    'apikey:create': async (ctx, input) => must(ctx, await apiKeys.create(input, await actor(ctx.device), ctx.now)),
    'apikey:list': async (ctx) => ({ keys: await apiKeys.list(ctx.now), departments: apiKeys.scopes() }),
    'apikey:rotate': async (ctx, input) => must(ctx, await apiKeys.rotate(input.keyId, input.overlapHours, await actor(ctx.device), ctx.now)),
    'apikey:revoke': async (ctx, input) => must(ctx, await apiKeys.revoke(input.keyId, await actor(ctx.device), ctx.now)),
  };
}
