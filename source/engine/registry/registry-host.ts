// Which registry an image reference lives on, and the key the docker CLI files
// its credentials under: "host[:port]", or Docker Hub's special index name.

/** Where `docker login` with no server files Docker Hub's credentials. */
export const dockerHubIndex = 'https://index.docker.io/v1/';

const hubNames: ReadonlySet<string> = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', dockerHubIndex]);

/**
 * The registry of a reference as the docker CLI reads it (reference.ParseNormalizedNamed):
 * the first path part is a host when it has a dot or a colon or is "localhost"; else Docker Hub.
 */
export function registryOfReference(reference: string): string {
	const trimmed = reference.trim();
	const slash = trimmed.indexOf('/');
	if (slash === -1) return dockerHubIndex;
	const first = trimmed.slice(0, slash);
	if (!/[.:]/.test(first) && first !== 'localhost') return dockerHubIndex;
	return hubNames.has(first.toLowerCase()) ? dockerHubIndex : first;
}

/**
 * What a person typed as a registry ("", "docker.io", "https://ghcr.io/", "127.0.0.1:5000/v2/")
 * as the key the docker CLI stores it under: the host and port, or Docker Hub's index name.
 */
export function registryKey(typed: string): string {
	const trimmed = typed.trim();
	if (trimmed === '' || hubNames.has(trimmed.toLowerCase())) return dockerHubIndex;
	const host = trimmed.replace(/^[a-z]+:\/\//i, '').split('/')[0] ?? '';
	return hubNames.has(host.toLowerCase()) ? dockerHubIndex : host;
}

/** A registry key as people say it: "Docker Hub" for the index name. */
export function registryLabel(key: string): string {
	return key === dockerHubIndex ? 'Docker Hub' : key;
}

/** Whether a registry key is a plain host[:port] a person could have meant (no spaces, no stray characters). */
export function isRegistryName(key: string): boolean {
	return key === dockerHubIndex || /^[a-z0-9.-]+(:\d{1,5})?$/i.test(key) || /^\[[0-9a-f:]+\](:\d{1,5})?$/i.test(key);
}
