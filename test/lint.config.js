// One lint config for the workspace, run from the root: `pnpm lint`.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/.data/**', 'test/artifacts/**', '**/migrations/**', 'client/config/**', '**/*.config.*', '**/.swc/**', '**/.stryker-tmp/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-empty-object-type': 'off',
      // The environment is parsed once, in server/src/config.ts.
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through server/src/config.ts.' }],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // useResource(load, deps) is checked like useEffect: load must not use what deps leave out.
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': ['warn', { additionalHooks: '^useResource$' }] },
  },
  {
    files: ['server/src/config.ts', 'server/src/main.ts', 'server/src/cluster.ts', 'server/scripts/**', 'server/src/testing/**', 'test/**', 'client/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
