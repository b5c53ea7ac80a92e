// The build form's words as the engine's /build query: build args, labels and
// the Dockerfile's path, each checked with a plain message for a mistake.
import {isAbsolute, join, relative, resolve} from 'node:path';
import {sanitizeInline} from '../../text/sanitize.js';
import {EngineError} from '../transport/errors.js';
import {splitWords} from './run-image.js';

/** "KEY=value KEY2='two words'", commas or spaces between; a bare KEY takes its value from berth's environment, as `--build-arg KEY` does. */
export function parsePairs(text: string, what: 'build arg' | 'label', env: NodeJS.ProcessEnv = process.env): Record<string, string> {
	const pairs: Record<string, string> = {};
	for (const item of splitWords(text).flatMap(word => word.split(',')).filter(Boolean)) {
		const equals = item.indexOf('=');
		const key = equals === -1 ? item : item.slice(0, equals);
		if (!key || /\s/.test(key)) throw new EngineError('bad-config', `"${sanitizeInline(item)}" is not a ${what}: write KEY=value.`);
		if (equals === -1) {
			const value = what === 'build arg' ? env[key] : '';
			if (value === undefined) throw new EngineError('bad-config', `The build arg ${sanitizeInline(key)} has no value here and is not in berth's environment: write ${sanitizeInline(key)}=value.`);
			pairs[key] = value;
		} else pairs[key] = item.slice(equals + 1);
	}
	return pairs;
}

/** The Dockerfile as the engine wants it: a path inside the context, with forward slashes. */
export function dockerfileInContext(directory: string, typed: string): string {
	const name = typed.trim() || 'Dockerfile';
	const full = isAbsolute(name) ? name : join(directory, name);
	const inside = relative(resolve(directory), resolve(full));
	if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
		throw new EngineError('bad-config', `The Dockerfile ${sanitizeInline(name)} is not inside ${sanitizeInline(directory)}; the engine only sees the directory it builds.`);
	}
	return inside.split('\\').join('/');
}

const platformPattern = /^[a-z0-9_-]+\/[a-z0-9_-]+(\/[a-z0-9_.-]+)?$/i;

export function checkPlatform(typed: string): string {
	const platform = typed.trim();
	if (platform && !platformPattern.test(platform)) throw new EngineError('bad-config', `"${sanitizeInline(platform)}" is not a platform: write os/arch, e.g. linux/amd64 or linux/arm64/v8.`);
	return platform;
}

/** The images a Dockerfile's FROM lines name (not earlier stages, not ones built from ARGs), for their registries' credentials. */
export function baseImages(dockerfile: string): string[] {
	const stages = new Set<string>();
	const images: string[] = [];
	for (const line of dockerfile.split(/\r?\n/)) {
		const match = /^\s*FROM\s+(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?/i.exec(line);
		if (!match) continue;
		const image = match[1] ?? '';
		if (!stages.has(image.toLowerCase()) && !image.includes('$') && image.toLowerCase() !== 'scratch') images.push(image);
		if (match[2]) stages.add(match[2].toLowerCase());
	}
	return [...new Set(images)];
}
