// Run by test/unit/load-time.test.ts as a start-up snapshot's entry script
// (node --build-snapshot): records what berth's modules measure or open while
// they load, as they do while berth's snapshot is made, and writes it as JSON to
// PROBE_REPORT. Recording stops when berth sets the snapshot's main function,
// the first thing it does once every module is loaded (source/startup/prepare-snapshot.ts).
/* eslint-disable @typescript-eslint/no-require-imports -- a snapshot's entry script is CommonJS, and only Node's own modules can be required in it */
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const tty = require('node:tty');
const crypto = require('node:crypto');
const vm = require('node:vm');
const v8 = require('node:v8');

const bundlePath = process.env.PROBE_BUNDLE;
const reportPath = process.env.PROBE_REPORT;
const records = [];
let recording = false;

function record(what) {
	if (!recording) return;
	// The first stack frame in the bundle: the line says which module called.
	// (The snapshot builder keeps no stack traces unless asked.)
	Error.stackTraceLimit = 30;
	const stack = new Error().stack ?? '';
	delete Error.stackTraceLimit;
	const frame = stack.split('\n').find(line => line.includes(bundlePath));
	const line = frame ? Number(/:(\d+):\d+\)?$/.exec(frame)?.[1] ?? 0) : 0;
	records.push({what, line});
}

function wrap(object, key, name) {
	const original = object[key];
	object[key] = function (...args) {
		record(name);
		return new.target ? Reflect.construct(original, args, new.target) : original.apply(this, args);
	};
}

// Time.
wrap(Date, 'now', 'Date.now()');
wrap(performance, 'now', 'performance.now()');
wrap(process, 'hrtime', 'process.hrtime()');
wrap(process.hrtime, 'bigint', 'process.hrtime.bigint()');
const RealDate = Date;
globalThis.Date = new Proxy(RealDate, {construct(target, args, newTarget) {
	if (args.length === 0) record('new Date()');
	return Reflect.construct(target, args, newTarget);
}, apply(target, self, args) {
	record('Date()');
	return Reflect.apply(target, self, args);
}});
// The environment and the terminal.
const realEnv = process.env;
process.env = new Proxy(realEnv, {
	get(target, key) {
		if (typeof key === 'string') record(`process.env.${key}`);
		return Reflect.get(target, key);
	},
	has(target, key) {
		if (typeof key === 'string') record(`process.env.${key}`);
		return Reflect.has(target, key);
	},
	ownKeys(target) {
		record('process.env (all of it)');
		return Reflect.ownKeys(target);
	},
});
for (const name of ['stdin', 'stdout', 'stderr']) {
	const descriptor = Object.getOwnPropertyDescriptor(process, name);
	Object.defineProperty(process, name, {...descriptor, get() {
		record(`process.${name}`);
		return descriptor.get.call(process);
	}});
}
wrap(tty, 'isatty', 'tty.isatty()');
wrap(process, 'cwd', 'process.cwd()');
for (const name of ['homedir', 'hostname', 'userInfo', 'cpus', 'tmpdir', 'networkInterfaces']) wrap(os, name, `os.${name}()`);
// Files, sockets, timers, randomness.
for (const name of ['open', 'openSync', 'readFile', 'readFileSync', 'readdir', 'readdirSync', 'stat', 'statSync', 'lstatSync', 'existsSync', 'accessSync', 'createReadStream', 'createWriteStream', 'watch', 'watchFile']) wrap(fs, name, `fs.${name}()`);
for (const name of ['open', 'readFile', 'readdir', 'stat']) wrap(fs.promises, name, `fs.promises.${name}()`);
wrap(net.Socket.prototype, 'connect', 'a socket connect()');
wrap(net, 'createServer', 'net.createServer()');
for (const name of ['setTimeout', 'setInterval', 'setImmediate']) wrap(globalThis, name, `${name}()`);
for (const name of ['randomBytes', 'randomUUID']) wrap(crypto, name, `crypto.${name}()`);
wrap(Math, 'random', 'Math.random()');
// Intl objects, which a snapshot cannot hold, and the calls that cache one inside V8.
for (const name of ['Segmenter', 'Collator', 'DateTimeFormat', 'NumberFormat', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'DisplayNames', 'Locale']) {
	const Real = Intl[name];
	Intl[name] = new Proxy(Real, {construct(target, args, newTarget) {
		record(`new Intl.${name}()`);
		return Reflect.construct(target, args, newTarget === Intl[name] ? target : newTarget);
	}});
}
wrap(String.prototype, 'localeCompare', 'String#localeCompare()');
wrap(Number.prototype, 'toLocaleString', 'Number#toLocaleString()');
wrap(RealDate.prototype, 'toLocaleString', 'Date#toLocaleString()');

const {startupSnapshot} = v8;
startupSnapshot.setDeserializeMainFunction = function () {
	recording = false;
	fs.writeFileSync(reportPath, JSON.stringify(records));
	// Nothing more is wanted from this snapshot: it is never run.
	process.exit(0);
};

const source = fs.readFileSync(bundlePath, 'utf8');
const compiled = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {filename: bundlePath});
recording = true;
compiled({}, require, {exports: {}}, bundlePath, require('node:path').dirname(bundlePath));
recording = false;
fs.writeFileSync(reportPath, JSON.stringify([{what: 'berth never set the snapshot\'s main function', line: 0}, ...records]));
