import type { PrinterProfile } from '../../core/devices';
import { err, ok } from '../../core/result';
import type { Result } from '../../core/result';
import { encodeDocument } from './paper-encoder';
import type { PrintDocument } from './print-document';
import type { PrinterLink } from './printer-link';
import { osQueueStatus, parseOsQueueAddress, printToOsQueue } from './os-queue';
import { queryStatus, runJob } from './printer-session';
import type { PrinterStatus } from './printer-status';
import { openSerialLink, parseSerialAddress } from './serial-link';
import { openTcpLink } from './tcp-link';
import { parsePrinterAddress } from './tcp-transport';

export type { PrinterStatus } from './printer-status';

/** What a successful print reports: the job's size and how the printer is now (paper near end: print, and tell the admin). */
export interface PrintReceipt {
  readonly bytes: number;
  readonly status: PrinterStatus;
  /** `os:` printers only: the spooler's job id. There success means the spooler accepted the job, not that paper came out. */
  readonly jobId?: string;
}

/**
 * A receipt printer as the terminal sees it. Every failure is a value —
 * `printer-offline`, `paper-out`, `cover-open`, `printer-timeout`, or
 * `invalid-input` for a document or profile that cannot be printed — and no
 * call outlives the profile's timeout by more than a phase.
 */
export interface ThermalPrinter {
  readonly profile: PrinterProfile;
  /** How the printer is right now. With `statusQueries: "none"` it can only say whether it is reachable. */
  status(): Promise<Result<PrinterStatus>>;
  /** Prints a document (any layout's `document(data)`), checking the printer before and confirming after. */
  print(document: PrintDocument): Promise<Result<PrintReceipt>>;
  close(): Promise<void>;
}

function openLink(profile: PrinterProfile, deadline: number): Promise<Result<PrinterLink>> {
  if (profile.interface.startsWith('serial:')) {
    const address = parseSerialAddress(profile.interface);
    return address.ok ? openSerialLink(address.value, deadline) : Promise.resolve(address);
  }
  const address = parsePrinterAddress(profile.interface);
  return address.ok ? openTcpLink(address.value, deadline) : Promise.resolve(address);
}

/** Runs `use` on a fresh link and always lets go of it: gracefully (so a last command still leaves), then for good. */
async function withLink<T>(profile: PrinterProfile, use: (link: PrinterLink) => Promise<Result<T>>): Promise<Result<T>> {
  const link = await openLink(profile, Date.now() + profile.timeoutMs);
  if (!link.ok) return link;
  try {
    return await use(link.value);
  } finally {
    await link.value.finish(Date.now() + Math.min(profile.timeoutMs, 1000));
    link.value.destroy();
  }
}

/**
 * A printer for a profile: TCP for `tcp://host:port`, serial for
 * `serial:/dev/…?baud=…`, the OS print queue (CUPS) for `os:QUEUE`. One
 * connection per job, as raw-port printers expect; jobs from one terminal are
 * sent one after another, never interleaved.
 */
export function createPrinter(profile: PrinterProfile): ThermalPrinter {
  if (profile.interface.startsWith('os:')) return createOsPrinter(profile);
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    profile,
    status: () =>
      serialised(() =>
        withLink(profile, async (link) => (profile.statusQueries === 'none' ? ok<PrinterStatus>('ok') : queryStatus(link, Date.now() + profile.timeoutMs, profile.timeoutMs))),
      ),
    print(document) {
      let bytes: Buffer;
      try {
        bytes = encodeDocument(document, profile);
      } catch (error) {
        return Promise.resolve(err('invalid-input', `Không tạo được nội dung in (${document.kind}): ${error instanceof Error ? error.message : String(error)}`));
      }
      return serialised(() =>
        withLink(profile, async (link) => {
          const printed = await runJob(link, bytes, profile);
          return printed.ok ? ok({ bytes: bytes.length, status: printed.value }) : printed;
        }),
      );
    },
    close: () => serialised(async () => undefined),
  };
}

/**
 * A printer behind the OS spooler (os-queue.ts): no bytes come back, so the
 * status is the queue's, and a print succeeds once the spooler accepted the
 * job. The profile schema allows only `statusQueries: "none"` here.
 */
function createOsPrinter(profile: PrinterProfile): ThermalPrinter {
  const address = parseOsQueueAddress(profile.interface);
  let queue: Promise<unknown> = Promise.resolve();
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    profile,
    status: () => serialised(async () => (address.ok ? osQueueStatus(address.value, profile.timeoutMs) : address)),
    print(document) {
      if (!address.ok) return Promise.resolve(address);
      let bytes: Buffer;
      try {
        bytes = encodeDocument(document, profile);
      } catch (error) {
        return Promise.resolve(err('invalid-input', `Không tạo được nội dung in (${document.kind}): ${error instanceof Error ? error.message : String(error)}`));
      }
      return serialised(async () => {
        const job = await printToOsQueue(address.value, bytes, profile.timeoutMs);
        return job.ok ? ok<PrintReceipt>({ bytes: bytes.length, status: 'ok', jobId: job.value.jobId }) : job;
      });
    },
    close: () => serialised(async () => undefined),
  };
}
