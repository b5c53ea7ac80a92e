import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
	{ignores: ['dist/**', 'node_modules/**']},
	...tseslint.configs.recommended,
	{
		files: ['**/*.{ts,tsx}'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
			'@typescript-eslint/consistent-type-imports': 'error',
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_'}],
			// Engine code never imports the UI: see ../shared/DESIGN.md.
			'no-restricted-imports': 'off',
		},
	},
	{
		files: ['source/engine/**/*.ts', 'source/format/**/*.ts'],
		rules: {
			'no-restricted-imports': ['error', {paths: ['react', 'ink'], patterns: ['../components/*', '../hooks/*']}],
		},
	},
);
