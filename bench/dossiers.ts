import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { PNG } from 'pngjs';
import { startCentre } from '../bin/cli/centre-runtime';
import { ScanSession } from '../hardware/scanner/scan-session';
import { BridgeClient } from '../tests/support/bridge-client';
import { DEMO_CLERKS, demoConfig, tempDir } from '../tests/support/centre';
import { ms, summarize } from './stats';

const A4_300_DPI = { width: 2480, height: 3508 };

/**
 * A page as a 300 dpi grey scan of a typed form looks to the PDF step: paper with a little
 * grain (scanners are never perfectly white), a header, ruled lines, and lines of text.
 */
async function scannedPagePng(seed: number): Promise<Buffer> {
  const { width, height } = A4_300_DPI;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fbfbf8';
  ctx.fillRect(0, 0, width, height);
  let x = seed * 2654435761;
  const rnd = () => ((x = (x * 1103515245 + 12345) >>> 0) % 1000) / 1000;
  for (let i = 0; i < 40_000; i++) {
    ctx.fillStyle = `rgba(120,120,110,${0.05 + rnd() * 0.1})`;
    ctx.fillRect(rnd() * width, rnd() * height, 2, 2);
  }
  ctx.fillStyle = '#111';
  ctx.font = 'bold 64px sans-serif';
  ctx.fillText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 420, 260);
  ctx.font = '44px sans-serif';
  for (let line = 0; line < 52; line++) {
    const y = 460 + line * 58;
    ctx.fillText(`Dòng ${line + 1}: Họ và tên người yêu cầu, nơi cư trú, số định danh cá nhân ${(seed * 97 + line) % 1000}`, 220, y);
    if (line % 6 === 5) ctx.fillRect(220, y + 14, width - 440, 3);
  }
  // As scanimage writes a grey scan: 8-bit greyscale PNG with its dpi.
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const png = new PNG({ width, height, colorType: 0, inputColorType: 6, bitDepth: 8 });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  return PNG.sync.write(png, { colorType: 0, inputColorType: 6 });
}

/** Assembling a 20-page 300 dpi scan into the dossier's one PDF (pdf-lib), and how big it is. */
export async function runPdfBench() {
  const pagesWanted = 20;
  const tmp = tempDir('motcua-bench-pdf-');
  try {
    const session = await ScanSession.open('HK-261120-0001', tmp.dir);
    const distinct = 4;
    const files: string[] = [];
    for (let i = 0; i < distinct; i++) {
      const file = path.join(tmp.dir, `page-${i}.png`);
      await writeFile(file, await scannedPagePng(i + 1));
      files.push(file);
    }
    for (let i = 0; i < pagesWanted; i++) {
      const r = await session.addFile(files[i % distinct]!, 300);
      if (!r.ok) throw new Error(r.error.message);
    }
    const rssBefore = process.memoryUsage().rss;
    const t = process.hrtime.bigint();
    const pdf = await session.toPdf();
    const took = ms(t);
    const rssAfter = process.memoryUsage().rss;
    if (!pdf.ok) throw new Error(pdf.error.message);
    await session.close();
    return {
      pages: pagesWanted,
      pagePixels: `${A4_300_DPI.width}x${A4_300_DPI.height} (A4 at 300 dpi, grey PNG)`,
      assembleMs: Math.round(took),
      pdfBytes: pdf.value.byteLength,
      bytesPerPage: Math.round(pdf.value.byteLength / pagesWanted),
      rssGrowthMiB: Math.round((rssAfter - rssBefore) / 1048576),
    };
  } finally {
    tmp.remove();
  }
}

/**
 * Accept-to-back-office: the counter's "Tiếp nhận" call on its bridge (outbox, hub commit) → the
 * department's back-office terminal has pushed the new dossier to its screen. The Form 01 print
 * runs alongside and is not waited for here.
 */
export async function runHandOffBench() {
  const rounds = Number(process.env['BENCH_DOSSIER_ROUNDS'] ?? 50);
  const tmp = tempDir('motcua-bench-dossier-');
  const centre = await startCentre({ config: demoConfig(), dataDir: path.join(tmp.dir, 'centre'), preferConfiguredPorts: false });
  const counter = await BridgeClient.connect(centre.agents.counter.launchUrl());
  const backoffice = await BridgeClient.connect(centre.agents.backoffice.launchUrl());
  try {
    await counter.waitForContext((x) => x.hubConnected && x.snapshot !== null);
    // The back office's context carries no queue snapshot (core/protocol/context-scope.ts): its device is the sign of the hello.
    await backoffice.waitForContext((x) => x.hubConnected && x.device !== null);
    const { clerkId, pin } = DEMO_CLERKS['quay-1'];
    const signedIn = await counter.invoke('counter:sign-in', { clerkId, pin });
    if (!signedIn.ok) throw new Error(signedIn.error.message);
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t = process.hrtime.bigint();
      const seen = backoffice.waitForContext((c) => c.dossierFeed.some((e) => e.kind === 'received' && e.dossier.applicant.fullName === `Nguyễn Văn Thử ${i}`), 10_000);
      const r = await counter.invoke('counter:receive-dossier', {
        procedureCode: 'HT-KS',
        applicant: { fullName: `Nguyễn Văn Thử ${i}`, idNumber: '001090012345' },
        documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }],
        feePaid: 0,
      });
      if (!r.ok) throw new Error(`receive failed: ${r.error.message}`);
      await seen;
      samples.push(ms(t));
    }
    return { rounds, acceptToBackOfficeMs: summarize(samples) };
  } finally {
    for (const c of [counter, backoffice]) c.close();
    await centre.close();
    tmp.remove();
  }
}
