FROM node:20-alpine
# ruleid: docker/secret-in-env
ARG NPM_TOKEN
# ok: docker/secret-in-env
ARG NODE_VERSION=20
# ruleid: docker/secret-in-env
ENV DATABASE_PASSWORD=s3cr3t-Pr0d-2024 \
    NODE_ENV=production
# ok: docker/secret-in-env
ENV PORT=8080 LOG_LEVEL=info
# ruleid: docker/secret-in-env
ENV STRIPE_API_KEY sk_test_4eC39HqLyjWDarjtT1zdp7dc
# ok: docker/secret-in-env
RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci
USER node
