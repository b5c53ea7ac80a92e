// What `:ctx` offers: the docker CLI's contexts and the hosts named in berth's
// configuration, each turned into an endpoint only when chosen (a context whose
// files went missing is listed, and said wrong when picked, not at start).
import {configuredHosts} from '../config/configured-hosts.js';
import {readContextStore, type StoreInput} from '../engine/transport/context-store.js';
import {contextEndpoint, resolveEndpoint, type Endpoint} from '../engine/transport/connection.js';
import {EngineError} from '../engine/transport/errors.js';

export interface EngineChoice {
	/** What `:ctx NAME` takes and the HOST column shows. */
	readonly name: string;
	readonly kind: 'context' | 'host' | 'address';
	/** The engine's address, as the store or the file writes it. */
	readonly address: string;
	readonly description: string;
	/** The docker CLI's current context (`docker context ls` marks it with *). */
	readonly isCliCurrent: boolean;
	readonly isReadOnly: boolean;
	/** A configured host of this name hides a context of the same name from `:ctx NAME` (the list still has both). */
	readonly isShadowed?: boolean;
}

export interface EngineChoices {
	readonly choices: readonly EngineChoice[];
	/** Lines to say once: unreadable store entries, names used twice. */
	readonly problems: readonly string[];
}

/** Configured hosts first (berth's own names), then the contexts in `docker context ls` order. */
export function engineChoices(input: StoreInput): EngineChoices {
	const store = readContextStore(input);
	const hosts = configuredHosts();
	const hostChoices: EngineChoice[] = hosts.map(host => ({
		name: host.name,
		kind: 'host',
		address: host.host ?? `context ${host.context ?? ''}`,
		description: 'berth configuration',
		isCliCurrent: false,
		isReadOnly: host.readOnly,
	}));
	const hostNames = new Set(hosts.map(host => host.name));
	const contextChoices: EngineChoice[] = store.contexts.map(context => ({
		name: context.name,
		kind: 'context',
		address: context.host ?? '(no Docker endpoint)',
		description: context.description,
		isCliCurrent: context.name === store.current,
		isReadOnly: false,
		...(hostNames.has(context.name) ? {isShadowed: true} : {}),
	}));
	const shadowed = contextChoices.filter(choice => choice.isShadowed).map(choice => choice.name);
	const problems = [
		...store.problems.map(problem => `A docker context could not be read: ${problem}`),
		...(shadowed.length > 0 ? [`${shadowed.map(name => `"${name}"`).join(', ')} names both a configured host and a docker context: :ctx ${shadowed[0] ?? ''} picks the host; choose the context in the list`] : []),
	];
	return {choices: [...hostChoices, ...contextChoices], problems};
}

/** The choice `:ctx NAME` means: a configured host, else a context, else an address typed in full. */
export function findChoice(name: string, input: StoreInput): EngineChoice {
	const {choices} = engineChoices(input);
	const found = choices.find(choice => choice.name === name && choice.kind === 'host') ?? choices.find(choice => choice.name === name);
	if (found) return found;
	if (/^[a-z]+:\/\//.test(name)) return {name, kind: 'address', address: name, description: '', isCliCurrent: false, isReadOnly: false};
	throw new EngineError('unknown-context', `There is no docker context or configured host named "${name}". Known: ${choices.map(choice => choice.name).join(', ')}.`);
}

/** The endpoint a choice stands for; throws an EngineError a person can act on (missing TLS files, an unknown context). */
export function choiceEndpoint(choice: EngineChoice, input: StoreInput): Endpoint {
	if (choice.kind === 'context') return contextEndpoint(choice.name, input, 'context');
	if (choice.kind === 'address') return resolveEndpoint({host: choice.address, env: input.env, homeDir: input.homeDir});
	const host = configuredHosts().find(candidate => candidate.name === choice.name);
	if (!host) throw new EngineError('unknown-context', `The configured host "${choice.name}" is gone from the configuration.`);
	if (host.host) return resolveEndpoint({host: host.host, env: input.env, homeDir: input.homeDir});
	return contextEndpoint(host.context ?? '', input, 'context');
}

/** Names that complete what was typed after `:ctx `. */
export function choiceNames(input: StoreInput): readonly string[] {
	return [...new Set(engineChoices(input).choices.map(choice => choice.name))];
}
