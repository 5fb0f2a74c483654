// Journey: ask each of the four questions from the Query tab. The pickers are filled from the model;
// each answer must be the one the example's own Checks expect for the same query (the engine is
// the same, so the form must build the same query), and the question must change the answer when
// one of its fields does: WithDecryption on a SecureString, a version stage nobody holds, the
// action of a Simulate, the secret of a RotateSecret. A query the engine refuses shows its error
// and keeps the verdict on display.
// Run alone: node --test tests/e2e/query.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './page.mjs';

let session;
let server;
let browser;
let app;

before(async () => {
  session = await openApp({ width: 1280, height: 800 });
  ({ server, browser, app } = session);
});

after(async () => {
  await session?.close();
});

test('GetParameter: WithDecryption decides whether the key policy is asked', async () => {
  await app.chooseScenario('exam-5-secrets-manager-vs-parameter-store.json');
  const base = {
    kind: 'GetParameter',
    caller: 'arn:aws:iam::111111111111:role/billing-config-reader',
    parameter: '/prod/billing/payment-gateway-key',
  };
  const decrypted = await app.ask({ ...base, withDecryption: true });
  assert.equal(decrypted.decision, 'ImplicitlyDenied');
  // The role may call ssm:GetParameter but not kms:Decrypt on the parameter's customer managed key.
  assert.ok(decrypted.legs.includes('kms:Decrypt'), `a kms:Decrypt leg: ${decrypted.legs}`);
  assert.deepEqual(
    decrypted.blockers.map((b) => [b.layer, b.code, b.component]),
    [['identity-policy', 'NO_IDENTITY_ALLOW', base.caller]],
  );
  assert.deepEqual(await app.queryPreview(), {
    GetParameter: { Name: '/prod/billing/payment-gateway-key', WithDecryption: true, Caller: base.caller },
  });
  const plain = await app.ask({ ...base, withDecryption: false });
  assert.equal(plain.decision, 'Allowed');
  assert.deepEqual(plain.blockers, []);
  assert.ok(!plain.legs.includes('kms:Decrypt'), `no kms:Decrypt leg without decryption: ${plain.legs}`);
});

test('GetSecretValue: the pickers list the model, and a stage nobody holds fails', async () => {
  await app.chooseScenario('exam-1-rotating-rds-credentials-read-from-ec2.json');
  await app.openTab('query');
  await app.page.getByTestId('query-kind').selectOption('GetSecretValue');
  const secrets = await app.pickerValues('query-secret');
  assert.ok(secrets.some((s) => s.includes('secret:prod/orders/postgres-app')), secrets.join(', '));
  assert.ok(secrets.some((s) => s.includes('secret:prod/orders/postgres-master')), secrets.join(', '));
  const origins = await app.pickerValues('query-origin');
  assert.ok(origins.includes('instance:i-0a1b2c3d4e5f60001'), origins.join(', '));

  const base = { kind: 'GetSecretValue', origin: 'instance:i-0a1b2c3d4e5f60001', secret: 'prod/orders/postgres-app' };
  assert.equal((await app.ask(base)).decision, 'Allowed');
  assert.equal((await app.ask({ ...base, stage: 'AWSPREVIOUS' })).decision, 'Allowed');
  const pending = await app.ask({ ...base, stage: 'AWSPENDING' });
  assert.equal(pending.decision, 'Failed');
  assert.ok(pending.blockers.length > 0, 'a failed request names what failed');
  assert.equal((await app.ask({ ...base, secret: 'prod/orders/postgres-master' })).decision, 'ImplicitlyDenied');
});

test('Simulate: any action on any resource, with an origin on the internet', async () => {
  await app.chooseScenario('exam-2-leaked-key-replaced-by-managed-secret.json');
  const resource = 'arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/payments/stripe-api-key-H7jK9m';
  const describe = await app.ask({
    kind: 'Simulate',
    caller: 'arn:aws:iam::111111111111:user/alice.dev',
    action: 'secretsmanager:DescribeSecret',
    resource,
  });
  assert.equal(describe.decision, 'Allowed');
  const put = await app.ask({
    kind: 'Simulate',
    caller: 'arn:aws:iam::111111111111:user/legacy-ci',
    origin: 'internet',
    action: 'secretsmanager:PutSecretValue',
    resource,
  });
  assert.equal(put.decision, 'ExplicitlyDenied');
  // Every explicit deny is listed: the secret's resource policy and the user's quarantine policy.
  assert.deepEqual(
    put.blockers.map((b) => [b.layer, b.code, b.statement]),
    [
      ['resource-policy', 'EXPLICIT_DENY', 'DenyLeakedCredentials'],
      ['identity-policy', 'EXPLICIT_DENY', 'RevokeEverythingAfterKeyLeak'],
    ],
  );
});

test('RotateSecret: one secret rotates, the other fails at a named step', async () => {
  await app.chooseScenario('rot-4-single-user-rotation.json');
  const tracking = await app.ask({ kind: 'RotateSecret', secret: 'prod/shipping/postgres-tracking' });
  assert.equal(tracking.decision, 'Allowed');
  const labels = await app.ask({ kind: 'RotateSecret', secret: 'prod/shipping/postgres-labels' });
  assert.equal(labels.decision, 'Failed');
  assert.ok(labels.blockers.length > 0, 'the failed rotation names its blockers');
  const preview = await app.queryPreview();
  assert.deepEqual(Object.keys(preview), ['RotateSecret']);
  assert.equal(preview.RotateSecret.From, undefined, 'RotateSecret has no origin');
});

test('a query the engine refuses shows its error and changes no verdict', async () => {
  await app.chooseScenario('quickstart.json');
  const allowed = await app.ask({ kind: 'GetSecretValue', caller: 'arn:aws:iam::111111111111:role/app', secret: 'prod/db' });
  assert.equal(allowed.decision, 'Allowed');
  const refused = await app.ask({
    kind: 'Simulate',
    caller: 'arn:aws:iam::111111111111:role/app',
    action: '',
    resource: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:prod/db',
  });
  assert.ok(refused.error, 'an empty action is refused');
  assert.match(refused.error, /Action/);
  await app.openTab('verdict');
  assert.equal((await app.verdict()).decision, 'Allowed', 'the verdict on display is still the last answer');
});

test('a question asked is kept as a check, with the decision it has now as its Expect', async () => {
  await app.chooseScenario('quickstart.json');
  const before = await app.checks();
  const denied = await app.ask({ kind: 'GetSecretValue', caller: 'arn:aws:iam::111111111111:role/app', secret: 'prod/other' });
  assert.equal(denied.decision, 'ImplicitlyDenied');
  await app.openTab('query');
  await app.page.getByTestId('save-check-add').click();
  assert.match(await app.page.getByTestId('save-check-error').textContent(), /name/);
  await app.page.getByTestId('save-check-name').fill('app still cannot read prod/other');
  await app.page.getByTestId('save-check-add').click();
  await app.page.waitForSelector('[data-testid="panel-checks"]:not([hidden])');
  const after = await app.checks();
  assert.equal(after.length, before.length + 1);
  const added = after.at(-1);
  assert.equal(added.name, 'app still cannot read prod/other');
  assert.equal(added.decision, 'ImplicitlyDenied');
  assert.equal(added.holds, true, 'its Expect is the decision it has now');
  await app.undo();
  assert.equal((await app.checks()).length, before.length, 'one undoable edit');
});
