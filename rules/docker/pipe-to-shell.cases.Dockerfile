FROM ubuntu:24.04
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates
# ruleid: docker/pipe-to-shell
RUN curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
RUN apt-get update && \
    # the installer needs root
    # ruleid: docker/pipe-to-shell
    wget -qO- https://get.example.dev/install \
      | sudo sh
RUN <<EOF
set -eu
# ruleid: docker/pipe-to-shell
curl -sSL https://install.python-poetry.org | python3 -
EOF
# ok: docker/pipe-to-shell
RUN curl -fsSLo /tmp/setup.sh https://deb.nodesource.com/setup_20.x && sha256sum -c /tmp/setup.sha256 && bash /tmp/setup.sh
# ok: docker/pipe-to-shell
RUN curl -fsSL https://example.com/data.json | jq .version
USER ubuntu
