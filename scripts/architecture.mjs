// Draws the architecture picture of one stage of the synthesized app from its cloud assembly: a cluster per stack,
// a box per construct the app itself adds to the stack (CDK's own providers and singletons left out), and an arrow
// from each stack to every stack that depends on it (the cloud assembly's deployment dependencies).
//
//   node scripts/architecture.mjs <cloud-assembly-dir> <output-dir> [stage]
//
// Reads <cloud-assembly-dir>/tree.json and manifest.json, writes <output-dir>/architecture.dot and architecture.svg.
// The DOT holds construct ids, CloudFormation types and stack names only, sorted: no paths, hashes or timestamps, so
// the same app gives the same files on every machine (test/KafkaConnectCdk.Tests/Delivery/ArchitectureDiagramTests.cs
// compares them with the committed ones). The SVG is rendered by Graphviz compiled to WebAssembly
// (@hpcc-js/wasm-graphviz from package.json): no system Graphviz and no network.
import fs from 'node:fs';
import path from 'node:path';
import { Graphviz } from '@hpcc-js/wasm-graphviz';

const [assemblyDir, outputDir, stage = 'dev'] = process.argv.slice(2);
if (!assemblyDir || !outputDir) {
  console.error('usage: node scripts/architecture.mjs <cloud-assembly-dir> <output-dir> [stage]');
  process.exit(2);
}

function readJson(file) {
  const full = path.join(assemblyDir, file);
  if (!fs.existsSync(full)) {
    console.error(`[architecture] error: ${full} not found; synthesize the app first (bash scripts/synth.sh)`);
    process.exit(1);
  }
  return JSON.parse(fs.readFileSync(full, 'utf8'));
}

const CFN_TYPE = 'aws:cdk:cloudformation:type';
// CDK adds its version-reporting resource only under the CLI; it is no part of the design.
const IGNORED_TYPES = new Set(['AWS::CDK::Metadata']);

function resourceTypes(node, types = new Map()) {
  const type = node.attributes?.[CFN_TYPE];
  if (type && !IGNORED_TYPES.has(type)) types.set(type, (types.get(type) ?? 0) + 1);
  for (const child of Object.values(node.children ?? {})) resourceTypes(child, types);
  return types;
}

// CDK's own constructs have generated ids: a path-like name ('@aws-cdk--aws-eks.KubectlProvider'), a hash suffix
// ('kccdevconnectEksCluster51668ED2-AlbController') or a fixed UUID (AwsCustomResource's 'AWS679f53fa...').
function isAppConstruct(id) {
  return /^[A-Za-z][A-Za-z0-9]*$/.test(id) && !/[0-9A-Fa-f]{8}/.test(id);
}

// The types that say what a component is; roles, policies, permissions and the like accompany nearly all of them.
const SUPPORTING_TYPES = new Set([
  'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::IAM::ManagedPolicy', 'AWS::Lambda::Permission', 'AWS::KMS::Alias',
  'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::Route', 'AWS::EC2::RouteTable', 'AWS::SQS::QueuePolicy', 'AWS::SNS::TopicPolicy', 'AWS::S3::BucketPolicy',
]);
const MAX_TYPES = 4;

function label(id, types) {
  const main = [...types].filter(([type]) => !SUPPORTING_TYPES.has(type));
  const shown = (main.length > 0 ? main : [...types])
    .sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : a > b ? 1 : 0))
    .map(([type, count]) => `${type.replace(/^AWS::/, '')}${count > 1 ? ` ×${count}` : ''}`);
  const lines = shown.slice(0, MAX_TYPES);
  if (shown.length > MAX_TYPES) lines.push(`+ ${shown.length - MAX_TYPES} more types`);
  const total = [...types.values()].reduce((sum, count) => sum + count, 0);
  return [`<B>${escape(id)}</B>`, ...lines.map(escape), `<I>${total} resource${total === 1 ? '' : 's'}</I>`].join('<BR/>');
}

function escape(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function quote(text) {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

const tree = readJson('tree.json');
const manifest = readJson('manifest.json');

const stackArtifacts = Object.entries(manifest.artifacts ?? {})
  .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
  .map(([artifactId, artifact]) => ({ artifactId, displayName: artifact.displayName ?? artifactId, name: artifact.properties?.stackName ?? artifactId, dependencies: artifact.dependencies ?? [] }))
  .filter(artifact => artifact.displayName.split('/').slice(-2, -1)[0] === stage);
if (stackArtifacts.length === 0) {
  const stages = [...new Set(Object.values(manifest.artifacts ?? {}).filter(a => a.type === 'aws:cloudformation:stack').map(a => (a.displayName ?? '').split('/').slice(-2, -1)[0]))].sort();
  console.error(`[architecture] error: no stack of stage '${stage}' in ${assemblyDir}; stages: ${stages.join(', ')}`);
  process.exit(1);
}

function treeNode(displayName) {
  let node = tree.tree;
  for (const segment of displayName.split('/')) {
    node = node?.children?.[segment];
  }
  if (!node) throw new Error(`${displayName} is in manifest.json but not in tree.json`);
  return node;
}

const stacks = stackArtifacts.map(artifact => {
  const components = Object.entries(treeNode(artifact.displayName).children ?? {})
    .filter(([id]) => isAppConstruct(id))
    .map(([id, node]) => ({ id, types: resourceTypes(node) }))
    .filter(component => component.types.size > 0)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ...artifact, components };
}).sort(byName);

const nameOfArtifact = new Map(stacks.map(stack => [stack.artifactId, stack.name]));
const nodeId = (stack, component) => `${stack.name}/${component.id}`;
// An edge between two clusters runs between a node of each, clipped at the clusters' borders (compound=true).
const anchor = stack => nodeId(stack, stack.components[0]);

const lines = [
  'digraph architecture {',
  `  label=${quote(`Stage '${stage}' of the synthesized app: a box per stack and construct; an arrow from a stack to each stack that depends on it`)};`,
  '  labelloc=t; fontname="Helvetica"; fontsize=14; rankdir=LR; compound=true; nodesep=0.25; ranksep=1.1;',
  '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#5a6b7b", fontname="Helvetica", fontsize=10, margin="0.12,0.06"];',
  '  edge [color="#d5871488", penwidth=2, arrowsize=0.8];',
];
for (const [index, stack] of stacks.entries()) {
  if (stack.components.length === 0) continue;
  lines.push(`  subgraph cluster_${index} {`);
  lines.push(`    label=${quote(stack.name)}; style="rounded,filled"; fillcolor="#eef2f6"; color="#8a9bab"; fontsize=13;`);
  for (const component of stack.components) {
    lines.push(`    ${quote(nodeId(stack, component))} [label=<${label(component.id, component.types)}>];`);
  }
  lines.push('  }');
}
const clusterOf = new Map(stacks.map((stack, index) => [stack.name, `cluster_${index}`]));
const edges = stacks.flatMap(stack => stack.dependencies
  .filter(dependency => nameOfArtifact.has(dependency))
  .map(dependency => ({ from: stacks.find(candidate => candidate.artifactId === dependency), to: stack })))
  .filter(edge => edge.from.components.length > 0 && edge.to.components.length > 0)
  .sort((a, b) => byName(a.from, b.from) || byName(a.to, b.to));
for (const { from, to } of edges) {
  lines.push(`  ${quote(anchor(from))} -> ${quote(anchor(to))} [ltail=${clusterOf.get(from.name)}, lhead=${clusterOf.get(to.name)}];`);
}
lines.push('}', '');
const dot = lines.join('\n');

const graphviz = await Graphviz.load();
fs.mkdirSync(outputDir, { recursive: true });
fs.writeFileSync(path.join(outputDir, 'architecture.dot'), dot);
fs.writeFileSync(path.join(outputDir, 'architecture.svg'), graphviz.dot(dot, 'svg'));
console.log(`[architecture] ${stacks.length} stacks, ${stacks.reduce((sum, stack) => sum + stack.components.length, 0)} components, ${edges.length} dependencies -> ${path.join(outputDir, 'architecture.dot')}, architecture.svg`);
