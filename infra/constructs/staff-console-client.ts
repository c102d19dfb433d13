import { CfnOutput, Duration, Stack } from 'aws-cdk-lib';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface StaffConsoleClientProps {
  pool: cognito.IUserPool;
  domain: cognito.UserPoolDomain;
  /** The one origin staff sign in at: the public base URL (or the API's own address when there is none). */
  baseUrl: string;
}

/**
 * The staff console's app client and the JWT authorizer that trusts it. The console signs in with
 * the authorization code grant and PKCE (a public client, no secret). The PKCE verifier lives in
 * the browser's sessionStorage, which is per origin: sign-in must start and end on the same
 * origin, so exactly one callback is registered, on the public base URL, and the README says to
 * open the console there.
 */
export class StaffConsoleClient extends Construct {
  readonly client: cognito.UserPoolClient;
  readonly authorizer: HttpUserPoolAuthorizer;
  readonly consoleUrl: string;

  constructor(scope: Construct, id: string, props: StaffConsoleClientProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.consoleUrl = `${props.baseUrl}/admin`;
    // At the stack's scope under its earlier id, so an update keeps the client (and its id) in place.
    this.client = new cognito.UserPoolClient(stack, 'StaffConsole', {
      userPool: props.pool,
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL],
        callbackUrls: [this.consoleUrl],
        logoutUrls: [this.consoleUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.minutes(60),
      idTokenValidity: Duration.minutes(60),
      refreshTokenValidity: Duration.hours(12),
    });
    this.authorizer = new HttpUserPoolAuthorizer('Staff', props.pool, { userPoolClients: [this.client] });
    new CfnOutput(stack, 'StaffConsoleClientId', { value: this.client.userPoolClientId });
    new CfnOutput(stack, 'StaffConsoleUrl', {
      value: this.consoleUrl,
      description: 'The staff console: sign in here and only here (the sign-in returns to this origin)',
    });
    new CfnOutput(stack, 'StaffSignInUrl', {
      value: props.domain.signInUrl(this.client, { redirectUri: this.consoleUrl }),
      description: 'Hosted sign-in for staff: first sign-in sets the password and the authenticator app (MFA)',
    });
  }
}
