// @ts-check
import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

/**
 * Layer rules of ARCHITECTURE §5, enforced here so that a violation fails `npm run lint`
 * (and so `npm test`). Paths are resolved, so `../../main/x` is caught as well as any alias.
 */
const zones = [
  { target: './shared', from: ['./electron', './renderer', './tests'], message: 'shared/ is pure: it imports only shared/.' },
  { target: './shared/domain', from: './shared/api', message: 'shared/domain is below the contract: shared/api imports the domain, never the reverse.' },
  { target: './electron/services', from: ['./electron/main', './electron/preload', './renderer'], message: 'electron/services may import only shared/ and itself.' },
  { target: './electron/main', from: ['./electron/preload', './renderer'], message: 'electron/main may import shared/, electron/services and itself.' },
  { target: './electron/preload', from: ['./electron/main', './electron/services', './renderer'], message: 'electron/preload may import only the contract (shared/api).' },
  { target: './electron/preload', from: './shared', except: ['./api'], message: 'electron/preload may import only the contract (shared/api).' },
  { target: './renderer', from: './electron', message: 'renderer/ reaches the backend only through window.plateau (renderer/src/api/).' },
  // Commands and components meet in renderer/src/focus/ (the elements commands focus), never in each other.
  { target: './renderer/src/commands', from: './renderer/src/components', message: 'Commands focus elements through renderer/src/focus/focusTargets, never by importing a component.' },
  { target: './renderer/src/focus', from: ['./renderer/src/components', './renderer/src/commands'], message: 'renderer/src/focus/ is the meeting point of components and commands: it imports neither.' },
  {
    target: './renderer/src/components',
    from: './renderer/src/commands',
    except: ['./command.ts', './shortcut.ts'],
    message: 'Components take the commands as props (the Command type and shortcut formatting only); focus targets live in renderer/src/focus/.',
  },
];

const nodeBuiltins = { group: ['node:*'], message: 'Node built-ins are not available here.' };
const electronModule = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const noEnums = { selector: 'TSEnumDeclaration', message: 'Use a const array of codes and a union type.' };

/**
 * The journal is a boundary (issue 11): only electron/services/journal/ (the journal's file) and
 * electron/services/reference/ (offline reference data) open SQLite or run statements. Elsewhere
 * a service reads and writes through the journal's named queries and commands. `exec` is also a
 * RegExp method: it is flagged only on a receiver named like a database or with a literal SQL text.
 */
const SQLITE_OWNERS = ['electron/services/journal/**', 'electron/services/reference/**'];
const sqliteModule = { name: 'better-sqlite3', message: 'Only electron/services/journal/ and electron/services/reference/ open SQLite: use the journal\'s named queries.' };
const sqlOutsideJournal = 'SQL runs only in electron/services/journal/ (named queries) and electron/services/reference/.';
const sqlCalls = [
  { selector: 'CallExpression[callee.property.name=/^(prepare|pragma|transaction)$/]', message: sqlOutsideJournal },
  { selector: 'CallExpression[callee.property.name="exec"][callee.object.name=/(^db$|database|sqlite|connection)/i]', message: sqlOutsideJournal },
  { selector: 'CallExpression[callee.property.name="exec"][callee.object.property.name=/(^db$|database|sqlite|connection)/i]', message: sqlOutsideJournal },
  { selector: 'CallExpression[callee.property.name="exec"][arguments.0.type=/^(Literal|TemplateLiteral)$/]', message: sqlOutsideJournal },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] } },
      // The imported files are TypeScript too: without this, import/no-cycle cannot read them and sees no loop.
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    },
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      'import/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', noEnums],
    },
  },
  {
    files: ['shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronModule], patterns: [nodeBuiltins] }],
    },
  },
  {
    files: ['electron/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [sqliteModule] }],
      'no-restricted-syntax': ['error', noEnums, ...sqlCalls],
    },
  },
  {
    files: ['electron/services/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronModule, sqliteModule] }] },
  },
  {
    files: SQLITE_OWNERS,
    rules: {
      'no-restricted-imports': ['error', { paths: [electronModule] }],
      'no-restricted-syntax': ['error', noEnums],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronModule], patterns: [nodeBuiltins] }],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'plateau', message: 'Call the backend through renderer/src/api/ only.' },
        { object: 'globalThis', property: 'plateau', message: 'Call the backend through renderer/src/api/ only.' },
      ],
    },
  },
  {
    // A module loop in the renderer (a component and a command importing each other) fails lint.
    files: ['renderer/**'],
    rules: { 'import/no-cycle': ['error', { disableScc: true }] },
  },
  {
    files: ['renderer/src/api/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
