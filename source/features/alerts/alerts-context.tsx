import {createContext, useContext} from 'react';
import type {AlertsState} from './use-alert-watch.js';

/** The app's alerts, for the alert list pane (the app owns the subscription). */
export const AlertsContext = createContext<AlertsState | undefined>(undefined);

export function useAlerts(): AlertsState {
	const state = useContext(AlertsContext);
	if (!state) throw new Error('useAlerts() outside <AlertsContext.Provider>');
	return state;
}
