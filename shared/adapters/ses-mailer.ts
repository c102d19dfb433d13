import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { Config } from '../config';
import type { Mailer } from '../domain/ports';
import { baseClientConfig } from './clients';

export const sesClient = (cfg: Config): SESv2Client => new SESv2Client(baseClientConfig(cfg, cfg.endpoints.ses));

/** Sends one mail with a plain-text and an HTML part, from the configured sender identity. */
export const sesMailer = (ses: SESv2Client, from: string, configurationSet?: string): Mailer => ({
  async send(to, mail) {
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
        Content: {
          Simple: {
            Subject: { Data: mail.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
          },
        },
      }),
    );
  },
});
