// The plugins view's install: the privileges the plugin asks for are read and
// shown first, and it is pulled (then enabled, as `docker plugin install` does)
// only after a yes. The pull's last status line goes to the status line.
import {useRef, useState} from 'react';
import {ConfirmBox} from '../../components/confirm-box.js';
import type {ExtraPanel, SpecContext} from '../../components/resource-spec.js';
import {installPlugin, remotePrivileges, type PluginPrivilege} from '../../engine/resources/plugins.js';
import {confirmKeys} from '../../keys/confirm-keys.js';
import {commandFor} from '../../keys/keymap.js';
import {privilegeLines} from './columns.js';

export interface PluginJobs {
	/** Reads the privileges, then asks; rejects (in words) when they cannot be read. */
	readonly askInstall: (reference: string) => Promise<void>;
	readonly panel: ExtraPanel;
}

interface Question {
	readonly reference: string;
	readonly privileges: readonly PluginPrivilege[];
	readonly enable: boolean;
}

export function usePluginJobs(context: Omit<SpecContext, 'extra'>): PluginJobs {
	const {docker, notify, reload} = context;
	const [question, setQuestion] = useState<Question | undefined>(undefined);
	const running = useRef<AbortController | undefined>(undefined);

	const install = ({reference, privileges, enable}: Question) => {
		const controller = new AbortController();
		running.current?.abort();
		running.current = controller;
		notify({text: `Installing ${reference}…`, tone: 'progress'});
		installPlugin(docker, reference, privileges, {enable, signal: controller.signal, onStatus: line => notify({text: `Installing ${reference}: ${line}`, tone: 'progress'})}).then(
			result => notify(result.enableError
				? {text: `Installed ${reference}, but could not enable it: ${result.enableError}`, tone: 'error'}
				: {text: `Installed ${reference}${result.enabled ? ' and enabled it' : ' (disabled)'}.`, tone: 'info'}),
			(error: Error) => notify({text: `Could not install ${reference}: ${error.message}`, tone: 'error'}),
		).finally(reload);
	};

	return {
		async askInstall(reference) {
			const trimmed = reference.trim();
			notify({text: `Reading the privileges ${trimmed} asks for…`, tone: 'progress'});
			const privileges = await remotePrivileges(docker, trimmed);
			notify(undefined);
			setQuestion({reference: trimmed, privileges, enable: true});
		},
		panel: {
			isOpen: question !== undefined,
			render(size) {
				if (!question) return null;
				return (
					<ConfirmBox
						title={`Install plugin ${question.reference}? It asks for ${question.privileges.length === 0 ? 'no privileges' : 'these privileges'}:`}
						lines={privilegeLines(question.privileges).slice(0, Math.max(1, size.height - 6))}
						toggles={[{key: 'e', label: 'enable it once installed', isOn: question.enable}]}
						verb="grant them and install"
					/>
				);
			},
			handleKey(input, key) {
				if (!question) return false;
				if (input === 'e') {
					setQuestion({...question, enable: !question.enable});
					return true;
				}
				const answer = commandFor({input, ...key}, confirmKeys);
				if (answer) setQuestion(undefined);
				if (answer === 'yes') install(question);
				return true;
			},
		},
	};
}
