// Compare SecretPath with @cloud-copilot/iam-simulate on equivalent request scenarios.
//
// Generates N small scenarios (an identity policy, maybe a resource policy on the secret, one
// secretsmanager:GetSecretValue request), writes each as (i) a SecretPath model file with one
// `Simulate` check and (ii) an iam-simulate `Simulation`, then measures
//   - SecretPath: wall time of `secretpath check --json <folder>` (release build: process start,
//     file reads, JSON parsing, model load, evaluation) divided by N, and
//   - iam-simulate: in-process `runSimulation` per request (already-parsed inputs, after warm-up),
// and reports both decisions side by side. iam-simulate is AGPL: this script runs it and copies
// none of its code.
//
// Usage: node benches/compare/run.mjs [--n 300] [--repeat 5] [--seed 42] [--keep]

import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'

import { runSimulation } from '@cloud-copilot/iam-simulate'

const here = dirname(fileURLToPath(import.meta.url))
const repo = resolve(here, '..', '..')

// ---------------------------------------------------------------- arguments
const args = process.argv.slice(2)
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const N = Number(arg('n', 300))
const REPEAT = Number(arg('repeat', 5))
const SEED = Number(arg('seed', 42))
const KEEP = args.includes('--keep')

// ---------------------------------------------------------------- deterministic randomness
let state = BigInt(SEED) * 6364136223846793005n + 1442695040888963407n
const rand = (n) => {
  state = (state * 6364136223846793005n + 1442695040888963407n) & 0xffffffffffffffffn
  return Number((state >> 33n) % BigInt(n))
}
const pick = (xs) => xs[rand(xs.length)]

// ---------------------------------------------------------------- scenarios
const REGION = 'us-east-1'
const OWNER = '111111111111'
const OTHER = '222222222222'
const IPS = ['203.0.113.10', '198.51.100.20', '192.0.2.30']

/** One scenario: everything both simulators need, in neutral form. */
function scenario(i) {
  const crossAccount = rand(10) < 3
  const callerAccount = crossAccount ? OTHER : OWNER
  const isUser = rand(5) === 0
  const team = pick(['red', 'blue'])
  const name = isUser ? `dev${i}` : `svc${i}`
  const entityArn = isUser ? `arn:aws:iam::${callerAccount}:user/${name}` : `arn:aws:iam::${callerAccount}:role/${name}`
  const requestArn = isUser ? entityArn : `arn:aws:sts::${callerAccount}:assumed-role/${name}/session${i}`
  const secretName = `app${i}/db`
  const secretArn = `arn:aws:secretsmanager:${REGION}:${OWNER}:secret:${secretName}-Ab${String(i).padStart(4, '0')}`
  const secretTeam = pick(['red', 'blue'])
  const env = pick(['prod', 'dev'])
  const sourceIp = pick(IPS)

  const menu = [
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretArn }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:${REGION}:${OWNER}:secret:${secretName}-??????` }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:${REGION}:${OWNER}:secret:app${i}/*` }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: `arn:aws:secretsmanager:${REGION}:${OWNER}:secret:app${i + 1}/db-??????` }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:Get*', Resource: '*' }),
    () => ({ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } } }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { StringEquals: { 'aws:ResourceTag/env': 'prod' } } }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { StringEqualsIfExists: { 'secretsmanager:VersionStage': 'AWSCURRENT' } } }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { StringEquals: { 'secretsmanager:VersionStage': 'AWSCURRENT' } } }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '198.51.100.0/24'] } } }),
    () => ({ Effect: 'Deny', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }),
    () => ({ Effect: 'Deny', Action: 'secretsmanager:*', Resource: `arn:aws:secretsmanager:*:*:secret:app${i}/*`,
             Condition: { StringEquals: { 'aws:ResourceTag/env': 'dev' } } }),
    () => ({ Effect: 'Deny', NotAction: 'secretsmanager:Describe*', Resource: '*',
             Condition: { StringNotEquals: { 'aws:PrincipalTag/team': 'red' } } }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', NotResource: `arn:aws:secretsmanager:*:*:secret:app${i + 1}/*` }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { Null: { 'secretsmanager:VersionStage': 'true' } } }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } } }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${callerAccount}:*/${name}` } } }),
    () => ({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { StringLike: { 'aws:ResourceTag/env': 'pr*' }, BoolIfExists: { 'aws:SecureTransport': 'true' } } }),
  ]
  const count = 1 + rand(3)
  const identity = []
  for (let k = 0; k < count; k++) identity.push({ Sid: `Id${k}`, ...pick(menu)() })

  const resourceMenu = [
    () => null,
    () => null,
    () => ({ Effect: 'Allow', Principal: { AWS: isUser ? entityArn : entityArn }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
    () => ({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${callerAccount}:root` }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
    () => ({ Effect: 'Allow', Principal: { AWS: callerAccount }, Action: 'secretsmanager:*', Resource: '*' }),
    () => ({ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { StringEquals: { 'aws:PrincipalAccount': callerAccount } } }),
    () => ({ Effect: 'Allow', Principal: { AWS: entityArn }, Action: 'secretsmanager:DescribeSecret', Resource: '*' }),
    () => ({ Effect: 'Deny', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*',
             Condition: { ArnNotEquals: { 'aws:PrincipalArn': entityArn } } }),
    () => ({ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'secretsmanager:*', Resource: '*',
             Condition: { IpAddress: { 'aws:SourceIp': '198.51.100.0/24' } } }),
    () => ({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${callerAccount}:role/svc${i}` }, Action: 'secretsmanager:GetSecretValue', Resource: secretArn }),
    () => ({ Effect: 'Allow', Principal: { AWS: requestArn }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
    () => ({ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
    () => ({ Effect: 'Deny', NotPrincipal: { AWS: [entityArn, `arn:aws:iam::${callerAccount}:root`] }, Action: 'secretsmanager:GetSecretValue', Resource: '*' }),
  ]
  const rpStatements = []
  const rpCount = rand(3)
  for (let k = 0; k < rpCount; k++) {
    const st = pick(resourceMenu)()
    if (st) rpStatements.push({ Sid: `Rp${k}`, ...st })
  }
  const resourcePolicy = rpStatements.length ? { Version: '2012-10-17', Statement: rpStatements } : null
  const boundary = rand(4) === 0
    ? { Version: '2012-10-17', Statement: [pick([
        { Sid: 'Pb', Effect: 'Allow', Action: 'secretsmanager:DescribeSecret', Resource: '*' },
        { Sid: 'Pb', Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' },
        { Sid: 'Pb', Effect: 'Allow', Action: ['s3:*', 'secretsmanager:GetSecretValue'], Resource: `arn:aws:secretsmanager:*:*:secret:app${i}/*` },
      ])] }
    : null

  return {
    id: i, crossAccount, isUser, callerAccount, team, name, entityArn, requestArn, secretName, secretArn, secretTeam, env, sourceIp,
    identityPolicy: { Version: '2012-10-17', Statement: identity },
    resourcePolicy,
    boundary,
  }
}

/** The SecretPath model file of a scenario. */
function secretPathModel(s) {
  const entity = s.isUser
    ? { UserDetailList: [{ UserName: s.name, UserId: `AIDA${s.id}`, Arn: s.entityArn, Path: '/',
          UserPolicyList: [{ PolicyName: 'p', PolicyDocument: s.identityPolicy }], Tags: [{ Key: 'team', Value: s.team }] }] }
    : { RoleDetailList: [{ RoleName: s.name, RoleId: `AROA${s.id}`, Arn: s.entityArn, Path: '/',
          RolePolicyList: [{ PolicyName: 'p', PolicyDocument: s.identityPolicy }], Tags: [{ Key: 'team', Value: s.team }] }] }
  const boundaryArn = `arn:aws:iam::${s.callerAccount}:policy/boundary${s.id}`
  if (s.boundary) {
    const e = (entity.UserDetailList ?? entity.RoleDetailList)[0]
    e.PermissionsBoundary = { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundaryArn }
    entity.Policies = [{ PolicyName: `boundary${s.id}`, Arn: boundaryArn, Path: '/', DefaultVersionId: 'v1',
      PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: s.boundary }] }]
  }
  const secret = {
    ARN: s.secretArn, Name: s.secretName,
    Tags: [{ Key: 'team', Value: s.secretTeam }, { Key: 'env', Value: s.env }],
    VersionIdsToStages: { v1: ['AWSCURRENT'] },
  }
  if (s.resourcePolicy) secret.ResourcePolicy = JSON.stringify(s.resourcePolicy)
  const owner = { AccountId: OWNER, Iam: s.crossAccount ? {} : entity, Regions: [{ Region: REGION, Secrets: [secret] }] }
  const accounts = [owner]
  if (s.crossAccount) accounts.push({ AccountId: OTHER, Iam: entity, Regions: [] })
  return {
    Format: 'secretpath/1',
    Description: `comparison scenario ${s.id}`,
    Accounts: accounts,
    Checks: [{ Name: `scenario ${s.id}`, Query: { Simulate: {
      Action: 'secretsmanager:GetSecretValue', Resource: s.secretArn, Caller: s.requestArn,
      From: { Internet: { SourceIp: s.sourceIp } } } } }],
  }
}

/** The iam-simulate input of a scenario: the same policies, and the request context keys that
 *  AWS (and SecretPath) derive for this request, given explicitly. */
function iamSimulateInput(s) {
  const context = {
    'aws:SourceIp': s.sourceIp,
    'aws:PrincipalArn': s.entityArn,
    'aws:PrincipalAccount': s.callerAccount,
    'aws:PrincipalType': s.isUser ? 'User' : 'AssumedRole',
    'aws:PrincipalTag/team': s.team,
    'aws:ResourceAccount': OWNER,
    'aws:ResourceTag/team': s.secretTeam,
    'aws:ResourceTag/env': s.env,
    // secretsmanager:ResourceTag/<key> is not in iam-simulate 0.1.173's key catalogue ("Condition
    // key … not found"), so it is neither given here nor used in the generated policies.
    'secretsmanager:SecretId': s.secretArn,
    'aws:SecureTransport': 'true',
    'aws:RequestedRegion': REGION,
    // A GetSecretValue request carries no tags: aws:TagKeys is absent (as SecretPath derives it).
  }
  if (s.isUser) context['aws:username'] = s.name
  return {
    request: {
      principal: s.requestArn,
      action: 'secretsmanager:GetSecretValue',
      resource: { resource: s.secretArn, accountId: OWNER },
      contextVariables: context,
    },
    identityPolicies: [{ name: 'p', policy: s.identityPolicy }],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: s.resourcePolicy ?? undefined,
    permissionBoundaryPolicies: s.boundary ? [{ name: `boundary${s.id}`, policy: s.boundary }] : undefined,
  }
}

// ---------------------------------------------------------------- helpers
const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y)
  const m = Math.floor(a.length / 2)
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2
}
const fmt = (ms) => (ms >= 1 ? `${ms.toFixed(3)} ms` : `${(ms * 1000).toFixed(1)} µs`)

// ---------------------------------------------------------------- build SecretPath
console.log('building SecretPath (cargo build --release --bin secretpath)…')
const build = spawnSync('cargo', ['build', '--release', '--quiet', '--bin', 'secretpath'], { cwd: repo, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)
const binary = join(repo, 'target', 'release', 'secretpath')
if (!existsSync(binary)) throw new Error(`${binary} not found`)

// ---------------------------------------------------------------- write the scenarios
const scenarios = Array.from({ length: N }, (_, i) => scenario(i))
const dir = mkdtempSync(join(tmpdir(), 'secretpath-compare-'))
const modelsDir = join(dir, 'models')
mkdirSync(modelsDir)
const fileOf = (s) => join(modelsDir, `scenario-${String(s.id).padStart(4, '0')}.json`)
for (const s of scenarios) writeFileSync(fileOf(s), JSON.stringify(secretPathModel(s), null, 2))
const inputs = scenarios.map(iamSimulateInput)
writeFileSync(join(dir, 'iam-simulate-inputs.json'), JSON.stringify(inputs, null, 2))
console.log(`${N} scenarios written to ${dir}`)

// ---------------------------------------------------------------- SecretPath: decisions and time
const runCheck = (json) => {
  const t0 = performance.now()
  const r = spawnSync(binary, json ? ['check', '--json', modelsDir] : ['check', modelsDir], { maxBuffer: 1 << 30, encoding: 'utf8' })
  const ms = performance.now() - t0
  if (r.status !== 0) {
    console.error(r.stderr)
    throw new Error(`secretpath check exited with ${r.status}`)
  }
  return { ms, stdout: r.stdout }
}
runCheck(false) // warm the page cache
const spTimes = [] // plain `check`: what a CI job runs
const spJsonTimes = [] // `check --json`: also serialises every verdict's full Steps
let spOut = ''
for (let k = 0; k < REPEAT; k++) {
  spTimes.push(runCheck(false).ms)
  const { ms, stdout } = runCheck(true)
  spJsonTimes.push(ms)
  spOut = stdout
}
const spResults = JSON.parse(spOut).Results
if (spResults.length !== N) throw new Error(`expected ${N} results, got ${spResults.length}`)
const spByModel = new Map(spResults.map((r) => [resolve(r.Model), r]))

// ---------------------------------------------------------------- iam-simulate: decisions and time
const simDecisions = []
for (const input of inputs) {
  const out = await runSimulation(input, {})
  if (out.resultType === 'error') {
    simDecisions.push({ decision: 'Error', detail: out.errors })
  } else {
    simDecisions.push({ decision: out.overallResult, detail: out.resultType === 'single' ? out.result : out.results })
  }
}
for (let k = 0; k < 2; k++) for (const input of inputs) await runSimulation(input, {}) // warm-up
const simTimes = []
for (let k = 0; k < REPEAT; k++) {
  const t0 = performance.now()
  for (const input of inputs) await runSimulation(input, {})
  simTimes.push(performance.now() - t0)
}

// ---------------------------------------------------------------- report
const spPer = median(spTimes) / N
const simPer = median(simTimes) / N
const agreements = []
const disagreements = []
const errors = []
scenarios.forEach((s, i) => {
  const sp = spByModel.get(resolve(fileOf(s)))
  const sim = simDecisions[i]
  const row = { scenario: s.id, file: fileOf(s), secretpath: sp.Decision, iamSimulate: sim.decision }
  if (sim.decision === 'Error') errors.push({ ...row, errors: sim.detail })
  else if (sp.Decision === sim.decision) agreements.push(row)
  else disagreements.push({ ...row, blockers: sp.Blockers.map((b) => `${b.Layer} ${b.Code} ${b.Statement ?? ''}`.trim()), scenarioDetail: s })
})
const tally = (key) => scenarios.reduce((m, _, i) => {
  const d = key === 'sp' ? spByModel.get(resolve(fileOf(scenarios[i]))).Decision : simDecisions[i].decision
  m[d] = (m[d] ?? 0) + 1
  return m
}, {})

console.log('')
console.log(`SecretPath   \`secretpath check\` of ${N} models, median of ${REPEAT}: ${fmt(median(spTimes))} total, ${fmt(spPer)} per model (read + load + evaluate + print, process start amortised)`)
console.log(`SecretPath   \`secretpath check --json\` (full Steps as JSON), median of ${REPEAT}: ${fmt(median(spJsonTimes))} total, ${fmt(median(spJsonTimes) / N)} per model`)
console.log(`iam-simulate runSimulation, ${N} requests, median of ${REPEAT}: ${fmt(median(simTimes))} total, ${fmt(simPer)} per request (in process, inputs already parsed)`)
console.log(`ratio: SecretPath is ${(simPer / spPer).toFixed(1)}× ${simPer >= spPer ? 'faster' : 'slower'} per request`)
console.log(`decisions: SecretPath ${JSON.stringify(tally('sp'))}; iam-simulate ${JSON.stringify(tally('sim'))}`)
console.log(`agreement: ${agreements.length}/${N - errors.length} agree, ${disagreements.length} disagree, ${errors.length} iam-simulate input errors`)
for (const d of disagreements) {
  console.log(`  scenario ${d.scenario}: SecretPath ${d.secretpath} [${d.blockers.join('; ')}], iam-simulate ${d.iamSimulate} — ${d.file}`)
}
for (const e of errors.slice(0, 10)) console.log(`  scenario ${e.scenario}: iam-simulate rejected the input: ${JSON.stringify(e.errors)}`)

const report = {
  n: N, repeat: REPEAT, seed: SEED,
  secretpath: { totalMsMedian: median(spTimes), perModelMs: spPer, runsMs: spTimes, jsonTotalMsMedian: median(spJsonTimes), jsonRunsMs: spJsonTimes },
  iamSimulate: { totalMsMedian: median(simTimes), perRequestMs: simPer, runsMs: simTimes },
  ratio: simPer / spPer,
  agree: agreements.length, disagree: disagreements.length, inputErrors: errors.length,
  disagreements, errors,
}
writeFileSync(join(dir, 'report.json'), JSON.stringify(report, null, 2))
console.log(`report: ${join(dir, 'report.json')}`)
if (!KEEP && disagreements.length === 0 && errors.length === 0) rmSync(dir, { recursive: true, force: true })
