// ESLint rule holding the architecture's "may import" column (shared ARCHITECTURE.md, Folders).
import path from 'node:path';

/** Top-level folder → the top-level folders of ours it may import from (itself is always allowed). */
export const MAY_IMPORT = {
  core: [],
  hub: ['core'],
  hardware: ['core'],
  main: ['core', 'hardware'],
  renderer: ['core'],
  'kiosk-config': ['core'],
  build: [],
  tests: null, // everything
  bin: null, // the CLI: composition root that starts hub, agents and devices
  bench: null, // everything
};

const TOP = Object.keys(MAY_IMPORT);

export function topFolder(root, file) {
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  const first = rel.split(path.sep)[0];
  return TOP.includes(first) ? first : undefined;
}

export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import rules of ARCHITECTURE.md between top-level folders' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      forbidden: '{{from}}/ may not import from {{to}}/ (allowed: {{allowed}}). See ARCHITECTURE.md, "Folders".',
      rendererNode: 'renderer/ runs in the browser: "{{spec}}" is a Node built-in.',
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = context.filename;
    const from = topFolder(root, file);
    if (from === undefined || MAY_IMPORT[from] === null) return {};
    const allowed = [from, ...MAY_IMPORT[from]];
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (from === 'renderer' && (spec.startsWith('node:') || spec === 'fs' || spec === 'child_process')) {
        context.report({ node, messageId: 'rendererNode', data: { spec } });
        return;
      }
      if (!spec.startsWith('.')) return; // packages are governed by package.json, not this rule
      const to = topFolder(root, path.resolve(path.dirname(file), spec));
      if (to !== undefined && !allowed.includes(to)) {
        context.report({ node, messageId: 'forbidden', data: { from, to, allowed: allowed.join(', ') } });
      }
    }
    return {
      ImportDeclaration: (n) => check(n.source, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n.source, n.source.value),
      ExportAllDeclaration: (n) => check(n.source, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n.source, n.source.value),
    };
  },
};
