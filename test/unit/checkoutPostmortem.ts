// A short postmortem for the tests of the CLI and of the markdownlint rules: the same document whichever way it is linted.

/** A classic postmortem with every section, a zone on each entry, and a closed fence: nothing to report. */
export const checkoutPostmortem = `# Postmortem: Checkout outage

## Issue Summary

From 14:00 to 15:00 WAT on June 19, 2024 (1 hour), checkout failed for 40% of users.
The root cause was an expired TLS certificate on the payment gateway.

## Timeline

- 14:00 WAT: Alerts fired for checkout errors.
- 14:20 WAT: The on-call engineer found the expired certificate.
- 15:00 WAT: A renewed certificate was deployed and checkout recovered.

## Root Cause and Resolution

The certificate expired because its renewal job had been disabled during a migration.
It was renewed by hand and the job was turned back on.

## Corrective and Preventative Measures

- [ ] Alert 14 days before any certificate expires.
- [ ] Manage the renewal job with Puppet:

\`\`\`puppet
service { 'certbot-renew': ensure => running }
\`\`\`
`;

/** The same postmortem with no Timeline section: one missing-section finding, with a fix. */
export const withoutTimeline = checkoutPostmortem.replace(/## Timeline\n[\s\S]*?(?=## Root Cause)/, '');
