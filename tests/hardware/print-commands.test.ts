import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadPrinterProfile, runPrintTestCommand, runRenderCommand } from '../../bin/cli/print-commands';
import { lettersTestPage } from '../../hardware/printer/layouts/letters-test-page';
import { encodeDocument } from '../../hardware/printer/paper-encoder';
import { VIETNAMESE_LETTERS } from '../../hardware/printer/vietnamese-letters';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import { tempDir } from './fixtures';
import { decodeJob, decodedPaper, readPng, sampleDocument } from './printing-support';

/** `motcua render` and `motcua print-test`, on the demo centre's profiles. */

const ROOT = path.resolve(import.meta.dirname, '../..');
const DEMO = path.join(ROOT, 'kiosk-config/demo-centre.json');
const run = promisify(execFile);

describe('motcua render', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir('render');
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => vi.restoreAllMocks());

  it.each([
    ['ticket', 'may-in-kiosk-1'],
    ['slip', 'vi-du-58-tcvn3'],
    ['receipt', 'vi-du-epson-80-cp1258'],
    ['supplement', 'vi-du-80-raster'],
  ] as const)('writes the exact bytes of the %s sample for %s, and a picture with --png', async (kind, profileId) => {
    const out = path.join(dir, `${kind}.bin`);
    const png = path.join(dir, `${kind}.png`);
    await runRenderCommand({ kind, sample: true, profile: profileId, config: DEMO, out, png });
    const profile = loadPrinterProfile(DEMO, profileId);
    expect((await readFile(out)).equals(encodeDocument(sampleDocument(kind), profile))).toBe(true);
    expect((await readPng(png)).width).toBe(profile.paperWidth === 80 ? 576 : 384);
  });

  it('refuses an unknown kind, a missing --sample and an unknown profile, naming what exists', async () => {
    const out = path.join(dir, 'x.bin');
    await expect(runRenderCommand({ kind: 'poster', sample: true, profile: 'may-in-kiosk-1', config: DEMO, out })).rejects.toThrow(/ticket, slip, receipt, supplement/);
    await expect(runRenderCommand({ kind: 'ticket', profile: 'may-in-kiosk-1', config: DEMO, out })).rejects.toThrow(/--sample/);
    await expect(runRenderCommand({ kind: 'ticket', sample: true, profile: 'nope', config: DEMO, out })).rejects.toThrow(/may-in-kiosk-1, vi-du-epson-80-cp1258/);
  });
});

describe('motcua print-test', () => {
  it('--out writes the 134-letter page in the profile’s strategy', async () => {
    const dir = await tempDir('print-test');
    const out = path.join(dir, 'test.bin');
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await runPrintTestCommand({ profile: 'vi-du-58-tcvn3', config: DEMO, out });
    } finally {
      vi.restoreAllMocks();
    }
    const profile = loadPrinterProfile(DEMO, 'vi-du-58-tcvn3');
    const printed = decodedPaper(decodeJob(await readFile(out), profile)).join('\n');
    expect(VIETNAMESE_LETTERS.filter((l) => !printed.includes(l))).toEqual([]);
  });

  it('prints to the profile’s printer through the motcua command (a real process)', async () => {
    const dir = await tempDir('print-test-live');
    const printer = new VirtualPrinter({ outDir: path.join(dir, 'printed') });
    const { port } = await printer.start();
    try {
      const config = JSON.parse(await readFile(DEMO, 'utf8')) as { printers: { id: string; interface: string }[]; hub: { dataDir: string } };
      config.hub.dataDir = dir;
      for (const p of config.printers) if (p.id === 'vi-du-epson-80-cp1258') p.interface = `tcp://127.0.0.1:${port}`;
      const file = path.join(dir, 'centre.json');
      await writeFile(file, JSON.stringify(config));
      const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/motcua.mjs'), 'print-test', '--profile', 'vi-du-epson-80-cp1258', '--config', file], { cwd: ROOT });
      expect(stdout).toContain('đã in');
      const job = await printer.waitForJob();
      const profile = { ...loadPrinterProfile(file, 'vi-du-epson-80-cp1258') };
      expect(job.cut).toBe(true);
      expect(decodedPaper(job)).toEqual(decodedPaper(decodeJob(encodeDocument(lettersTestPage(profile), profile), profile)));
    } finally {
      await printer.close();
    }
  });
});
