// Placeholder: owned by the connection helper; see its task.
export type EngineErrorKind =
	| 'unreachable'
	| 'permission'
	| 'not-found'
	| 'conflict'
	| 'bad-config'
	| 'unknown-context'
	| 'timeout'
	| 'server'
	| 'unknown';
