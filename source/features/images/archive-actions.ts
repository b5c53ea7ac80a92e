// `S` saves the selected or marked images to a tar file (docker save); `I`,
// `:load` and `:import` bring a tar in: images saved by docker save (load) or
// a filesystem made into a new image (import).
import {existsSync} from 'node:fs';
import {resolve} from 'node:path';
import type {SpecAction} from '../../components/resource-spec.js';
import {archiveName} from '../../engine/resources/image-archives.js';
import type {ImageSummary} from '../../engine/resources/images.js';
import {summarize} from '../../text/summarize.js';
import type {ImageJobs} from './panel.js';
import {formText} from '../../hooks/use-form.js';

/** A dangling image has no name: its ID stands in. */
const referenceOf = (image: ImageSummary) => (image.isDangling ? image.id : image.reference);

/** The marked images, else the selected one, each name once. */
const targets = (row: ImageSummary | undefined, marked: readonly ImageSummary[]) =>
	[...new Set((marked.length > 0 ? marked : row ? [row] : []).map(referenceOf))];

const kinds = ['load', 'import'] as const;

export const archiveActions: readonly SpecAction<ImageSummary, ImageJobs>[] = [
	{
		id: 'save', keys: ['S'], description: 'Save the marked images (else the selected one) to a tar, as docker save', kind: 'form', needsRow: true,
		// It only reads the engine: read-only mode allows it, as it allows saving a log.
		isSafe: true,
		title: (row, {marked}) => `Save ${summarize(targets(row, marked), 3)} to a tar file`,
		fields: (row, {marked}) => [
			{kind: 'text', name: 'path', label: 'File', value: `./${archiveName(targets(row, marked))}`, placeholder: 'a path; relative to where berth runs'},
			{kind: 'toggle', name: 'overwrite', label: 'Overwrite', value: false},
		],
		submit: ({extra}, values, row, {marked}) => {
			if (!formText(values, 'path')) throw new Error('Type the file to save to, e.g. ./images.tar.');
			const path = resolve(formText(values, 'path'));
			// Asked here too, so the form stays open for the switch (the save itself checks again).
			if (values['overwrite'] !== true && existsSync(path)) throw new Error(`${path} exists; turn on "Overwrite" to replace it.`);
			extra.save(targets(row, marked), path, values['overwrite'] === true);
			return undefined;
		},
	},
	{
		id: 'bringIn', keys: ['I'], description: 'Load a docker save tar (also :load) or import a filesystem tar (:import)', kind: 'form', needsRow: false,
		title: () => 'Load a tar of saved images, or import a filesystem tar as an image',
		fields: (_row, {params}) => [
			{kind: 'text', name: 'path', label: 'File', value: typeof params['argument'] === 'string' ? params['argument'] : '', placeholder: 'e.g. ./images.tar'},
			{kind: 'choice', name: 'kind', label: 'As', value: params['kind'] === 'import' ? 'import' : 'load', options: kinds},
			{kind: 'text', name: 'tag', label: 'Tag', value: '', placeholder: 'import only: repository:tag for the new image'},
			{kind: 'text', name: 'message', label: 'Message', value: '', placeholder: 'import only: a comment kept in its history'},
		],
		submit: ({extra}, values) => {
			const path = formText(values, 'path');
			if (!path) throw new Error('Type the path of a tar file.');
			if (values['kind'] === 'import') {
				if (!formText(values, 'tag')) throw new Error('Type a repository:tag for the imported image, e.g. myfs:1.');
				extra.importTar(resolve(path), formText(values, 'tag'), formText(values, 'message'));
			} else extra.load(resolve(path));
			return undefined;
		},
	},
];
