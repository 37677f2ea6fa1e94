/**
 * The shared fault fixture: tests ask for a fault instead of hand-rolling one.
 * - startHubProcess: the hub as a real child process that can be killed with -9 and restarted on
 *   the same port and data dir (terminals reconnect to the same URL).
 * - startPartitionProxy: a loopback TCP proxy that cuts ONE device off, or drops the hub's replies
 *   to it (a lost acknowledgement).
 * - setPrinterFault: the virtual printer out of paper, cover open, offline, and back.
 */
export { startHubProcess, type HubProcess, type HubProcessOptions } from './hub-process';
export { startPartitionProxy, type PartitionProxy } from './partition-proxy';
export { setPrinterFault } from './printer-faults';
