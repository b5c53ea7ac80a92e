// The folders' layers are enforced by lint, not by comments: each forbidden
// import below must be refused by the project's own ESLint configuration.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {ESLint} from 'eslint';

const eslint = new ESLint();

async function refusals(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, {filePath});
	return (result?.messages ?? []).filter(message => message.ruleId === 'no-restricted-imports').map(message => message.message);
}

test('the engine imports neither React, Ink nor any view folder', async () => {
	assert.equal((await refusals('source/engine/streams/x.ts', "import {useState} from 'react';\nexport const x = useState;\n")).length, 1);
	assert.equal((await refusals('source/engine/streams/x.ts', "import {Text} from 'ink';\nexport const x = Text;\n")).length, 1);
	assert.equal((await refusals('source/engine/resources/x.ts', "import {ResourcePane} from '../../components/resource-pane.js';\nexport const x = ResourcePane;\n")).length, 1);
	assert.equal((await refusals('source/engine/resources/x.ts', "import {imagesSpec} from '../../features/images/spec.js';\nexport const x = imagesSpec;\n")).length, 1);
	assert.deepEqual(await refusals('source/engine/resources/x.ts', "import {sanitizeInline} from '../../text/sanitize.js';\nexport const x = sanitizeInline;\n"), []);
});

test('the kit and the shared hooks never import a feature; commands never import React', async () => {
	assert.equal((await refusals('source/components/x.tsx', "import {imagesSpec} from '../features/images/spec.js';\nexport const x = imagesSpec;\n")).length, 1);
	assert.equal((await refusals('source/hooks/x.ts', "import {volumesSpec} from '../features/volumes/spec.js';\nexport const x = volumesSpec;\n")).length, 1);
	assert.equal((await refusals('source/commands/x.ts', "import {useState} from 'react';\nexport const x = useState;\n")).length, 1);
	assert.equal((await refusals('source/commands/x.ts', "import {useEngine} from '../hooks/engine-context.js';\nexport const x = useEngine;\n")).length, 1);
});

test('text takes the engine\'s types but not its code', async () => {
	assert.deepEqual(await refusals('source/text/x.ts', "import type {EngineEvent} from '../engine/streams/events.js';\nexport type X = EngineEvent;\n"), []);
	assert.equal((await refusals('source/text/x.ts', "import {followEvents} from '../engine/streams/events.js';\nexport const x = followEvents;\n")).length, 1);
});
