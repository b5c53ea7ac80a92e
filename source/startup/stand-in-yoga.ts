import Yoga from 'yoga-layout';

const keys = ['Config', 'Node'] as const;
// What Ink asks a yoga node while it renders; every other call answers 0.
const sizes: Readonly<Record<string, number>> = {getComputedWidth: 1000, getComputedHeight: 1};
const standInNode = () => new Proxy({}, {get: (_, name) => () => (typeof name === 'string' ? sizes[name] : undefined) ?? 0});

/**
 * Runs `run` with a stand-in yoga whose nodes lay nothing out, then puts the real
 * one back untouched. For the render made while the start-up snapshot is made:
 * no WebAssembly can run then. berth's yoga (patches/yoga-layout+3.2.1.patch)
 * compiles its WebAssembly on first use of Config or Node, which are replaceable
 * properties until then.
 */
export function withStandInYoga(run: () => void): void {
	const yoga = Yoga as unknown as Record<(typeof keys)[number], unknown>;
	const saved = keys.map(key => Object.getOwnPropertyDescriptor(yoga, key));
	if (saved.some(descriptor => descriptor?.get === undefined)) throw new Error('yoga is already started, or is not berth\'s patched yoga');
	for (const key of keys) Object.defineProperty(yoga, key, {value: {create: standInNode}, configurable: true});
	try {
		run();
	} finally {
		keys.forEach((key, index) => Object.defineProperty(yoga, key, saved[index] ?? {}));
	}
}
