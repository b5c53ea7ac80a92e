import {useEffect, useMemo, useRef, useState} from 'react';
import type {ContainerSummary} from '../engine/resources/containers.js';
import type {ContainerTimes} from '../engine/resources/container-times.js';
import {TimesCache} from '../engine/resources/times-cache.js';
import {stateWords, stateWordsChangeAt, type StateTimes} from '../text/status-words.js';

export interface StatusWords {
	/** The engine's status words for a container as they read now: written from its times, or the list's own until those are known. */
	readonly of: (container: ContainerSummary) => string;
}

/** Time and a timer, injectable so tests need not wait. */
export interface StatusClock {
	readonly now: () => number;
	/** Runs `run` after `ms`; returns what cancels it. */
	readonly setTimer: (run: () => void, ms: number) => () => void;
}

const maxWaitMs = 24 * 3600 * 1000;
/**
 * Each young container's seconds turn over at its own fraction of a second: a
 * hundred of them would redraw the pane a hundred times a second. Words may wait
 * this long after the last redraw instead; a lone container's are on time.
 */
const ownRedrawMs = 500;
/**
 * While running containers' stats redraw the views every second, those frames
 * carry the words: ours come only if one is more than this late.
 */
const statsRedrawMs = 1200;

export interface StatusWordsOptions {
	/** Something else (the stats) redraws the views about once a second. */
	readonly isRedrawnEachSecond?: boolean;
	readonly clock?: StatusClock;
}

export const systemClock: StatusClock = {
	now: () => Date.now(),
	setTimer(run, ms) {
		const timer = setTimeout(run, ms);
		return () => clearTimeout(timer);
	},
};

/**
 * Status words that are right every second. Each container's start and finish
 * times come from a background inspect (bounded, see TimesCache); the words are
 * written from them on the engine's clock (`clockOffsetMs`: engine minus ours,
 * undefined until known). Rather than a timer per second, one timeout waits for
 * the earliest moment any container's words change ("Up 59 seconds" to "Up
 * About a minute", "3 days" to "4 days"), at most twice a second, and not at
 * all while the stats redraw each second anyway; nothing ticks when no words will change.
 */
export function useStatusWords(
	containers: readonly ContainerSummary[],
	inspect: (id: string, signal: AbortSignal) => Promise<ContainerTimes>,
	clockOffsetMs: number | undefined,
	{isRedrawnEachSecond = false, clock = systemClock}: StatusWordsOptions = {},
): StatusWords {
	// Bumped when the cache learnt times, and when the earliest words changed.
	const [learnt, setLearnt] = useState(0);
	const [ticks, setTicks] = useState(0);
	const cache = useMemo(() => new TimesCache({inspect, onChange: () => setLearnt(count => count + 1)}), [inspect]);
	useEffect(() => () => cache.stop(), [cache]);

	// When this list came, on our clock and then the engine's: what its words say is compared at that moment.
	const listedHere = useMemo(
		() => clock.now(),
		// eslint-disable-next-line react-hooks/exhaustive-deps -- a new list is the moment to read the clock
		[containers, clock],
	);
	const listedAt = clockOffsetMs === undefined ? undefined : listedHere + clockOffsetMs;
	useEffect(() => {
		cache.update(containers, listedAt);
	}, [cache, containers, listedAt]);

	// The times to write a container's words from: known, and not contradicted by the list.
	const timesOf = useMemo(() => (container: ContainerSummary): StateTimes | undefined => {
		const times = clockOffsetMs === undefined ? undefined : cache.times(container, listedAt);
		return times ? {...times, health: container.health} : undefined;
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the cache's times change with `learnt`
	}, [cache, clockOffsetMs, listedAt, learnt]);

	// Words are written at the moment a view asks for them, so any redraw (the stats
	// redraw running containers every second) brings them up to date; `drawnAt` (engine
	// time) is the last such moment. A tick of ours is needed only when no redraw came.
	const drawnAt = useRef(Number.NEGATIVE_INFINITY);
	const words = useMemo<StatusWords>(() => {
		const engineNow = () => clock.now() + (clockOffsetMs ?? 0);
		drawnAt.current = Math.max(drawnAt.current, engineNow());
		return {
			of(container) {
				const times = timesOf(container);
				if (!times) return container.status;
				const at = engineNow();
				drawnAt.current = Math.max(drawnAt.current, at);
				return stateWords(times, at);
			},
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- a tick is a new moment to write words at
	}, [timesOf, clock, clockOffsetMs, ticks]);

	useEffect(() => {
		// A timer may fire a little early by our clock: it waits out the rest rather than draw
		// the same words. Node fires a timer longer than about 24.8 days at once, so none waits over a day.
		let cancel: (() => void) | undefined;
		const wait = () => {
			const drawn = drawnAt.current;
			let changeAt = Number.POSITIVE_INFINITY;
			for (const container of containers) {
				const times = timesOf(container);
				const at = times ? stateWordsChangeAt(times, drawn) : undefined;
				if (at !== undefined && at < changeAt) changeAt = at;
			}
			if (changeAt === Number.POSITIVE_INFINITY) return;
			const here = clock.now() + (clockOffsetMs ?? 0);
			const left = Math.max(changeAt - here, drawn + (isRedrawnEachSecond ? statsRedrawMs : ownRedrawMs) - here);
			if (left > 0) cancel = clock.setTimer(wait, Math.min(left, maxWaitMs));
			else setTicks(count => count + 1);
		};
		wait();
		return () => cancel?.();
	}, [containers, timesOf, words, clock, clockOffsetMs, isRedrawnEachSecond]);

	return words;
}
