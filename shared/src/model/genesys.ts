/**
 * Genesys Cloud wire formats, one module per contract: the normalized message and its
 * content (message.ts), the Bot Connector (botConnector.ts) and the other Platform API
 * shapes (platform.ts).
 */
export * from './message.ts';
export * from './botConnector.ts';
export * from './platform.ts';
