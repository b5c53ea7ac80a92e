import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

// The layers by folder (see ../shared/DESIGN.md): each rule says what a folder may not import.
const react = [{name: 'react', message: 'Not in this layer: React belongs to components, hooks, features and the shell.'}, {name: 'ink', message: 'Not in this layer: Ink belongs to components, hooks, features and the shell.'}];
const outside = folders => folders.map(folder => ({group: [`**/${folder}/*`, `**/${folder}/**`], message: `This layer does not import ${folder}/.`}));
const views = ['components', 'hooks', 'features', 'shell', 'keys', 'terminal', 'startup', 'commands'];

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
		},
	},
	{
		// The engine knows nothing of the UI: only the engine and text.
		files: ['source/engine/**/*.ts'],
		rules: {'no-restricted-imports': ['error', {paths: react, patterns: outside(views)}]},
	},
	{
		// Text knows the engine's types (what an event is), never its code.
		files: ['source/text/**/*.ts'],
		rules: {'no-restricted-imports': ['error', {paths: react, patterns: [...outside(views), {group: ['**/engine/**'], allowTypeImports: true, message: 'Text takes only types from the engine.'}]}]},
	},
	{
		// The kit and the shared hooks serve every feature and know none.
		files: ['source/components/**/*.{ts,tsx}', 'source/hooks/**/*.{ts,tsx}'],
		rules: {'no-restricted-imports': ['error', {patterns: outside(['features', 'shell', 'commands', 'startup'])}]},
	},
	{
		// The scriptable subcommands print text: no React anywhere in their imports.
		files: ['source/commands/**/*.ts'],
		rules: {'no-restricted-imports': ['error', {paths: react, patterns: outside(['components', 'hooks', 'features', 'shell', 'startup'])}]},
	},
);
