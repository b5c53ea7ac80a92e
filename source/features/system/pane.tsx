import {Box, type Key} from 'ink';
import {useCallback, useEffect, useRef, useState} from 'react';
import {ConfirmBox} from '../../components/confirm-box.js';
import {TextPanel} from '../../components/panels.js';
import {diskUsage, engineInfo, previewSystemPrune, pruneSystem} from '../../engine/resources/system.js';
import {retryRead} from '../../engine/transport/retry-read.js';
import {pruneItems, systemLines} from './columns.js';
import {formatBytes} from '../../text/units.js';
import {useEngine} from '../../hooks/engine-context.js';
import {systemKeys} from './keys.js';
import {commandFor} from '../../keys/keymap.js';
import {usePaneKeys, type KeyHandler, type PaneProps} from '../../components/pane.js';
import {usePruneQuestion} from '../../hooks/use-prune-question.js';
import {previewBuildCachePrune, pruneBuildCache} from '../../engine/resources/container-prune.js';
import type {PruneItem} from '../../engine/resources/system.js';

export function SystemPane(props: PaneProps) {
	const {docker} = useEngine();
	const {notify, setStatus} = props;
	const [lines, setLines] = useState<readonly string[]>(['Reading engine info and disk usage…']);
	const subKeys = useRef<KeyHandler | undefined>(undefined);
	const closed = useRef(new AbortController());
	useEffect(() => {
		const controller = new AbortController();
		closed.current = controller;
		return () => controller.abort();
	}, []);

	// A read lost on a faulty link is read again (saying why meanwhile), so the page converges once the link heals.
	const refresh = useCallback(() => {
		const {signal} = closed.current;
		retryRead(docker, () => Promise.all([engineInfo(docker), diskUsage(docker)]), signal, error => notify({text: `${error.message} Retrying…`, tone: 'error'})).then(
			([info, usage]) => {
				if (!signal.aborted) setLines(systemLines(info, usage));
			},
			(error: Error) => {
				if (!signal.aborted) notify({text: error.message, tone: 'error'});
			},
		);
	}, [docker, notify]);
	useEffect(refresh, [refresh]);

	const prune = usePruneQuestion({
		preview: () => previewSystemPrune(docker),
		prune: () => pruneSystem(docker),
		count: preview => pruneItems(preview).length,
		progress: 'Pruning…',
		done: result => `Pruned ${result.containers} containers, ${result.networks} networks, ${result.images} images and the build cache; reclaimed ${formatBytes(result.reclaimed)}.`,
		notify,
		onPruned: refresh,
	});

	const cachePrune = usePruneQuestion({
		preview: () => previewBuildCachePrune(docker),
		prune: () => pruneBuildCache(docker),
		count: (preview: readonly PruneItem[]) => preview.length,
		progress: 'Pruning the build cache…',
		done: result => `Pruned ${result.deleted} build cache entr${result.deleted === 1 ? 'y' : 'ies'}, reclaimed ${formatBytes(result.reclaimed)}.`,
		notify,
		onPruned: refresh,
	});

	const handleKey = (input: string, key: Key): boolean => {
		if (prune.handleKey(input, key)) return true;
		if (cachePrune.handleKey(input, key)) return true;
		if (subKeys.current?.(input, key)) return true;
		const command = commandFor({input, ...key}, systemKeys);
		if (command === 'refresh') {
			refresh();
			return true;
		}
		if (command === 'prune') {
			setStatus(undefined);
			prune.ask();
			return true;
		}
		if (command === 'pruneBuildCache') {
			setStatus(undefined);
			cachePrune.ask();
			return true;
		}
		return false;
	};
	usePaneKeys(props, handleKey);

	const cacheQuestion = cachePrune.question;
	if (cacheQuestion) {
		const entries = cacheQuestion.preview ?? [];
		const size = entries.reduce((sum, entry) => sum + (entry.size ?? 0), 0);
		return (
			<Box flexDirection="column" height={props.height}>
				{cacheQuestion.preview
					? (
						<ConfirmBox
							title={entries.length === 0 ? 'Nothing to prune: the build cache has no unused entries.' : `Prune ${entries.length} build cache entr${entries.length === 1 ? 'y' : 'ies'}, reclaiming up to ${formatBytes(size)}?`}
							items={entries.map(entry => `${entry.name}  ${formatBytes(entry.size ?? 0)}`)}
							maxItems={Math.max(1, props.height - 6)}
							verb={entries.length === 0 ? 'close' : 'prune'}
						/>
					)
					: <ConfirmBox title="Working out what would be pruned…" verb="prune" />}
			</Box>
		);
	}
	const {question} = prune;
	if (question) {
		const items = question.preview ? pruneItems(question.preview) : [];
		return (
			<Box flexDirection="column" height={props.height}>
				{question.preview
					? (
						<ConfirmBox
							title={items.length === 0 ? 'Nothing to prune.' : `Prune everything unused: ${items.length} item${items.length === 1 ? '' : 's'}, reclaiming up to ${formatBytes(question.preview.reclaimable)}?`}
							items={items}
							maxItems={Math.max(1, props.height - 7)}
							lines={['Volumes and tagged images stay.']}
							verb={items.length === 0 ? 'close' : 'prune'}
						/>
					)
					: <ConfirmBox title="Working out what would be pruned…" verb="prune" />}
			</Box>
		);
	}
	return <TextPanel title="System" lines={lines} height={props.height} setStatus={setStatus} keysRef={subKeys} hint="r refresh · X prune everything · B prune the build cache" />;
}
