// The portal's build: React with Fluent UI, bundled into web/dist, which `tenantvault serve`
// serves. `vite` in web/ serves it for development and sends the API's paths to a running
// `tenantvault serve` (TENANTVAULT_URL, default http://localhost:8080).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const service = process.env.TENANTVAULT_URL ?? 'http://localhost:8080';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': service, '/auth': service, '/consent': service } },
});
