import {
  _default,
  array,
  boolean,
  check,
  custom,
  discriminatedUnion,
  enum as enumOf,
  extend,
  gt,
  gte,
  int,
  iso,
  length,
  literal,
  looseObject,
  lt,
  lte,
  maxLength,
  minLength,
  never,
  null as nullSchema,
  nullable,
  number,
  object,
  optional,
  overwrite,
  pipe,
  prefault,
  record,
  refine,
  regex,
  strictObject,
  string,
  superRefine,
  transform,
  trim,
  union,
  unknown,
  url,
  ZodMiniArray,
  ZodMiniBoolean,
  ZodMiniCustom,
  ZodMiniDefault,
  ZodMiniDiscriminatedUnion,
  ZodMiniEnum,
  ZodMiniISODate,
  ZodMiniISODateTime,
  ZodMiniISOTime,
  ZodMiniLiteral,
  ZodMiniNever,
  ZodMiniNull,
  ZodMiniNullable,
  ZodMiniNumber,
  ZodMiniNumberFormat,
  ZodMiniObject,
  ZodMiniOptional,
  ZodMiniPipe,
  ZodMiniPrefault,
  ZodMiniRecord,
  ZodMiniString,
  ZodMiniTransform,
  ZodMiniUnion,
  ZodMiniUnknown,
  ZodMiniURL,
} from 'zod/mini';

/*
 * The renderer's `zod`, in the browser build only (renderer/vite.config.ts aliases `zod` here).
 *
 * The renderer checks every bridge answer against the contract in core/, which is written with
 * zod's classic API (`z.string().min(1)`). Classic zod attaches every method to every schema and
 * cannot be tree-shaken (≈ 28 kB gzip); `zod/mini` is the same validation engine (zod/v4/core:
 * the same checks, the same issues) with functions instead of methods (≈ 9 kB for what the
 * contract uses). This module is the classic surface the contract uses — each method is the line
 * classic zod runs (`min` on a string is `check(minLength(n))`, `optional()` is `optional(this)`,
 * …) — put on zod/mini's schema prototypes, so every check of the contract runs unchanged in a
 * kiosk without classic zod's weight. Typing comes from the real `zod` (tsc never sees the alias);
 * tests/renderer/bridge-checks-on-mini.test.ts runs the renderer's checks through this module.
 *
 * A method the contract starts to use and this module lacks fails loudly when the renderer loads
 * (TypeError at the schema's definition), in every renderer test and e2e run.
 */

type Check = Parameters<(typeof ZodMiniString)['prototype']['check']>[number];
interface Schema {
  check(...checks: Check[]): Schema;
  readonly _zod: { readonly def: Readonly<Record<string, unknown>> };
}
type Method = (this: Schema, ...args: never[]) => unknown;
interface Constructor {
  readonly prototype: object;
}

function install(constructors: readonly Constructor[], methods: Readonly<Record<string, Method>>): void {
  for (const c of constructors) {
    for (const [name, method] of Object.entries(methods)) {
      if (!Object.hasOwn(c.prototype, name)) Object.defineProperty(c.prototype, name, { value: method, writable: true, configurable: true });
    }
  }
}

// Callers are typed against classic zod; here the params only pass through to the same functions.
type Params = never;
const asSchema = (s: Schema) => s as unknown as Parameters<typeof optional>[0];

/** What every schema has (classic ZodType). */
const EVERY = {
  optional(this: Schema) {
    return optional(asSchema(this));
  },
  nullable(this: Schema) {
    return nullable(asSchema(this));
  },
  nullish(this: Schema) {
    return optional(nullable(asSchema(this)));
  },
  default(this: Schema, value: never) {
    return _default(asSchema(this), value);
  },
  prefault(this: Schema, value: never) {
    return prefault(asSchema(this), value);
  },
  refine(this: Schema, fn: never, params?: never) {
    return this.check(refine(fn, params) as unknown as Check);
  },
  superRefine(this: Schema, fn: never, params?: never) {
    return this.check(superRefine(fn, params) as unknown as Check);
  },
  overwrite(this: Schema, fn: never) {
    return this.check(overwrite(fn));
  },
  transform(this: Schema, fn: never) {
    return pipe(asSchema(this), transform(fn));
  },
  pipe(this: Schema, target: never) {
    return pipe(asSchema(this), target);
  },
  array(this: Schema) {
    return array(asSchema(this));
  },
  or(this: Schema, other: never) {
    return union([asSchema(this), other]);
  },
  describe(this: Schema) {
    return this;
  },
} satisfies Record<string, Method>;

const STRING = {
  min(this: Schema, n: number, params?: Params) {
    return this.check(minLength(n, params));
  },
  max(this: Schema, n: number, params?: Params) {
    return this.check(maxLength(n, params));
  },
  length(this: Schema, n: number, params?: Params) {
    return this.check(length(n, params));
  },
  nonempty(this: Schema, params?: Params) {
    return this.check(minLength(1, params));
  },
  regex(this: Schema, pattern: RegExp, params?: Params) {
    return this.check(regex(pattern, params));
  },
  trim(this: Schema) {
    return this.check(trim());
  },
  url(this: Schema, params?: never) {
    return this.check(url(params) as unknown as Check);
  },
  datetime(this: Schema, params?: never) {
    return this.check(iso.datetime(params) as unknown as Check);
  },
  date(this: Schema, params?: never) {
    return this.check(iso.date(params) as unknown as Check);
  },
  time(this: Schema, params?: never) {
    return this.check(iso.time(params) as unknown as Check);
  },
} satisfies Record<string, Method>;

const NUMBER = {
  min(this: Schema, n: number, params?: Params) {
    return this.check(gte(n, params));
  },
  max(this: Schema, n: number, params?: Params) {
    return this.check(lte(n, params));
  },
  gte(this: Schema, n: number, params?: Params) {
    return this.check(gte(n, params));
  },
  lte(this: Schema, n: number, params?: Params) {
    return this.check(lte(n, params));
  },
  gt(this: Schema, n: number, params?: Params) {
    return this.check(gt(n, params));
  },
  lt(this: Schema, n: number, params?: Params) {
    return this.check(lt(n, params));
  },
  int(this: Schema, params?: Params) {
    return this.check(int(params) as unknown as Check);
  },
  positive(this: Schema, params?: Params) {
    return this.check(gt(0, params));
  },
  nonnegative(this: Schema, params?: Params) {
    return this.check(gte(0, params));
  },
  negative(this: Schema, params?: Params) {
    return this.check(lt(0, params));
  },
} satisfies Record<string, Method>;

const ARRAY = {
  min(this: Schema, n: number, params?: Params) {
    return this.check(minLength(n, params));
  },
  max(this: Schema, n: number, params?: Params) {
    return this.check(maxLength(n, params));
  },
  length(this: Schema, n: number, params?: Params) {
    return this.check(length(n, params));
  },
  nonempty(this: Schema, params?: Params) {
    return this.check(minLength(1, params));
  },
} satisfies Record<string, Method>;

const OBJECT = {
  extend(this: Schema, shape: never) {
    return extend(this as unknown as Parameters<typeof extend>[0], shape);
  },
} satisfies Record<string, Method>;

const ENUM = {
  /** Classic zod's `exclude`: the same enum less `values`, without the checks. */
  exclude(this: Schema, values: readonly string[], params?: string | Readonly<Record<string, unknown>>) {
    const entries = { ...(this._zod.def.entries as Record<string, string>) };
    for (const value of values) {
      if (!Object.hasOwn(entries, value)) throw new Error(`Key ${value} not found in enum`);
      delete entries[value];
    }
    const def: Record<string, unknown> = { ...this._zod.def, checks: [], ...(typeof params === 'string' ? { error: params } : params), entries };
    return new ZodMiniEnum(def as never);
  },
} satisfies Record<string, Method>;

const ALL = [
  ZodMiniString,
  ZodMiniURL,
  ZodMiniISODateTime,
  ZodMiniISODate,
  ZodMiniISOTime,
  ZodMiniNumber,
  ZodMiniNumberFormat,
  ZodMiniBoolean,
  ZodMiniNull,
  ZodMiniNever,
  ZodMiniUnknown,
  ZodMiniLiteral,
  ZodMiniEnum,
  ZodMiniArray,
  ZodMiniObject,
  ZodMiniRecord,
  ZodMiniUnion,
  ZodMiniDiscriminatedUnion,
  ZodMiniOptional,
  ZodMiniNullable,
  ZodMiniDefault,
  ZodMiniPrefault,
  ZodMiniPipe,
  ZodMiniTransform,
  ZodMiniCustom,
] as const satisfies readonly Constructor[];

install([ZodMiniString, ZodMiniURL, ZodMiniISODateTime, ZodMiniISODate, ZodMiniISOTime], STRING);
install([ZodMiniNumber, ZodMiniNumberFormat], NUMBER);
install([ZodMiniArray], ARRAY);
install([ZodMiniObject], OBJECT);
install([ZodMiniEnum], ENUM);
install(ALL, EVERY);
// Classic's `.enum` on an enum schema: its entries.
Object.defineProperty(ZodMiniEnum.prototype, 'enum', {
  get(this: Schema) {
    return this._zod.def.entries;
  },
  configurable: true,
});

/** The constructors the contract calls, under classic zod's names. */
export const z = {
  string,
  number,
  int,
  boolean,
  null: nullSchema,
  never,
  unknown,
  literal,
  enum: enumOf,
  array,
  object,
  strictObject,
  looseObject,
  record,
  union,
  discriminatedUnion,
  url,
  iso,
  optional,
  nullable,
  check,
  custom,
  refine,
  superRefine,
};
