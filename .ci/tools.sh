#!/usr/bin/env bash
# Installs the tools some tests need from Debian's package registry, so that in CI they run instead of
# skipping: promtool (package prometheus; DeployedQueriesTest runs `promtool test rules` on
# deploy/prometheus/alerts.test.yml) and chromium + chromium-driver (the status page's browser test).
# Then runs the alert rules' unit tests once directly, failing CI early when a rule is broken.
# .ci/run calls it before the build: `.ci/tools.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v promtool >/dev/null 2>&1 || need+=(prometheus)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
if [ ${#need[@]} -gt 0 ]; then
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -q
  # Debian's prometheus package would start its daemon (on :9090, a port the tests use): keep every
  # daemon down while installing, with the policy-rc.d convention, unless the machine has one already.
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo_cmd tee "$policy" > /dev/null
    $sudo_cmd chmod 755 "$policy"
  fi
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -q --no-install-recommends "${need[@]}"
  [ -z "$policy" ] || $sudo_cmd rm -f "$policy"
fi
(cd deploy/prometheus && promtool check rules alerts.yml && promtool test rules alerts.test.yml)
