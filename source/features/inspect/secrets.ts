// Environment values whose names look secret stay hidden until a person asks.
const secretName = /PASS|SECRET|TOKEN|KEY/i;

export function isSecretName(name: string): boolean {
	return secretName.test(name);
}

/** "DB_PASSWORD=hunter2" -> "DB_PASSWORD=••••••" when masked; other entries unchanged. */
export function maskEnvEntry(entry: string, isMasked: boolean): string {
	const equals = entry.indexOf('=');
	if (!isMasked || equals === -1) return entry;
	const name = entry.slice(0, equals);
	return isSecretName(name) ? `${name}=••••••` : entry;
}

/** A copy of a container inspect document with Config.Env masked. */
export function maskInspect(inspect: Readonly<Record<string, unknown>>, isMasked: boolean): Readonly<Record<string, unknown>> {
	const config = inspect['Config'] as {Env?: string[] | null} | undefined;
	if (!isMasked || !config?.Env) return inspect;
	return {...inspect, Config: {...config, Env: config.Env.map(entry => maskEnvEntry(entry, true))}};
}
