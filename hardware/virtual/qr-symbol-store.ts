import type { DecodedQrCode } from './decoded-job';

/**
 * The printer's QR settings and symbol storage, as GS ( k with cn = 49 fills
 * them: model (fn 65), module size (67), error level (69), store (80), print (81).
 * Settings stay until changed or until ESC @, like on the printer.
 */

const ERROR_LEVELS = ['L', 'M', 'Q', 'H'] as const;

export type QrOutcome =
  | { readonly print: Omit<DecodedQrCode, 'kind' | 'align'> }
  | { readonly warning: string }
  | undefined;

export class QrSymbolStore {
  private moduleSize = 3;
  private errorLevel: DecodedQrCode['errorLevel'] = 'L';
  private data: Buffer | undefined;

  /** `cmd` is the whole GS ( k command: 1D 28 6B pL pH 31 fn …. */
  apply(cmd: Uint8Array): QrOutcome {
    const fn = cmd[6];
    const parameter = cmd[7];
    switch (fn) {
      case 65: // model: model 2 is all that is used in practice; nothing to keep
      case 82: // transmit size information: nothing to print
        return undefined;
      case 67:
        if (parameter === undefined || parameter < 1 || parameter > 16) return { warning: `QR module size ${parameter ?? '?'} out of range` };
        this.moduleSize = parameter;
        return undefined;
      case 69: {
        const level = parameter === undefined ? undefined : ERROR_LEVELS[parameter - 48];
        if (level === undefined) return { warning: `QR error level ${parameter ?? '?'} out of range` };
        this.errorLevel = level;
        return undefined;
      }
      case 80:
        this.data = Buffer.from(cmd.subarray(8));
        return undefined;
      case 81:
        if (this.data === undefined || this.data.length === 0) return { warning: 'QR print without stored data' };
        return { print: { content: this.data.toString('utf8'), moduleSize: this.moduleSize, errorLevel: this.errorLevel } };
      default:
        return { warning: `GS ( k QR function ${fn ?? '?'} ignored` };
    }
  }
}
