import type { ChannelId, Design, GenesysMessage, Issue, ReplyMessage } from '@grmd/shared';

/** What shared runPipeline returns (import → validate → bind → sanitize → compile). */
export type PipelineResult = {
  valid: boolean;
  issues: Issue[];
  design: Design | null;
  message: GenesysMessage | null;
  replyMessages: ReplyMessage[] | null;
  text: string | null;
};

/** runPipeline with the purifier already bound. */
export type Pipeline = (
  input: unknown,
  opts: { channel?: ChannelId; variables?: Record<string, string> },
) => PipelineResult;

/** The parts of a Bot Connector session the send path needs (helper D's SessionStore). */
export type BotSessionInfo = {
  botSessionId: string;
  botId: string;
  botVersion: string;
  languageCode: string;
};

export type SessionsPort = {
  get(botSessionId: string): BotSessionInfo | undefined | null;
  /** Adds the push to the session timeline (live view). */
  recordPush?(
    botSessionId: string,
    push: {
      sendId: string;
      requestId: string;
      status: 'sent' | 'failed' | 'unknown';
      botState: string;
      replyMessages: ReplyMessage[];
      genesysMessageId?: string;
      error?: string;
    },
  ): void;
};
