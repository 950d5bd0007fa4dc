import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// The domain is framework-free TypeScript: the web app imports its pure rules (dates, rates,
// document references) from source rather than keeping a copy that could drift.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@chidao/domain': here('../../libs/domain/src/index.ts') } },
  build: { outDir: here('dist'), emptyOutDir: true, chunkSizeWarningLimit: 1000 },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
