import { z } from 'zod';
import { IdSchema } from './queue/types';

export const ROLES = ['kiosk', 'counter', 'display', 'backoffice', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/**
 * How Vietnamese text reaches paper (hardware/printer/text-strategies): `cp1258` Windows-1258 with
 * split tone marks, `tcvn3` the TCVN3 (ABC) pages, `raster` every line drawn as a bitmap (printers
 * whose pages do not stack tone marks), `ascii` accents stripped (only when chosen explicitly).
 */
export const TEXT_STRATEGIES = ['cp1258', 'tcvn3', 'raster', 'ascii'] as const;

/**
 * How the driver learns that a ticket printed. `after-print`: DLE EOT before the job, then GS r 1,
 * which the printer answers only once everything before it has printed (Epson TM series).
 * `realtime`: DLE EOT before and right after the job (clones that do not answer GS r).
 * `none`: no questions (clones that answer nothing): success only means every byte was taken.
 */
export const PRINTER_STATUS_QUERIES = ['after-print', 'realtime', 'none'] as const;

const TCP_PRINTER = /^tcp:\/\/[^\s:/]+:\d{1,5}$/;
const SERIAL_PRINTER = /^serial:\/[^\s?]+(\?\S*)?$/;
/** An OS print queue (CUPS): printable, no whitespace, "/" or "#", not starting with "-". */
const OS_PRINTER = /^os:[^\s/#-][^\s/#]{0,126}$/;

/** Where a printer is: tcp://host:port (raw port 9100 on most models), serial:/dev/ttyUSB0?baud=9600 or os:QUEUE (a CUPS queue, sent raw). */
export const PrinterInterfaceSchema = z
  .string()
  .refine(
    (s) => TCP_PRINTER.test(s) || SERIAL_PRINTER.test(s) || OS_PRINTER.test(s),
    'tcp://host:port (e.g. tcp://192.168.1.50:9100), serial:/dev/ttyUSB0?baud=9600 or os:QUEUE (a CUPS print queue)',
  );

/** A thermal printer as an installer describes it. */
export const PrinterProfileSchema = z
  .object({
    id: IdSchema,
    model: z.string().min(1),
    /** tcp://host:port (raw port 9100 on most models), serial:/dev/ttyUSB0?baud=9600 or os:QUEUE (CUPS, raw). */
    interface: PrinterInterfaceSchema,
    paperWidth: z.union([z.literal(80), z.literal(58)]),
    textStrategy: z.enum(TEXT_STRATEGIES),
    /** `ESC t n` of the page the strategy writes: Windows-1258 for cp1258 (Epson 52; clones 27, 94, …), TCVN3 for tcvn3 (Epson 30). */
    codePage: z.number().int().min(0).max(255).optional(),
    /** tcvn3 only: the page whose glyphs are TCVN3 capitals (Epson 31); default codePage + 1. */
    capitalsCodePage: z.number().int().min(0).max(255).optional(),
    timeoutMs: z.number().int().min(100).max(60_000).default(5000),
    statusQueries: z.enum(PRINTER_STATUS_QUERIES).default('after-print'),
    /** Paper speed of the mechanism, for estimates and the bench (Epson TM-T82III: 200 mm/s; clones 70–150). */
    printSpeedMmPerS: z.number().positive().max(1000).optional(),
  })
  .refine((p) => p.codePage !== undefined || p.textStrategy === 'raster' || p.textStrategy === 'ascii', {
    message: 'codePage is required for the cp1258 and tcvn3 strategies (Epson: 52 for cp1258, 30 for tcvn3)',
    path: ['codePage'],
  })
  .refine((p) => !p.interface.startsWith('os:') || p.statusQueries === 'none', {
    message:
      'statusQueries must be "none" for an os: printer (the default is "after-print"): a printer behind the OS spooler cannot answer DLE EOT, so only the queue state is known',
    path: ['statusQueries'],
  });
export type PrinterProfile = z.infer<typeof PrinterProfileSchema>;

/** What the hub tells a device about itself when it connects. */
export const DeviceInfoSchema = z.object({
  id: IdSchema,
  role: RoleSchema,
  name: z.string(),
  counterId: IdSchema.nullable(),
  printer: PrinterProfileSchema.nullable(),
});
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

/** What becomes of a ticket the kiosk issued but could not print: kept (the number stays valid, shown on screen) or voided. */
export const PRINT_FAILURE_POLICIES = ['keep', 'void'] as const;

export const CentreInfoSchema = z.object({
  name: z.string().min(1),
  /** IANA zone used for the day a number belongs to; Vietnamese centres: Asia/Ho_Chi_Minh. */
  timeZone: z.string().min(1),
  onPrintFailure: z.enum(PRINT_FAILURE_POLICIES),
  /**
   * The public address of the centre's citizen pages (hub.publicBaseUrl), in the hello only: a
   * kiosk issuing offline prints its own ticket link with it (hub/public, docs/phone.md).
   */
  publicBaseUrl: z.string().optional(),
});
export type CentreInfo = z.infer<typeof CentreInfoSchema>;

/** A printer's health as a terminal reports it to the hub (and the admin sees it). */
export const PRINTER_HEALTH = ['ok', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'unknown'] as const;
export const PrinterHealthSchema = z.enum(PRINTER_HEALTH);
export type PrinterHealth = z.infer<typeof PrinterHealthSchema>;

/** A serial device hanging off a terminal (LED number sign, rating keypad), as the terminal reports it. */
export const SERIAL_DEVICE_KINDS = ['led-sign', 'rating-keypad', 'qr-scanner'] as const;
export const SERIAL_DEVICE_STATES = ['connected', 'reconnecting', 'error'] as const;
export const SerialDeviceStatusSchema = z.object({
  kind: z.enum(SERIAL_DEVICE_KINDS),
  path: z.string().min(1).max(200),
  state: z.enum(SERIAL_DEVICE_STATES),
  detail: z.string().max(300),
});
export type SerialDeviceStatus = z.infer<typeof SerialDeviceStatusSchema>;

/** One enrolled device as the centre's admin sees it. */
export const DeviceStatusSchema = z.object({
  id: IdSchema,
  name: z.string(),
  role: RoleSchema,
  connected: z.boolean(),
  /** Last connection or disconnection, ISO time; null if never seen since the hub started. */
  lastSeenAt: z.string().nullable(),
  printer: z
    .object({ id: z.string(), health: PrinterHealthSchema, detail: z.string(), reportedAt: z.string() })
    .nullable(),
  /** Its serial devices as last reported while connected (absent: none reported since the hub started). */
  serial: z.array(SerialDeviceStatusSchema.extend({ reportedAt: z.string() })).optional(),
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;
