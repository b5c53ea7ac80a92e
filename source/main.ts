// berth's entry point. Built into a start-up snapshot (scripts/snapshot.mjs),
// every module is loaded once at install and each run starts from that heap;
// run as a plain script (dist/cli.js, or when there is no snapshot) it starts at once.
// First, before any module that could make an Intl object as it loads:
import './startup/intl-stand-in.js';
import {startupSnapshot} from 'node:v8';
import {start} from './cli.js';
import {prepareSnapshot} from './startup/prepare-snapshot.js';
import {applyExecutableFlags} from './startup/sea-flags.js';

function run(): void {
	applyExecutableFlags();
	start();
}

if (startupSnapshot.isBuildingSnapshot()) prepareSnapshot(run);
else run();
