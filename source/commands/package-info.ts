// berth's name and version, bundled in, so meow never looks for and reads
// package.json at start-up (it would also load its normaliser to do so).
import packageJson from '../../package.json' with {type: 'json'};

export const packageInfo = {name: packageJson.name, version: packageJson.version, description: packageJson.description};
