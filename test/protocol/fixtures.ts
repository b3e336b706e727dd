// Documents for the protocol tests, written in the style of the seed example. Each carries known problems:
// a stated length that disagrees with its window (PM012), an entry without a time zone (PM010), and no
// "Corrective and Preventative Measures" section (PM001).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { repoRoot } from './lspClient';

/** A URI in the workspace; the file need not exist (the server reads open documents from the client). */
export function workspaceUri(relativePath: string): string {
  return pathToFileURL(join(repoRoot, relativePath)).href;
}

export const paymentsPostmortem = `# Postmortem: Payments API Outage, June 19, 2024

## Issue Summary

**Duration of Outage**: 2 hours
- **Start**: June 19, 2024, 14:00 WAT
- **End**: June 19, 2024, 15:00 WAT

**Impact**:
- The payments API returned HTTP 500 errors; approximately 40% of users could not pay.

**Root Cause**:
- A PHP module that Apache needs to serve the payments backend was missing.

## Timeline

- **14:00 WAT**: Issue detected via a monitoring alert on HTTP 500 errors.
- **14:25**: The on-call engineer found the missing module in the Apache error log.
- **14:50 WAT**: The module was installed and Apache restarted.
- **15:00 WAT**: Error rate back to normal; incident closed.

## Root Cause and Resolution

The nightly upgrade removed the PHP module; reinstalling it and restarting Apache ended the outage.
`;

/** 0-based line of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  if (line < 0) throw new Error(`"${needle}" is not in the fixture`);
  return line;
}
