import type { z } from 'zod';

/** "services[2].numberTo" from a zod issue path. */
export function fieldPath(p: readonly PropertyKey[]): string {
  return p.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '') || '(root)';
}

/**
 * No error message a peer can provoke may grow with its input: a 900 kB binary payload once
 * came back as a 10.7 MB list of unknown keys. Every refusal the hub sends is cut to this.
 */
export const MAX_ERROR_MESSAGE_CHARS = 1000;

/** The message, cut to `max` characters (never in the middle of a surrogate pair) with "…". */
export function capMessage(message: string, max = MAX_ERROR_MESSAGE_CHARS): string {
  if (message.length <= max) return message;
  let end = max - 1;
  const code = message.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return `${message.slice(0, end)}…`;
}

export interface IssueLimits {
  /** Issues listed; the rest are counted ("… và K lỗi khác"). */
  readonly maxIssues: number;
  /** Characters of one issue line (a zod message may list every unknown key). */
  readonly maxLineChars: number;
  readonly maxChars: number;
}

export const DEFAULT_ISSUE_LIMITS: IssueLimits = { maxIssues: 8, maxLineChars: 240, maxChars: MAX_ERROR_MESSAGE_CHARS };

/**
 * One line per problem, "<where>: <field>: <what was expected>", so the reader can act on it —
 * at most `maxIssues` lines of `maxLineChars`, `maxChars` in all, then "… và K lỗi khác".
 */
export function describeIssues(where: string, error: z.ZodError, limits: IssueLimits = DEFAULT_ISSUE_LIMITS): string {
  const lines: string[] = [];
  let chars = 0;
  for (const issue of error.issues) {
    const line = capMessage(`${where}: ${fieldPath(issue.path)}: ${issue.message}`, limits.maxLineChars);
    if (lines.length >= limits.maxIssues || chars + line.length + 1 > limits.maxChars - 40) break;
    lines.push(line);
    chars += line.length + 1;
  }
  const rest = error.issues.length - lines.length;
  if (rest > 0) lines.push(`… và ${rest} lỗi khác (${rest} more)`);
  return capMessage(lines.join('\n'), limits.maxChars);
}

/** How much a command's payload may hold, checked before any schema sees it. */
export interface PayloadLimits {
  /** Levels of objects and arrays, the payload itself being level 1. */
  readonly maxDepth: number;
  /** Values of any kind (objects, arrays, strings, numbers…) in the whole payload. */
  readonly maxValues: number;
  /** Characters of all strings and keys together. */
  readonly maxTextChars: number;
}

/**
 * The largest legitimate command is dossier:receive with 40 documents of 300-character names:
 * depth 3, about 135 values, about 13,000 characters (tests/hub/bad-input.test.ts builds it and
 * checks it passes). These limits leave room for a few times that and cost microseconds to check.
 */
export const COMMAND_PAYLOAD_LIMITS: PayloadLimits = { maxDepth: 8, maxValues: 2000, maxTextChars: 64 * 1024 };

/** The runtime's Blob, where there is one (Node and browsers): core itself is typed without DOM or Node. */
const RuntimeBlob = (globalThis as { readonly Blob?: abstract new (...args: never[]) => object }).Blob;

function isBinary(value: object): boolean {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value) || (RuntimeBlob !== undefined && value instanceof RuntimeBlob);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** What the payload is, in a few words, for the refusal. */
function kindOf(value: unknown): string {
  if (value === undefined) return 'không có dữ liệu (nothing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'một mảng (an array)';
  if (typeof value === 'object') {
    if (isBinary(value)) {
      const bytes = (value as { byteLength?: number }).byteLength;
      return `dữ liệu nhị phân${typeof bytes === 'number' ? ` ${bytes} byte` : ''} (binary)`;
    }
    return 'một đối tượng không phải JSON (not plain JSON)';
  }
  return `kiểu ${typeof value} (a ${typeof value})`;
}

/**
 * Null when `value` is a plain JSON object within `limits`; otherwise why not, in one short
 * line. Walks without recursion and stops at the first excess, so a refusal costs about the
 * same whatever was sent (a Buffer, a megabyte string, ten thousand nested arrays).
 */
export function payloadProblem(value: unknown, limits: PayloadLimits = COMMAND_PAYLOAD_LIMITS): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isBinary(value) || !isPlainObject(value)) {
    return `Dữ liệu lệnh phải là một đối tượng JSON { … }, không phải ${kindOf(value)}.`;
  }
  const stack: { readonly value: unknown; readonly depth: number }[] = [{ value, depth: 1 }];
  let values = 0;
  let text = 0;
  const tooMuch = `Dữ liệu lệnh quá lớn (tối đa ${limits.maxValues} giá trị, ${limits.maxTextChars} ký tự).`;
  while (stack.length > 0) {
    const { value: v, depth } = stack.pop()!;
    values += 1;
    if (values > limits.maxValues) return tooMuch;
    if (typeof v === 'string') {
      text += v.length;
      if (text > limits.maxTextChars) return tooMuch;
      continue;
    }
    if (v === null || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) continue;
    if (typeof v !== 'object') return `Dữ liệu lệnh chứa giá trị không phải JSON (${kindOf(v)}).`;
    if (isBinary(v) || (!Array.isArray(v) && !isPlainObject(v))) return `Dữ liệu lệnh chứa ${kindOf(v)}: chỉ nhận JSON.`;
    if (depth > limits.maxDepth) return `Dữ liệu lệnh lồng quá sâu (tối đa ${limits.maxDepth} cấp).`;
    if (Array.isArray(v)) {
      if (values + stack.length + v.length > limits.maxValues) return tooMuch;
      for (const child of v) stack.push({ value: child, depth: depth + 1 });
      continue;
    }
    const keys = Object.keys(v);
    if (values + stack.length + keys.length > limits.maxValues) return tooMuch;
    for (const key of keys) {
      text += key.length;
      stack.push({ value: (v as Record<string, unknown>)[key], depth: depth + 1 });
    }
    if (text > limits.maxTextChars) return tooMuch;
  }
  return null;
}
