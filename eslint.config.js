// Lint rules that catch the mistakes that cost money: floating promises (an un-awaited
// order call swallows its error) and inward-pointing dependencies (the domain stays pure).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'dist/**', 'migrations/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain is pure: no I/O libraries, no environment, no system clock.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['discord.js', '@discordjs/*', 'drizzle-orm', 'drizzle-orm/*', 'postgres', 'pino', 'ws',
            'node-schedule', '@electric-sql/*', 'quickchart-js', 'node:*', '**/adapters/**', '**/app/**', '**/config/**'],
            message: 'src/domain is pure: no I/O, no adapters, no app layer.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'The domain never reads the environment.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Time comes from an injected clock.' }],
    },
  },
  {
    files: ['src/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['discord.js', 'drizzle-orm', 'drizzle-orm/*', 'postgres', '**/adapters/**'],
          message: 'src/app talks to the outside through ports only.' }],
      }],
    },
  },
);
