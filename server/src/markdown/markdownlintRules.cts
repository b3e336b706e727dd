// Entry of dist/markdownlint-rules.js, for markdownlint-cli2's `customRules`. markdownlint-cli2 imports the
// module and takes its default export, which for CommonJS is `module.exports`: so that must be the rule
// list itself. Hence a CommonJS (.cts) file in this ES module package.
import { customRules } from './customRules';

export = customRules;
