// The lifecycle every end-to-end test file against the test engine shares.
import assert from 'node:assert/strict';
import {after, afterEach, before} from 'node:test';

/**
 * Refuses to run without the private test engine, starts and ends with none of
 * the file's labelled containers, and runs `afterEach` (closing the terminal a
 * test opened, say) even when the test failed.
 */
export function engineTestHooks(options: {readonly host: string; readonly cleanup: () => Promise<void>; readonly afterEach?: () => void | Promise<void>}): void {
	before(async () => {
		assert.ok(options.host.startsWith('unix://'), 'BERTH_TEST_DOCKER_HOST must point at the test engine socket');
		await options.cleanup();
	});
	if (options.afterEach) afterEach(options.afterEach);
	after(options.cleanup);
}
