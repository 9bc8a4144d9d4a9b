// Summarises the AWS Control Tower proactive controls' result from CDK's policy validation report
// (cdk.out/validation-report.json, written by the control-tower plugin of src/KafkaConnectCdk/Compliance): one line per
// unacknowledged violation with its control, resource and fix, then the counts next to cdk-nag's. Exits 1 when a
// production stack breaks a control without an exception, or when the plugin itself failed (CDK records a crashed
// plugin as a failed report without violations and still lets the synthesis pass).
'use strict';
const fs = require('fs');

const reportPath = process.argv[2];
if (!reportPath || !fs.existsSync(reportPath)) {
  console.error(`[control-tower] error: no policy validation report at ${reportPath}; the Control Tower checks did not run`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
// CDK leaves a plugin out of the report when it passed with nothing to report or acknowledge.
const plugin = (report.pluginReports || []).find(candidate => candidate.pluginName === 'control-tower')
  || { conclusion: 'success', violations: [], suppressedViolations: [] };
if (plugin.metadata && plugin.metadata.error) {
  console.error(`[control-tower] error: the plugin failed: ${plugin.metadata.error.split('\n')[0]}`);
  process.exit(1);
}

const controlOf = violation => (/\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(violation.description) || [])[1] || violation.ruleName;
let errors = 0;
let warnings = 0;
const byEnvironmentWarnings = new Map();
for (const violation of plugin.violations || []) {
  for (const construct of violation.violatingConstructs || []) {
    const resource = `${construct.constructPath} (${construct.cloudFormationResource && construct.cloudFormationResource.logicalId})`;
    if (violation.severity === 'error') {
      errors++;
      console.log(`[control-tower] ERROR ${controlOf(violation)} on ${resource}: ${violation.description}. Fix: ${violation.suggestedFix}`);
    } else {
      warnings++;
      const environment = construct.constructPath.split('/').slice(0, 2).join('/');
      const controls = byEnvironmentWarnings.get(environment) || new Set();
      controls.add(controlOf(violation));
      byEnvironmentWarnings.set(environment, controls);
    }
  }
}
const acknowledged = (plugin.suppressedViolations || []).reduce(
  (count, violation) => count + ((violation.violatingConstructs || []).length || 1), 0);
for (const [environment, controls] of byEnvironmentWarnings) {
  console.log(`[control-tower] ${environment} (not production) breaks ${[...controls].sort().join(', ')}: reported, not enforced`);
}
console.log(`[synth] Control Tower: ${plugin.conclusion}, ${acknowledged} acknowledged with a reason, ${warnings} non-production warnings, ${errors} production errors`);
if (errors > 0) {
  console.log('[control-tower] fix each production error, or add an exception with its control, resource and reason to src/KafkaConnectCdk/Compliance/ControlTowerExceptions.cs');
}
process.exit(errors > 0 || plugin.conclusion === 'failure' ? 1 : 0);
