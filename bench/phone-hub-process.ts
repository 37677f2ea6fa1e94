import path from 'node:path';
import { Hub } from '../hub/hub';
import { benchCentre } from './bench-centre';

/**
 * The hub alone in its own process for the phone benchmark (bench/phone-follow.ts): the bench
 * centre with a public address, and phone limits opened wide, since every simulated phone comes
 * from 127.0.0.1. argv[2]: the SQLite file.
 */
const { config } = benchCentre();
const hub = new Hub({
  config: { ...config, hub: { ...config.hub, publicBaseUrl: 'https://motcua.example.gov.vn' } },
  dbFile: path.resolve(process.argv[2]!),
  host: '127.0.0.1',
  port: 0,
  tls: false,
  phoneLimits: {
    perAddress: { limit: 1_000_000, windowMs: 60_000 },
    perToken: { limit: 1_000, windowMs: 60_000 },
    streamsPerAddress: 100_000,
  },
});
const { url } = await hub.start();
process.on('message', (m) => {
  if ((m as { type: string }).type === 'close') void hub.close().then(() => process.exit(0));
});
process.send!({ url });
