import {fileURLToPath} from 'node:url';
import {startupSnapshot} from 'node:v8';
import {isSingleExecutable} from './sea-flags.js';

/** While the start-up snapshot is made (scripts/snapshot.mjs): `start` becomes the snapshot's main function. */
export function prepareSnapshot(start: () => void): void {
	// Set first: test/unit/load-time.test.ts records what modules do as they load, up to here.
	startupSnapshot.setDeserializeMainFunction(() => {
		// A snapshot's main function sees no script in argv (Node 20: [node, ...args];
		// later versions repeat argv[0] there; a single executable has the name it
		// was called by there). meow and the subcommands expect one.
		const args = process.argv.slice(process.argv[1] === process.argv[0] || isSingleExecutable() ? 2 : 1);
		process.argv.splice(1, Infinity, fileURLToPath(import.meta.url), ...args);
		start();
	});
	// Whatever the snapshot holds runs again in every berth: no timer, socket or
	// stream may be left from loading the modules (checked once Node has run what was pending).
	startupSnapshot.addSerializeCallback(() => {
		const left = process.getActiveResourcesInfo();
		if (left.length > 0) throw new Error(`the snapshot would hold ${left.join(', ')}`);
	});
}
