import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTEXT_BY_ROLE, scopeContext, terminalContextSchemaFor } from '../../core/protocol/context-scope';
import type { Hub } from '../../hub/hub';
import { TerminalAgent } from '../../main/agent/terminal-agent';
import { demoConfig, startHub, tempDir, tokenOf } from '../support/centre';
import { contextFor } from '../renderer/support/contexts';
import { waitForContext } from './kiosk-support';

const config = demoConfig();

describe('the terminal context is scoped by role', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  const agents: TerminalAgent[] = [];

  const terminal = async (deviceId: string): Promise<TerminalAgent> => {
    const agent = new TerminalAgent({ hubUrl: hub.url, deviceId, token: tokenOf(config, deviceId), dataDir: path.join(tmp.dir, deviceId) });
    agents.push(agent);
    await agent.start();
    return agent;
  };

  beforeAll(async () => {
    tmp = tempDir();
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
  });
  afterAll(async () => {
    for (const a of agents.splice(0).reverse()) await a.close();
    await hub.close();
    tmp.remove();
  });

  it('a display gets the queue to show, and neither the dossier catalogue, the clerks, the officers nor the printer', async () => {
    const display = await waitForContext(await terminal('display-1'), (c) => c.hubConnected && c.snapshot !== null);
    expect(display.device?.role).toBe('display');
    expect(display.services.map((s) => s.id)).toEqual(config.services.map((s) => s.id));
    expect(display.counters.map((c) => c.id)).toEqual(config.counters.map((c) => c.id));
    expect(display.catalogue).toEqual({ departments: [], procedures: [] });
    expect(display.clerks).toEqual([]);
    expect(display.officers).toEqual([]);
    expect(display.rules).toBeNull();
    expect(display.printer).toBeNull();
    expect(display.devices).toBeNull();
    expect(display.dossierFeed).toEqual([]);
    expect(terminalContextSchemaFor('display').safeParse(display).success).toBe(true);
    // The same context with the catalogue in it is not a display's.
    const withCatalogue = { ...display, catalogue: { departments: config.departments, procedures: config.procedures } };
    expect(terminalContextSchemaFor('display').safeParse(withCatalogue).success).toBe(false);
  }, 30_000);

  it('a kiosk gets its services, queue and printer, and neither the clerks, the catalogue nor the counters', async () => {
    const kiosk = await waitForContext(await terminal('kiosk-1'), (c) => c.hubConnected && c.snapshot !== null && c.kiosk !== null);
    expect(kiosk.services.length).toBeGreaterThan(0);
    expect(kiosk.clerks).toEqual([]);
    expect(kiosk.catalogue).toEqual({ departments: [], procedures: [] });
    expect(kiosk.counters).toEqual([]);
    expect(kiosk.officers).toEqual([]);
    expect(kiosk.outbox).toBeNull();
    expect(terminalContextSchemaFor('kiosk').safeParse(kiosk).success).toBe(true);
    expect(terminalContextSchemaFor('kiosk').safeParse({ ...kiosk, clerks: [{ id: 'lan', name: 'Nguyễn Thị Lan' }] }).success).toBe(false);
  }, 30_000);

  it('a counter still gets what its screens use: the clerks, the catalogue, the rules and the counters', async () => {
    const counter = await waitForContext(await terminal('counter-1'), (c) => c.hubConnected && c.snapshot !== null && c.outbox !== null);
    expect(counter.clerks.map((c) => c.id)).toEqual(config.clerks.map((c) => c.id));
    expect(counter.catalogue.procedures.length).toBeGreaterThan(0);
    expect(counter.rules).not.toBeNull();
    expect(counter.counters.length).toBe(config.counters.length);
    expect(counter.officers).toEqual([]);
    expect(counter.kiosk).toBeNull();
    expect(terminalContextSchemaFor('counter').safeParse(counter).success).toBe(true);
    expect(terminalContextSchemaFor('display').safeParse(counter).success).toBe(false);
  }, 30_000);

  it('a back office gets its officers and the catalogue, not the queue nor the clerks', async () => {
    const bo = await waitForContext(await terminal('backoffice-tu-phap'), (c) => c.hubConnected && c.device !== null);
    expect(bo.officers.length).toBeGreaterThan(0);
    expect(bo.catalogue.procedures.length).toBeGreaterThan(0);
    expect(bo.snapshot).toBeNull();
    expect(bo.services).toEqual([]);
    expect(bo.clerks).toEqual([]);
    expect(terminalContextSchemaFor('backoffice').safeParse(bo).success).toBe(true);
  }, 30_000);
});

describe('scopeContext (core)', () => {
  it('keeps exactly the pieces of the role and the link state every terminal has; before the hub named a role, none', () => {
    const full = contextFor('counter-1', { kiosk: null, clerks: [{ id: 'lan', name: 'Nguyễn Thị Lan' }], hubProblem: 'x', sending: { resending: true, count: 2 } });
    const display = scopeContext('display', full);
    expect(display.snapshot).toEqual(full.snapshot);
    expect(display.centre).toEqual(full.centre);
    expect(display.sending).toEqual(full.sending);
    expect(display.hubProblem).toBe('x');
    expect(display.clerks).toEqual([]);
    expect(display.scanner).toBeNull();
    expect(scopeContext('counter', full)).toEqual(full);
    const unknown = scopeContext(null, full);
    expect(unknown.services).toEqual([]);
    expect(unknown.device).toEqual(full.device);
    for (const role of Object.keys(CONTEXT_BY_ROLE) as (keyof typeof CONTEXT_BY_ROLE)[]) {
      const scoped = scopeContext(role, { ...full, device: full.device && { ...full.device, role } });
      expect(scopeContext(role, scoped)).toEqual(scoped);
      expect(terminalContextSchemaFor(role).safeParse(scoped).success).toBe(true);
    }
  });
});
