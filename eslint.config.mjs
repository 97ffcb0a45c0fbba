// Lint rules for the whole project: typescript-eslint's recommended set, plus the rule that keeps
// the Bot Framework SDK at the edge (src/teams) so a move to the Microsoft 365 Agents SDK stays small.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'build/**', 'jest.config.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/teams/**', 'src/server.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['botbuilder', 'botbuilder-*', 'botframework-*'],
              message: 'Bot Framework types stay in src/teams (the edge).',
            },
            { group: ['restify'], message: 'HTTP server types stay in src/server.ts and src/teams.' },
          ],
        },
      ],
    },
  },
);
