#!/usr/bin/env bash
# What publisher confirms add per partition request (not a test): N requests (default 500) to a durable queue of its
# own, fire-and-forget; persistent and each confirmed before the next is sent; persistent, all sent and then confirmed
# together, as the manager sends a step's requests. Three rounds after a warm-up; prints ms per request and the ratios
# to fire-and-forget. The queue is deleted afterwards.
#
#   bench/remote/confirms.sh            # N=500
#   N=2000 bench/remote/confirms.sh
#
# Needs: RabbitMQ at 127.0.0.1:5672 (guest/guest), the packaged jar (its libraries are the classpath), Java 17+.
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
N=${N:-500}
find_jar
work_dir
unzip -q "$JAR" 'BOOT-INF/lib/*' -d "$WORK"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$WORK/BOOT-INF/lib/*" bench/remote/ConfirmCost.java "$N" 2>&1 | grep -E '^round|Exception'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
