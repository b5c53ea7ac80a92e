import assert from 'node:assert/strict';
import {test} from 'node:test';
import {render} from 'ink-testing-library';
import {EventList} from '../../source/features/events/event-list.js';
import type {EngineEvent} from '../../source/engine/streams/events.js';
import {eventCells, eventTone, visibleEvents} from '../../source/features/events/event-view.js';
import {emptyQuery} from '../../source/engine/streams/event-query.js';

const plain = (frame: string | undefined) => (frame ?? '').replace(/\u001B\[[0-9;]*m/g, '');
const at = (h: number, m: number, s: number) => new Date(2026, 0, 2, h, m, s).getTime();
function event(action: string, name: string, attributes: Record<string, string>, time: number, type = 'container', id = `id-${name}`): EngineEvent {
	return {type, action, id, name, attributes: {name, ...attributes}, time, timeNano: time * 1e6};
}

const events = [
	event('create', 'web', {image: 'nginx'}, at(14, 3, 7)),
	event('start', 'web', {image: 'nginx'}, at(14, 3, 8)),
	event('exec_create: /bin/sh -c curl -f localhost', 'web', {execID: 'e1e1e1e1e1e1e1e1'}, at(14, 3, 9)),
	event('exec_die', 'web', {execID: 'e1e1e1e1e1e1e1e1', exitCode: '0'}, at(14, 3, 9)),
	event('die', 'web', {exitCode: '137', image: 'nginx'}, at(14, 3, 10)),
	event('pull', 'busybox:latest', {}, at(14, 3, 11), 'image', 'busybox:latest'),
];

test('the event list shows time, type, action, name and key attributes, oldest first, health checks folded', () => {
	const {rows, folded} = visibleEvents(events, {query: emptyQuery, showHealthChecks: false}, new Map([['id-web', '/bin/sh -c curl -f localhost']]));
	assert.equal(folded, 2);
	const {lastFrame} = render(<EventList rows={rows} selectedIndex={3} offset={0} height={6} width={90} emptyText="none" />);
	const lines = plain(lastFrame()).split('\n');
	assert.match(lines[0] ?? '', /^TIME\s+TYPE\s+ACTION\s+NAME\s+ATTRIBUTES$/);
	assert.match(lines[1] ?? '', /^14:03:07 container create\s+web\s+image=nginx$/);
	assert.match(lines[3] ?? '', /^14:03:10 container die\s+web\s+exitCode=137 image=nginx$/);
	assert.match(lines[4] ?? '', /^14:03:11 image\s+pull\s+busybox:latest$/);
	assert.equal(lines.filter(line => line.trim()).length, 5);
});

test('only the rows that fit are drawn, from the offset; an empty list says why', () => {
	const {lastFrame} = render(<EventList rows={events} selectedIndex={5} offset={4} height={2} width={80} emptyText="none" />);
	const lines = plain(lastFrame()).split('\n');
	assert.equal(lines.length, 3);
	assert.match(lines[1] ?? '', / die /);
	assert.match(lines[2] ?? '', / pull /);
	assert.match(plain(render(<EventList rows={[]} selectedIndex={0} offset={0} height={3} width={80} emptyText="  Waiting for events…" />).lastFrame()), /Waiting for events…/);
});

test('cells never exceed the width, even with a very long name, and trouble is marked', () => {
	const long = event('health_status: unhealthy', 'a-very-long-container-name-that-goes-on-and-on', {image: 'registry.example.com/team/app:1.2.3'}, at(1, 2, 3));
	for (const width of [40, 60, 80, 120]) {
		const cells = eventCells(long, width);
		const line = [cells.time, cells.type, cells.action, cells.name, cells.attributes].join(' ');
		assert.ok(line.length <= width, `${line.length} > ${width}: ${line}`);
	}
	assert.equal(eventTone(long), 'trouble');
	assert.equal(eventTone(events[4] as EngineEvent), 'trouble');
	assert.equal(eventTone(events[0] as EngineEvent), 'normal');
	assert.equal(eventTone(events[2] as EngineEvent), 'quiet');
});
