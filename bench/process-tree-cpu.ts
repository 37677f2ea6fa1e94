import { readdirSync, readFileSync } from 'node:fs';

/** Linux's clock ticks per second for /proc/<pid>/stat times (USER_HZ: 100 on every Linux we run on). */
const TICKS_PER_SECOND = 100;

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) in parentheses.
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // f[1] ppid; f[11] utime, f[12] stime, f[13] cutime, f[14] cstime (man 5 proc, fields 4, 14–17).
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) };
  } catch {
    return null;
  }
}

/**
 * CPU milliseconds used so far by a process and its live children (with what its ended children
 * used): a PostgreSQL postmaster and its backends, for the database's own CPU per command.
 */
export function processTreeCpuMs(rootPid: number): number {
  let ticks = stat(rootPid)?.ticks ?? 0;
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === rootPid) continue;
    const s = stat(pid);
    if (s?.ppid === rootPid) ticks += s.ticks;
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** The postmaster's pid of a PostgreSQL data directory (first line of postmaster.pid). */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0]);
}
