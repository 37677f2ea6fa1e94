// The types of eslint-layering.js, for the tests that read its table and helpers.
import type { Rule } from 'eslint';

export interface Layer {
  readonly imports: readonly string[];
  readonly packages: readonly string[];
  readonly builtins: readonly string[];
}
/** Layer key (a folder or a file) → its rules; `null`: may import anything. */
export declare const LAYERS: Readonly<Record<string, Layer | null>>;
export declare function layerOf(root: string, file: string): string | undefined;
export declare function builtinOf(spec: string): string | undefined;
export declare function packageOf(spec: string): string;
export declare const layeringRule: Rule.RuleModule;
