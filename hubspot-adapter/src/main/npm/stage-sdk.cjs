// Copies the SDK's UMD bundle, as published, to where the jar serves it from (META-INF/callbridge/static/hubspot).
// Run by the Maven build after `npm ci`, which has already checked the package against package-lock.json's integrity.
'use strict';
const fs = require('fs');
const path = require('path');

const target = process.argv[2];
if (!target) {
  console.error('usage: node stage-sdk.cjs <target file>');
  process.exit(2);
}
const packageDir = path.join(__dirname, 'node_modules', '@hubspot', 'calling-extensions-sdk');
const wanted = require('./package.json').dependencies['@hubspot/calling-extensions-sdk'];
const installed = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
if (installed !== wanted) {
  console.error(`expected @hubspot/calling-extensions-sdk ${wanted} but npm installed ${installed}`);
  process.exit(1);
}
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(path.join(packageDir, 'dist', 'main.js'), target);
