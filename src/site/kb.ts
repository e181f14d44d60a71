import settings from 'virtual:runbook-kb/config';
import type { KbConfig } from '../lib/shared/config';

/** The knowledge base's settings (`kb.config.ts` with defaults), as handed to the integration. */
export const kb: KbConfig = settings;
