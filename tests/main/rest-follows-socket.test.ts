import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub';
import { TerminalAgent } from '../../main/agent/terminal-agent';
import { demoConfig, startHub, tempDir, tokenOf } from '../support/centre';
import { closedPort } from '../hardware/fixtures';
import { waitForContext } from './kiosk-support';

const config = demoConfig();

/**
 * Issue 13, "REST calls with several addresses": a counter given two hub addresses whose first
 * does not answer (a hub process that is down) is connected on the second; its REST calls — here
 * a dossier's PDF from the hub — go to that address, not to the first of the list.
 */
describe('REST calls follow the address the socket is on', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  let agent: TerminalAgent | undefined;

  beforeEach(async () => {
    tmp = tempDir();
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
  });
  afterEach(async () => {
    await agent?.close();
    await hub.close();
    tmp.remove();
  });

  it('the dossier PDF is asked of the live address: the hub answers not-found (no PDF yet), not hub-unreachable', async () => {
    const dead = `http://127.0.0.1:${await closedPort()}`;
    agent = new TerminalAgent({ hubUrl: dead, hubUrls: [dead, hub.url], deviceId: 'counter-1', token: tokenOf(config, 'counter-1'), dataDir: path.join(tmp.dir, 'counter-1') });
    await agent.start();
    await waitForContext(agent, (c) => c.hubConnected && (c.outbox?.codesLeft ?? 0) > 0);
    const received = await agent.handlers['counter:receive-dossier']({
      procedureCode: 'KD-TL',
      applicant: { fullName: 'Phạm Văn Đức', idNumber: '001203004567' },
      documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
      feePaid: 100_000,
    });
    if (!received.ok) throw new Error(`${received.error.kind}: ${received.error.message}`);
    const pdf = await agent.file('dossier-pdf', received.value.dossier.code);
    expect(pdf).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  }, 60_000);
});
