// The Bot Framework adapter: authentication of incoming requests and the client that sends replies.
import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, type ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Config } from '../config';

/**
 * Settings that only tests (or sovereign clouds) change: where token signing keys are published and
 * how outgoing calls get their tokens.
 */
export interface AuthOverrides {
  openIdMetadataUrl?: string;
  tokenIssuer?: string;
  credentialsFactory?: ServiceClientCredentialsFactory;
}

/** The request carried no valid Bot Framework token; nothing was processed. */
export class RequestNotAuthenticated extends Error {}

/** CloudAdapter with a way in for activities we have already read and validated ourselves. */
export class GuideAdapter extends CloudAdapter {
  /**
   * Authenticates first, on its own, so that any failure there (the SDK throws several kinds, not only
   * AuthenticationError) is a refusal, and only then runs the turn.
   */
  async handleActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    let authentication;
    try {
      authentication = await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (error) {
      throw new RequestNotAuthenticated((error as Error).message ?? String(error));
    }
    return this.processActivity(authentication, activity, logic);
  }
}

export function createAdapter(config: Config, overrides: AuthOverrides = {}): GuideAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = {};
  if (config.MicrosoftAppId) {
    options.MicrosoftAppId = config.MicrosoftAppId;
    options.MicrosoftAppType = config.MicrosoftAppType;
    options.MicrosoftAppTenantId = config.MicrosoftAppTenantId;
    if (config.MicrosoftAppPassword) options.MicrosoftAppPassword = config.MicrosoftAppPassword;
  }
  if (overrides.openIdMetadataUrl || overrides.tokenIssuer) {
    // The SDK takes all endpoint settings as given once any one is set, so start from the public cloud's.
    Object.assign(options, {
      ValidateAuthority: true,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: overrides.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
      OAuthUrl: AuthenticationConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: overrides.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      CallerId: CallerIdConstants.PublicAzureChannel,
    } satisfies ConfigurationBotFrameworkAuthenticationOptions);
  }
  return new GuideAdapter(new ConfigurationBotFrameworkAuthentication(options, overrides.credentialsFactory));
}
