import { parentPort, workerData } from 'node:worker_threads';
import type { ContentEntry } from '../content/files.js';
import { analyseEntry, type AnalysisSettings } from './analyse.js';

// Another core for the health check: analyses the files it is handed and sends each one's facts back.
if (parentPort && workerData) {
  const { settings, jobs } = workerData as { settings: AnalysisSettings; jobs: { entry: ContentEntry; bytes?: Uint8Array }[] };
  // One message a file, so the build can render a page as soon as its facts are known.
  jobs.forEach((job, index) => parentPort!.postMessage({ index, facts: analyseEntry(job.entry, job.bytes, settings) }));
}
