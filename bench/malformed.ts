import path from 'node:path';
import { Hub } from '../hub/hub';
import { tempDir } from '../tests/support/centre';
import { configWithFlooder, floodWhileServing } from '../tests/support/malformed';
import { summarize } from './stats';

/**
 * Bad input under load: one kiosk sends BENCH_MALFORMED_COUNT (default 10,000) malformed payloads
 * (binary Buffers incl. ~900 kB ones, huge strings, deep nesting, arrays, wrong types, unknown
 * fields and events; 64 in flight) while another kiosk issues tickets and a counter calls, starts
 * and completes them, one round after another. Figures: malformed payloads answered per second,
 * the largest answer, and the other devices' command latencies during the flood.
 */
export async function runMalformedBench() {
  const count = Number(process.env['BENCH_MALFORMED_COUNT'] ?? 10_000);
  const tmp = tempDir('motcua-bench-malformed-');
  const config = configWithFlooder();
  const hub = new Hub({ config, dbFile: path.join(tmp.dir, 'hub.sqlite'), host: '127.0.0.1', port: 0, tls: false });
  await hub.start();
  try {
    // The same rounds with nobody flooding first: what the latencies during the flood compare to.
    const quiet = await floodWhileServing(hub.url, config, 0, { minRounds: 40 });
    const r = await floodWhileServing(hub.url, config, count);
    for (const x of [quiet, r]) {
      if (x.notRefusals.length > 0 || x.legitFailures.length > 0) throw new Error(`malformed bench: ${JSON.stringify({ notRefusals: x.notRefusals.slice(0, 3), legit: x.legitFailures })}`);
    }
    const figures = (ms: readonly number[]) => {
      const s = summarize(ms);
      return { commands: s.n, p50Ms: s.p50, p95Ms: s.p95, maxMs: s.max };
    };
    return {
      note:
        'Hub and every client in ONE Node process on loopback (the sender builds and encodes the payloads on the same event loop); ' +
        '64 malformed payloads in flight; the other devices run issue → call-next → start → complete rounds, each command awaited ' +
        '(SQLite WAL, synchronous=FULL: every command fsynced before its answer).',
      malformedPayloads: r.payloads,
      floodSeconds: Math.round(r.floodMs / 10) / 100,
      malformedPerSecond: Math.round((r.payloads / r.floodMs) * 1000),
      answerBytesMax: r.answerBytesMax,
      answerKinds: r.answerKinds,
      queueSeqChangedBy: r.seqAfter - r.seqBefore,
      otherDevicesRounds: r.rounds,
      otherDevicesDuringFlood: figures(r.legitLatenciesMs),
      otherDevicesWithoutFlood: figures(quiet.legitLatenciesMs),
    };
  } finally {
    await hub.close();
    tmp.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(await runMalformedBench(), null, 2));
