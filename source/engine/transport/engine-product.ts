import {sanitizeInline} from '../../text/sanitize.js';

/**
 * Which engine answers: "Docker", or "Podman" for podman's Docker-compatible API,
 * which says so in /version's components ("Podman Engine") while giving its own
 * version number, so "Docker 4.3.1" would name a Docker release that never was.
 */
export function engineProduct(version: {readonly Components?: ReadonlyArray<{readonly Name?: string}> | null}): string {
	const names = (version.Components ?? []).map(component => component.Name ?? '');
	return names.some(name => /^podman\b/i.test(name)) ? 'Podman' : 'Docker';
}

/** The engine's version as it reports it, safe to show (it is text from the other end). */
export function engineVersionText(version: {readonly Version?: string}): string {
	return sanitizeInline(version.Version ?? '');
}
