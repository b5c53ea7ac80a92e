import type Docker from 'dockerode';
import {useStdout} from 'ink';
import {useCallback, useEffect, useRef, useState} from 'react';
import {defaultAlertRules, emptyAlertLog, recordAlert, type Alert, type AlertDraft, type AlertLog, type AlertRules} from '../../engine/alerts/alerts.js';
import type {FleetMemberRef} from '../../hooks/use-fleet-resource-list.js';
import {watchAlerts} from '../../engine/alerts/alert-watch.js';

export interface AlertsState {
	readonly log: AlertLog;
	/** New alerts since the alert list was last looked at. */
	readonly unseen: number;
	/** The newest new alert, for a few seconds. */
	readonly toast: Alert | undefined;
	readonly isBellOn: boolean;
	/** The alert selected in the list; kept here so the list keeps its place when a person comes back from logs or events. */
	readonly selectedSeq: number | undefined;
	readonly select: (seq: number | undefined) => void;
	readonly markSeen: () => void;
	readonly toggleBell: () => void;
	readonly clear: () => void;
}

export interface AlertWatchOptions {
	readonly rules?: AlertRules;
	readonly isBellEnabled?: boolean;
}

const toastLifetimeMs = 8000;
// A crash loop in ten containers must not turn the terminal into a buzzer.
const bellGapMs = 2000;

/**
 * The app's one alert subscription: runs whatever pane is open, keeps a
 * bounded alert log, shows the newest new alert as a toast and rings the
 * terminal bell (BEL moves no cursor, so it does not disturb the frame).
 */
export function useAlertWatch(docker: Docker, options: AlertWatchOptions = {}, fleet?: readonly FleetMemberRef[]): AlertsState {
	const {stdout} = useStdout();
	const rules = options.rules ?? defaultAlertRules;
	const [log, setLog] = useState<AlertLog>(emptyAlertLog);
	const [unseen, setUnseen] = useState(0);
	const [toast, setToast] = useState<Alert | undefined>(undefined);
	const [isBellOn, setBellOn] = useState(options.isBellEnabled ?? true);
	const [selectedSeq, select] = useState<number | undefined>(undefined);
	// The bell setting and the log in refs too: onAlert, made once per subscription, reads
	// them as each alert comes, and needs the log's update at once to tell a new alert.
	const bellRef = useRef(isBellOn);
	bellRef.current = isBellOn;
	const lastBell = useRef(0);
	const logRef = useRef<AlertLog>(emptyAlertLog);

	useEffect(() => {
		const controller = new AbortController();
		let toastTimer: NodeJS.Timeout | undefined;
		const onAlert = (draft: AlertDraft) => {
				const result = recordAlert(logRef.current, draft, rules.restartWindowMs);
				logRef.current = result.log;
				setLog(result.log);
				if (!result.isNew) return;
				setUnseen(count => count + 1);
				setToast(result.alert);
				clearTimeout(toastTimer);
				toastTimer = setTimeout(() => setToast(undefined), toastLifetimeMs);
				const now = Date.now();
				if (bellRef.current && now - lastBell.current >= bellGapMs) {
					lastBell.current = now;
					stdout.write('\u0007');
				}
		};
		// Several engines: each watched on its own; an alert says its engine, and an engine's own
		// alerts (lost, Swarm) fold by engine, not across them.
		if (fleet) {
			for (const member of fleet) {
				void watchAlerts(member.docker, {onAlert: draft => onAlert({...draft, message: `${member.name}: ${draft.message}`, ...(draft.containerId === undefined ? {key: `${member.name}/${draft.key ?? ''}`} : {})})}, controller.signal, rules);
			}
		} else void watchAlerts(docker, {onAlert}, controller.signal, rules);
		return () => {
			controller.abort();
			clearTimeout(toastTimer);
		};
	}, [docker, rules, stdout, fleet]);

	const markSeen = useCallback(() => {
		setUnseen(0);
		setToast(undefined);
	}, []);
	const toggleBell = useCallback(() => setBellOn(on => !on), []);
	const clear = useCallback(() => {
		logRef.current = {alerts: [], nextSeq: logRef.current.nextSeq};
		setLog(logRef.current);
		setUnseen(0);
		setToast(undefined);
	}, []);
	return {log, unseen, toast, isBellOn, selectedSeq, select, markSeen, toggleBell, clear};
}
