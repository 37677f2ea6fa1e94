import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, COMMANDS, type CommandName } from '../../core/protocol/commands';
import { coverageProblems, FEATURE_COMMANDS } from '../../hub/command-handlers';
import { COMMAND_ROUTES, openApiDocument } from '../../hub/http-api';
import { commandId, connectDevice, demoConfig } from '../support/centre';
import { useHubFixture } from '../support/hub-fixture';

const config = demoConfig();
const sorted = (names: readonly string[]) => [...names].sort();
/** A concrete URL of a route: integer parameters 1, others "x". */
const concrete = (name: CommandName) => {
  const route = COMMAND_ROUTES.find((r) => r.command === name)!;
  return route.url.replace(/:(\w+)/g, (_m, p: string) => (route.params[p] === 'integer' ? '1' : 'x'));
};

describe('the command table drives every consumer', () => {
  it('every command of the table is answered by exactly one feature module', () => {
    expect(coverageProblems(FEATURE_COMMANDS)).toEqual([]);
    expect(sorted(Object.values(FEATURE_COMMANDS).flat())).toEqual(sorted(COMMAND_NAMES));
    // The check itself bites: a forgotten command, one answered twice, one not in the table.
    const { queue, ...rest } = FEATURE_COMMANDS;
    const forgetful = { ...rest, queue: queue.filter((n) => n !== 'ticket:recall') };
    expect(coverageProblems(forgetful)).toEqual(['ticket:recall: no feature answers it']);
    expect(coverageProblems({ ...FEATURE_COMMANDS, extra: ['ticket:rate', 'ticket:teleport'] })).toEqual([
      'ticket:rate: answered by both ratings and extra',
      'ticket:teleport: answered by extra but not in the command table',
    ]);
  });

  it('has one REST route per command, with the method and path the table gives', () => {
    expect(COMMAND_ROUTES.map((r) => [r.command, r.method, r.url])).toEqual(COMMAND_NAMES.map((n) => [n, COMMANDS[n].rest.method, COMMANDS[n].rest.path]));
    expect(new Set(COMMAND_ROUTES.map((r) => `${r.method} ${r.url}`)).size).toBe(COMMAND_NAMES.length);
  });

  it('describes every command in OpenAPI under its method and path, with its summary and roles', () => {
    const paths = openApiDocument('test').paths as Record<string, Record<string, { operationId: string; summary: string; description: string; parameters: { name: string }[] }>>;
    const operationIds = new Set<string>();
    for (const route of COMMAND_ROUTES) {
      const spec = COMMANDS[route.command];
      const operation = paths[route.url.replace(/:(\w+)/g, '{$1}')]?.[spec.rest.method.toLowerCase()];
      expect(operation, route.command).toBeDefined();
      expect(operation!.summary).toBe(spec.rest.summary);
      expect(operation!.description).toContain(`Allowed roles: ${spec.roles.join(', ')}.`);
      expect(operation!.parameters.map((p) => p.name)).toEqual(Object.keys(route.params));
      operationIds.add(operation!.operationId);
    }
    expect(operationIds.size).toBe(COMMAND_NAMES.length);
  });
});

describe('a live hub serves the table', () => {
  const f = useHubFixture({ scope: 'file' });
  const deviceOf = (role: string) => config.devices.find((d) => d.role === role)!;

  it('answers each command at its method and path, refusing the roles the table leaves out and other methods', async () => {
    const display = deviceOf('display');
    for (const name of COMMAND_NAMES) {
      const { method, path: url } = COMMANDS[name].rest;
      const send = (token: string, verb: string = method) =>
        fetch(f.hub.url + concrete(name), { method: verb, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}' }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { kind: string; message: string } } }));
      // An allowed role reaches the command's schema (which wants a commandId): the route and its role check exist.
      const allowed = deviceOf(COMMANDS[name].roles[0]!);
      expect(await send(allowed.token!), `${name} as ${allowed.role}`).toMatchObject({ status: 400, body: { error: { kind: 'invalid-input', message: expect.stringContaining(name) } } });
      expect((COMMANDS[name].roles as readonly string[]).includes('display'), url).toBe(false);
      expect(await send(display.token!), `${name} as display`).toMatchObject({ status: 403, body: { error: { kind: 'forbidden' } } });
      const other = method === 'POST' ? 'PUT' : 'POST';
      expect(await send(allowed.token!, other), `${other} ${url}`).toMatchObject({ status: 405, body: { error: { message: expect.stringContaining(method) } } });
    }
  });

  it('keeps in the command log exactly the writes of the table (a role refusal is a first answer)', async () => {
    const display = deviceOf('display');
    const { socket } = await connectDevice(f.hub.url, display.id, display.token!);
    try {
      const emit = socket.emitWithAck.bind(socket) as (name: string, input: unknown) => Promise<{ ok: boolean; error?: { kind: string } }>;
      for (const name of COMMAND_NAMES) expect(await emit(name, { commandId: commandId() }), name).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    } finally {
      socket.close();
    }
    const logged = ((await f.rows('SELECT name FROM commands WHERE device_id = ?', display.id)) as { name: string }[]).map((r) => r.name);
    expect(sorted(logged)).toEqual(sorted(COMMAND_NAMES.filter((n) => COMMANDS[n].mode === 'write')));
    expect(COMMAND_NAMES.some((n) => COMMANDS[n].mode === 'read')).toBe(true);
  });
});
