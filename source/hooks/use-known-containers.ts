import {useEffect, useMemo, useState} from 'react';
import type {ContainerSummary} from '../engine/resources/containers.js';

/**
 * The containers with these ids as last listed. A pane opened on a container
 * (logs, detail) keeps its name when the container is removed, or when the
 * engine goes away and its list with it, rather than falling back to an id.
 */
export function useKnownContainers(containers: readonly ContainerSummary[], ids: readonly string[]): ReadonlyMap<string, ContainerSummary> {
	const idsKey = ids.join(',');
	const listed = useMemo(() => {
		const wanted = new Set(ids);
		return new Map(containers.filter(c => wanted.has(c.id)).map(c => [c.id, c]));
	}, [containers, idsKey]); // eslint-disable-line react-hooks/exhaustive-deps -- idsKey stands for ids
	const [remembered, setRemembered] = useState<ReadonlyMap<string, ContainerSummary>>(listed);
	useEffect(() => {
		if (listed.size > 0) setRemembered(previous => new Map([...previous, ...listed]));
	}, [listed]);
	return useMemo(() => new Map([...remembered, ...listed]), [remembered, listed]);
}
