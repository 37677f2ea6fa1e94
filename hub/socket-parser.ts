import { Decoder, Encoder, protocol } from 'socket.io-parser';

/**
 * A payload the transport refused to parse because parsing it would cost too much; the event's
 * listener sees this instead of the data and answers one short invalid-input.
 */
export class RefusedPayload {
  constructor(readonly reason: string) {}
}

/** Nesting and value count a frame may have before JSON.parse runs on it (the command check is stricter). */
export const FRAME_LIMITS = { maxDepth: 32, maxValues: 20_000 } as const;

/**
 * Why `json` is too costly to parse, or null. JSON.parse is linear in theory, but 300,000 nested
 * arrays in a 600 kB frame held the event loop ~0.5 s here and a flat array of 250,000 numbers
 * ~55 ms; this scan counts brackets and commas outside strings and costs ~1 ms per megabyte.
 */
export function frameProblem(json: string, limits: { readonly maxDepth: number; readonly maxValues: number } = FRAME_LIMITS): string | null {
  if (json.length < 2 * limits.maxDepth) return null;
  let depth = 0;
  let values = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c === 34 /* " */) {
      // Jump to the closing quote: an escaped quote is preceded by an odd run of backslashes.
      let end = json.indexOf('"', i + 1);
      while (end > 0) {
        let slashes = 0;
        while (json.charCodeAt(end - 1 - slashes) === 92) slashes++;
        if (slashes % 2 === 0) break;
        end = json.indexOf('"', end + 1);
      }
      if (end < 0) return null; // unterminated: JSON.parse refuses it at once
      i = end;
      values++;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      depth++;
      values++;
      if (depth > limits.maxDepth) return `Dữ liệu lệnh lồng quá sâu (tối đa ${limits.maxDepth} cấp).`;
    } else if (c === 93 /* ] */ || c === 125 /* } */) {
      depth--;
    } else if (c === 44 /* , */) {
      values++;
      if (values > limits.maxValues) return `Dữ liệu lệnh quá lớn (tối đa ${limits.maxValues} giá trị).`;
    }
  }
  return null;
}

/** The event name at the head of an event frame's JSON (`["name", …`), when it is a plain string. */
function eventNameOf(json: string): string | null {
  const m = /^\[\s*("(?:[^"\\]|\\.){0,200}")/.exec(json);
  if (!m?.[1]) return null;
  try {
    return JSON.parse(m[1]) as string;
  } catch {
    return null;
  }
}

/**
 * Socket.IO's own decoder, except that a frame too deep or too large to parse cheaply is not
 * parsed: the event still reaches its listener (with its ack), carrying a RefusedPayload.
 * The wire format is unchanged, so every socket.io-client speaks to it as before.
 */
class BoundedDecoder extends Decoder {
  constructor() {
    super();
    const parse = (json: string): unknown => {
      const problem = frameProblem(json);
      if (!problem) {
        try {
          return JSON.parse(json) as unknown;
        } catch {
          return false;
        }
      }
      const name = eventNameOf(json);
      return name === null ? false : [name, new RefusedPayload(problem)];
    };
    // tryParse is the decoder's one call to JSON.parse (socket.io-parser 4.2).
    (this as unknown as { tryParse: (json: string) => unknown }).tryParse = parse;
  }
}

/** For `new Server(http, { parser: boundedParser })`. */
export const boundedParser = { protocol, Encoder, Decoder: BoundedDecoder };
