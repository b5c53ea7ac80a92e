// `L` / `:login` and `O` / `:logout`: docker login and logout as forms. The
// password field shows dots as it is typed and its value goes to the engine's
// check and the credential store only, never into a message.
import type {SpecAction} from '../../components/resource-spec.js';
import type {ImageSummary} from '../../engine/resources/images.js';
import {processConfigPlace} from '../../engine/registry/docker-config.js';
import {login, logout} from '../../engine/registry/login.js';
import {dockerHubIndex, registryLabel} from '../../engine/registry/registry-host.js';
import type {ImageJobs} from './panel.js';
import {formText} from '../../hooks/use-form.js';

const typed = (params: Readonly<Record<string, unknown>>) => (typeof params['argument'] === 'string' ? params['argument'] : '');
/** Docker Hub is the empty field, as `docker login` with no server. */
const asTyped = (registry: string | undefined) => (registry === undefined || registry === dockerHubIndex ? '' : registry);
const hubHint = 'empty for Docker Hub; else host[:port], e.g. ghcr.io';

export const registryActions: readonly SpecAction<ImageSummary, ImageJobs>[] = [
	{
		id: 'login', keys: ['L'], description: 'Log in to a registry as docker login does (also :login [registry])', kind: 'form', needsRow: false,
		title: () => 'Log in to a registry (checked by the engine, stored as docker login stores it)',
		fields: (_row, {params, extra}) => [
			{kind: 'text', name: 'registry', label: 'Registry', value: typed(params) || asTyped(extra.refusedRegistry), placeholder: hubHint},
			{kind: 'text', name: 'username', label: 'User', value: ''},
			{kind: 'text', name: 'password', label: 'Password', value: '', placeholder: 'or an access token', isMasked: true},
		],
		submit: async ({docker, extra}, values) => {
			const result = await login(docker, {registry: formText(values, 'registry'), username: formText(values, 'username'), password: String(values['password'] ?? '')}, processConfigPlace());
			extra.rereadRegistries();
			return `Logged in to ${registryLabel(result.registry)} as ${formText(values, 'username')} (stored in ${result.storedIn}).`;
		},
	},
	{
		id: 'logout', keys: ['O'], description: 'Log out of a registry as docker logout does (also :logout [registry])', kind: 'form', needsRow: false,
		title: (_row, {extra}) => `Log out of a registry${extra.storedRegistries.length > 0 ? ` (logins stored for ${extra.storedRegistries.map(registryLabel).join(', ')})` : ''}`,
		fields: (_row, {params, extra}) => [
			{kind: 'text', name: 'registry', label: 'Registry', value: typed(params) || asTyped(extra.storedRegistries.length === 1 ? extra.storedRegistries[0] : undefined), placeholder: hubHint},
		],
		submit: async (context, values) => {
			const result = await logout(formText(values, 'registry'), processConfigPlace());
			context.extra.rereadRegistries();
			return result.hadLogin ? `Logged out of ${registryLabel(result.registry)}.` : `There was no login stored for ${registryLabel(result.registry)}.`;
		},
	},
];
