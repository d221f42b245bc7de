#!/usr/bin/env bash
# Offline CI only: builds local stand-ins for the upstream base images that docker-compose.yml and the
# Jib configuration name, on a machine that reaches no container registry (only Maven Central and a
# Debian mirror). With a registry, never run this: Docker pulls the real images (docs/deployment.md
# names their pinned digests).
#
#   debian:bookworm-slim    debootstrap --variant=minbase from the Debian mirror apt uses
#   eclipse-temurin:25-jre  that root filesystem plus a Java runtime jlinked from the installed JDK 25
#   apache/kafka:<version>  that runtime plus Kafka's jars from Maven Central, started the way the
#                           official image is (KAFKA_* environment variables, see kafka/run)
#   haproxy:2.6             Debian's haproxy 2.6 unpacked from the .debs apt downloads (the
#                           load balancer in front of ingress)
#
# Each image is built only when the engine does not have it yet (--force rebuilds all three), so a
# CI machine that keeps its Docker data pays the ~2-3 minutes once.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD

FORCE=false
[ "${1:-}" = "--force" ] && FORCE=true

: "${JAVA_HOME:?JAVA_HOME must name a JDK >= 25 (its jlink builds the runtime)}"
KAFKA_VERSION=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' pom.xml | head -1)
BASE=debian:bookworm-slim
JRE=eclipse-temurin:25-jre
KAFKA=apache/kafka:$KAFKA_VERSION
HAPROXY=haproxy:2.6
WORK=$ROOT/target/stand-ins
mkdir -p "$WORK"

have() { [ "$FORCE" = false ] && docker image inspect "$1" > /dev/null 2>&1; }
say() { echo "stand-ins: $*"; }

# The mirror apt is configured with (deb822 .sources or one-line .list), read at run time.
debian_mirror() {
  local uri
  uri=$(grep -hs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -1 || true)
  [ -n "$uri" ] || uri=$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
    | awk '{print $2}' | grep -v security | head -1 || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

if have "$BASE"; then
  say "$BASE present"
else
  command -v debootstrap > /dev/null || { echo "debootstrap missing (apt-get install -y debootstrap)" >&2; exit 1; }
  mirror=$(debian_mirror)
  say "building $BASE with debootstrap from $mirror"
  rm -rf "$WORK/rootfs"
  debootstrap --variant=minbase bookworm "$WORK/rootfs" "$mirror" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  rm -rf "$WORK/rootfs/var/cache/apt/archives/"*.deb "$WORK/rootfs/var/lib/apt/lists/"*
  tar -C "$WORK/rootfs" -c . | docker import --change 'CMD ["bash"]' - "$BASE" > /dev/null
  rm -rf "$WORK/rootfs"
fi

if have "$JRE"; then
  say "$JRE present"
else
  say "building $JRE from $BASE and a runtime jlinked from $JAVA_HOME"
  rm -rf "$WORK/jre"
  mkdir -p "$WORK/jre"
  # What Spring Boot, Tomcat, Kafka (broker and clients, SASL/GSSAPI), JMX and JFR use.
  "$JAVA_HOME/bin/jlink" --output "$WORK/jre/runtime" --strip-debug --no-man-pages --no-header-files \
    --add-modules java.se,jdk.unsupported,jdk.management,jdk.management.agent,jdk.management.jfr,jdk.jfr,jdk.crypto.ec,jdk.naming.dns,jdk.net,jdk.zipfs,jdk.security.auth,jdk.security.jgss,jdk.httpserver,jdk.localedata,jdk.charsets,jdk.jcmd,jdk.attach
  cp "$ROOT/deploy/images/temurin/Dockerfile" "$WORK/jre/"
  docker build -t "$JRE" "$WORK/jre" > "$WORK/jre.log" 2>&1 || { tail -20 "$WORK/jre.log" >&2; exit 1; }
  rm -rf "$WORK/jre"
fi

if have "$KAFKA"; then
  say "$KAFKA present"
else
  say "building $KAFKA from $JRE and Kafka $KAFKA_VERSION's jars from Maven Central"
  rm -rf "$WORK/kafka"
  mkdir -p "$WORK/kafka"
  ./mvnw -B -q -f deploy/images/kafka/pom.xml dependency:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$WORK/kafka/libs" 2>&1 | grep -v "^WARNING" || true
  [ -f "$WORK/kafka/libs/kafka_2.13-$KAFKA_VERSION.jar" ] || { echo "Kafka jars missing" >&2; exit 1; }
  cp deploy/images/kafka/Dockerfile deploy/images/kafka/run deploy/images/kafka/kafka-run-class.sh \
    deploy/images/kafka/log4j2.properties "$WORK/kafka/"
  docker build -t "$KAFKA" "$WORK/kafka" > "$WORK/kafka.log" 2>&1 || { tail -20 "$WORK/kafka.log" >&2; exit 1; }
  rm -rf "$WORK/kafka"
fi

if have "$HAPROXY"; then
  say "$HAPROXY present"
else
  say "building $HAPROXY from $BASE and Debian's haproxy package"
  rm -rf "$WORK/haproxy"
  mkdir -p "$WORK/haproxy/debs" "$WORK/haproxy/root"
  (cd "$WORK/haproxy/debs" && apt-get -q -o APT::Sandbox::User=root download \
      haproxy liblua5.3-0 libopentracing-c-wrapper0 libopentracing1 libssl3 > /dev/null)
  for deb in "$WORK/haproxy/debs"/*.deb; do dpkg-deb -x "$deb" "$WORK/haproxy/root"; done
  # bookworm's /lib is a link to /usr/lib: a real lib/ directory in the image would replace it.
  if [ -d "$WORK/haproxy/root/lib" ]; then
    cp -a "$WORK/haproxy/root/lib/." "$WORK/haproxy/root/usr/lib/" && rm -rf "$WORK/haproxy/root/lib"
  fi
  rm -rf "$WORK/haproxy/root/usr/share/doc" "$WORK/haproxy/root/etc/init.d" "$WORK/haproxy/root/lib/systemd"
  cp deploy/images/haproxy/Dockerfile "$WORK/haproxy/"
  docker build -t "$HAPROXY" "$WORK/haproxy" > "$WORK/haproxy.log" 2>&1 || { tail -20 "$WORK/haproxy.log" >&2; exit 1; }
  rm -rf "$WORK/haproxy"
fi
