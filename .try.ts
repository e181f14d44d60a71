import { readFileSync } from 'node:fs';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { lintPreset } from './src/lint/preset.ts';
const root = process.env.ROOT ?? '/work/main/test/fixtures/lint';
for (const path of process.argv.slice(2)) {
const processor = unified().use(remarkParse).use(await lintPreset(root));
const input = { path: (await import('node:path')).resolve(path), value: readFileSync(path, 'utf8'), cwd: root };
const tree = processor.parse(input);
processor.run(tree, input, (error, _t, file) => {
  if (error) throw error;
  for (const m of file!.messages) console.log(`${m.file}:${m.line}:${m.column}: ${m.reason} [${m.ruleId}] ${m.place ? JSON.stringify(m.place): ''}`);
});
}
