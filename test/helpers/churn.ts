// Container churn for the fault tests: changes made straight on the engine (not
// through the faulty link) while berth watches, so berth has something to miss.
import type Docker from 'dockerode';
import {testLabel} from './test-engine.js';

export class Churn {
	private made = 0;

	/** At most `limit` containers of ours at once, so all of them fit on the screen berth is read from. */
	constructor(private readonly docker: Docker, readonly prefix: string, private readonly random: () => number = Math.random, private readonly limit = 30) {}

	async create(isStarted = true, cmd: readonly string[] = ['sleep', '3600'], healthcheck?: Docker.ContainerCreateOptions['Healthcheck']): Promise<Docker.Container> {
		const container = await this.docker.createContainer({name: `${this.prefix}${++this.made}`, Image: 'berth-test/busybox:latest', Cmd: [...cmd], Labels: {[testLabel]: 'churn'}, HostConfig: {NetworkMode: 'none'}, ...(healthcheck ? {Healthcheck: healthcheck} : {})});
		if (isStarted) await container.start();
		return container;
	}

	/** One of each change berth must follow: start, stop, exit with a code, pause, unpause, create, remove. */
	async everyKind(): Promise<void> {
		await this.create();
		await this.create();
		await this.create(false);
		await (await this.create(true, ['sh', '-c', 'exit 7'])).wait();
		const running = await this.mine('running');
		if (running[0]) await this.docker.getContainer(running[0]).stop({t: 0});
		if (running[1]) await this.docker.getContainer(running[1]).pause();
		const paused = (await this.mine('paused')).filter(id => id !== running[1]);
		if (paused[0]) await this.docker.getContainer(paused[0]).unpause();
		const exited = await this.mine('exited');
		if (exited.length > 1 && exited[0]) await this.docker.getContainer(exited[0]).remove({force: true});
	}

	/** One change picked at random (from the constructor's random source). */
	async step(): Promise<string> {
		const running = await this.mine('running');
		const full = (await this.mine()).length >= this.limit;
		const drawn = Math.floor(this.random() * 6);
		const pick = full && drawn === 0 ? 4 : drawn;
		const any = <T>(items: readonly T[]) => items[Math.floor(this.random() * items.length)];
		try {
			switch (pick) {
				case 0: await this.create(); return 'start';
				case 1: {
					const id = any(running);
					if (id) await this.docker.getContainer(id).stop({t: 0});
					return 'stop';
				}
				case 2: {
					const id = any(running);
					if (id) await this.docker.getContainer(id).pause();
					return 'pause';
				}
				case 3: {
					const id = any(await this.mine('paused'));
					if (id) await this.docker.getContainer(id).unpause();
					return 'unpause';
				}
				case 4: {
					const all = await this.mine();
					const id = all.length > 4 ? any(all) : undefined;
					if (id) await this.docker.getContainer(id).remove({force: true});
					return 'remove';
				}
				default: {
					const id = any(await this.mine('exited'));
					if (id) await this.docker.getContainer(id).start();
					return 'restart';
				}
			}
		} catch {
			// A container that changed under a step (paused twice, removed meanwhile) is churn too.
			return 'raced';
		}
	}

	private async mine(state?: string): Promise<string[]> {
		const list = await this.docker.listContainers({all: true, filters: {label: [`${testLabel}=churn`], ...(state ? {status: [state]} : {})}});
		return list.filter(info => (info.Names[0] ?? '').startsWith(`/${this.prefix}`)).map(info => info.Id);
	}
}
