import type { Alignment } from './escpos-commands';

/**
 * What a layout says, free of paper width and encoding: a list of blocks. The
 * layout engine (layout-engine.ts) decides lines and sizes for 80 or 58 mm;
 * the paper encoder (paper-encoder.ts) turns those lines into bytes with the
 * profile's text strategy. Layouts are data built from these blocks, never
 * strings of commands.
 */

export type { Alignment } from './escpos-commands';

export type Block =
  /**
   * A paragraph, wrapped at word boundaries; centred text is wrapped evenly.
   * `size` scales width and height, `tall` only height; `hanging` indents the
   * continuation lines of left-aligned text (under "1. " of a numbered point).
   */
  | {
      readonly kind: 'text';
      readonly text: string;
      readonly align?: Alignment;
      readonly bold?: boolean;
      readonly size?: 1 | 2;
      readonly tall?: boolean;
      readonly hanging?: number;
    }
  /**
   * "Label: value". Centred: on one line if it fits, else the label above the
   * value. Left: wrapped with continuation lines indented under the label.
   */
  | { readonly kind: 'field'; readonly label: string; readonly value: string; readonly align?: 'left' | 'center'; readonly bold?: boolean }
  /** The queue number: the largest size (2–4×) the paper allows, bold, centred. */
  | { readonly kind: 'big-number'; readonly text: string }
  /** A dashed line: across the paper, or short and centred (under a form's motto). */
  | { readonly kind: 'rule'; readonly short?: boolean }
  /** "1. …", "2. …" (or "a) …", "b) …" under a numbered point) with continuation lines indented under the text. */
  | { readonly kind: 'numbered-list'; readonly items: readonly string[]; readonly indent?: number; readonly marker?: 'number' | 'letter' }
  /** A QR code, centred, with an optional caption under it. */
  | { readonly kind: 'qr'; readonly content: string; readonly caption?: string }
  /** Signature places side by side: title in bold, a note, room to sign, the name in bold. */
  | { readonly kind: 'signatures'; readonly columns: readonly SignatureColumn[] }
  | { readonly kind: 'blank'; readonly lines?: number };

export interface SignatureColumn {
  readonly title: string;
  readonly note?: string;
  readonly name?: string;
}

/** Something to print: which layout made it (for logs and file names) and its blocks. */
export interface PrintDocument {
  readonly kind: string;
  readonly blocks: readonly Block[];
}
