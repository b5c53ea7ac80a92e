import {Text} from 'ink';
import type {Alert} from '../../engine/alerts/alerts.js';
import {alertColor, alertLabel} from './alert-view.js';
import {clockTime} from '../../text/event-line.js';
import {color} from '../../components/theme.js';

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
