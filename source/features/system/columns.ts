import type {EngineInfo, SystemPrunePreview, UsageRow} from '../../engine/resources/system.js';
import {formatBytes} from '../../text/units.js';

const kindNames: Readonly<Record<UsageRow['kind'], string>> = {images: 'Images', containers: 'Containers', volumes: 'Local volumes', buildCache: 'Build cache'};

export function systemLines(info: EngineInfo, usage: readonly UsageRow[]): string[] {
	const percent = (part: number, whole: number) => (whole > 0 ? ` (${Math.round((part / whole) * 100)}%)` : '');
	return [
		'Engine',
		`  Name:            ${info.name}`,
		`  Version:         ${info.engineProduct} ${info.engineVersion}, API ${info.apiVersion}${info.minApiVersion ? ` (min ${info.minApiVersion})` : ''}`,
		`  OS:              ${info.os} (${info.osType}/${info.architecture})`,
		`  Kernel:          ${info.kernel}`,
		`  Storage driver:  ${info.storageDriver}`,
		`  Cgroups:         v${info.cgroupVersion || '?'} (${info.cgroupDriver || '?'} driver)`,
		`  CPUs:            ${info.cpus}`,
		`  Memory:          ${formatBytes(info.memory)}`,
		`  Root dir:        ${info.dockerRootDir}`,
		`  Containers:      ${info.containers.total} (${info.containers.running} running, ${info.containers.paused} paused, ${info.containers.stopped} stopped)`,
		`  Images:          ${info.images}`,
		...(info.warnings.length > 0 ? ['  Warnings:', ...info.warnings.map(warning => `    ${warning}`)] : []),
		'',
		'Disk usage',
		`  ${'TYPE'.padEnd(14)} ${'TOTAL'.padStart(6)} ${'ACTIVE'.padStart(6)} ${'SIZE'.padStart(10)}  RECLAIMABLE`,
		...usage.map(row => `  ${kindNames[row.kind].padEnd(14)} ${String(row.total).padStart(6)} ${String(row.active).padStart(6)} ${formatBytes(row.size).padStart(10)}  ${formatBytes(row.reclaimable)}${percent(row.reclaimable, row.size)}`),
	];
}

export function pruneItems(preview: SystemPrunePreview): string[] {
	return [
		...preview.containers.map(item => `container  ${item.name}${item.size ? `  ${formatBytes(item.size)}` : ''}`),
		...preview.networks.map(item => `network    ${item.name}`),
		...preview.images.map(item => `image      ${item.name}${item.size ? `  ${formatBytes(item.size)}` : ''}`),
		...(preview.buildCacheEntries > 0 ? [`build cache  ${preview.buildCacheEntries} entr${preview.buildCacheEntries === 1 ? 'y' : 'ies'}  ${formatBytes(preview.buildCacheSize)}`] : []),
	];
}
