// Layer rules follow DESIGN.md: imports only point down, and each folder may use only
// the runtime it is named for (VS Code's layering, expressed as no-restricted-imports).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Bare builtin names go in `paths` (exact match), so a local './http' module stays allowed.
const nodeBuiltinNames = ['fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'net'];
const electron = { name: 'electron', message: 'Only src/main and src/preload may use Electron.' };
const nodeBuiltins = nodeBuiltinNames.map((name) => ({
  name,
  message: 'Not in this layer: Node.',
}));

/**
 * Builds a no-restricted-imports rule that forbids the given path patterns: gitignore-style
 * strings, or { regex } where an exception is needed (gitignore cannot re-include a file
 * below an excluded folder).
 */
function forbid(patterns, paths = [], message = 'This layer may not import that (see DESIGN.md).') {
  return {
    'no-restricted-imports': [
      'error',
      {
        paths,
        patterns: patterns.map((p) =>
          typeof p === 'string' ? { group: [p], message } : { ...p, message },
        ),
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-empty': ['error', { allowEmptyCatch: false }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: forbid(
      ['node:*', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/workers/**'],
      [electron, ...nodeBuiltins],
      'src/shared runs anywhere: no Node, DOM, Electron or upper layers.',
    ),
  },
  {
    // Node-only code that several hosts share (the engine, the shell, the worker hosts).
    files: ['src/node/**'],
    rules: forbid(
      ['**/main/**', '**/renderer/**', '**/headless/**', '**/workers/**', 'react'],
      [electron],
      'src/node is shared by every Node host: Node and src/shared only.',
    ),
  },
  {
    files: ['src/main/engine/**'],
    rules: forbid(['**/renderer/**', '**/headless/**', '**/workers/**', 'react'], [electron]),
  },
  {
    // The Electron shell: the engine below it and worker hosts only as built paths.
    files: ['src/main/*.ts'],
    rules: forbid([
      '**/renderer/**',
      '**/headless/**',
      'react',
      { regex: '/workers/(?!.*\\?modulePath$)' },
    ]),
  },
  {
    files: ['src/preload/**'],
    rules: forbid(
      ['node:*', '**/main/**', '**/renderer/**', '**/headless/**', '**/workers/**', '**/node/**'],
      nodeBuiltins,
      'The preload runs sandboxed: Electron and src/shared only.',
    ),
  },
  {
    files: ['src/workers/**'],
    rules: forbid(['**/main/**', '**/renderer/**', '**/headless/**'], [electron]),
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        ['node:*', '**/main/**', '**/headless/**', '**/workers/**', '**/node/**'],
        [electron, ...nodeBuiltins],
      ),
    },
  },
  {
    files: ['src/headless/**'],
    // The CLI and server drive the engine; the Electron shell is not theirs to import.
    rules: forbid(['**/renderer/**', { regex: '/main/(?!engine/)' }], [electron]),
  },
);
