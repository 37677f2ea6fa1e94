import { describe, expect, it } from 'vitest';
import { COMMAND_ROUTES } from '../../hub/http-api';
import { COMMAND_NAMES } from '../../core/protocol/commands';
import { commandId, demoConfig, tokenOf } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const config = demoConfig();

describe('REST API', () => {
  const f = useHubFixture({ scope: 'file' });
  const call = async (method: string, url: string, token: string | null, body?: unknown) => {
    const res = await fetch(f.hub.url + url, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as { ok: boolean; value?: unknown; error?: { kind: string; message: string } } };
  };

  it('reports health without a token', async () => {
    const r = await call('GET', '/api/health', null);
    expect(r).toMatchObject({ status: 200, json: { ok: true, value: { status: 'ok', centre: config.centre.name } } });
  });

  it('serves an OpenAPI document describing every command route', async () => {
    const r = await call('GET', '/api/openapi.json', null);
    const doc = r.json as unknown as { openapi: string; paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: { properties: Record<string, unknown> } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/admin/deliveries',
      '/api/admin/deliveries/{id}/resend',
      '/api/admin/session',
      '/api/admin/sign-in',
      '/api/admin/sign-out',
      '/api/apikeys',
      '/api/apikeys/list',
      '/api/apikeys/{keyId}/revoke',
      '/api/apikeys/{keyId}/rotate',
      '/api/appointments',
      '/api/appointments/check-in',
      '/api/appointments/list',
      '/api/appointments/slots',
      '/api/appointments/{code}/cancel',
      '/api/counters/{counterId}/call-next',
      '/api/counters/{counterId}/pause',
      '/api/counters/{counterId}/resume',
      '/api/counters/{counterId}/sign-in',
      '/api/counters/{counterId}/sign-out',
      '/api/devices',
      '/api/devices/credentials',
      '/api/devices/me/printer',
      '/api/devices/me/rotate-credential',
      '/api/devices/me/serial',
      '/api/devices/{deviceId}/pairing-code',
      '/api/devices/{deviceId}/revoke',
      '/api/dossiers',
      '/api/dossiers/lease-codes',
      '/api/dossiers/list',
      '/api/dossiers/ready',
      '/api/dossiers/{code}/act',
      '/api/dossiers/{code}/attach-result',
      '/api/dossiers/{code}/get',
      '/api/dossiers/{code}/lookup',
      '/api/dossiers/{code}/pdf',
      '/api/dossiers/{code}/results',
      '/api/dossiers/{code}/results/{id}',
      '/api/health',
      '/api/officers/sign-in',
      '/api/officers/sign-out',
      '/api/pair',
      '/api/province/stats',
      '/api/province/stats.xlsx',
      '/api/snapshot',
      '/api/stats',
      '/api/stats.csv',
      '/api/stats.xlsx',
      '/api/tickets',
      '/api/tickets/lease-numbers',
      '/api/tickets/offline',
      '/api/tickets/rating-visit',
      '/api/tickets/{ticketId}/cancel',
      '/api/tickets/{ticketId}/complete',
      '/api/tickets/{ticketId}/no-show',
      '/api/tickets/{ticketId}/rating',
      '/api/tickets/{ticketId}/recall',
      '/api/tickets/{ticketId}/start',
      '/api/tickets/{ticketId}/transfer',
      '/api/v1/dossiers',
      '/api/v1/dossiers/{code}',
      '/api/v1/dossiers/{code}/actions',
      '/api/v1/dossiers/{code}/pdf',
      '/api/v1/dossiers/{code}/results',
      '/api/v1/dossiers/{code}/results/{id}',
      '/api/v1/stats',
    ]);
    expect(Object.keys(doc.paths['/api/tickets']!.post!.requestBody!.content['application/json']!.schema.properties)).toEqual(['commandId', 'serviceId', 'priority']);
  });

  it('has a route for every command of the table, with its path parameters typed by the input', async () => {
    expect(COMMAND_ROUTES.map((r) => r.command).sort()).toEqual([...COMMAND_NAMES].sort());
    expect(COMMAND_ROUTES.find((r) => r.command === 'ticket:start')?.params).toEqual({ ticketId: 'integer' });
    expect(COMMAND_ROUTES.find((r) => r.command === 'dossier:act')?.params).toEqual({ code: 'string' });
    // The command that had no route before the routes came from the table.
    const kiosk = tokenOf(config, 'kiosk-1');
    const reported = await call('POST', '/api/devices/me/serial', kiosk, { commandId: commandId(), devices: [] });
    expect(reported).toMatchObject({ status: 200, json: { ok: true, value: { reportedAt: expect.any(String) } } });
  });

  it('runs the same queue operations as the sockets, with the same checks', async () => {
    const kiosk = tokenOf(config, 'kiosk-1');
    const counter = tokenOf(config, 'counter-3');
    expect(await call('POST', '/api/tickets', null, { commandId: commandId(), serviceId: 'ho-tich' })).toMatchObject({ status: 401, json: { ok: false, error: { kind: 'unauthorized' } } });
    expect(await call('POST', '/api/tickets', 'wrong-token-wrong-token', { commandId: commandId(), serviceId: 'ho-tich' })).toMatchObject({ status: 401 });
    expect(await call('POST', '/api/tickets', kiosk, '{not json')).toMatchObject({ status: 400, json: { ok: false, error: { kind: 'invalid-input' } } });
    expect(await call('POST', '/api/tickets', kiosk, { commandId: commandId(), serviceId: 'khong-co' })).toMatchObject({ status: 404, json: { error: { kind: 'not-found' } } });
    const issued = await call('POST', '/api/tickets', kiosk, { commandId: commandId(), serviceId: 'dang-ky-kinh-doanh' });
    expect(issued).toMatchObject({ status: 200, json: { ok: true, value: { ticket: { number: 3001 } } } });
    expect(await call('POST', '/api/counters/quay-3/call-next', kiosk, { commandId: commandId() })).toMatchObject({ status: 403, json: { error: { kind: 'forbidden' } } });
    expect(await call('POST', '/api/counters/quay-3/call-next', counter, { commandId: commandId() })).toMatchObject({ status: 403, json: { error: { message: expect.stringContaining('Chưa có cán bộ đăng nhập') } } });
    expect(await call('POST', '/api/counters/quay-3/sign-in', counter, { commandId: commandId(), clerkId: 'le-thu-ha', pin: '0000' })).toMatchObject({ status: 401 });
    expect(await call('POST', '/api/counters/quay-3/sign-in', counter, { commandId: commandId(), clerkId: 'le-thu-ha', pin: '3333' })).toMatchObject({ status: 200, json: { value: { state: { clerk: { name: 'Lê Thu Hà' } } } } });
    const called = await call('POST', '/api/counters/quay-3/call-next', counter, { commandId: commandId() });
    expect(called).toMatchObject({ status: 200, json: { value: { ticket: { number: 3001, state: 'called', clerkId: 'le-thu-ha' } } } });
    const id = (called.json.value as { ticket: { id: number } }).ticket.id;
    expect(await call('POST', `/api/tickets/abc/start`, counter, { commandId: commandId() })).toMatchObject({ status: 400 });
    expect(await call('POST', `/api/tickets/${id}/start`, counter, { commandId: commandId() })).toMatchObject({ status: 200, json: { value: { ticket: { state: 'serving' } } } });
    expect(await call('POST', `/api/tickets/${id}/no-show`, counter, { commandId: commandId() })).toMatchObject({ status: 409, json: { error: { kind: 'conflict' } } });
    const snap = await call('GET', '/api/snapshot', counter);
    expect(snap).toMatchObject({ status: 200, json: { value: { seq: 4, counters: { 'quay-3': { number: 3001, state: 'serving' } } } } });
    expect(await call('GET', '/api/nothing-here', null)).toMatchObject({ status: 404, json: { ok: false, error: { kind: 'not-found' } } });
  });
});
