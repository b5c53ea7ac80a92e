import {Text} from 'ink';
import type {Alert} from '../engine/alerts.js';
import {alertColor, alertLabel} from '../format/alert-view.js';
import {clockTime} from '../format/event-line.js';
import {color} from '../theme.js';

/** One line over the status line when an alert is new: what happened, and where to look. */
export function AlertToast(props: {readonly alert: Alert}) {
	const {alert} = props;
	return (
		<Text wrap="truncate-end">
			<Text color={color(alertColor[alert.kind])} bold inverse>{` ! ${alertLabel[alert.kind]} `}</Text>
			{` ${clockTime(alert.lastTime)} ${alert.message}`}
			<Text dimColor>  (! alerts)</Text>
		</Text>
	);
}
