// berth's entry point. Built into a start-up snapshot (scripts/snapshot.mjs),
// every module is loaded once at install and each run starts from that heap;
// run as a plain script (dist/cli.js, or when there is no snapshot) it starts at once.
import {fileURLToPath} from 'node:url';
import {startupSnapshot} from 'node:v8';
import {start, warmUpArguments} from './cli.js';
import {warmRender} from './startup/warm-render.js';

if (startupSnapshot.isBuildingSnapshot()) {
	// Whatever the snapshot holds runs again in every berth: no timer, socket or
	// stream may be left from loading the modules (checked once Node has run what was pending).
	startupSnapshot.addSerializeCallback(() => {
		const left = process.getActiveResourcesInfo();
		if (left.length > 0) throw new Error(`the snapshot would hold ${left.join(', ')}`);
	});
	warmUpArguments();
	warmRender();
	startupSnapshot.setDeserializeMainFunction(() => {
		// A snapshot's main function sees no script in argv (Node 20: [node, ...args];
		// later versions repeat argv[0] there). meow and the subcommands expect one.
		const args = process.argv.slice(process.argv[1] === process.argv[0] ? 2 : 1);
		process.argv.splice(1, Infinity, fileURLToPath(import.meta.url), ...args);
		start();
	});
} else {
	start();
}
