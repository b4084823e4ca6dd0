FROM node:20-alpine
WORKDIR /app
# ruleid: docker/add-instead-of-copy
ADD package.json package-lock.json ./
RUN npm ci
# ruleid: docker/add-instead-of-copy
ADD --chown=node:node src/ ./src/
# ok: docker/add-instead-of-copy
ADD rootfs.tar.gz /
# ok: docker/add-instead-of-copy
COPY config/ ./config/
USER node
CMD ["node", "src/index.js"]
