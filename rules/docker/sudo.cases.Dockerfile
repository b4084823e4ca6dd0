FROM ubuntu:24.04
RUN useradd -m app && apt-get update && apt-get install -y sudo
USER app
# ruleid: docker/sudo
RUN sudo apt-get install -y git
# ruleid: docker/sudo
RUN mkdir -p /home/app/bin && sudo chown app /opt
# ok: docker/sudo
RUN echo "run sudo-free" > /home/app/NOTES
# ok: docker/sudo
RUN apt-get purge -y sudo
