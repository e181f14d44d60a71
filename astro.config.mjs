// @ts-check
import { defineConfig } from 'astro/config';
import kbSettings from './kb.config.ts';
import { resolveKbConfig } from './src/lib/shared/config.ts';
import { siteConfig } from './src/integrations/site-config.ts';

// Everything is derived from kb.config.ts; see src/integrations/site-config.ts.
export default defineConfig(siteConfig(resolveKbConfig(kbSettings)));
