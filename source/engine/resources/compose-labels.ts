// What Compose (v1 and v2 alike) writes on each container it makes: the project,
// the service, where the project's files live and the container's number. Berth
// groups by these labels only: a name that merely looks like `a_b_1` is not
// taken for a project (any container may be called that).

export interface ComposeLabels {
	readonly project: string;
	readonly service: string;
	/** Raw paths as the labels hold them (file access needs them unaltered; sanitise to show). */
	readonly workingDir?: string;
	readonly configFiles: readonly string[];
	/** 1, 2, 3…: from the label, else from the name (`p_s_1` in v1, `p-s-1` in v2). */
	readonly number?: number;
	/** Made by `compose run`, not part of the service's scale. */
	readonly isOneoff: boolean;
}

export const composeLabelKeys = {
	project: 'com.docker.compose.project',
	service: 'com.docker.compose.service',
	workingDir: 'com.docker.compose.project.working_dir',
	configFiles: 'com.docker.compose.project.config_files',
	number: 'com.docker.compose.container-number',
	oneoff: 'com.docker.compose.oneoff',
} as const;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The number at the end of a Compose name: `shop_web_2` (v1) or `shop-web-2` (v2). */
export function numberFromName(name: string, project: string, service: string): number | undefined {
	const match = new RegExp(`^${escapeRegExp(project)}[-_]${escapeRegExp(service)}[-_](\\d+)$`).exec(name);
	return match ? Number(match[1]) : undefined;
}

/** The Compose identity of a container, or undefined when it has no project and service labels. */
export function composeLabels(labels: Readonly<Record<string, string>> | undefined, name: string): ComposeLabels | undefined {
	const project = labels?.[composeLabelKeys.project];
	const service = labels?.[composeLabelKeys.service];
	if (!labels || !project || !service) return undefined;
	const workingDir = labels[composeLabelKeys.workingDir];
	// v1 and v2 both join several -f files with commas.
	const configFiles = (labels[composeLabelKeys.configFiles] ?? '').split(',').map(file => file.trim()).filter(Boolean);
	const labelled = Number.parseInt(labels[composeLabelKeys.number] ?? '', 10);
	const number = Number.isFinite(labelled) ? labelled : numberFromName(name, project, service);
	return {
		project,
		service,
		...(workingDir ? {workingDir} : {}),
		configFiles,
		...(number === undefined ? {} : {number}),
		isOneoff: (labels[composeLabelKeys.oneoff] ?? '').toLowerCase() === 'true',
	};
}
