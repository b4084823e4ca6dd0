# ruleid: docker/unpinned-base-image
FROM node AS deps
WORKDIR /app
COPY package*.json ./
RUN npm ci --omit=dev

# ruleid: docker/unpinned-base-image
FROM --platform=linux/amd64 python:latest AS tools
RUN pip install --no-cache-dir awscli

# ok: docker/unpinned-base-image
FROM deps AS test
RUN npm test

# ok: docker/unpinned-base-image
FROM node:20.11-alpine3.19@sha256:9e38d3d4117da74a643f67041c83914480b335c3bd44d37ccf5b5ad86cd715d1
# ok: docker/unpinned-base-image
COPY --from=deps /app/node_modules /app/node_modules
USER node
CMD ["node", "server.js"]
