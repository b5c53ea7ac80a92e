// The secrets pane. Nothing here reads a secret's data: the engine never sends it.
import {swarmObjectSpec} from './object-spec.js';

export const secretsSpec = swarmObjectSpec('secret', []);
