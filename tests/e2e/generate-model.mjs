// A generated, realistic ~300-entity model in the contract format (secretpath/1), for the
// edit-to-verdict measurement (tests/e2e/measure-edit.mjs). Deterministic: the same text each run.
//
//   node tests/e2e/generate-model.mjs > /tmp/large.json     # then: secretpath check /tmp/large.json
//
// Three accounts (one VPC each: 6 subnets, 3 route tables, internet and NAT gateways, 4 security
// groups, a network ACL, Secrets Manager and KMS interface endpoints), 60 roles with inline
// policies, 80 secrets with resource policies, 45 parameters, 20 customer managed keys,
// 20 instances, 10 functions, 5 database instances and 20 Checks: 300 entities on the graph
// (plus 24 containers: accounts, VPCs, subnets).
//
// `FLIP` names the check an edit flips and how: the role `FLIP.role` has the inline statement
// `FLIP.sid`; turning its Effect from Allow into Deny turns `FLIP.check` from Allowed into
// ExplicitlyDenied (and back).
import { fileURLToPath } from 'node:url';

const REGION = 'us-east-1';
const ACCOUNTS = [
  { id: '111111111111', name: 'payments' },
  { id: '222222222222', name: 'logistics' },
  { id: '333333333333', name: 'analytics' },
];
const ROLES = 60;
const SECRETS = 80;
const KEYS = 20;
const INSTANCES = 20;
const FUNCTIONS = 10;
const DATABASES = 5;
const PARAMETERS = 15; // per account: plain String configuration parameters
const SERVICE_GROUPS = 8; // per VPC: one security group per service, besides app/lambda/db/endpoints
const EC2_ROLES = 7; // local role indices 0..6 are EC2 roles (with instance profiles)
const LAMBDA_ROLES = 4; // 7..10 are Lambda roles; the rest are ECS task roles

const DATE = '2024-06-01T09:00:00+00:00';
const pad = (n, w = 2) => String(n).padStart(w, '0');
const hex = (seed, width) => {
  let x = (seed * 2654435761 + 0x9e3779b9) >>> 0;
  let out = '';
  while (out.length < width) {
    x = (x * 1103515245 + 12345) >>> 0;
    out += (x >>> 8).toString(16).padStart(6, '0');
  }
  return out.slice(0, width);
};
const suffix = (seed) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let x = (seed * 2246822519 + 7) >>> 0;
  let out = '';
  for (let i = 0; i < 6; i += 1) {
    x = (x * 1664525 + 1013904223) >>> 0;
    out += chars[(x >>> 16) % chars.length];
  }
  return out;
};
const uuid = (seed) => {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
const tag = (name) => [{ Key: 'Name', Value: name }];
const policy = (statements) => ({ Version: '2012-10-17', Statement: statements });

const roleName = (local) => {
  if (local < EC2_ROLES) return `svc-${pad(local)}-ec2`;
  if (local < EC2_ROLES + LAMBDA_ROLES) return `svc-${pad(local)}-lambda`;
  return `svc-${pad(local)}-task`;
};
const roleArn = (account, local) => `arn:aws:iam::${account.id}:role/${roleName(local)}`;
const keyId = (k) => uuid(1000 + k);
const keyArn = (account, k) => `arn:aws:kms:${REGION}:${account.id}:key/${keyId(k)}`;
const keysOf = (a) => [...Array(KEYS).keys()].filter((k) => k % ACCOUNTS.length === a);
const secretName = (account, local, n) => `${account.name}/svc-${pad(local)}/cred-${n}`;
const secretArn = (account, s, name) => `arn:aws:secretsmanager:${REGION}:${account.id}:secret:${name}-${suffix(s)}`;

/** Secret `s` (global index): its account, owning role (local index), key and name. */
function secretInfo(s) {
  const a = s % ACCOUNTS.length;
  const account = ACCOUNTS[a];
  const local = Math.floor(s / ACCOUNTS.length) % (ROLES / ACCOUNTS.length);
  const n = Math.floor(s / ROLES);
  const keys = keysOf(a);
  const k = keys[local % keys.length];
  const name = secretName(account, local, n);
  return { a, account, local, n, k, name, arn: secretArn(account, s, name) };
}

function net(a) {
  const id = (prefix, n) => `${prefix}-0${hex(a * 100 + n, 16)}`;
  const cidr = `10.${a}.0.0/16`;
  const vpc = id('vpc', 0);
  const subnets = ['public-a', 'public-b', 'app-a', 'app-b', 'db-a', 'db-b'].map((name, i) => ({
    name,
    id: id('subnet', 10 + i),
    cidr: `10.${a}.${i}.0/24`,
    az: i % 2 === 0 ? 'us-east-1a' : 'us-east-1b',
  }));
  return {
    cidr,
    vpc,
    subnets,
    igw: id('igw', 1),
    nat: id('nat', 2),
    acl: id('acl', 3),
    rtMain: id('rtb', 4),
    rtPublic: id('rtb', 5),
    rtPrivate: id('rtb', 6),
    sgApp: id('sg', 20),
    sgLambda: id('sg', 21),
    sgDb: id('sg', 22),
    sgEndpoint: id('sg', 23),
    vpceSm: id('vpce', 30),
    vpceKms: id('vpce', 31),
  };
}

const serviceGroup = (a, g) => `sg-0${hex(a * 100 + 50 + g, 16)}`;

function parameter(account, p) {
  return {
    Name: `/${account.name}/svc-${pad(p)}/config`,
    ARN: `arn:aws:ssm:${REGION}:${account.id}:parameter/${account.name}/svc-${pad(p)}/config`,
    Type: 'String',
    LastModifiedDate: DATE,
    LastModifiedUser: `arn:aws:iam::${account.id}:role/${roleName(p)}`,
    Description: `Configuration of svc-${pad(p)}`,
    Version: 1,
    Tier: 'Standard',
    Policies: [],
    DataType: 'text',
  };
}

function role(account, local) {
  const service = local < EC2_ROLES ? 'ec2' : local < EC2_ROLES + LAMBDA_ROLES ? 'lambda' : 'ecs-tasks';
  const name = roleName(local);
  const a = ACCOUNTS.indexOf(account);
  const keys = keysOf(a);
  const k = keys[local % keys.length];
  const statements = [
    {
      Sid: 'ReadOwnSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Resource: `arn:aws:secretsmanager:${REGION}:${account.id}:secret:${account.name}/svc-${pad(local)}/*`,
    },
    {
      Sid: 'DecryptViaSecretsManager',
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: keyArn(account, k),
      Condition: { StringEquals: { 'kms:ViaService': `secretsmanager.${REGION}.amazonaws.com` } },
    },
  ];
  if (service === 'lambda') {
    statements.push({
      Sid: 'VpcNetworkInterfaces',
      Effect: 'Allow',
      Action: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces'],
      Resource: '*',
    });
  }
  if (local === 19) {
    // the account's auditor may describe (not read) every secret
    statements.push({ Sid: 'DescribeAll', Effect: 'Allow', Action: 'secretsmanager:DescribeSecret', Resource: '*' });
  }
  const roleId = `AROA${hex(a * 1000 + local, 16).toUpperCase()}`;
  return {
    Path: '/',
    RoleName: name,
    RoleId: roleId,
    Arn: roleArn(account, local),
    CreateDate: DATE,
    AssumeRolePolicyDocument: policy([
      { Effect: 'Allow', Principal: { Service: `${service}.amazonaws.com` }, Action: 'sts:AssumeRole' },
    ]),
    InstanceProfileList:
      service === 'ec2'
        ? [
            {
              Path: '/',
              InstanceProfileName: name,
              InstanceProfileId: `AIPA${hex(a * 1000 + local, 16).toUpperCase()}`,
              Arn: `arn:aws:iam::${account.id}:instance-profile/${name}`,
              CreateDate: DATE,
              Roles: [],
            },
          ]
        : [],
    RolePolicyList: [{ PolicyName: `${name}-secrets`, PolicyDocument: policy(statements) }],
    AttachedManagedPolicies: [],
    Tags: [{ Key: 'team', Value: `svc-${pad(local)}` }],
  };
}

function secret(s) {
  const { account, local, k, name, arn } = secretInfo(s);
  const orgAccounts = ACCOUNTS.map((x) => x.id);
  const statements = [
    {
      Sid: 'DenyOutsideTheOrganization',
      Effect: 'Deny',
      Principal: '*',
      Action: 'secretsmanager:*',
      Resource: '*',
      Condition: { StringNotEquals: { 'aws:PrincipalAccount': orgAccounts } },
    },
  ];
  if (local === 0) {
    statements.push({
      Sid: 'AllowAnalyticsReader',
      Effect: 'Allow',
      Principal: { AWS: roleArn(ACCOUNTS[2], 19) },
      Action: 'secretsmanager:GetSecretValue',
      Resource: '*',
    });
  }
  return {
    ARN: arn,
    Name: name,
    Description: `Credentials of svc-${pad(local)} (${account.name})`,
    KmsKeyId: `alias/${account.name}-${pad(k)}`,
    LastChangedDate: DATE,
    CreatedDate: DATE,
    Tags: [{ Key: 'team', Value: `svc-${pad(local)}` }],
    VersionIdsToStages: { [uuid(5000 + s)]: ['AWSCURRENT'] },
    ResourcePolicy: JSON.stringify(policy(statements)),
  };
}

function key(account, k) {
  const statements = [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${account.id}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
  ];
  return {
    KeyMetadata: {
      AWSAccountId: account.id,
      KeyId: keyId(k),
      Arn: keyArn(account, k),
      CreationDate: DATE,
      Enabled: true,
      Description: `Secrets key ${pad(k)} of ${account.name}`,
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeyState: 'Enabled',
      Origin: 'AWS_KMS',
      KeyManager: 'CUSTOMER',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      MultiRegion: false,
    },
    Policy: JSON.stringify(policy(statements)),
    Grants: [],
    Aliases: [
      {
        AliasName: `alias/${account.name}-${pad(k)}`,
        AliasArn: `arn:aws:kms:${REGION}:${account.id}:alias/${account.name}-${pad(k)}`,
        TargetKeyId: keyId(k),
        CreationDate: DATE,
        LastUpdatedDate: DATE,
      },
    ],
    Tags: [],
  };
}

function networking(a) {
  const account = ACCOUNTS[a];
  const n = net(a);
  const egressAll = [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] }];
  const sg = (id, name, ingress) => ({
    Description: name,
    GroupName: `${account.name}-${name}`,
    IpPermissions: ingress,
    OwnerId: account.id,
    GroupId: id,
    IpPermissionsEgress: egressAll,
    VpcId: n.vpc,
    Tags: tag(`${account.name}-${name}`),
  });
  const fromGroup = (group, port) => ({
    IpProtocol: 'tcp',
    IpRanges: [],
    Ipv6Ranges: [],
    PrefixListIds: [],
    UserIdGroupPairs: [{ GroupId: group, UserId: account.id }],
    FromPort: port,
    ToPort: port,
  });
  const assoc = (rt, subnet, i) => ({
    Main: false,
    RouteTableAssociationId: `rtbassoc-${i}${hex(a * 10 + i, 16)}`,
    RouteTableId: rt,
    SubnetId: subnet,
    AssociationState: { State: 'associated' },
  });
  const local = { DestinationCidrBlock: n.cidr, GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' };
  const endpoint = (id, service, eni) => ({
    VpcEndpointId: id,
    VpcEndpointType: 'Interface',
    VpcId: n.vpc,
    ServiceName: `com.amazonaws.${REGION}.${service}`,
    State: 'available',
    PolicyDocument: JSON.stringify({ Statement: [{ Action: '*', Effect: 'Allow', Principal: '*', Resource: '*' }] }),
    RouteTableIds: [],
    SubnetIds: [n.subnets[2].id, n.subnets[3].id],
    Groups: [{ GroupId: n.sgEndpoint, GroupName: `${account.name}-endpoints` }],
    IpAddressType: 'ipv4',
    DnsOptions: { DnsRecordIpType: 'ipv4' },
    PrivateDnsEnabled: true,
    RequesterManaged: false,
    NetworkInterfaceIds: [`eni-0${hex(a * 100 + eni, 16)}`],
    DnsEntries: [
      { DnsName: `${id}-abc123.${service}.${REGION}.vpce.amazonaws.com`, HostedZoneId: 'Z7HUB22UULQXV' },
      { DnsName: `${service}.${REGION}.amazonaws.com`, HostedZoneId: 'ZONEIDPENDING' },
    ],
    CreationTimestamp: DATE,
    OwnerId: account.id,
  });
  return {
    Vpcs: [
      {
        CidrBlock: n.cidr,
        State: 'available',
        VpcId: n.vpc,
        OwnerId: account.id,
        InstanceTenancy: 'default',
        CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-0${hex(a, 16)}`, CidrBlock: n.cidr, CidrBlockState: { State: 'associated' } }],
        IsDefault: false,
        Tags: tag(`${account.name}-main`),
        EnableDnsSupport: { Value: true },
        EnableDnsHostnames: { Value: true },
      },
    ],
    Subnets: n.subnets.map((s) => ({
      AvailabilityZone: s.az,
      AvailableIpAddressCount: 250,
      CidrBlock: s.cidr,
      DefaultForAz: false,
      MapPublicIpOnLaunch: s.name.startsWith('public'),
      State: 'available',
      SubnetId: s.id,
      VpcId: n.vpc,
      OwnerId: account.id,
      AssignIpv6AddressOnCreation: false,
      Ipv6CidrBlockAssociationSet: [],
      SubnetArn: `arn:aws:ec2:${REGION}:${account.id}:subnet/${s.id}`,
      Tags: tag(`${account.name}-${s.name}`),
    })),
    RouteTables: [
      {
        Associations: [{ Main: true, RouteTableAssociationId: `rtbassoc-m${hex(a, 16)}`, RouteTableId: n.rtMain, AssociationState: { State: 'associated' } }],
        PropagatingVgws: [],
        RouteTableId: n.rtMain,
        Routes: [local],
        Tags: tag(`${account.name}-main`),
        VpcId: n.vpc,
        OwnerId: account.id,
      },
      {
        Associations: [assoc(n.rtPublic, n.subnets[0].id, 1), assoc(n.rtPublic, n.subnets[1].id, 2)],
        PropagatingVgws: [],
        RouteTableId: n.rtPublic,
        Routes: [local, { DestinationCidrBlock: '0.0.0.0/0', Origin: 'CreateRoute', State: 'active', GatewayId: n.igw }],
        Tags: tag(`${account.name}-public`),
        VpcId: n.vpc,
        OwnerId: account.id,
      },
      {
        Associations: [2, 3, 4, 5].map((i) => assoc(n.rtPrivate, n.subnets[i].id, i + 1)),
        PropagatingVgws: [],
        RouteTableId: n.rtPrivate,
        Routes: [local, { DestinationCidrBlock: '0.0.0.0/0', Origin: 'CreateRoute', State: 'active', NatGatewayId: n.nat }],
        Tags: tag(`${account.name}-private`),
        VpcId: n.vpc,
        OwnerId: account.id,
      },
    ],
    SecurityGroups: [
      sg(n.sgApp, 'app', []),
      sg(n.sgLambda, 'lambda', []),
      sg(n.sgDb, 'db', [fromGroup(n.sgApp, 5432), fromGroup(n.sgLambda, 5432)]),
      ...[...Array(SERVICE_GROUPS).keys()].map((g) => sg(serviceGroup(a, g), `svc-${pad(g)}`, [fromGroup(n.sgApp, 8080 + g)])),
      sg(n.sgEndpoint, 'endpoints', [
        { IpProtocol: 'tcp', IpRanges: [{ CidrIp: n.cidr, Description: 'HTTPS from the VPC' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [], FromPort: 443, ToPort: 443 },
      ]),
    ],
    NetworkAcls: [
      {
        Associations: n.subnets.map((s, i) => ({ NetworkAclAssociationId: `aclassoc-${i}${hex(a * 10 + i, 16)}`, NetworkAclId: n.acl, SubnetId: s.id })),
        Entries: [true, false].flatMap((Egress) => [
          { CidrBlock: '0.0.0.0/0', Egress, Protocol: '-1', RuleAction: 'allow', RuleNumber: 100 },
          { CidrBlock: '0.0.0.0/0', Egress, Protocol: '-1', RuleAction: 'deny', RuleNumber: 32767 },
        ]),
        IsDefault: true,
        NetworkAclId: n.acl,
        Tags: [],
        VpcId: n.vpc,
        OwnerId: account.id,
      },
    ],
    VpcEndpoints: [endpoint(n.vpceSm, 'secretsmanager', 40), endpoint(n.vpceKms, 'kms', 41)],
    NatGateways: [
      {
        CreateTime: DATE,
        NatGatewayAddresses: [
          { AllocationId: `eipalloc-0${hex(a, 16)}`, NetworkInterfaceId: `eni-1${hex(a, 16)}`, PrivateIp: `10.${a}.0.12`, PublicIp: `203.0.113.${10 + a}`, IsPrimary: true, Status: 'succeeded' },
        ],
        NatGatewayId: n.nat,
        State: 'available',
        SubnetId: n.subnets[0].id,
        VpcId: n.vpc,
        ConnectivityType: 'public',
        Tags: [],
      },
    ],
    InternetGateways: [{ Attachments: [{ State: 'available', VpcId: n.vpc }], InternetGatewayId: n.igw, OwnerId: account.id, Tags: [] }],
  };
}

const instanceId = (i) => `i-0${hex(7000 + i, 16)}`;
const instanceRole = (i) => Math.floor(i / ACCOUNTS.length) % EC2_ROLES;
function instance(i) {
  const a = i % ACCOUNTS.length;
  const account = ACCOUNTS[a];
  const n = net(a);
  const subnet = n.subnets[2 + (i % 2)];
  const ip = `10.${a}.${2 + (i % 2)}.${20 + i}`;
  const name = roleName(instanceRole(i));
  return {
    AmiLaunchIndex: 0,
    ImageId: 'ami-0c7217cdde317cfec',
    InstanceId: instanceId(i),
    InstanceType: 't3.small',
    LaunchTime: DATE,
    Placement: { AvailabilityZone: subnet.az, GroupName: '', Tenancy: 'default' },
    PrivateDnsName: `ip-${ip.replaceAll('.', '-')}.ec2.internal`,
    PrivateIpAddress: ip,
    State: { Code: 16, Name: 'running' },
    SubnetId: subnet.id,
    VpcId: n.vpc,
    IamInstanceProfile: { Arn: `arn:aws:iam::${account.id}:instance-profile/${name}`, Id: `AIPA${hex(a * 1000 + instanceRole(i), 16).toUpperCase()}` },
    SecurityGroups: [
      { GroupId: n.sgApp, GroupName: `${account.name}-app` },
      { GroupId: serviceGroup(a, instanceRole(i)), GroupName: `${account.name}-svc-${pad(instanceRole(i))}` },
    ],
    MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled' },
    NetworkInterfaces: [
      { NetworkInterfaceId: `eni-2${hex(7000 + i, 16)}`, SubnetId: subnet.id, VpcId: n.vpc, PrivateIpAddress: ip, Groups: [{ GroupId: n.sgApp, GroupName: `${account.name}-app` }], Status: 'in-use' },
    ],
    Tags: tag(`${account.name}-${name}-${i}`),
  };
}

const functionName = (f) => `${ACCOUNTS[f % ACCOUNTS.length].name}-worker-${pad(f)}`;
const functionArn = (f) => `arn:aws:lambda:${REGION}:${ACCOUNTS[f % ACCOUNTS.length].id}:function:${functionName(f)}`;
const functionRole = (f) => EC2_ROLES + (Math.floor(f / ACCOUNTS.length) % LAMBDA_ROLES);
function lambda(f) {
  const a = f % ACCOUNTS.length;
  const account = ACCOUNTS[a];
  const n = net(a);
  return {
    FunctionName: functionName(f),
    FunctionArn: functionArn(f),
    Runtime: 'python3.12',
    Role: roleArn(account, functionRole(f)),
    Handler: 'app.handler',
    CodeSize: 4096,
    Description: `Worker ${f}`,
    Timeout: 30,
    MemorySize: 256,
    LastModified: '2024-06-01T09:00:00.000+0000',
    Version: '$LATEST',
    TracingConfig: { Mode: 'PassThrough' },
    State: 'Active',
    PackageType: 'Zip',
    Architectures: ['x86_64'],
    VpcConfig: { SubnetIds: [n.subnets[2].id, n.subnets[3].id], SecurityGroupIds: [n.sgLambda], VpcId: n.vpc },
  };
}

function database(d) {
  const a = d % ACCOUNTS.length;
  const account = ACCOUNTS[a];
  const n = net(a);
  const id = `${account.name}-db-${d}`;
  return {
    DBInstanceIdentifier: id,
    DBInstanceClass: 'db.t4g.medium',
    Engine: 'postgres',
    DBInstanceStatus: 'available',
    MasterUsername: 'postgres',
    DBName: `app${d}`,
    Endpoint: { Address: `${id}.c9akciq32xyz.${REGION}.rds.amazonaws.com`, Port: 5432, HostedZoneId: 'Z2R2ITUGPM61AM' },
    AllocatedStorage: 100,
    InstanceCreateTime: DATE,
    VpcSecurityGroups: [{ VpcSecurityGroupId: n.sgDb, Status: 'active' }],
    DBSubnetGroup: {
      DBSubnetGroupName: `${account.name}-db`,
      DBSubnetGroupDescription: 'database subnets',
      VpcId: n.vpc,
      SubnetGroupStatus: 'Complete',
      Subnets: [4, 5].map((i) => ({ SubnetIdentifier: n.subnets[i].id, SubnetAvailabilityZone: { Name: n.subnets[i].az }, SubnetStatus: 'Active' })),
    },
    MultiAZ: true,
    EngineVersion: '16.4',
    PubliclyAccessible: false,
    StorageEncrypted: true,
    DbiResourceId: `db-${hex(9000 + d, 26).toUpperCase()}`,
    DBInstanceArn: `arn:aws:rds:${REGION}:${account.id}:db:${id}`,
    IAMDatabaseAuthenticationEnabled: false,
  };
}

// The secret (name) owned by role `local` of account `a`, first of its secrets.
const ownSecret = (a, local) => secretName(ACCOUNTS[a], local, 0);

export const FLIP = {
  check: `instance 0 (${roleName(instanceRole(0))}) reads its own secret`,
  role: roleArn(ACCOUNTS[0], instanceRole(0)),
  roleName: roleName(instanceRole(0)),
  sid: 'ReadOwnSecrets',
};

function checks() {
  const list = [];
  for (let i = 0; i < 9; i += 1) {
    list.push({
      Name: `instance ${i} (${roleName(instanceRole(i))}) reads its own secret`,
      Query: { GetSecretValue: { SecretId: ownSecret(i % 3, instanceRole(i)), From: { Instance: instanceId(i) } } },
      Expect: 'Allowed',
    });
  }
  list.push({
    Name: 'least privilege: instance 0 cannot read another service’s secret',
    Query: { GetSecretValue: { SecretId: ownSecret(0, 3), From: { Instance: instanceId(0) } } },
    Expect: 'ImplicitlyDenied',
  });
  list.push({
    Name: 'least privilege: instance 1 cannot write its secret',
    Query: {
      Simulate: { Action: 'secretsmanager:PutSecretValue', Resource: secretInfo(instanceRole(1) * 3 + 1).arn, From: { Instance: instanceId(1) } },
    },
    Expect: 'ImplicitlyDenied',
  });
  for (let f = 0; f < 4; f += 1) {
    list.push({
      Name: `function ${functionName(f)} reads its own secret`,
      Query: { GetSecretValue: { SecretId: ownSecret(f % 3, functionRole(f)), From: { Function: functionArn(f) } } },
      Expect: 'Allowed',
    });
  }
  for (const [a, local] of [[0, 12], [1, 15], [2, 18]]) {
    list.push({
      Name: `task role ${roleName(local)} of ${ACCOUNTS[a].name} reads its own secret`,
      Query: { GetSecretValue: { SecretId: ownSecret(a, local), Caller: roleArn(ACCOUNTS[a], local) } },
      Expect: 'Allowed',
    });
  }
  list.push({
    Name: 'the analytics auditor cannot read a payments secret it was never granted',
    Query: { GetSecretValue: { SecretId: secretInfo(3).arn, Caller: roleArn(ACCOUNTS[2], 19) } },
    Expect: 'ImplicitlyDenied',
  });
  list.push({
    Name: 'the payments auditor may describe any payments secret',
    Query: { Simulate: { Action: 'secretsmanager:DescribeSecret', Resource: secretInfo(9).arn, Caller: roleArn(ACCOUNTS[0], 19) } },
    Expect: 'Allowed',
  });
  return list;
}

export function generateModel() {
  const accounts = ACCOUNTS.map((account, a) => {
    const roles = [...Array(ROLES).keys()].filter((r) => r % ACCOUNTS.length === a).map((r) => role(account, Math.floor(r / ACCOUNTS.length)));
    const region = {
      Region: REGION,
      Secrets: [...Array(SECRETS).keys()].filter((s) => s % ACCOUNTS.length === a).map(secret),
      Parameters: [...Array(PARAMETERS).keys()].map((p) => parameter(account, p)),
      Keys: keysOf(a).map((k) => key(account, k)),
      ...networking(a),
      Instances: [...Array(INSTANCES).keys()].filter((i) => i % ACCOUNTS.length === a).map(instance),
      Functions: [...Array(FUNCTIONS).keys()].filter((f) => f % ACCOUNTS.length === a).map(lambda),
      DBInstances: [...Array(DATABASES).keys()].filter((d) => d % ACCOUNTS.length === a).map(database),
    };
    return {
      AccountId: account.id,
      Name: account.name,
      Iam: { UserDetailList: [], GroupDetailList: [], RoleDetailList: roles, Policies: [] },
      Regions: [region],
    };
  });
  return {
    Format: 'secretpath/1',
    Description: 'Generated benchmark model (tests/e2e/generate-model.mjs): 3 accounts, 60 roles, 80 secrets, 45 parameters, 20 keys, 3 VPCs, 20 instances, 10 functions, 5 databases.',
    Accounts: accounts,
    Checks: checks(),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.stdout.write(`${JSON.stringify(generateModel(), null, 2)}\n`);
}
