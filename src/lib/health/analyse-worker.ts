import { parentPort, workerData } from 'node:worker_threads';
import type { ContentEntry } from '../content/files.js';
import { analyseEntry, type AnalysisSettings } from './analyse.js';

// The second core of `npm run check`: analyses the files it is handed and sends their facts back.
if (parentPort && workerData) {
  const { settings, jobs } = workerData as { settings: AnalysisSettings; jobs: { entry: ContentEntry; bytes?: Uint8Array }[] };
  parentPort.postMessage(jobs.map((job) => analyseEntry(job.entry, job.bytes, settings)));
}
