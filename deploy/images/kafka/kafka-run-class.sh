#!/bin/bash
# kafka-run-class.sh of the offline-CI stand-in: the distribution's script reduced to what the
# image uses. The same variables as Kafka's: KAFKA_HEAP_OPTS, KAFKA_JVM_PERFORMANCE_OPTS,
# KAFKA_OPTS, KAFKA_LOG4J_OPTS.
class=$1; shift
if [ -z "${KAFKA_LOG4J_OPTS:-}" ]; then
  KAFKA_LOG4J_OPTS="-Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties"
fi
if [ "$class" != kafka.Kafka ]; then
  # Command-line tools: small heap, warnings only (KAFKA_TOOLS_LOG4J_LOGLEVEL as in Kafka).
  KAFKA_HEAP_OPTS="-Xmx256m"
  KAFKA_LOG4J_OPTS="$KAFKA_LOG4J_OPTS -Dkafka.root.logger.level=${KAFKA_TOOLS_LOG4J_LOGLEVEL:-WARN}"
fi
# shellcheck disable=SC2086
exec java ${KAFKA_HEAP_OPTS:--Xmx1G -Xms1G} ${KAFKA_JVM_PERFORMANCE_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true} \
  ${KAFKA_LOG4J_OPTS} ${KAFKA_OPTS:-} -cp "/opt/kafka/libs/*" "$class" "$@"
