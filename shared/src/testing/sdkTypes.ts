import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';

/**
 * Type-checks JSON bodies against the models of Genesys' official JavaScript SDK (npm
 * `purecloud-platform-client-v2`, its `index.d.ts`; a dev dependency only). Each body becomes
 * an object literal annotated with its model, so tsc's excess-property check catches a key the
 * Platform API does not define (an Open Messaging `conversationId` on a normalized message, say)
 * as well as a missing or mistyped field. All bodies go through one tsc pass.
 */
export type SdkModel = 'OutgoingMessageRequest' | 'AdditionalMessage' | 'ConversationNormalizedMessage' | 'IncomingMessageRequest' | (string & {});
export type SdkBody = { name: string; model: SdkModel; body: unknown };

const sdkTypes = join(dirname(createRequire(import.meta.url).resolve('purecloud-platform-client-v2/package.json')), 'index.d.ts');

/** tsc's complaints, each prefixed with the body's name; [] when every body fits its model. */
export function sdkTypeErrors(bodies: readonly SdkBody[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'grmd-sdk-'));
  try {
    const files = bodies.map((b, i) => {
      const file = join(dir, `body${i}.ts`);
      const source = `import type { Models } from 'purecloud-platform-client-v2';\nexport const body: Models.${b.model} = ${JSON.stringify(b.body, null, 2)};\n`;
      writeFileSync(file, source);
      return { file, name: b.name };
    });
    const program = ts.createProgram(
      files.map((f) => f.file),
      {
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: [],
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        baseUrl: dir,
        paths: { 'purecloud-platform-client-v2': [sdkTypes] },
      },
    );
    const byFile = new Map(files.map((f) => [f.file, f.name]));
    return ts.getPreEmitDiagnostics(program).map((d) => {
      const name = (d.file && byFile.get(d.file.fileName)) ?? d.file?.fileName ?? 'tsc';
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return `${name} (line ${line}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
