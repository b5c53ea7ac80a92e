// The containers every benchmark watches: lightly busy busybox ones, labelled so
// a run finds those an earlier run left and removes only its own.
import type Docker from 'dockerode';

export const benchLabel = 'berth.bench';

/** Starts containers until count exist, each doing a little work every second, so every row's numbers change as on a real host. */
export async function startBenchContainers(docker: Docker, count: number): Promise<void> {
	const existing = await docker.listContainers({all: true, filters: {label: [benchLabel]}});
	for (let index = existing.length; index < count; index++) {
		const container = await docker.createContainer({
			name: `bench-${String(index).padStart(3, '0')}`,
			Image: 'berth-test/busybox:latest',
			Cmd: ['sh', '-c', 'while :; do i=0; while [ $i -lt 300 ]; do i=$((i+1)); done; sleep 1; done'],
			Labels: {[benchLabel]: '1'},
		});
		await container.start();
	}
}

export async function removeBenchContainers(docker: Docker): Promise<void> {
	const all = await docker.listContainers({all: true, filters: {label: [benchLabel]}});
	await Promise.all(all.map(info => docker.getContainer(info.Id).remove({force: true})));
}
