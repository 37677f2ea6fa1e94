import { issueRate } from './throughput';
const out = [];
for (const s of [1, 8, 32]) out.push(await issueRate(s, Number(process.env['MOTCUA_OPS_SECONDS'] ?? 5)));
console.log(JSON.stringify(out.map((o) => ({ sockets: o.sockets, ops: o.opsPerSecond, cpu: o.hubCpuMsPerOp, p50: o.latencyMs })), null, 1));
