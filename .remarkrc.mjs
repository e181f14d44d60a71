// remark-cli and the VS Code remark extension load this file with plain Node. tsx's `tsImport`
// loads the TypeScript rules and kb.config.ts, so the linter reads the same settings as the
// health check. The rules live in src/lint/; `npm run lint` is the command.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const { lintPreset } = await tsImport('./src/lint/preset.ts', import.meta.url);

export default await lintPreset(dirname(fileURLToPath(import.meta.url)));
