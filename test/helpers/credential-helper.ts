// A small docker credential helper for tests (docker-credential-<name> on a
// PATH of its own): it keeps what `store` gives it in a JSON file and answers
// `get` and `erase` from it, with the words and exit codes real helpers use.
import {chmod, mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface TestHelper {
	readonly name: string;
	/** Prepend to PATH. */
	readonly binDirectory: string;
	/** What the helper holds, by server. */
	readonly stored: () => Promise<Record<string, {Username: string; Secret: string}>>;
	readonly put: (server: string, username: string, secret: string) => Promise<void>;
}

export async function makeCredentialHelper(name = 'berthtest'): Promise<TestHelper> {
	const binDirectory = await mkdtemp(join(tmpdir(), 'berth-helper-'));
	const storeFile = join(binDirectory, 'store.json');
	await writeFile(storeFile, '{}');
	const script = `#!/usr/bin/env node
const fs = require('fs');
const file = ${JSON.stringify(storeFile)};
const verb = process.argv[2];
let input = '';
process.stdin.on('data', chunk => (input += chunk));
process.stdin.on('end', () => {
	const store = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (verb === 'get') {
		const found = store[input.trim()];
		if (!found) { process.stdout.write('credentials not found in native keychain\\n'); process.exit(1); }
		process.stdout.write(JSON.stringify({ServerURL: input.trim(), Username: found.Username, Secret: found.Secret}));
	} else if (verb === 'store') {
		const {ServerURL, Username, Secret} = JSON.parse(input);
		store[ServerURL] = {Username, Secret};
		fs.writeFileSync(file, JSON.stringify(store));
	} else if (verb === 'erase') {
		delete store[input.trim()];
		fs.writeFileSync(file, JSON.stringify(store));
	} else { process.stdout.write('unknown verb\\n'); process.exit(1); }
});
`;
	const program = join(binDirectory, `docker-credential-${name}`);
	await writeFile(program, script);
	await chmod(program, 0o755);
	const stored = async () => JSON.parse(await readFile(storeFile, 'utf8')) as Record<string, {Username: string; Secret: string}>;
	return {
		name, binDirectory, stored,
		put: async (server, username, secret) => writeFile(storeFile, JSON.stringify({...(await stored()), [server]: {Username: username, Secret: secret}})),
	};
}
