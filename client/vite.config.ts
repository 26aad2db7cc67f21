import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
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
