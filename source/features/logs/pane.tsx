import {writeFile} from 'node:fs/promises';
import {resolve} from 'node:path';
import {Box, Text} from 'ink';
import {useEffect, useMemo, useRef, useState} from 'react';
import {copyToClipboard} from '../../terminal/clipboard.js';
import {LogRows, namePalette} from './log-rows.js';
import type {LogLine} from '../../engine/streams/log-lines.js';
import {clockTime} from '../../text/event-line.js';
import {buildMatcher, filterIndexes, findMatch, lineMatches, plainText} from './log-view.js';
import {useEngine} from '../../hooks/engine-context.js';
import {useKnownContainers} from '../../hooks/use-known-containers.js';
import {useLogSource} from './use-log-source.js';
import {commandFor} from '../../keys/keymap.js';
import {logsKeys, type LogsCommand} from './keys.js';
import {logSettings} from './log-settings.js';
import {accent, color} from '../../components/theme.js';
import {splitTyped} from '../../text/typed-text.js';
import {buildRows, shortTimestamp} from './log-rows-model.js';
import {useContainerSession} from '../../hooks/use-container-session.js';
import {usePaneKeys, type KeyHandler, type PaneProps} from '../../components/pane.js';

type Prompt = 'search' | 'filter' | 'save';
type Mode =
	| {readonly kind: 'view'}
	| {readonly kind: 'prompt'; readonly prompt: Prompt; readonly draft: string; readonly isRegex: boolean; readonly origin: LogLine | undefined}
	| {readonly kind: 'deepSearch'; readonly controller: AbortController};

interface Search {
	readonly query: string;
	readonly isRegex: boolean;
}

const sinceChoices = [undefined, 5 * 60, 60 * 60, 24 * 60 * 60] as const;
const sinceLabels = ['all', '5m', '1h', '24h'] as const;
const tailChoices = [200, 1000, 5000, 20_000, 'all'] as const;
const contextChoices = [0, 2, 5] as const;
const pageSize = 1000;
const searchPageSize = 5000;

export function LogsPane(props: PaneProps) {
	const {docker, containers} = useEngine();
	const containerIds = useMemo(() => (Array.isArray(props.params['containerIds']) ? (props.params['containerIds'] as unknown[]).filter((id): id is string => typeof id === 'string') : []), [props.params]);
	const [sinceIndex, setSinceIndex] = useState(0);
	const [sinceNs, setSinceNs] = useState<bigint | undefined>(undefined);
	const [tail, setTail] = useState<number | 'all'>(logSettings.tail);
	const source = useLogSource(docker, {containerIds, tail, sinceNs, capacity: logSettings.capacity});
	const session = useContainerSession(docker, {notify: props.notify, setStatus: props.setStatus, height: props.height});
	const [showTimestamps, setShowTimestamps] = useState(false);
	const [isWrapped, setIsWrapped] = useState(false);
	const [keepColours, setKeepColours] = useState(true);
	const [contextIndex, setContextIndex] = useState(0);
	const [search, setSearch] = useState<Search | undefined>(undefined);
	const [filter, setFilter] = useState<Search | undefined>(undefined);
	// The cursor is a line, not an index: older pages and a flood shift indexes, never the line.
	const [cursorLine, setCursorLine] = useState<LogLine | undefined>(undefined);
	const [markLine, setMarkLine] = useState<LogLine | undefined>(undefined);
	const [mode, setMode] = useState<Mode>({kind: 'view'});
	const topRef = useRef(0);
	// A search reading back through history belongs to this view of these containers:
	// it ends with it, and never answers into the view that comes next.
	const deepSearchRef = useRef<AbortController | undefined>(undefined);
	useEffect(() => () => deepSearchRef.current?.abort(), [containerIds]);

	const known = useKnownContainers(containers, containerIds);
	const nameOf = (id: string) => known.get(id)?.name ?? id.slice(0, 12);
	const names = useMemo(() => {
		if (containerIds.length < 2) return undefined;
		return new Map(containerIds.map((id, index) => [id, {
			text: known.get(id)?.name ?? id.slice(0, 12),
			color: namePalette[index % namePalette.length]!,
		}]));
	}, [containerIds, known]);
	// A service's log (route param `title`) is one target whose name the container list does not know.
	const title = typeof props.params['title'] === 'string' ? props.params['title'] : containerIds.map(nameOf).join(', ');

	const lines = source.buffer.lines;
	const liveSearch = mode.kind === 'prompt' && mode.prompt === 'search' ? {query: mode.draft, isRegex: mode.isRegex} : search;
	const liveFilter = mode.kind === 'prompt' && mode.prompt === 'filter' ? {query: mode.draft, isRegex: mode.isRegex} : filter;
	const searchRegex = useMemo(() => (liveSearch ? buildMatcher(liveSearch).regex : undefined), [liveSearch?.query, liveSearch?.isRegex]); // eslint-disable-line react-hooks/exhaustive-deps
	const filterMatcher = useMemo(() => (liveFilter ? buildMatcher(liveFilter) : {}), [liveFilter?.query, liveFilter?.isRegex]); // eslint-disable-line react-hooks/exhaustive-deps
	const context = contextChoices[contextIndex]!;
	const shown = useMemo(
		() => (filterMatcher.regex ? filterIndexes(lines, filterMatcher.regex, context) : undefined),
		[lines, source.version, filterMatcher, context], // eslint-disable-line react-hooks/exhaustive-deps
	);
	const count = shown ? shown.length : lines.length;
	const lineAt = (position: number): LogLine | undefined => lines[shown ? shown[position]! : position];
	const positionOf = (line: LogLine | undefined): number => {
		if (!line) return count - 1;
		const index = lines.indexOf(line);
		if (index === -1) return Math.max(0, Math.min(count - 1, 0));
		if (!shown) return index;
		const at = shown.findIndex(i => i >= index);
		return at === -1 ? count - 1 : at;
	};
	const isFollowing = cursorLine === undefined;
	const cursor = positionOf(cursorLine);
	const mark = markLine ? positionOf(markLine) : undefined;
	const viewHeight = Math.max(1, props.height - 1);
	const {rows, top} = buildRows({
		lines, shown, cursor, mark, isFollowing, previousTop: topRef.current, height: viewHeight, width: props.width,
		showTimestamps, isWrapped, keepColours, regex: searchRegex, names,
	});
	topRef.current = top;

	const moveTo = (position: number) => setCursorLine(lineAt(Math.max(0, Math.min(count - 1, position))));
	const follow = () => {
		setCursorLine(undefined);
		if (source.buffer.isDetached) source.reload();
	};
	const loadOlder = (size = pageSize) => {
		if (source.isAtStart) {
			props.notify({text: 'This is the start of the log.', tone: 'info'});
			return;
		}
		props.notify({text: 'Loading older lines…', tone: 'progress'});
		void source.loadOlder(size).then(page => props.notify({text: page.length > 0 ? `Loaded ${page.length} older lines.` : 'This is the start of the log.', tone: 'info'}));
	};

	const deepSearch = (regex: RegExp) => {
		const controller = new AbortController();
		deepSearchRef.current = controller;
		setMode({kind: 'deepSearch', controller});
		let read = 0;
		const step = async (): Promise<void> => {
			props.notify({text: `Searching older logs… ${read.toLocaleString('en-US')} lines read · Esc cancels`, tone: 'progress'});
			const page = await source.loadOlder(searchPageSize, controller.signal);
			if (controller.signal.aborted) return;
			read += page.length;
			for (let i = page.length - 1; i >= 0; i--) {
				if (lineMatches(page[i]!, regex)) {
					setCursorLine(page[i]);
					setMode({kind: 'view'});
					props.notify({text: `Found after reading ${read.toLocaleString('en-US')} older lines.`, tone: 'info'});
					return;
				}
			}
			if (page.length === 0) {
				setMode({kind: 'view'});
				props.notify({text: 'No match in the whole log.', tone: 'error'});
				return;
			}
			return step();
		};
		void step();
	};

	const jump = (direction: 1 | -1, from: number) => {
		const regex = search ? buildMatcher(search).regex : undefined;
		if (!regex) {
			props.notify({text: 'No search yet: press / to search.', tone: 'info'});
			return;
		}
		const found = findMatch(lines, shown, regex, from, direction);
		if (found !== undefined) {
			moveTo(found);
			// An earlier "no match" (of this search or one in another log) is wrong now.
			props.notify(undefined);
		} else if (direction === -1 && !source.isAtStart && !shown) deepSearch(regex);
		else props.notify({text: direction === -1 ? 'No older match.' : 'No newer match.', tone: 'info'});
	};

	const showPrompt = (prompt: Prompt, draft: string, isRegex: boolean) => {
		const hint = prompt === 'save' ? 'Enter write · ctrl+u clear · Esc cancel' : `Enter keep · Esc clear · Tab ${isRegex ? 'regex on' : 'regex off'}`;
		props.setStatus({kind: 'input', prompt: prompt === 'search' ? '/' : prompt === 'filter' ? 'filter: ' : 'save to: ', value: draft, hint});
	};
	const openPrompt = (prompt: Prompt, draft = '', isRegex = false) => {
		setMode({kind: 'prompt', prompt, draft, isRegex, origin: cursorLine});
		showPrompt(prompt, draft, isRegex);
	};
	const closePrompt = () => {
		setMode({kind: 'view'});
		props.setStatus(undefined);
	};
	const updateDraft = (current: Extract<Mode, {kind: 'prompt'}>, draft: string, isRegex: boolean) => {
		setMode({...current, draft, isRegex});
		showPrompt(current.prompt, draft, isRegex);
		if (current.prompt !== 'search') return;
		// Incremental: the nearest match at or above where the search started.
		const regex = buildMatcher({query: draft, isRegex}).regex;
		const found = regex ? findMatch(lines, shown, regex, positionOf(current.origin), -1) : undefined;
		if (found !== undefined) setCursorLine(lineAt(found));
		else setCursorLine(current.origin);
	};
	const submitPrompt = (current: Extract<Mode, {kind: 'prompt'}>) => {
		closePrompt();
		if (current.prompt === 'save') {
			save(current.draft);
			return;
		}
		const spec = current.draft ? {query: current.draft, isRegex: current.isRegex} : undefined;
		const matcher = spec ? buildMatcher(spec) : {};
		if (matcher.error) props.notify({text: matcher.error, tone: 'error'});
		if (current.prompt === 'filter') {
			setFilter(matcher.regex ? spec : undefined);
			return;
		}
		setSearch(matcher.regex ? spec : undefined);
		if (!matcher.regex) return;
		if (findMatch(lines, shown, matcher.regex, positionOf(current.origin), -1) !== undefined) {
			// The match is on screen: what an earlier search said (in this log or another) must not stay beside it.
			props.notify(undefined);
		} else if (!source.isAtStart && !shown) deepSearch(matcher.regex);
		else props.notify({text: `No match for ${current.draft}.`, tone: 'error'});
	};

	const renderLine = (line: LogLine) => [
		names ? `${names.get(line.containerId)?.text ?? ''} ` : '',
		showTimestamps ? `${shortTimestamp(line.timestamp)} ` : '',
		plainText(line),
	].join('');
	const save = (path: string) => {
		if (!path.trim()) return;
		const target = resolve(path.trim());
		const chosen = shown ? shown.map(i => lines[i]!) : [...lines];
		writeFile(target, chosen.map(line => `${renderLine(line)}\n`).join(''), {flag: 'wx'}).then(
			() => props.notify({text: `Wrote ${chosen.length} lines to ${target}`, tone: 'info'}),
			(error: NodeJS.ErrnoException) => props.notify({text: error.code === 'EEXIST' ? `${target} exists; choose another name.` : `Could not write ${target}: ${error.message}`, tone: 'error'}),
		);
	};
	const copy = (text: string, what: string) => {
		if (copyToClipboard(text)) props.notify({text: `Copied ${what} to the clipboard.`, tone: 'info'});
		else props.notify({text: `Too much to copy (${what}); save it to a file with S instead.`, tone: 'error'});
	};

	const runCommand = (command: LogsCommand) => {
		const single = containers.find(c => c.id === containerIds[0]);
		switch (command) {
			case 'up': if (cursor <= 0) loadOlder(); else moveTo(isFollowing ? count - 2 : cursor - 1); return;
			case 'down': if (!isFollowing && cursor >= count - 1) follow(); else if (!isFollowing) moveTo(cursor + 1); return;
			case 'pageUp': if (cursor <= 0) loadOlder(); else moveTo(cursor - viewHeight); return;
			case 'pageDown': if (!isFollowing) moveTo(cursor + viewHeight); return;
			case 'top': if (cursor <= 0 || isFollowing && count <= viewHeight) loadOlder(); moveTo(0); return;
			case 'bottom': follow(); return;
			case 'search': openPrompt('search', '', search?.isRegex ?? false); return;
			case 'nextMatch': jump(-1, cursor - 1); return;
			case 'previousMatch': jump(1, cursor + 1); return;
			case 'filter': openPrompt('filter', filter?.query ?? '', filter?.isRegex ?? false); return;
			case 'context': setContextIndex(i => (i + 1) % contextChoices.length); props.notify({text: `Filter context: ${contextChoices[(contextIndex + 1) % contextChoices.length]} lines.`, tone: 'info'}); return;
			case 'timestamps': setShowTimestamps(v => !v); return;
			case 'wrap': setIsWrapped(v => !v); return;
			case 'colours': setKeepColours(v => !v); return;
			case 'since': {
				const next = (sinceIndex + 1) % sinceChoices.length;
				const seconds = sinceChoices[next];
				setSinceIndex(next);
				setSinceNs(seconds === undefined ? undefined : (BigInt(Date.now()) - BigInt(seconds) * 1000n) * 1_000_000n);
				setCursorLine(undefined);
				return;
			}
			case 'tail': {
				const next = tailChoices[(tailChoices.indexOf(tail as typeof tailChoices[number]) + 1) % tailChoices.length]!;
				setTail(next);
				setCursorLine(undefined);
				props.notify({text: `Opening on the last ${next} lines.`, tone: 'info'});
				return;
			}
			case 'mark': setMarkLine(markLine ? undefined : lineAt(cursor)); return;
			case 'copyLine': {
				const [low, high] = mark === undefined ? [cursor, cursor] : [Math.min(mark, cursor), Math.max(mark, cursor)];
				const chosen: string[] = [];
				for (let position = low; position <= high; position++) {
					const line = lineAt(position);
					if (line) chosen.push(renderLine(line));
				}
				if (chosen.length === 0) return;
				copy(chosen.join('\n'), chosen.length === 1 ? 'the line' : `${chosen.length} lines`);
				setMarkLine(undefined);
				return;
			}
			case 'copyId': copy(containerIds.join('\n'), containerIds.length === 1 ? 'the container ID' : 'the container IDs'); return;
			case 'save': openPrompt('save', `${(containerIds.length === 1 ? title : 'berth').replace(/[^\w.-]/g, '_')}-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.log`); return;
			case 'exec': case 'attach': case 'run':
				if (!single || containerIds.length !== 1) props.notify({text: 'Open a single container\'s logs to exec or attach.', tone: 'error'});
				else session.start(command, single);
				return;
		}
	};

	const handleKey: KeyHandler = (input, key) => {
		if (session.handleKey(input, key)) return true;
		const current = mode;
		if (current.kind === 'deepSearch') {
			if (key.escape) {
				current.controller.abort();
				setMode({kind: 'view'});
				props.notify({text: 'Search stopped.', tone: 'info'});
			}
			return true;
		}
		if (current.kind === 'prompt') {
			if (key.escape) {
				closePrompt();
				if (current.prompt === 'search') {
					setSearch(undefined);
					setCursorLine(current.origin);
				} else if (current.prompt === 'filter') setFilter(undefined);
			} else if (key.return) submitPrompt(current);
			else if (key.tab && current.prompt !== 'save') updateDraft(current, current.draft, !current.isRegex);
			else if (key.backspace || key.delete) updateDraft(current, current.draft.slice(0, -1), current.isRegex);
			else if (key.ctrl && input === 'u') updateDraft(current, '', current.isRegex);
			else if (input && !key.ctrl && !key.meta) {
				const typed = splitTyped(input);
				const draft = current.draft + typed.text;
				if (typed.submitted) submitPrompt({...current, draft});
				else updateDraft(current, draft, current.isRegex);
			}
			return true;
		}
		if (key.escape && markLine) {
			setMarkLine(undefined);
			return true;
		}
		if (key.escape && filter) {
			setFilter(undefined);
			return true;
		}
		const command = commandFor({input, ...key}, logsKeys);
		if (!command) return false;
		runCommand(command);
		return true;
	};
	usePaneKeys(props, handleKey);

	const status = [
		source.state === 'reconnecting' ? `reconnecting · not followed since ${clockTime(source.brokenSince ?? Date.now())}` : '',
		isFollowing ? (source.state === 'ended' ? 'stream ended' : source.state === 'reconnecting' ? '' : 'following') : `paused at ${cursor + 1}/${count} · End follows`,
		`${lines.length.toLocaleString('en-US')} lines${source.isAtStart ? ' (from the start)' : ''}`,
		source.buffer.isDetached || source.buffer.missed > 0 ? `${source.buffer.missed.toLocaleString('en-US')} newer not shown` : '',
		source.buffer.skipped > 0 ? `${source.buffer.skipped.toLocaleString('en-US')} skipped in the flood` : '',
		`since ${sinceLabels[sinceIndex]}`,
		keepColours ? '' : 'no colours',
		`tail ${tail}`,
		filter ? `filter "${filter.query}"${context ? ` ±${context}` : ''} ${count}` : '',
		search ? `search "${search.query}"` : '',
		source.isLoadingOlder ? 'loading older…' : '',
	].filter(Boolean).join(' · ');
	const emptyText = source.state === 'failed'
		? `  Could not read the logs: ${source.error ?? ''}`
		: source.state === 'loading' ? '  Loading logs…' : filter ? '  No line matches the filter.' : '  No log lines yet.';

	if (session.view) return session.view;
	return (
		<Box flexDirection="column" height={props.height}>
			<Text wrap="truncate-end">
				<Text color={color(accent)} bold>{`Logs ${title}`}</Text>
				<Text dimColor>{`  ${status}`}</Text>
			</Text>
			<LogRows rows={rows} height={viewHeight} emptyText={emptyText} />
		</Box>
	);
}
