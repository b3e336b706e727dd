// Worker-thread entry (bundled to dist/markdownlint-worker.js): lints one job per message for MarkdownlintRunner.
import { parentPort } from 'node:worker_threads';
import { lintErrors, type WorkerReply, type WorkerRequest } from './markdownlint';

parentPort?.on('message', (job: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { errors: lintErrors(job) };
  } catch (error) {
    reply = { failure: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
