FROM debian:bookworm-slim
# ruleid: docker/add-from-url
ADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /usr/bin/tini
# ok: docker/add-from-url
ADD --checksum=sha256:93dcc18adc78c65a028a84799ecf8ad40c936fdfc5f2a57b1acda5a8117fa82c https://github.com/krallin/tini/releases/download/v0.19.0/tini /usr/bin/tini
RUN chmod +x /usr/bin/tini
ADD --chown=1000:1000 \
    # ruleid: docker/add-from-url
    https://example.com/releases/agent.tar.gz /opt/agent/
# ok: docker/add-from-url
COPY vendor/agent.tar.gz /opt/agent/
USER 1000
ENTRYPOINT ["/usr/bin/tini", "--"]
