// The Bot Framework adapter: authentication of incoming requests and the client that sends replies.
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { ServiceClientCredentialsFactory } from 'botframework-connector';
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

/** CloudAdapter with a way in for activities we have already read and validated ourselves. */
export class GuideAdapter extends CloudAdapter {
  handleActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
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
  if (overrides.openIdMetadataUrl) options.ToBotFromChannelOpenIdMetadataUrl = overrides.openIdMetadataUrl;
  if (overrides.tokenIssuer) options.ToBotFromChannelTokenIssuer = overrides.tokenIssuer;
  return new GuideAdapter(new ConfigurationBotFrameworkAuthentication(options, overrides.credentialsFactory));
}
