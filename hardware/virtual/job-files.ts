import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DecodedJob } from './decoded-job';
import { renderJobToPng } from './job-renderer';
import { jobToText } from './job-text';

export interface JobFiles {
  readonly txt: string;
  readonly png: string;
  readonly json: string;
}

/** Where job `number`'s files go: job-0001.txt / .png / .json. */
export function jobFilePaths(outDir: string, number: number): JobFiles {
  const base = path.join(outDir, `job-${String(number).padStart(4, '0')}`);
  return { txt: `${base}.txt`, png: `${base}.png`, json: `${base}.json` };
}

/**
 * Writes a job as text (for people), JSON (for tools) and PNG (the paper).
 * Returns the warnings to add: a full disk must not take the printer down.
 */
export async function writeJobFiles(job: DecodedJob, files: JobFiles, serialisable: object, paperWidth: 80 | 58): Promise<string[]> {
  try {
    await writeFile(files.txt, jobToText(job), 'utf8');
    await writeFile(files.json, `${JSON.stringify(serialisable, null, 2)}\n`, 'utf8');
    await writeFile(files.png, await renderJobToPng(job, { paperWidth }));
    return [];
  } catch (error) {
    return [`could not write job files: ${error instanceof Error ? error.message : String(error)}`];
  }
}
