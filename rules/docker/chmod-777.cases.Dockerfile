FROM node:20-alpine
WORKDIR /app
COPY . .
# ruleid: docker/chmod-777
RUN chmod -R 777 /app/uploads
# ruleid: docker/chmod-777
RUN mkdir -p /data && chmod a+rwx /data
# ok: docker/chmod-777
RUN chmod 755 /app/bin/start.sh
# ok: docker/chmod-777
RUN chown -R node:node /app/uploads && chmod 750 /app/uploads
USER node
