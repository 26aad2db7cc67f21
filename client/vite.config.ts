import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The properties form is split off the entry chunk but is needed to edit: preload it from
 * index.html so it downloads alongside the entry instead of after it has run. (The checks,
 * drag and drop and the server panels load once the editor is usable; CodeMirror only with
 * the JSON view.)
 */
function preloadEditorChunks(): Plugin {
  return {
    name: 'grmd-preload-editor-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.values(ctx.bundle ?? {})
          .filter((c) => c.type === 'chunk' && /^PropertiesPanel-/.test(c.fileName.split('/').pop() ?? ''))
          .map((c) => c.fileName);
        return files.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), preloadEditorChunks()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // The initial bundle budget is 150 kB gzip; CodeMirror is split out by a dynamic import.
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // shared/ is pure modules (schemas and functions) reached through one barrel file:
      // let the bundler drop the ones the client never calls (api.ts, server-side helpers).
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id) },
    },
  },
  server: { port: 5173, host: '127.0.0.1', proxy: { '/api': 'http://127.0.0.1:3000' } },
});
