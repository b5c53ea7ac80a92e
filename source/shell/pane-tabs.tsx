import {Text} from 'ink';
import {memo} from 'react';
import {color} from '../components/theme.js';

export interface PaneTabsProps {
	readonly titles: readonly string[];
	readonly activeIndex: number;
}

/** The top-level panes as tabs, the one in use marked; `<` and `>` move between them, `:name` jumps. */
export const PaneTabs = memo(function PaneTabs(props: PaneTabsProps) {
	return (
		<Text wrap="truncate-end">
			{props.titles.map((title, index) => (index === props.activeIndex
				? <Text key={title} inverse bold color={color('tabs')}>{` ${title} `}</Text>
				: <Text key={title} dimColor>{` ${title} `}</Text>))}
			<Text dimColor>{'  < > switch'}</Text>
		</Text>
	);
});
