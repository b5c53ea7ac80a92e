/** OpenSSH's patterns (host names in known_hosts, file names in Include): `*` any run, `?` one character, the rest literal. */
export function wildcardMatches(pattern: string, name: string, ignoreCase = false): boolean {
	const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${source}$`, ignoreCase ? 'i' : '').test(name);
}
