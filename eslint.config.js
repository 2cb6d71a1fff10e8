// typescript-eslint strict-type-checked over every TypeScript file, plus the environment
// rules that keep process code apart (see .dependency-cruiser.cjs for the import graph).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
      '**/*.cjs',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.electron.json', './tsconfig.web.json', './tsconfig.node.json', './tsconfig.tools.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': [
        'error',
        { ignoreArrowShorthand: true, ignoreVoidReturningFunctions: true },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ThrowStatement > Literal[value=/./]', message: 'Throw a CimError with a code, never a string.' },
      ],
    },
  },
  {
    // Cesium's d.ts declares its abstract interfaces (Property, MaterialProperty, DataSource,
    // ImageryProvider) as classes the concrete classes do not extend: every use trips this.
    files: ['renderer/map/**/*.ts'],
    rules: { '@typescript-eslint/no-unsafe-class-instance-assignment': 'off' },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
