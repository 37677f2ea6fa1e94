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

export const CentreInfoSchema = z.object({
  name: z.string().min(1),
  /** IANA zone used for the day a number belongs to; Vietnamese centres: Asia/Ho_Chi_Minh. */
  timeZone: z.string().min(1),
});
export type CentreInfo = z.infer<typeof CentreInfoSchema>;
