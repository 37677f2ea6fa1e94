import path from 'node:path';
import type { Dossier } from '../../core/dossiers/dossier';
import type { Delivery, DossierSync } from '../../core/integrations/outbound-events';
import { integrationsOf } from '../../bin/cli/centre-runtime';
import type { Hub, HubOptions } from '../../hub/hub';
import type { OutboxTimers } from '../../hub/integrations/outbox-settings';
import { IntegrationsConfigSchema, type IntegrationsConfigInput } from '../../kiosk-config/integrations-schema';
import { commandId, demoConfig, startHub, tokenOf, type DeviceSocket } from '../support/centre';

/** Vietnam is UTC+7: a wall-clock time of the centre as an instant. */
export const vn = (dateTime: string) => new Date(`${dateTime}:00+07:00`);

export const config = demoConfig();
export const ADMIN_TOKEN = tokenOf(config, 'admin-1');
export const OFFICER_PIN = '5555';
export const APPLICANT = { fullName: 'Phạm Văn An', idNumber: '001090012345', dateOfBirth: '1990-05-17', address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912 345 678' };

/** Timers that never fire: the test runs the worker's passes itself, after moving the clock. */
export const HELD_TIMERS: OutboxTimers = { setTimeout: () => 0, clearTimeout: () => undefined };

/** A hub whose integrations come from a config section and an environment, as `motcua hub` reads them. */
export async function startIntegratedHub(dir: string, integrations: IntegrationsConfigInput, env: Record<string, string>, extra: Partial<HubOptions>): Promise<Hub> {
  const centre = { ...config, integrations: IntegrationsConfigSchema.parse(integrations) };
  return startHub(path.join(dir, 'hub.sqlite'), { config: centre, integrations: integrationsOf(centre, env), outboxTimers: HELD_TIMERS, random: () => 0.5, ...extra });
}

export async function receive(counter: DeviceSocket): Promise<{ dossier: Dossier; sync?: DossierSync | null }> {
  const r = await counter.emitWithAck('dossier:receive', {
    commandId: commandId(),
    procedureCode: 'KD-TL',
    applicant: APPLICANT,
    documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
    feePaid: 100000,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function act(socket: DeviceSocket, code: string, action: string): Promise<{ dossier: Dossier; sync?: DossierSync | null }> {
  const r = await socket.emitWithAck('dossier:act', { commandId: commandId(), code, action } as never);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

export async function syncOf(socket: DeviceSocket, code: string): Promise<DossierSync | null | undefined> {
  const r = await socket.emitWithAck('dossier:get', { commandId: commandId(), code });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.sync;
}

export async function signInOfficer(socket: DeviceSocket, officerId: string): Promise<void> {
  const r = await socket.emitWithAck('officer:sign-in', { commandId: commandId(), officerId, pin: OFFICER_PIN });
  if (!r.ok) throw new Error(r.error.message);
}

interface Answer<T> {
  readonly status: number;
  readonly body: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };
}

export async function adminGet<T = { deliveries: Delivery[]; subscriptions: { id: string; disabled: string | null }[] }>(hub: Hub, query = '', token = ADMIN_TOKEN): Promise<Answer<T>> {
  const res = await fetch(`${hub.url}/api/admin/deliveries${query}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Answer<T>['body'] };
}

export async function adminResend(hub: Hub, id: number | string, token = ADMIN_TOKEN): Promise<Answer<{ delivery: Delivery }>> {
  const res = await fetch(`${hub.url}/api/admin/deliveries/${id}/resend`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as Answer<{ delivery: Delivery }>['body'] };
}

export async function deliveries(hub: Hub, query = ''): Promise<Delivery[]> {
  const r = await adminGet(hub, query);
  if (!r.body.ok) throw new Error(r.body.error.message);
  return r.body.value.deliveries;
}
