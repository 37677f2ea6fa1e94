import tseslint from 'typescript-eslint';

/**
 * The lint rules that need type information, for the hub and the CLI only (`npm run lint` runs
 * this after eslint.config.js; a separate config so the layering rule's tests, which lint virtual
 * files, need no TypeScript program). The hub's store is async (hub/store/store.ts): a repository
 * call not awaited would run outside its command's transaction and lose its error.
 */
export default tseslint.config(
  { ignores: ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.d.ts'] },
  // The main config's rules are not loaded here: its disable comments are not this config's business.
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  {
    files: ['hub/**/*.ts', 'bin/**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { project: ['./tsconfig.node.json'], tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
);
