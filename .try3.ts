import { zodToJsonSchema } from 'zod-to-json-schema';
import { guideSchema, runbookSchema } from './src/lib/schema.ts';
console.log(JSON.stringify(zodToJsonSchema(guideSchema, { name: 'guide', definitions: { runbook: runbookSchema }, target: 'jsonSchema7' }), null, 2));
