// ESLint rule holding the architecture's "may import" column (shared ARCHITECTURE.md, Folders):
// relative imports between our layers, and the npm packages and Node built-ins each layer may use
// (the table is tools/layers.js).
import { builtinModules } from 'node:module';
import path from 'node:path';
import { LAYERS } from './layers.js';

export { LAYERS };

// Longest first, so `main/agent` wins over `main` and a file key over its folder.
const KEYS = Object.keys(LAYERS).sort((a, b) => b.length - a.length);
const BUILTINS = new Set(builtinModules);

/** The layer (a key of LAYERS) a file belongs to, or undefined outside every layer. */
export function layerOf(root, file) {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const posix = rel.split(path.sep).join('/');
  return KEYS.find((k) => posix === k || posix.startsWith(`${k}/`));
}

/** `node:fs/promises` → `fs`; `fs` → `fs`; a package or a relative path → undefined. */
export function builtinOf(spec) {
  const name = spec.startsWith('node:') ? spec.slice('node:'.length) : BUILTINS.has(spec) ? spec : undefined;
  return name?.split('/')[0];
}

/** `react-dom/client` → `react-dom`; `@fastify/static/x` → `@fastify/static`. */
export function packageOf(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const shown = (key) => (path.extname(key) === '' ? `${key}/` : key);
const list = (names) => (names.length === 0 ? 'none' : names.join(', '));

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import rules of ARCHITECTURE.md: our layers, npm packages and Node built-ins per layer' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      forbidden: '{{from}} may not import from {{to}} (allowed: {{allowed}}). See ARCHITECTURE.md, "Folders".',
      builtin: '{{from}} may not use the Node built-in "{{spec}}" (allowed: {{allowed}}). See tools/layers.js.',
      package: '{{from}} may not import the package "{{spec}}" (allowed: {{allowed}}). See tools/layers.js.',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = context.filename;
    const from = layerOf(root, file);
    const layer = from === undefined ? null : LAYERS[from];
    if (layer === null) return {};
    const data = (spec, allowed) => ({ from: shown(from), spec, allowed: list(allowed) });

    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.') || spec.startsWith('/')) {
        const to = layerOf(root, path.resolve(path.dirname(file), spec));
        if (to === undefined || to === from || layer.imports.includes(to)) return;
        context.report({ node, messageId: 'forbidden', data: { from: shown(from), to: shown(to), allowed: [from, ...layer.imports].join(', ') } });
        return;
      }
      const builtin = builtinOf(spec);
      if (builtin !== undefined) {
        if (!layer.builtins.includes(builtin)) context.report({ node, messageId: 'builtin', data: data(spec, layer.builtins) });
        return;
      }
      if (!layer.packages.includes(packageOf(spec))) context.report({ node, messageId: 'package', data: data(spec, layer.packages) });
    }

    const literal = (n) => (n?.type === 'Literal' ? n.value : undefined);
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => check(n.source, literal(n.source)),
      // `import x = require('y')` and `typeof import('y')` in a type: the same dependency.
      TSExternalModuleReference: (n) => check(n.expression, literal(n.expression)),
      TSImportType: (n) => check(n.argument, literal(n.argument?.literal ?? n.argument)),
      CallExpression: (n) => n.callee.type === 'Identifier' && n.callee.name === 'require' && check(n.arguments[0], literal(n.arguments[0])),
    };
  },
};
