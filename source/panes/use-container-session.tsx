import type Docker from 'dockerode';
import type {Key} from 'ink';
import type {ReactNode} from 'react';
import type {StatusMessage} from '../components/status-line.js';
import type {ContainerSummary} from '../engine/containers.js';

export type SessionKind = 'exec' | 'attach' | 'run';

export interface ContainerSession {
	readonly start: (kind: SessionKind, container: ContainerSummary) => void;
	readonly handleKey: (input: string, key: Key) => boolean;
	readonly view: ReactNode | undefined;
}

export function useContainerSession(_docker: Docker, notify: (message: StatusMessage) => void): ContainerSession {
	return {
		start: () => notify({text: 'Not yet.', tone: 'error'}),
		handleKey: () => false,
		view: undefined,
	};
}
