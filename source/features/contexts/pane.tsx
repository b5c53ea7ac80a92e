// `:ctx`: the docker contexts and configured hosts, the ones in use marked.
// Enter switches the whole app (k9s' context view does the same); space marks
// several to watch together; `-` goes back to the engines used before.
import {Box, Text, type Key} from 'ink';
import {useEffect, useMemo, useRef, useState} from 'react';
import {usePaneKeys, type PaneProps} from '../../components/pane.js';
import {moveSelection} from '../../components/selection.js';
import {accent, color, selectedStyle} from '../../components/theme.js';
import {commandFor} from '../../keys/keymap.js';
import {engineChoices, findChoice, type EngineChoice} from '../../shell/engine-choices.js';
import {useEngineSwitch} from '../../shell/engine-switch.js';
import {contextColumns, contextLine, headerLine} from './rows.js';
import {contextsKeys, type ContextsCommand} from './keys.js';

const choiceKey = (choice: EngineChoice) => `${choice.kind}:${choice.name}`;

export function ContextsPane(props: PaneProps) {
	const engines = useEngineSwitch();
	const store = engines?.store;
	// Read once as the pane opens: the store is a handful of small files.
	const {choices, problems} = useMemo(() => (store ? engineChoices(store) : {choices: [], problems: []}), [store]);
	const inUse = new Set(engines?.current ?? []);
	const [selected, setSelected] = useState(() => Math.max(0, choices.findIndex(choice => inUse.has(choice.name))));
	const [marked, setMarked] = useState<ReadonlySet<string>>(() => new Set());
	const [isSwitching, setSwitching] = useState(false);
	const listHeight = Math.max(1, props.height - 2);
	const offset = useRef(0);
	offset.current = Math.min(Math.max(offset.current, selected - listHeight + 1), Math.max(0, selected));
	const {notify} = props;
	const problemText = problems[0];
	useEffect(() => {
		if (problemText) notify({text: problemText, tone: 'error'});
	}, [problemText, notify]);

	const switchTo = (picked: readonly EngineChoice[]) => {
		if (!engines) {
			notify({text: 'This berth cannot switch engines.', tone: 'error'});
			return;
		}
		if (picked.length === 0 || isSwitching) return;
		setSwitching(true);
		notify({text: `Connecting to ${picked.map(choice => choice.name).join(', ')}…`, tone: 'progress'});
		// On success the whole app is remade for the new engine and this pane goes with it.
		void engines.switchTo(picked).then(problem => {
			setSwitching(false);
			if (problem) notify({text: problem, tone: 'error'});
		});
	};

	const runCommand = (command: ContextsCommand) => {
		const moved = moveSelection(command, selected, choices.length, listHeight);
		if (moved !== undefined) {
			setSelected(moved);
			return;
		}
		const choice = choices[selected];
		if (command === 'mark') {
			if (!choice) return;
			const next = new Set(marked);
			if (next.has(choiceKey(choice))) next.delete(choiceKey(choice));
			else next.add(choiceKey(choice));
			setMarked(next);
			setSelected(Math.min(choices.length - 1, selected + 1));
		} else if (command === 'use') {
			switchTo(marked.size > 0 ? choices.filter(candidate => marked.has(choiceKey(candidate))) : choice ? [choice] : []);
		} else if (command === 'previous') {
			const previous = engines?.previous;
			if (!previous || !store) {
				notify({text: 'No engine was in use before this one.', tone: 'error'});
				return;
			}
			try {
				switchTo(previous.map(name => findChoice(name, store)));
			} catch (error) {
				notify({text: (error as Error).message, tone: 'error'});
			}
		}
	};

	const handleKey = (input: string, key: Key): boolean => {
		const command = commandFor({input, ...key}, contextsKeys);
		if (!command) return false;
		runCommand(command);
		return true;
	};
	usePaneKeys(props, handleKey);

	const rowWidth = Math.max(0, props.width - 2);
	const columns = contextColumns(choices, rowWidth);
	const visible = choices.slice(offset.current, offset.current + listHeight);
	return (
		<Box flexDirection="column" height={props.height}>
			<Text wrap="truncate-end">
				<Text bold color={color(accent)}>Contexts</Text>
				<Text dimColor>{` ${choices.length}  in use: ${[...inUse].join(', ') || '?'}${marked.size > 0 ? `  marked: ${marked.size}` : ''}`}</Text>
			</Text>
			<Text bold wrap="truncate-end">{`  ${headerLine(columns, rowWidth)}`}</Text>
			{visible.map((choice, index) => {
				const isInUse = inUse.has(choice.name);
				const mark = marked.has(choiceKey(choice)) ? '›' : isInUse ? '●' : ' ';
				return (
					<Text key={choiceKey(choice)} {...selectedStyle(offset.current + index === selected)} wrap="truncate-end">
						<Text color={color(isInUse ? 'green' : accent)}>{`${mark} `}</Text>
						{contextLine(choice, columns, rowWidth)}
					</Text>
				);
			})}
		</Box>
	);
}
