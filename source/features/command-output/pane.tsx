// What a background custom command printed, and how it ended: a page of text, Esc goes back.
import {useRef} from 'react';
import {TextPanel} from '../../components/panels.js';
import {usePaneKeys, type KeyHandler, type PaneProps} from '../../components/pane.js';

export function OutputPane(props: PaneProps) {
	const title = typeof props.params['title'] === 'string' ? props.params['title'] : 'Output';
	const lines = Array.isArray(props.params['lines']) ? (props.params['lines'] as unknown[]).map(String) : [];
	const subKeys = useRef<KeyHandler | undefined>(undefined);
	usePaneKeys(props, (input, key) => subKeys.current?.(input, key) ?? false);
	return <TextPanel title={title} lines={lines.length > 0 ? lines : ['(no output)']} height={props.height} setStatus={props.setStatus} keysRef={subKeys} hint="Esc back" />;
}
