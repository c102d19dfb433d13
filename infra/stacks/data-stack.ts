import { Aws, CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { registerTable, requestsTable, type TableDef } from '../../shared/adapters/tables';

export interface DataStackProps extends StackProps {
  /** Domain of the SES sending identity (DKIM records go in its DNS zone). */
  senderDomain: string;
  /** Prefix of the staff sign-in domain (<prefix>.auth.<region>.amazoncognito.com); unique per region. */
  staffDomainPrefix?: string;
  /**
   * The sender domain is already an SES identity in this account and region (made by hand or by
   * another app): use it as it is instead of creating it, which would fail with AlreadyExists.
   */
  importSenderIdentity?: boolean;
}

/** The staff roles (CONTRACT.md): viewers read every staff route, deciders also decide. */
export const STAFF_GROUPS = {
  viewer: { name: 'dsr-viewer', description: 'Reads every staff route of the data-subject request console' },
  decider: { name: 'dsr-decider', description: 'Reads, decides, registers requests, completes tasks and writes messages' },
} as const;

/**
 * Cognito's rules for a domain prefix: lower-case letters, digits and hyphens, not starting or ending
 * with a hyphen, and no reserved words. Checked at synth, so a bad one fails before a deploy.
 */
export const checkDomainPrefix = (prefix: string): string => {
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || /aws|amazon|cognito/.test(prefix)) {
    throw new Error(
      `staffDomainPrefix "${prefix}" is not a valid Cognito domain prefix: 1-63 lower-case letters, digits and hyphens, ` +
        'not starting or ending with a hyphen, without "aws", "amazon" or "cognito"',
    );
  }
  return prefix;
};

/** Lifetime of an export object: the emailed link lives 7 days (EXPORT_LINK_DAYS), plus a day's margin. */
export const EXPORT_OBJECT_DAYS = 8;
export const EXPORTS_PREFIX = 'exports/';

/**
 * Everything that holds state: tables, the exports bucket, the keys, the HMAC secret, the mail
 * identity and the staff user pool. Each is retained when the stack is deleted, and the app stack
 * can be redeployed or replaced without touching any of it.
 */
export class DataStack extends Stack {
  readonly requests: dynamodb.Table;
  readonly register: dynamodb.Table;
  readonly exportsBucket: s3.Bucket;
  /**
   * Name of the export holding the bucket's ARN. The app stack imports it by this name to write
   * its `exports/*` object grants, so cdk-nag reports that wildcard under a stable, readable id
   * (`DsrData-ExportsBucketArn/exports/*`) that can be acknowledged next to the grant.
   */
  readonly exportsBucketArnExport: string;
  readonly exportsKey: kms.Key;
  readonly sealKey: kms.Key;
  readonly hmacKey: secretsmanager.Secret;
  readonly emailIdentity: ses.IEmailIdentity;
  readonly configurationSet: ses.ConfigurationSet;
  readonly configurationSetArn: string;
  readonly staffPool: cognito.UserPool;
  readonly staffDomain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);

    this.requests = this.table('Requests', requestsTable);
    this.register = this.table('Register', registerTable);

    this.exportsKey = new kms.Key(this, 'ExportsKey', {
      description: 'Encrypts data-subject exports in the exports bucket',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.exportsBucket = new s3.Bucket(this, 'Exports', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: this.exportsKey,
      // One data key per bucket instead of a KMS call per object: cheaper, same protection.
      bucketKeyEnabled: true,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [
        { id: 'expire-exports', prefix: EXPORTS_PREFIX, expiration: Duration.days(EXPORT_OBJECT_DAYS) },
        // Versioning guards against overwrites, but an expired or erased export must not linger.
        {
          id: 'drop-old-versions',
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
          expiredObjectDeleteMarker: true,
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.exportsBucketArnExport = `${this.stackName}-ExportsBucketArn`;
    new CfnOutput(this, 'ExportsBucketArn', { value: this.exportsBucket.bucketArn, exportName: this.exportsBucketArnExport });
    Validations.of(this.exportsBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'No server access logs on purpose: every download is a presigned GET by the data subject, so the log would be a ' +
        'register of subjects\' IP addresses (personal data) kept apart from the request it belongs to. Access is ' +
        'limited to the roles of the functions that make, serve and purge exports, over TLS only, and the request audit trail records each export made and sent.',
    });

    // Seals must stay verifiable for as long as the proof is kept, so the key is never deleted with the stack.
    this.sealKey = new kms.Key(this, 'SealKey', {
      description: 'Signs sealed data-subject requests (ECDSA P-256); verify with its public key',
      keySpec: kms.KeySpec.ECC_NIST_P256,
      keyUsage: kms.KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.hmacKey = new secretsmanager.Secret(this, 'HmacKey', {
      description: 'Key of the keyed email hashes (register lookup index, rate limits, logs)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      // Losing it orphans every stored hash: the register could no longer find a subject by email.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.hmacKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Not rotated automatically: the register\'s byEmail index stores HMACs made with this key, so a new key must come ' +
        'with a re-keying job that rewrites every hash. Rotation is an operator task run together with that job.',
    });

    this.configurationSet = new ses.ConfigurationSet(this, 'Mail', {
      // Personal data only travels to receiving servers that speak TLS.
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      reputationMetrics: true,
    });
    this.configurationSetArn = this.formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
    if (props.importSenderIdentity) {
      // Someone else owns it: its DKIM records and default configuration set are theirs to keep.
      // Every send names our configuration set (SES_CONFIGURATION_SET), so TLS is still required.
      this.emailIdentity = ses.EmailIdentity.fromEmailIdentityName(this, 'Sender', props.senderDomain);
    } else {
      const identity = new ses.EmailIdentity(this, 'Sender', {
        identity: ses.Identity.domain(props.senderDomain),
        // The identity's default set, so even a send that names no set keeps the TLS requirement.
        configurationSet: this.configurationSet,
      });
      this.emailIdentity = identity;
      // The three DKIM CNAME records to publish in the sender domain's zone (infra/README.md).
      const dkim = [
        [identity.dkimDnsTokenName1, identity.dkimDnsTokenValue1],
        [identity.dkimDnsTokenName2, identity.dkimDnsTokenValue2],
        [identity.dkimDnsTokenName3, identity.dkimDnsTokenValue3],
      ] as const;
      dkim.forEach(([name, value], i) => {
        new CfnOutput(this, `DkimRecord${i + 1}`, { value: `${name} CNAME ${value}`, description: `DKIM record ${i + 1} of 3 for ${props.senderDomain}` });
      });
    }

    this.staffPool = new cognito.UserPool(this, 'Staff', {
      // Personal staff accounts only, made by an administrator.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 14,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      // Plus: threat protection (compromised credentials, risky sign-ins) enforced, not just logged.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // A pool has one Cognito domain, and CloudFormation makes the new one before removing the old:
    // so the prefix must never change after the first deploy (cdk.json context, infra/README.md).
    this.staffDomain = this.staffPool.addDomain('StaffSignIn', {
      cognitoDomain: { domainPrefix: props.staffDomainPrefix ? checkDomainPrefix(props.staffDomainPrefix) : `dsr-staff-${Aws.ACCOUNT_ID}` },
    });
    for (const [id, group] of Object.entries(STAFF_GROUPS)) {
      // The ID token carries the user's groups as `cognito:groups`; the functions check the role.
      new cognito.CfnUserPoolGroup(this, `StaffGroup-${id}`, {
        userPoolId: this.staffPool.userPoolId,
        groupName: group.name,
        description: group.description,
      });
    }

    // What the operator needs after a deploy (README: verify the identity, create a staff user, remove).
    new CfnOutput(this, 'StaffPoolId', { value: this.staffPool.userPoolId });
    new CfnOutput(this, 'SenderIdentity', { value: this.emailIdentity.emailIdentityName });
    new CfnOutput(this, 'HmacSecretArn', { value: this.hmacKey.secretArn });
    new CfnOutput(this, 'RequestsTableName', { value: this.requests.tableName });
    new CfnOutput(this, 'RegisterTableName', { value: this.register.tableName });
    new CfnOutput(this, 'ExportsBucketName', { value: this.exportsBucket.bucketName });
  }

  /** A table built from its definition in shared/adapters/tables.ts, as the local stack builds it. */
  private table(id: string, def: TableDef): dynamodb.Table {
    const table = new dynamodb.Table(this, id, {
      partitionKey: { name: def.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: def.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // AWS-managed key: encrypted at rest with no key policy to keep in step with every role.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      ...(def.stream ? { stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES } : {}),
      ...(def.ttlAttribute ? { timeToLiveAttribute: def.ttlAttribute } : {}),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of def.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        ...(index.sortKey ? { sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING } } : {}),
        projectionType: index.projection === 'keys' ? dynamodb.ProjectionType.KEYS_ONLY : dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }
}
