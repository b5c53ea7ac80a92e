// Pure bookkeeping for pull/push progress: the engine sends one line per
// layer change; this folds them into one row per layer and a total.
import {sanitizeInline} from '../../text/sanitize.js';
import type {ProgressEvent} from './progress.js';

export interface LayerProgress {
	readonly id: string;
	readonly status: string;
	readonly current: number;
	readonly total: number;
	readonly isDone: boolean;
}

export interface TransferProgress {
	/** Layers in the order the engine first mentioned them. */
	readonly layers: readonly LayerProgress[];
	/** Lines not about one layer ("Pulling from …", "Digest: …", "Status: …"), newest last, bounded. */
	readonly messages: readonly string[];
}

export const emptyProgress: TransferProgress = {layers: [], messages: []};

const maxMessages = 20;
const finishedStatuses = /^(pull complete|already exists|pushed|layer already exists|mounted from)/i;
// After the download the engine reports extraction progress in the same fields; the transfer itself is whole.
const transferredStatuses = /^(download complete|verifying checksum|extracting)/i;

export function applyProgressEvents(state: TransferProgress, events: readonly ProgressEvent[]): TransferProgress {
	let layers = state.layers;
	let messages = state.messages;
	for (const event of events) {
		const status = sanitizeInline(event.status ?? '');
		const id = event.id === undefined ? undefined : sanitizeInline(event.id);
		// A layer id is a short hex digest; a tag name in the id field ("latest: Pulling from …") is a message.
		if (id === undefined || !/^[0-9a-f]{12,}$/.test(id)) {
			const text = [id, status].filter(Boolean).join(': ');
			if (text) messages = [...messages, text].slice(-maxMessages);
			continue;
		}
		const index = layers.findIndex(layer => layer.id === id);
		const previous = layers[index];
		const detail = event.progressDetail ?? {};
		// A load says nothing after "Loading layer" reaches the layer's size: that is its end.
		const isLoaded = /^loading layer/i.test(status) && (detail.total ?? 0) > 0 && (detail.current ?? 0) >= (detail.total ?? 0);
		const isDone = finishedStatuses.test(status) || isLoaded || (previous?.isDone ?? false);
		const isTransferred = isDone || transferredStatuses.test(status);
		const total = (isTransferred ? previous?.total : detail.total) ?? previous?.total ?? 0;
		const current = isTransferred ? Math.max(total, previous?.current ?? 0) : (detail.current ?? previous?.current ?? 0);
		const next: LayerProgress = {id, status, current, total: Math.max(total, isTransferred ? current : 0), isDone};
		layers = index === -1 ? [...layers, next] : layers.map((layer, i) => (i === index ? next : layer));
	}
	return {layers, messages};
}

export interface ProgressTotals {
	readonly current: number;
	readonly total: number;
	readonly doneLayers: number;
	readonly layers: number;
}

export function progressTotals(progress: TransferProgress): ProgressTotals {
	let current = 0;
	let total = 0;
	for (const layer of progress.layers) {
		current += Math.min(layer.current, layer.total || layer.current);
		total += layer.total;
	}
	return {current, total, doneLayers: progress.layers.filter(layer => layer.isDone).length, layers: progress.layers.length};
}
