// The public face of @grmd/shared, by folder: model (the design tree, the Genesys formats, the
// node-kind table), rules (what is wrong), transform (sanitize, compile, export), import,
// wire (the HTTP contract) and the one verdict, check().
export * from './model/genesys.ts';
export * from './model/design.ts';
export * from './model/limits.ts';
export * from './model/channels.ts';
export * from './model/issues.ts';
export * from './model/tree.ts';
export * from './model/variables.ts';
export * from './model/text.ts';
export * from './model/kinds.ts';
export * from './model/edits.ts';
export * from './model/buttons.ts';
export * from './model/forms.ts';
export * from './model/schemaIssues.ts';
export * from './model/paths.ts';
export * from './rules/url.ts';
export * from './rules/validate.ts';
export * from './rules/channel.ts';
export * from './rules/meters.ts';
export * from './transform/compile.ts';
export * from './transform/export.ts';
export * from './transform/fileName.ts';
export * from './transform/forChannel.ts';
export * from './transform/fallback.ts';
export * from './transform/sanitize.ts';
export * from './transform/markup.ts';
export * from './transform/markupPossible.ts';
export * from './transform/dangerous.ts';
export * from './import/index.ts';
export * from './wire/index.ts';
export * from './check.ts';
export * from './templates.ts';
