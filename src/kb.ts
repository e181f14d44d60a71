import input from '../kb.config.js';
import { resolveKbConfig } from './lib/config.js';

/** The project's settings from `kb.config.ts` with defaults applied. */
export const kb = resolveKbConfig(input);
