import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import type { CommandOutput } from '../../core/protocol/commands';
import { resultSchema } from '../../core/protocol/result-schema';
import { RotateOutputSchema } from '../../core/protocol/pairing-commands';
import { err, ok, type Result } from '../../core/result';
import { loadHubTrust } from './hub-trust';
import type { HubSocket } from './hub-connection';
import { writePairedConfig } from './paired-config';
import type { TerminalConfig } from './terminal-config';

const RotateAnswerSchema = resultSchema(RotateOutputSchema);

/**
 * Rotates this terminal's credential without downtime: asks the hub for a new one
 * (`device:rotate-credential`, the old one staying valid), writes it into the config file (0600),
 * then signs in once with it — which confirms it: from then on the old one is refused. If
 * anything fails between, the old credential still works and the rotation can be run again.
 */
export async function rotateCredential(config: Pick<TerminalConfig, 'hubUrl' | 'hubCa' | 'hubCaFingerprint' | 'deviceId' | 'token'>, configFile: string, timeoutMs = 10_000): Promise<Result<{ readonly deviceId: string }>> {
  let caPem: string | undefined;
  if (config.hubCa !== undefined) {
    const trust = loadHubTrust(config.hubCa, config.hubCaFingerprint);
    if (!trust.ok) return trust;
    caPem = trust.value.caPem;
  }
  const asked = await withSocket(config.hubUrl, config.deviceId, config.token, caPem, timeoutMs, async (socket) => {
    const answer: unknown = await (socket.timeout(timeoutMs) as unknown as { emitWithAck(n: string, i: object): Promise<unknown> }).emitWithAck('device:rotate-credential', { commandId: randomUUID() });
    const parsed = RotateAnswerSchema.safeParse(answer);
    if (!parsed.success) return err<CommandOutput<'device:rotate-credential'>>('hub-unreachable', 'Câu trả lời đổi mã không hợp lệ.');
    return parsed.data.ok ? ok(parsed.data.value) : err(parsed.data.error.kind, parsed.data.error.message);
  });
  if (!asked.ok) return asked;
  const written = writePairedConfig(configFile, { hubUrl: config.hubUrl, deviceId: config.deviceId, credential: asked.value.credential, ...(caPem ? { hubCa: caPem, hubCaFingerprint: config.hubCaFingerprint } : {}) });
  if (!written.ok) return written;
  // The first sign-in with the new credential confirms it.
  const confirmed = await withSocket(config.hubUrl, config.deviceId, asked.value.credential, caPem, timeoutMs, async () => ok(undefined));
  return confirmed.ok ? ok({ deviceId: config.deviceId }) : confirmed;
}

function withSocket<T>(hubUrl: string, deviceId: string, token: string, caPem: string | undefined, timeoutMs: number, use: (socket: HubSocket) => Promise<Result<T>>): Promise<Result<T>> {
  const socket: HubSocket = io(hubUrl, { auth: { deviceId, token }, transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs, ...(caPem ? { ca: caPem } : {}), rejectUnauthorized: true });
  return new Promise<Result<T>>((resolve) => {
    socket.once('session:hello', () => {
      use(socket).then(resolve, (e: Error) => resolve(err('hub-unreachable', e.message)));
    });
    socket.once('connect_error', (e: Error) => resolve(err(e.message === 'unauthorized' ? 'unauthorized' : 'hub-unreachable', `Máy chủ ${hubUrl}: ${e.message}`)));
  }).finally(() => socket.close());
}
