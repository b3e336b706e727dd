// Worker-process entry (bundled to dist/markdownlint-worker.js), forked by MarkdownlintRunner: lints one job
// per IPC message and replies with markdownlint's raw results.
import { lintErrors, type WorkerReply, type WorkerRequest } from './markdownlint';

process.on('message', (job: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = { errors: lintErrors(job) };
  } catch (error) {
    reply = { failure: error instanceof Error ? error.message : String(error) };
  }
  process.send?.(reply);
});

// The channel closes when the server exits or is killed: never outlive it.
process.on('disconnect', () => process.exit(0));
