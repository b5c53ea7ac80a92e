import type {Key} from 'ink';
import {useMemo, useRef, useState} from 'react';
import type {StatusLineProps} from '../components/status-line.js';
import {clampTop, matchingLines, nextMatch} from '../components/text-view-model.js';
import {listKeys} from '../keys/list-keys.js';
import {commandFor} from '../keys/keymap.js';
import {splitTyped} from '../text/typed-text.js';

export interface TextViewState {
	readonly top: number;
	readonly search: string;
	readonly matches: readonly number[];
	/** j/k, PgUp/PgDn, g/G scroll; / searches (Enter keeps, Esc clears); n/N jump between matches. */
	readonly handleKey: (input: string, key: Key) => boolean;
}

export function useTextView(lines: readonly string[], height: number, setStatus: (status: StatusLineProps | undefined) => void, options: {readonly followTail?: boolean} = {}): TextViewState {
	const [top, setTopState] = useState(0);
	const [search, setSearch] = useState('');
	const [isTyping, setTyping] = useState(false);
	const matches = useMemo(() => matchingLines(lines, search), [lines, search]);
	const count = lines.length;
	const atEnd = useRef(true);
	// Streaming output (a build) stays pinned to the end unless the person scrolled up.
	const effectiveTop = options.followTail && atEnd.current ? clampTop(count, count, height) : clampTop(top, count, height);
	const setTop = (next: number) => {
		const clamped = clampTop(next, count, height);
		atEnd.current = clamped >= clampTop(count, count, height);
		setTopState(clamped);
	};
	const prompt = (value: string) => setStatus({kind: 'input', prompt: '/', value, hint: 'Enter find · Esc clear · n/N next/previous'});
	const jump = (needle: string, from: number, direction: 1 | -1) => {
		const found = nextMatch(matchingLines(lines, needle), from, direction);
		if (found !== undefined) setTop(found - Math.floor(height / 3));
	};

	// Keys come one per commit (app.tsx): top and search are read as rendered.
	const handleKey = (input: string, key: Key): boolean => {
		if (isTyping) {
			if (key.escape) {
				setTyping(false);
				setSearch('');
				setStatus(undefined);
			} else if (key.return) {
				setTyping(false);
				setStatus(undefined);
				jump(search, effectiveTop - 1, 1);
			} else if (key.backspace || key.delete) {
				setSearch(search.slice(0, -1));
				prompt(search.slice(0, -1));
			} else if (input && !key.ctrl && !key.meta) {
				const typed = splitTyped(input);
				const next = search + typed.text;
				setSearch(next);
				if (typed.submitted) {
					setTyping(false);
					setStatus(undefined);
					jump(next, effectiveTop - 1, 1);
				} else prompt(next);
			}
			return true;
		}
		const command = commandFor({input, ...key}, listKeys);
		const page = Math.max(1, height - 1);
		switch (command) {
			case 'up': setTop(effectiveTop - 1); return true;
			case 'down': setTop(effectiveTop + 1); return true;
			case 'pageUp': setTop(effectiveTop - page); return true;
			case 'pageDown': setTop(effectiveTop + page); return true;
			case 'top': setTop(0); return true;
			case 'bottom': setTop(count); return true;
			default: break;
		}
		if (input === '/') {
			setTyping(true);
			prompt(search);
			return true;
		}
		if ((input === 'n' || input === 'N') && search) {
			const anchor = effectiveTop + Math.floor(height / 3);
			jump(search, anchor, input === 'n' ? 1 : -1);
			return true;
		}
		if (key.escape && search) {
			setSearch('');
			return true;
		}
		return false;
	};
	return {top: effectiveTop, search, matches, handleKey};
}
