// Runs a view's custom command on the selected row: with the terminal handed
// over (berth's frame steps away, as for `e`), or in the background, its output
// opened in a view when it ends. Either way the exit code goes to the status line.
import {Box, Text} from 'ink';
import {useState, type ReactNode} from 'react';
import type {StatusMessage} from '../components/status-line.js';
import type {Route} from '../components/pane.js';
import {lendTerminal} from '../terminal/terminal-handoff.js';
import {sanitizeInline} from '../text/sanitize.js';
import {customCommandFor, customCommandHost} from './custom-commands.js';
import {commandArgv, runInBackground, runInTerminal, type TemplateValues} from '../terminal/custom-command-process.js';

export interface CustomCommandRunner {
	/** Runs the view's command with this id; false when there is none. */
	readonly run: (id: string, values: Omit<TemplateValues, 'Host'> | undefined) => boolean;
	/** Replaces the pane's body while the terminal is away. */
	readonly view: ReactNode | undefined;
}

const frameSettleMs = 120;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function ended(label: string, name: string, result: {readonly exitCode: number | undefined; readonly signal?: string}): StatusMessage {
	const how = result.exitCode === undefined ? `was stopped by ${result.signal ?? 'a signal'}` : `exited with code ${result.exitCode}`;
	return {text: `${label} on ${name} ${how}.`, tone: result.exitCode === 0 ? 'info' : 'error'};
}

export function useCustomCommand(view: string, props: {readonly notify: (message: StatusMessage) => void; readonly open: (route: Route) => void; readonly height: number}): CustomCommandRunner {
	const {notify, open} = props;
	const [away, setAway] = useState<string | undefined>(undefined);

	const run = (id: string, row: Omit<TemplateValues, 'Host'> | undefined): boolean => {
		const command = customCommandFor(view, id);
		if (!command) return false;
		if (!row) {
			notify({text: `Nothing selected for ${command.label}.`, tone: 'error'});
			return true;
		}
		const argv = commandArgv(command, {...row, Host: customCommandHost()});
		const name = sanitizeInline(row.Name);
		if (command.mode === 'terminal') {
			void (async () => {
				try {
					setAway(`${command.label} on ${name}…`);
					await sleep(frameSettleMs);
					const result = await lendTerminal(terminal => runInTerminal(terminal, argv));
					setAway(undefined);
					notify(ended(command.label, name, result));
				} catch (error) {
					setAway(undefined);
					notify({text: `Could not run ${command.label}: ${(error as Error).message}`, tone: 'error'});
				}
			})();
			return true;
		}
		// It goes on when the person leaves the view: notify and open are the app's, still there when it ends.
		notify({text: `${command.label} on ${name}: running…`, tone: 'progress'});
		runInBackground(argv).then(
			output => {
				const message = ended(command.label, name, output);
				notify(message);
				const title = `${command.label} on ${name}: ${message.text.replace(/^.* (exited|was stopped)/, '$1')}`;
				open({pane: 'output', params: {title, lines: output.dropped > 0 ? [`(${output.dropped} earlier lines not kept)`, ...output.lines] : output.lines}});
			},
			(error: Error) => notify({text: `Could not run ${command.label}: ${error.message}`, tone: 'error'}),
		);
		return true;
	};

	return {
		run,
		view: away === undefined ? undefined : <Box height={props.height}><Text dimColor>{`  ${away}`}</Text></Box>,
	};
}
