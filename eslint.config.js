/**
 * One lint for every workspace (`npm run lint`, counted by e2e/scripts/test-all.mjs).
 * What it guards, beyond typescript-eslint's recommended rules:
 * - the direction of imports: client → shared ← server, nothing back; inside the client,
 *   app (the shell) → features → components → api / state, and no feature imports another;
 * - no import cycles anywhere;
 * - in the client, requests, query keys and mutations only in api/;
 * - the rules of hooks in the client.
 * The allowed directions are stated once, in LAYERS below; each becomes a zone of
 * import-x/no-restricted-paths.
 */
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const CLIENT = './client/src';
const FEATURES = `${CLIENT}/features`;

/** Each folder and the folders it must not import from. */
const LAYERS = [
  { target: './shared', from: ['./client', './server', './e2e'], why: 'shared is pure: it imports neither the client, the server nor the tests' },
  { target: './client', from: ['./server', './e2e'], why: 'the client talks to the server over HTTP only (types and schemas come from @grmd/shared)' },
  { target: './server', from: ['./client', './e2e'], why: 'the server serves the built client; it never imports its source' },
  { target: `${CLIENT}/features`, from: [`${CLIENT}/app`], why: 'features are composed by the app shell, not the other way round' },
  { target: `${CLIENT}/components`, from: [`${CLIENT}/app`, FEATURES], why: 'shared components know no feature and no shell' },
  { target: `${CLIENT}/api`, from: [`${CLIENT}/app`, FEATURES, `${CLIENT}/components`, `${CLIENT}/state`], why: 'the api layer knows only HTTP and @grmd/shared' },
  { target: `${CLIENT}/state`, from: [`${CLIENT}/app`, FEATURES, `${CLIENT}/components`, `${CLIENT}/api`], why: 'state (the editor store, drafts, per-tab values) knows only @grmd/shared' },
];

/** A feature may import its own folder, never another feature's: what two features share lives below them. */
const featureZones = readdirSync(new URL(FEATURES, import.meta.url), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => ({
    target: `${FEATURES}/${d.name}`,
    from: FEATURES,
    except: [`./${d.name}`],
    message: `features/${d.name} must not import another feature: move what they share to components/, api/ or state/, or compose them in app/.`,
  }));

const zones = [...LAYERS.map(({ target, from, why }) => ({ target, from, message: why })), ...featureZones];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Without these, import-x skips .ts and .tsx modules when it follows imports (no-cycle).
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      'import-x/no-useless-path-segments': 'error',
      // A leading underscore marks a value kept on purpose: Express knows an error handler by
      // its four parameters, and a rest destructuring drops a key by naming it.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true, allowShortCircuit: true }],
    },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The two rules that hold for any React code. The plugin's other rules check what the
    // React Compiler can compile; this app does not use the compiler.
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
    languageOptions: { globals: globals.browser },
  },
  {
    // The api layer owns every request, query key and mutation: the rest of the client uses
    // its hooks and never builds a URL or a cache key itself.
    files: ['client/src/{app,components,features,state}/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@tanstack/react-query',
              importNames: ['useQuery', 'useQueries', 'useInfiniteQuery', 'useMutation', 'useQueryClient'],
              message: 'Queries and mutations live in client/src/api/ (queries.ts, mutations.ts).',
            },
          ],
          patterns: [
            { group: ['**/api/client.ts'], importNames: ['api'], message: 'Requests live in client/src/api/requests.ts; use a hook of api/queries.ts or api/mutations.ts.' },
            { group: ['**/api/requests.ts', '**/api/keys.ts'], message: 'Use a hook of api/queries.ts or api/mutations.ts: they keep the cache right.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts', 'e2e/**/*.{ts,mjs}', 'shared/**/*.ts', '*.{js,ts}', 'client/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // The bench drives a browser: the functions it passes to page.evaluate run there.
    files: ['e2e/scripts/bench-preview.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
