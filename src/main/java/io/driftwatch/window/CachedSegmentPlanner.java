package io.driftwatch.window;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.driftwatch.config.Monitor;
import io.driftwatch.source.JdbcSegmentPlanner;
import io.driftwatch.source.SegmentPlan;

/**
 * Fixes a run's {@link SegmentPlan}s with the baseline read once: the first night plans with the grouped statement over
 * both windows ({@link JdbcSegmentPlanner}) and keeps what the plan takes from the baseline (its top values, whether it
 * pools more, every value it holds) under the baseline's fingerprint; while that fingerprint is unchanged, a night
 * reads only its current window's segment column to find the values new in it ({@code fresh}) and pools the rest in
 * {@code (other)}, giving the plan the statement over both windows would give. A baseline with more than
 * {@value JdbcSegmentPlanner#KNOWN_LIMIT} distinct values is planned with both windows every night (its per-segment
 * profiles are still cached, see {@link WindowProfiler#baseline(Monitor, List)}).
 */
public class CachedSegmentPlanner {

    private static final Logger log = LoggerFactory.getLogger(CachedSegmentPlanner.class);

    private final JdbcSegmentPlanner planner;
    private final JdbcBaselineSegmentDao cache;
    private final WindowProfiler profiler;

    public CachedSegmentPlanner(JdbcSegmentPlanner planner, JdbcBaselineSegmentDao cache, WindowProfiler profiler) {
        this.planner = planner;
        this.cache = cache;
        this.profiler = profiler;
    }

    /** One plan per segmentation of the monitor (none when it has no segments), for the current window {@code [from, to)}. */
    public List<SegmentPlan> plan(Monitor monitor, Instant from, Instant to, ZoneId zone) {
        if (monitor.segments().isEmpty()) {
            return List.of();
        }
        String fingerprint = profiler.fingerprint(monitor).value();
        List<SegmentPlan> plans = new ArrayList<>();
        for (Monitor.Segmentation s : monitor.segments()) {
            String key = JdbcBaselineSegmentDao.key(s);
            Optional<JdbcBaselineSegmentDao.Plan> cached = cache.findPlan(monitor.name(), fingerprint, key);
            if (cached.isPresent() && cached.get().known() != null) {
                JdbcBaselineSegmentDao.Plan c = cached.get();
                log.info("Monitor {} segments of {}: baseline unchanged, its {} value(s) reused; reading the current"
                        + " window's values only", monitor.name(), s.column(), c.known().size());
                plans.add(planner.fromBaseline(monitor, s, c.top(), c.pooled(), c.known(), from, to, zone));
                continue;
            }
            JdbcSegmentPlanner.Planned planned = planner.planned(monitor, s, from, to, zone);
            if (cached.isEmpty()) {
                cache.storePlan(monitor.name(), fingerprint, key, new JdbcBaselineSegmentDao.Plan(planned.plan().top(),
                        planned.plan().pooled(), planned.known()));
            }
            if (planned.known() == null) {
                log.info("Monitor {} segments of {}: the baseline holds more than {} values, so each night plans them"
                        + " with the baseline", monitor.name(), s.column(), JdbcSegmentPlanner.KNOWN_LIMIT);
            }
            plans.add(planned.plan());
        }
        return plans;
    }
}
