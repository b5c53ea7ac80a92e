// The floor under any monitor written for Node: Node itself, the container list and one
// stats stream per running container through node:http, every sample parsed as JSON,
// and the names printed once. Nothing else is drawn. `npm run bench` runs it beside
// berth and `docker stats` with berth's V8 flags, so each run shows how much of
// berth's cost any Node program reading the same streams pays.
import http from 'node:http';

const socketPath = (process.env.DOCKER_HOST ?? '').replace(/^unix:\/\//, '');
const agent = new http.Agent({keepAlive: true, maxSockets: Infinity});

function request(path, onResponse) {
	http.get({socketPath, path, agent}, onResponse).on('error', error => {
		process.stderr.write(`node floor: ${error.message}\n`);
		process.exit(1);
	});
}

request('/containers/json', response => {
	let body = '';
	response.setEncoding('utf8');
	response.on('data', chunk => (body += chunk));
	response.on('end', () => {
		const list = JSON.parse(body);
		process.stdout.write(`${list.map(container => container.Names[0].slice(1)).join('\r\n')}\r\n`);
		for (const container of list) {
			request(`/containers/${container.Id}/stats`, stream => {
				let pending = '';
				stream.setEncoding('utf8');
				stream.on('data', chunk => {
					pending += chunk;
					let end;
					while ((end = pending.indexOf('\n')) !== -1) {
						JSON.parse(pending.slice(0, end));
						pending = pending.slice(end + 1);
					}
				});
			});
		}
	});
});
