// ESLint with typescript-eslint's type-checked rules over every TypeScript file of the project.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', 'reports/', '.tmp-scratch/', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    rules: {
      // Numbers in messages are the norm here (accuracies, counts); the recommended config allows them too.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // A const, let or class is declared before any use, closures included (no temporal dead zone to
      // reason about); function declarations are hoisted, so a file may open with its main function.
      'no-use-before-define': 'off',
      '@typescript-eslint/no-use-before-define': ['error', { functions: false }],
    },
  },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
