import { check, nothingToSendError, type ChannelId, type CheckResult, type Design, type Purifier, type ReplyMessage, type ValidateRequest } from '@grmd/shared';
import { DomainError } from '../errors.ts';

/** shared check() (the one verdict) with the server's purifier bound: validate, send and arm share it. */
export type Pipeline = (input: unknown, opts: { channel?: ChannelId; variables?: Record<string, string> }) => CheckResult;

export function createPipeline(purify: Purifier): Pipeline {
  return (input, opts) => check(input, { purify, ...opts });
}

/** The body shared by /api/validate, /api/sends and arming (the contract's ValidateRequest): one of design or message. */
export type PipelineRequest = Pick<ValidateRequest, 'design' | 'message' | 'channel' | 'variables'>;

/** The pipeline on a request body, exactly as a send would run it. */
export function runRequest(pipeline: Pipeline, body: PipelineRequest): CheckResult {
  return pipeline(body.design !== undefined ? body.design : body.message, {
    ...(body.channel ? { channel: body.channel } : {}),
    ...(body.variables ? { variables: body.variables } : {}),
  });
}

/**
 * Runs the pipeline on a request that is about to leave (a send or an armed reply): any
 * error refuses it, listing every issue with its path, and nothing leaves.
 */
export function runForDelivery(pipeline: Pipeline, body: PipelineRequest, nothingDone: string): CheckResult & { design: Design } {
  const result = runRequest(pipeline, body);
  if (!result.valid || !result.design) {
    throw new DomainError('unprocessable', 'invalid_message', `The message has errors; ${nothingDone}`, { issues: result.issues });
  }
  return result as CheckResult & { design: Design };
}

/** The Bot Connector reply messages of a valid result; refused when there is nothing a bot may send. */
export function botReplyMessages(result: CheckResult, nothingDone: string): ReplyMessage[] {
  if (!result.replyMessages || result.replyMessages.length === 0) {
    // The reason is the verdict's own issue (the one Problems shows), as an error here.
    const why = nothingToSendError(result.issues);
    throw new DomainError('unprocessable', 'nothing_to_send', `The compiled message has nothing a bot may send; ${nothingDone}`, why ? { issues: [why] } : {});
  }
  return result.replyMessages;
}
