import { z } from 'zod';

const SerialPortConfigSchema = z.strictObject({
  /** e.g. /dev/ttyUSB1, COM3, or a stable /dev/serial/by-id/… link (survives renumbering). */
  path: z.string().min(1, 'the serial port, e.g. /dev/ttyUSB1 or COM3'),
  baudRate: z.number().int().positive().default(9600),
});

/** The serial devices hanging off a counter terminal: `{ "ledSign": { "path": "/dev/ttyUSB1" }, "ratingKeypad": { "path": "/dev/ttyACM0" } }`. */
export const TerminalDevicesSchema = z.strictObject({
  ledSign: SerialPortConfigSchema.optional(),
  ratingKeypad: SerialPortConfigSchema.extend({ debounceMs: z.number().int().min(0).max(10_000).default(1000) }).optional(),
  /** A QR/barcode scanner in serial (CDC) mode: booking codes at a kiosk, ID cards at a counter. */
  qrScanner: SerialPortConfigSchema.optional(),
  /** A SANE scanner (backoffice/counter document scanning), checked by `motcua doctor`, e.g. "test" or "epson2:libusb:001:004". */
  saneScanner: z.string().min(1).optional(),
});
export type TerminalDevices = z.infer<typeof TerminalDevicesSchema>;
