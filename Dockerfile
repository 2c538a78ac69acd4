# FlowGate control plane: Next.js app + custom server (OpAMP over WebSocket/HTTP) in one process.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx next build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 FLOWGATE_DATA_DIR=/var/lib/flowgate
# tsx (a runtime dependency) runs server.ts; drizzle/ holds the migrations applied at start.
COPY --from=build /app /app
RUN mkdir -p /var/lib/flowgate && chown node:node /var/lib/flowgate
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node_modules/.bin/tsx", "server.ts"]
