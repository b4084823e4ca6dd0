# ok: docker/runs-as-root
FROM node:20-bookworm AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build

# ruleid: docker/runs-as-root
FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app/dist ./dist
COPY --from=build /app/node_modules ./node_modules
EXPOSE 3000
USER node
CMD ["node", "dist/server.js"]
