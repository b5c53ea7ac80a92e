// The Compose view: projects unfolding into services and containers, driven
// through the Engine API (s r p d l E, anywhere Docker is reachable) and, where
// a Compose CLI and the project's files are, by Compose's own verbs (u D F P b).
import type {ResourceSpec, SpecAction, SpecContext} from '../../components/resource-spec.js';
import {planGroup, progressWords, runGroup, type GroupCommand} from '../../engine/resources/compose-actions.js';
import type {ComposeVerb} from '../../engine/resources/compose-cli.js';
import {listChangingEvents, runContainerAction} from '../../engine/resources/containers.js';
import {summarize} from '../../text/summarize.js';
import {composeColumns, composeGlyph} from './columns.js';
import {describeRow, loadProjectRows, withStats, type ComposeRow} from './rows.js';
import {missingCliText, useComposeJobs, type ComposeJobs} from './use-compose-jobs.js';

type Context = SpecContext<ComposeJobs>;

const onlyContainer = (what: string) => (row: ComposeRow) => (row.kind === 'container' ? undefined : `${what} works on a container row: unfold a service (→) to reach its containers.`);

function groupAction(id: GroupCommand, keys: readonly string[], description: string): SpecAction<ComposeRow, ComposeJobs> {
	const plan = (row: ComposeRow) => planGroup(id, row.containers, describeRow(row));
	return {
		id, keys, description, kind: 'now', needsRow: true,
		refuse: row => {
			const planned = plan(row);
			return 'refusal' in planned ? planned.refusal : undefined;
		},
		run: ({docker, notify, reload}, row) => {
			const planned = row && plan(row);
			if (!row || !planned || 'refusal' in planned) return;
			notify({text: `${progressWords[planned.action]} ${describeRow(row)} (${planned.containers.length})…`, tone: 'progress'});
			// Read again once all answered: an engine may send `die` before its list shows the container
			// stopped (20.10 updates the list after cleanup, which a health-checked container makes slow).
			runGroup(docker, planned, describeRow(row)).finally(reload).then(
				text => notify({text, tone: 'info'}),
				(error: Error) => notify({text: error.message, tone: 'error'}),
			);
		},
	};
}

const verbNames: Readonly<Record<ComposeVerb, string>> = {up: 'up', down: 'down', recreate: 'recreate', pull: 'pull', build: 'build'};

/** Why a Compose verb cannot run on this row, in words; undefined when it can. */
export function verbRefusal(row: ComposeRow, jobs: ComposeJobs, verb: ComposeVerb): string | undefined {
	const name = verbNames[verb];
	if (row.kind === 'container') return `${name} works on a project or service row.`;
	if (verb === 'down' && row.kind === 'service') return `down takes a whole project: press D on project ${row.project.name}'s row.`;
	if (jobs.isRunning) return 'A Compose command is still running: its view shows it (Esc there cancels it).';
	if (jobs.cli.kind === 'missing') return missingCliText(name);
	if (row.files.kind === 'unreadable') return `${name} needs project ${row.project.name}'s compose files: ${row.files.reason}`;
	return jobs.engineRefusal;
}

function startVerb({extra}: Context, row: ComposeRow, verb: ComposeVerb, removeVolumes = false): void {
	if (row.files.kind !== 'readable') return;
	extra.run({
		project: row.project.name, workingDir: row.files.workingDir, files: row.files.files, verb,
		...(removeVolumes ? {options: {removeVolumes}} : {}),
		...(row.kind === 'service' ? {services: [row.name]} : {}),
	});
}

function verbAction(verb: Exclude<ComposeVerb, 'down'>, keys: readonly string[], description: string): SpecAction<ComposeRow, ComposeJobs> {
	return {
		id: `compose-${verb}`, keys, description, kind: 'now', needsRow: true, when: 'Compose CLI and files present',
		refuse: (row, {extra}) => verbRefusal(row, extra, verb),
		run: (context, row) => {
			if (row) startVerb(context, row, verb);
		},
	};
}

const containerIds = (row: ComposeRow) => row.containers.map(container => container.id);

export const composeSpec: ResourceSpec<ComposeRow, ComposeJobs> = {
	name: 'compose',
	aliases: ['projects', 'project', 'cp'],
	hints: '? help  →/← unfold/fold  s start/stop  r restart  p pause  d remove  l logs  E events  u up  D down  F recreate  P pull  b build',
	title: 'Compose',
	noun: 'project',
	group: 'Compose actions',
	load: (docker, signal) => loadProjectRows(docker, signal),
	refreshOn: listChangingEvents,
	rowKey: row => row.key,
	columns: () => composeColumns,
	sortHelp: {name: 'name', up: 'containers up', cpu: 'CPU', memory: 'memory'},
	glyph: composeGlyph,
	emptyHint: 'Containers that Compose made (com.docker.compose.* labels) are grouped here.',
	useExtra: useComposeJobs,
	present: (rows, extra) => withStats(rows, extra.stats),
	tree: {children: row => row.children, depth: row => (row.kind === 'project' ? 0 : row.kind === 'service' ? 1 : 2), unfoldHelp: 'a project or service'},
	actions: [
		{
			id: 'detail', keys: ['<enter>'], description: 'Container: live charts and limits (else unfold)', kind: 'now', needsRow: true, isSafe: true,
			refuse: onlyContainer('Detail'),
			run: ({open}, row) => row?.container && open({pane: 'detail', params: {containerId: row.container.id}}),
		},
		groupAction('startStop', ['s'], 'Stop all its running containers, or start them all when none runs'),
		groupAction('restart', ['r'], 'Restart all its containers'),
		groupAction('pause', ['p'], 'Pause its running containers, or unpause when none runs'),
		{
			id: 'remove', keys: ['d', '<delete>'], description: 'Remove all its containers (asks, naming them)', kind: 'confirm',
			refuse: row => (row.containers.length === 0 ? `${describeRow(row)} has no containers.` : undefined),
			title: row => `Remove ${describeRow(row)}: ${row.containers.length} container${row.containers.length === 1 ? '' : 's'}?`,
			lines: row => [summarize(row.containers.map(container => container.name), 6), ...(row.containers.some(c => c.state === 'running') ? ['Running ones are stopped first.'] : [])],
			toggles: [{key: 'v', label: 'their anonymous volumes too'}],
			verb: 'remove',
			run: async ({docker, reload}, row, toggles) => {
				const planned = planGroup('remove', row.containers, describeRow(row));
				if ('refusal' in planned) throw new Error(planned.refusal);
				return runGroup(docker, planned, describeRow(row), {volumes: toggles.has('v')}).finally(reload);
			},
		},
		{
			id: 'kill', keys: ['K'], description: 'Kill the container with SIGKILL (asks)', kind: 'confirm', when: 'a running container',
			refuse: row => onlyContainer('Kill')(row) ?? (row.container?.state === 'running' || row.container?.state === 'paused' ? undefined : `${row.name} is not running.`),
			title: row => `Kill ${row.container?.name ?? row.name} with SIGKILL?`,
			lines: () => ['It gets no chance to stop cleanly.'],
			verb: 'kill',
			run: async ({docker}, row) => {
				if (!row.container) throw new Error(`${row.name} is not a container.`);
				await runContainerAction(docker, row.container.id, 'kill');
				return `Killed ${row.container.name}.`;
			},
		},
		{
			id: 'logs', keys: ['l'], description: 'Logs of all its containers, merged', kind: 'now', needsRow: true, isSafe: true,
			run: ({open}, row) => row && open({pane: 'logs', params: {containerIds: containerIds(row)}}),
		},
		{
			id: 'events', keys: ['E'], description: 'Its events (last 15 min, then live)', kind: 'now', needsRow: true, isSafe: true,
			// The events filter matches names: a project's resources all carry its name; a service's containers are named one by one.
			run: ({open}, row) => row && open({pane: 'events', params: {filter: `name=${row.kind === 'project' ? row.project.name : row.containers.map(c => c.name).join(',')}`, since: '15m'}}),
		},
		{
			id: 'inspect', keys: ['i'], description: 'Inspect the container', kind: 'now', needsRow: true, isSafe: true,
			refuse: onlyContainer('Inspect'),
			run: ({open}, row) => row?.container && open({pane: 'inspect', params: {containerId: row.container.id}}),
		},
		{
			id: 'exec', keys: ['e'], description: 'Shell in the container (bash, else sh)', kind: 'now', needsRow: true, when: 'a running container',
			refuse: row => onlyContainer('A shell')(row) ?? (row.container?.state === 'running' ? undefined : `${row.name} is not running.`),
			run: ({extra}, row) => row?.container && extra.shell(row.container),
		},
		verbAction('up', ['u'], 'Compose up -d (a service row: only that service)'),
		{
			id: 'compose-down', keys: ['D'], description: 'Compose down: containers and networks go (asks; v: volumes too)', kind: 'confirm', when: 'Compose CLI and files present',
			refuse: (row, {extra}) => verbRefusal(row, extra, 'down'),
			title: row => `Bring project ${row.project.name} down?`,
			lines: row => [`Its ${row.containers.length} container${row.containers.length === 1 ? '' : 's'} and its networks are removed by Compose.`],
			toggles: [{key: 'v', label: 'its volumes too (down -v)'}],
			verb: 'down',
			run: async (context, row, toggles) => {
				startVerb(context, row, 'down', toggles.has('v'));
				return `Bringing project ${row.project.name} down…`;
			},
		},
		verbAction('recreate', ['F'], 'Compose up -d --force-recreate'),
		verbAction('pull', ['P'], 'Compose pull'),
		verbAction('build', ['b'], 'Compose build'),
	],
};
