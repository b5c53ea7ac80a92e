// The images pane's forms (pull, tag, build, run) as data.
import type {ImageSummary} from '../../engine/resources/images.js';
import {builderChoices} from '../../engine/resources/build-image.js';
import {restartPolicies} from '../../engine/resources/run-image.js';
import type {FormField} from '../../hooks/use-form.js';

export type FormKind = 'pull' | 'tag' | 'run' | 'build';

export function formTitle(form: FormKind, image: ImageSummary | undefined): string {
	switch (form) {
		case 'pull': return 'Pull an image';
		case 'tag': return `Tag ${image?.reference ?? ''}`;
		case 'build': return 'Build an image from a directory with a Dockerfile (Builder auto: BuildKit where the engine can run it)';
		case 'run': return `Run a container from ${image?.reference ?? ''}`;
	}
}

export function formFields(form: FormKind, image: ImageSummary | undefined): readonly FormField[] {
	const reference = image && !image.isDangling ? image.reference : image?.shortId ?? '';
	switch (form) {
		case 'pull': return [{kind: 'text', name: 'reference', label: 'Image', value: '', placeholder: 'e.g. busybox:latest or 127.0.0.1:5000/app:1'}];
		case 'tag': return [{kind: 'text', name: 'target', label: 'New tag', value: '', placeholder: `for ${reference}, e.g. registry:5000/app:1`}];
		// Directory and tag first: the two a quick build needs; `docker build`'s options after them.
		case 'build': return [
			{kind: 'text', name: 'directory', label: 'Directory', value: process.cwd(), placeholder: 'the build context'},
			{kind: 'text', name: 'tag', label: 'Tag', value: '', placeholder: 'e.g. myapp:dev'},
			{kind: 'text', name: 'dockerfile', label: 'Dockerfile', value: '', placeholder: 'Dockerfile (a path inside the directory)'},
			{kind: 'text', name: 'buildArgs', label: 'Build args', value: '', placeholder: 'KEY=value, … (a bare KEY takes berth\'s environment)'},
			{kind: 'text', name: 'target', label: 'Target', value: '', placeholder: 'a stage name; the last stage if empty'},
			{kind: 'text', name: 'labels', label: 'Labels', value: '', placeholder: 'key=value, …'},
			{kind: 'text', name: 'platform', label: 'Platform', value: '', placeholder: "the engine's own, or e.g. linux/arm64"},
			{kind: 'toggle', name: 'noCache', label: 'No cache', value: false},
			{kind: 'toggle', name: 'pull', label: 'Always pull', value: false},
			{kind: 'choice', name: 'builder', label: 'Builder', value: 'auto', options: builderChoices},
		];
		case 'run': return [
			{kind: 'text', name: 'name', label: 'Name', value: '', placeholder: 'optional'},
			{kind: 'text', name: 'command', label: 'Command', value: '', placeholder: "image's default"},
			{kind: 'text', name: 'env', label: 'Env', value: '', placeholder: 'KEY=value, …'},
			{kind: 'text', name: 'ports', label: 'Ports', value: '', placeholder: '8080:80, 127.0.0.1::53/udp'},
			{kind: 'text', name: 'volumes', label: 'Volumes', value: '', placeholder: 'name:/data, /host:/path:ro'},
			{kind: 'choice', name: 'restart', label: 'Restart', value: 'no', options: restartPolicies},
			{kind: 'toggle', name: 'detached', label: 'Detached', value: true},
			{kind: 'toggle', name: 'pull', label: 'Pull first', value: false},
		];
	}
}

