// Summarises cdk-nag's CSV reports; exits 1 when any finding is a non-compliant error that nobody suppressed.
'use strict';
const fs = require('fs');

function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; }
    else field += c;
  }
  fields.push(field);
  return fields;
}

let errors = 0;
let warnings = 0;
let suppressed = 0;
let compliant = 0;
for (const report of process.argv.slice(2)) {
  const [header, ...rows] = fs.readFileSync(report, 'utf8').split(/\r?\n/).filter(Boolean);
  const columns = parseCsvLine(header);
  const at = (row, name) => row[columns.indexOf(name)];
  for (const row of rows.map(parseCsvLine)) {
    const compliance = at(row, 'Compliance');
    if (compliance === 'Compliant') { compliant++; continue; }
    if (compliance === 'Suppressed') { suppressed++; continue; }
    const level = at(row, 'Rule Level');
    if (level === 'Error') errors++; else warnings++;
    console.log(`[nag] ${level} ${at(row, 'Rule ID')} on ${at(row, 'Resource ID')}: ${at(row, 'Rule Info')}`);
  }
}
console.log(`[synth] cdk-nag: ${compliant} compliant, ${suppressed} suppressed with a reason, ${warnings} warnings, ${errors} errors`);
process.exit(errors > 0 ? 1 : 0);
