import { z } from 'zod';
import { IdSchema } from './queue/types';

export const ROLES = ['kiosk', 'counter', 'display', 'backoffice', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** How Vietnamese text reaches paper. Only strategies that are implemented are listed. */
export const TEXT_STRATEGIES = ['cp1258'] as const;

/** A thermal printer as an installer describes it. */
export const PrinterProfileSchema = z.object({
  id: IdSchema,
  model: z.string().min(1),
  /** Network printers: tcp://host:port (port 9100 on most models). */
  interface: z.string().regex(/^tcp:\/\/[^\s:/]+:\d{1,5}$/, 'tcp://host:port, e.g. tcp://192.168.1.50:9100'),
  paperWidth: z.union([z.literal(80), z.literal(58)]),
  textStrategy: z.enum(TEXT_STRATEGIES),
  /** The `ESC t n` number of the Windows-1258 page on this model (Epson: 52; clones differ). */
  codePage: z.number().int().min(0).max(255),
  timeoutMs: z.number().int().min(100).max(60_000).default(5000),
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
});
export type CentreInfo = z.infer<typeof CentreInfoSchema>;

/** A printer's health as a terminal reports it to the hub (and the admin sees it). */
export const PRINTER_HEALTH = ['ok', 'paper-near-end', 'paper-out', 'cover-open', 'offline', 'unknown'] as const;
export const PrinterHealthSchema = z.enum(PRINTER_HEALTH);
export type PrinterHealth = z.infer<typeof PrinterHealthSchema>;

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
});
export type DeviceStatus = z.infer<typeof DeviceStatusSchema>;
