import type {ResourceSpec} from '../../components/resource-spec.js';
import {imageHistory, inspectImage, listImages, previewImagePrune, pruneImages, pullImage, removeImage, tagImage, type ImagePrunePreview, type ImageSummary} from '../../engine/resources/images.js';
import {runImage, type RestartPolicy} from '../../engine/resources/run-image.js';
import type {BuilderChoice} from '../../engine/resources/build-image.js';
import {processConfigPlace} from '../../engine/registry/docker-config.js';
import {credentialsForReference, loginNeeded} from '../../engine/registry/login.js';
import {archiveActions} from './archive-actions.js';
import {registryActions} from './registry-actions.js';
import {historyLines, imageColumns, imageDetailLines} from './columns.js';
import {formatBytes} from '../../text/units.js';
import {formFields, formTitle} from './forms.js';
import type {ImageJobs} from './panel.js';
import {useImageJobs} from './panel.js';
import {formText} from '../../hooks/use-form.js';

/** A dangling image has no name: its ID stands in. */
const referenceOf = (image: ImageSummary) => (image.isDangling ? image.id : image.reference);

/** The run form's "Pull first": the image again from its registry, with the docker CLI's login for it. */
async function pullFirst(docker: Parameters<typeof pullImage>[0], reference: string): Promise<void> {
	const found = await credentialsForReference(reference, processConfigPlace());
	try {
		await pullImage(docker, reference, new AbortController().signal, () => undefined, found ? {auth: found.auth} : {});
	} catch (error) {
		const needed = loginNeeded((error as Error).message, reference, found !== undefined);
		throw new Error(`Could not pull ${reference}: ${needed?.text ?? (error as Error).message}`);
	}
}

export const imagesSpec: ResourceSpec<ImageSummary, ImageJobs> = {
	name: 'images',
	aliases: ['image', 'img', 'im'],
	hints: '? help  / filter  Enter inspect  p pull  P push  L login  t tag  d remove  R run  b build  S save  I load  space mark  X prune',
	title: 'Images',
	noun: 'image',
	group: 'Image actions',
	load: (docker, signal) => listImages(docker, signal),
	refreshOn: {type: ['image', 'container'], event: ['pull', 'tag', 'untag', 'delete', 'import', 'load', 'prune', 'create', 'destroy']},
	// One row per tag: an image with two tags is two rows.
	rowKey: image => `${image.id}|${image.reference}`,
	commandValues: image => ({ID: image.id, Name: image.reference, Image: image.reference, Project: ''}),
	columns: openedAt => imageColumns(openedAt),
	sortHelp: {reference: 'repository:tag', size: 'size', created: 'age', containers: 'containers using it'},
	glyph: image => (image.containers > 0 ? {text: '●', color: 'green'} : image.isDangling ? {text: '◌', color: 'yellow'} : {text: '○', color: 'gray'}),
	emptyHint: 'p pulls one.',
	switches: [{
		id: 'toggleDangling', keys: ['a'], description: 'Show or hide dangling (untagged) images', isShownAtFirst: true,
		isRowHidden: image => image.isDangling, hiddenNote: 'dangling hidden', shownMessage: 'Showing dangling images.', hiddenMessage: 'Hiding dangling images.',
	}],
	useExtra: useImageJobs,
	marks: true,
	actions: [
		{
			id: 'inspect', keys: ['<enter>', 'i'], description: 'Inspect: entrypoint, cmd, env, ports, labels, layers (/ searches)', kind: 'text',
			open: async ({docker}, image) => ({title: `Image ${image.reference}`, lines: imageDetailLines(await inspectImage(docker, referenceOf(image)))}),
		},
		{
			id: 'history', keys: ['h'], description: 'History: the command and size of each layer', kind: 'text',
			open: async ({docker}, image) => ({title: `History of ${image.reference}`, lines: historyLines(await imageHistory(docker, referenceOf(image)), Date.now())}),
		},
		{
			id: 'pull', keys: ['p'], description: 'Pull an image by name, with per-layer progress (Esc cancels)', kind: 'form', needsRow: false,
			title: () => formTitle('pull', undefined), fields: () => formFields('pull', undefined),
			submit: ({extra}, values) => {
				if (!formText(values, 'reference')) throw new Error('Type an image name, e.g. busybox:latest.');
				extra.pull(formText(values, 'reference'));
				return undefined;
			},
		},
		{
			id: 'tag', keys: ['t'], description: 'Tag the selected image', kind: 'form', needsRow: true,
			title: image => formTitle('tag', image), fields: image => formFields('tag', image),
			submit: async ({docker}, values, image) => {
				const source = image ? referenceOf(image) : '';
				await tagImage(docker, source, formText(values, 'target'));
				return `Tagged ${source} as ${formText(values, 'target')}.`;
			},
		},
		{
			id: 'push', keys: ['P'], description: 'Push the selected repository:tag to its registry, with progress', kind: 'now', needsRow: true,
			refuse: image => (image.isDangling ? 'A dangling image has no name to push; tag it first (t).' : undefined),
			run: ({extra}, image) => image && extra.push(image.reference),
		},
		{
			id: 'remove', keys: ['d', '<delete>'], description: 'Remove (asks first; f forces)', kind: 'confirm',
			title: image => `Remove image ${image.reference}?`,
			lines: image => [`${image.shortId}  ${formatBytes(image.size)}  used by ${image.containers} container${image.containers === 1 ? '' : 's'}`],
			toggles: [{key: 'f', label: 'force: remove even if containers use it or it has other tags'}],
			verb: 'remove',
			run: async ({docker}, image, toggles) => {
				const result = await removeImage(docker, referenceOf(image), {force: toggles.has('f')});
				return `Removed ${image.reference}: ${result.untagged.length} untagged${result.untagged.length ? ` (${result.untagged.join(', ')})` : ''}, ${result.deleted.length} deleted${result.deleted.length ? ` (${result.deleted.slice(0, 3).join(', ')}${result.deleted.length > 3 ? ', …' : ''})` : ''}.`;
			},
			failed: (image, error, toggles) => `Could not remove ${image.reference}: ${error.message}${toggles.has('f') ? '' : ' (f forces)'}`,
		},
		{
			id: 'run', keys: ['R'], description: 'Run a container from the selected image (a small form)', kind: 'form', needsRow: true,
			title: image => formTitle('run', image), fields: image => formFields('run', image),
			submit: async ({docker, open, notify}, values, image) => {
				const source = image ? referenceOf(image) : '';
				if (values['pull'] === true) {
					if (!image || image.isDangling) throw new Error('A dangling image has no name to pull by; turn "Pull first" off.');
					notify({text: `Pulling ${source}…`, tone: 'info'});
					await pullFirst(docker, source);
				}
				const id = await runImage(docker, {
					image: source, name: formText(values, 'name'), command: formText(values, 'command'), env: formText(values, 'env'), ports: formText(values, 'ports'), volumes: formText(values, 'volumes'),
					restart: formText(values, 'restart') as RestartPolicy, detached: values['detached'] === true,
				});
				// Not detached: show what it prints, the terminal-UI way of staying attached.
				if (values['detached'] !== true) open({pane: 'logs', params: {containerIds: [id]}});
				return `Started ${formText(values, 'name') || id.slice(0, 12)} from ${source}.`;
			},
		},
		{
			id: 'build', keys: ['b'], description: 'Build an image (Dockerfile, build args, target, labels, platform, cache)', kind: 'form', needsRow: false,
			title: () => formTitle('build', undefined), fields: () => formFields('build', undefined),
			submit: ({extra}, values) => {
				extra.build(formText(values, 'directory'), formText(values, 'tag'), {
					dockerfile: formText(values, 'dockerfile'), buildArgs: formText(values, 'buildArgs'), target: formText(values, 'target'), labels: formText(values, 'labels'),
					platform: formText(values, 'platform'), noCache: values['noCache'] === true, pull: values['pull'] === true, builder: formText(values, 'builder') as BuilderChoice,
				});
				return undefined;
			},
		},
		...registryActions,
		...archiveActions,
	],
	prune: {
		id: 'prune', keys: ['X'], description: 'Prune dangling (a: all unused) images: the list and size first, then asks',
		preview: ({docker}, all) => previewImagePrune(docker, {all}),
		run: ({docker}, all) => pruneImages(docker, {all}),
		count: (preview: ImagePrunePreview) => preview.images.length,
		progress: 'Pruning images…',
		done: (result: {deleted: readonly string[]; reclaimed: number}) => `Pruned ${result.deleted.length} image${result.deleted.length === 1 ? '' : 's'}, reclaimed ${formatBytes(result.reclaimed)}.`,
		title: (_context, {images, reclaimable}: ImagePrunePreview, all) => (images.length === 0
			? `Nothing to prune (${all ? 'no unused images' : 'no dangling images'}).`
			: `Prune ${images.length} ${all ? 'unused' : 'dangling'} image${images.length === 1 ? '' : 's'}, reclaiming up to ${formatBytes(reclaimable)}?`),
		items: (preview: ImagePrunePreview) => preview.images.map(image => `${image.shortId}  ${image.reference}  ${formatBytes(image.size)}`),
		widen: () => 'all unused images, not only dangling ones',
	},
};
