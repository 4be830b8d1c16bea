package io.driftwatch.source;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.RowCallbackHandler;

import io.driftwatch.config.Monitor;
import io.driftwatch.config.Relation;
import io.driftwatch.db.SqlIdentifier;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.FeatureType;
import io.driftwatch.profile.NumericProfile;

/**
 * One pass over consecutive time ranges of a table (a backfill's buckets), each row profiled into the range its
 * timestamp falls in.
 */
final class RangePass {

    private final JdbcFeatureSource reader;

    RangePass(JdbcFeatureSource reader) {
        this.reader = reader;
    }

    /**
     * Profiles consecutive ranges of {@code table} in one pass: range {@code i} is {@code [boundaries[i],
     * boundaries[i + 1])} on the monitor's timestamp column. One query reads {@code [first, last)} and each row goes to
     * the range its timestamp falls in; profiles do not depend on the order rows arrive in, so the database reads the
     * rows as it likes. {@code progress} is told every million rows.
     */
    List<WindowProfile> profile(Monitor monitor, SqlIdentifier table, List<Instant> boundaries, ZoneId zone,
                                JdbcFeatureSource.Progress progress) {
        if (boundaries.size() < 2) {
            throw new IllegalArgumentException("ranges need at least two boundaries: " + boundaries);
        }
        Instant[] bounds = boundaries.toArray(Instant[]::new);
        for (int i = 1; i < bounds.length; i++) {
            if (!bounds[i - 1].isBefore(bounds[i])) {
                throw new IllegalArgumentException("range boundaries must ascend: " + boundaries);
            }
        }
        List<Monitor.Feature> features = monitor.features();
        StringBuilder sql = new StringBuilder("SELECT ").append(monitor.timestampColumn().quoted());
        for (Monitor.Feature feature : features) {
            sql.append(", ").append(feature.column().quoted());
        }
        Relation relation = new Relation.Table(table);
        JdbcFeatureSource.Rows source = reader.rows(relation);
        JdbcFeatureSource.Window window = reader.read(source,
                () -> reader.window(monitor, relation, bounds[0], bounds[bounds.length - 1], zone));
        sql.append(" FROM ").append(source.from()).append(window.where());
        ColumnInfo.TimeBinding binding = reader.read(source, () -> reader.timestampColumn(monitor, relation)).timeBinding();
        int ranges = bounds.length - 1;
        boolean[] numeric = new boolean[features.size()];
        FeatureProfile[][] profiles = new FeatureProfile[ranges][features.size()];
        for (int f = 0; f < numeric.length; f++) {
            numeric[f] = features.get(f).type() == FeatureType.NUMERIC;
            for (int r = 0; r < ranges; r++) {
                profiles[r][f] = numeric[f] ? NumericProfile.create() : CategoricalProfile.create();
            }
        }
        long[] rows = new long[ranges];
        long[] total = {0};
        RowCallbackHandler handler = rs -> {
            Instant at = switch (binding) {
                case OFFSET -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
                case UTC_LOCAL -> rs.getObject(1, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC);
                case DATE -> rs.getObject(1, java.time.LocalDate.class).atStartOfDay(zone).toInstant();
            };
            int found = java.util.Arrays.binarySearch(bounds, at);
            int range = Math.min(ranges - 1, Math.max(0, found >= 0 ? found : -found - 2));
            FeatureProfile[] target = profiles[range];
            for (int f = 0; f < target.length; f++) {
                JdbcFeatureSource.update(rs, f + 2, numeric[f], target[f]);
            }
            rows[range]++;
            if (++total[0] % 1_000_000 == 0 && progress != null) {
                progress.rowsRead(total[0], -1);
            }
        };
        reader.read(source, () -> {
            source.jdbc().query(connection -> {
                PreparedStatement statement = connection.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY,
                        ResultSet.CONCUR_READ_ONLY);
                statement.setFetchSize(JdbcFeatureSource.FETCH_SIZE);
                if (statement.isWrapperFor(PGStatement.class)) {
                    statement.unwrap(PGStatement.class).setPrepareThreshold(-1);
                }
                for (int i = 0; i < window.args().length; i++) {
                    statement.setObject(i + 1, window.args()[i]);
                }
                return statement;
            }, handler);
            return null;
        });
        List<WindowProfile> result = new java.util.ArrayList<>(ranges);
        for (int r = 0; r < ranges; r++) {
            Map<String, FeatureProfile> byName = new LinkedHashMap<>();
            for (int f = 0; f < features.size(); f++) {
                byName.put(features.get(f).name(), profiles[r][f]);
            }
            result.add(new WindowProfile(rows[r], byName));
        }
        return result;
    }
}
