package io.driftwatch.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import io.driftwatch.ExitCodes;
import io.driftwatch.cli.DriftCommand;
import io.driftwatch.cli.Outcome;
import io.driftwatch.drift.DriftMethods;
import io.driftwatch.drift.DriftResult;
import io.driftwatch.profile.CategoricalProfile;
import io.driftwatch.profile.FeatureProfile;
import io.driftwatch.profile.NumericProfile;

/**
 * driftJob on data and settings nobody tried on purpose (profile {@code edgecases}): Europe/Berlin with hourly
 * buckets across both daylight-saving changes, for a {@code TIMESTAMP WITH TIME ZONE}, a {@code TIMESTAMP} (UTC) and a
 * {@code DATE} column; tables in another schema; columns named {@code "order"}, {@code "user"} and
 * {@code "MixedCase"}; NaN, infinities, 1e300, values 1e-12 apart, an all-NULL column, empty, blank, case-only,
 * emoji, 10,000-character and new categories, numbers as text and 100,000 distinct values. One subclass per database.
 */
@SpringBootTest
@ActiveProfiles("edgecases")
abstract class AbstractEdgeCaseJobTests {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final List<String> MONITORS = List.of("edge-tz", "edge-local", "edge-date");
    private static final String INSERT = """
            INSERT INTO edge_other.%s (scored_at, scored_local, scored_day, "order", "user", "MixedCase", all_null,
                                       text_num, ident)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String LONG = "x".repeat(10_000);
    private static final List<String> USERS = List.of("", " ", "Yes", "yes", "\uD83D\uDE00", LONG, "cafe\u0301",
            "caf\u00e9");
    private static final List<String> TEXT_NUMBERS = List.of("1", "1.0", "01", "10");

    /** The test classes (one per database) whose tables exist; the baseline is the same rows in each. */
    private static final java.util.Set<Class<?>> CREATED = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final List<Row> BASELINE = rows(Instant.parse("2026-01-01T00:00:00Z"), 2_000, 1, 0.0, 1_000);

    @Autowired DriftCommand launcher;
    @Autowired JdbcTemplate jdbc;

    /** One row of edge_rows / edge_base; the timestamps are the same instant in the three column types. */
    record Row(Instant at, Double order, String user, Double mixedCase, String textNumber, String ident) {
    }

    @BeforeEach
    void tables() {
        synchronized (AbstractEdgeCaseJobTests.class) {
            if (CREATED.contains(getClass())) {
                return;
            }
            jdbc.execute("DROP SCHEMA IF EXISTS edge_other CASCADE");
            jdbc.execute("CREATE SCHEMA edge_other");
            for (String table : List.of("edge_rows", "edge_base")) {
                jdbc.execute("CREATE TABLE edge_other." + table + " (scored_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                        + " scored_local TIMESTAMP NOT NULL, scored_day DATE NOT NULL, \"order\" DOUBLE PRECISION,"
                        + " \"user\" VARCHAR(20000), \"MixedCase\" DOUBLE PRECISION, all_null DOUBLE PRECISION,"
                        + " text_num VARCHAR(10), ident VARCHAR(20))");
            }
            jdbc.execute("CREATE INDEX edge_rows_scored_at ON edge_other.edge_rows (scored_at)");
            insert("edge_base", BASELINE);
            CREATED.add(getClass());
        }
    }

    @Test
    void dailyWindowsAreCalendarDaysAcrossBothDaylightSavingChangesForEveryTimestampType() {
        // given one row every hour (UTC) around both changes of 2026: each one lies on an hour bound, and each local
        // midnight is a window bound (start inclusive, end exclusive)
        for (Instant from : List.of(Instant.parse("2026-03-27T23:00:00Z"), Instant.parse("2026-10-23T22:00:00Z"))) {
            insert("edge_rows", rows(from, 4 * 24, 7, 0.0, 10));
        }
        for (LocalDate runDate : List.of(LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 30), LocalDate.of(2026, 3, 31),
                LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 26), LocalDate.of(2026, 10, 27))) {
            // when
            Outcome outcome = launcher.launch(runDate);

            // then each night reads exactly the rows of the local day before runDate: 23 hours on 2026-03-29, 25 on
            // 2026-10-25, 24 otherwise; so consecutive nights neither skip nor repeat an hour
            assertThat(outcome.exitCode()).as(runDate + ": " + outcome.message()).isEqualTo(ExitCodes.COMPLETED);
            long hours = Duration.between(runDate.minusDays(1).atStartOfDay(BERLIN), runDate.atStartOfDay(BERLIN)).toHours();
            for (String monitor : MONITORS) {
                assertThat(currentRows(monitor, runDate)).as(monitor + " " + runDate).isEqualTo(hours);
            }
        }
        assertThat(currentRows("edge-tz", LocalDate.of(2026, 3, 30))).isEqualTo(23);
        assertThat(currentRows("edge-date", LocalDate.of(2026, 10, 26))).isEqualTo(25);
    }

    @Test
    void oddValuesAndNamesGiveTheScoresOfTheSameValuesProfiledInMemory() {
        // given a night whose rows fill 6 of its 24 hourly buckets: shifted values, NaN and infinities, a category
        // only the current window has, and 100,000 distinct identifiers (beyond the exact categorical cap)
        LocalDate runDate = LocalDate.of(2026, 5, 2);
        Instant from = runDate.minusDays(1).atStartOfDay(BERLIN).toInstant();
        List<Row> current = rows(from, 100_000, 2, 0.4, 100_000);
        current.set(7, new Row(current.get(7).at(), 3.0, "only in current", 1.0, "1e3", "new"));
        insert("edge_rows", current);

        // when
        Outcome outcome = launcher.launch(runDate);

        // then
        assertThat(outcome.exitCode()).as(outcome.message()).isEqualTo(ExitCodes.COMPLETED);
        assertThat(currentRows("edge-tz", runDate)).isEqualTo(100_000);
        DriftMethods methods = DriftMethods.standard();
        List<Map<String, Object>> report = jdbc.queryForList("SELECT feature, method, status, score FROM drift_report"
                + " WHERE monitor = 'edge-tz' AND run_date = ? AND segment IS NULL", runDate);
        assertThat(report).hasSize(3 * 9 + 3 * 5);
        for (Map<String, Object> row : report) {
            String feature = (String) row.get("feature");
            String method = (String) row.get("method");
            DriftResult expected = methods.require(method).compute(profile(BASELINE, feature), profile(current, feature),
                    methods.require(method).defaultThreshold());
            assertThat(row.get("status")).as(feature + " " + method).isEqualTo(expected.status().name());
            assertThat(row.get("score") == null ? null : ((Number) row.get("score")).doubleValue())
                    .as(feature + " " + method).isEqualTo(expected.score());
        }
        assertThat(status("all_null", "psi", runDate)).isEqualTo("INSUFFICIENT_DATA");
        assertThat(status("user", "chisquare", runDate)).isEqualTo("UNDEFINED");
        assertThat(status("ident", "chisquare", runDate)).isEqualTo("UNSUPPORTED");
        assertThat(status("MixedCase", "ks", runDate)).isEqualTo("OK");
    }

    private String status(String feature, String method, LocalDate runDate) {
        return jdbc.queryForObject("SELECT status FROM drift_report WHERE monitor = 'edge-tz' AND run_date = ?"
                + " AND feature = ? AND method = ? AND segment IS NULL", String.class, runDate, feature, method);
    }

    long currentRows(String monitor, LocalDate runDate) {
        return jdbc.queryForObject("SELECT current_rows FROM drift_run WHERE monitor = ? AND run_date = ?", Long.class,
                monitor, runDate);
    }

    /**
     * {@code n} rows from {@code from}: an hour apart when {@code n} is small (a night of hourly rows), else spread over
     * six hours. Every 100th value of {@code order} is NaN, +Inf, -Inf, NULL, 1e300 or -1e300.
     */
    static List<Row> rows(Instant from, int n, long seed, double shift, int identifiers) {
        Random random = new Random(seed);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Instant at = n <= 1_000 ? from.plus(Duration.ofHours(i)) : from.plusMillis(i * (6 * 3_600_000L / n));
            Double order = switch (i % 100) {
                case 11 -> Double.NaN;
                case 22 -> Double.POSITIVE_INFINITY;
                case 33 -> Double.NEGATIVE_INFINITY;
                case 44 -> null;
                case 55 -> 1e300;
                case 66 -> -1e300;
                default -> Math.round((random.nextGaussian() + shift) * 1e4) / 1e4;
            };
            String user = USERS.get((int) Math.floor(Math.abs(random.nextGaussian() + shift) * 2.5) % USERS.size());
            double mixedCase = 1.0 + (random.nextInt(200) + (int) (shift * 100)) * 1e-12;
            String textNumber = TEXT_NUMBERS.get(random.nextInt(TEXT_NUMBERS.size()));
            rows.add(new Row(at, order, user, mixedCase, textNumber, "id" + (i % identifiers)));
        }
        return rows;
    }

    void insert(String table, List<Row> rows) {
        jdbc.batchUpdate(INSERT.formatted(table), rows, 5_000, (ps, row) -> {
            ps.setObject(1, row.at().atOffset(ZoneOffset.UTC));
            ps.setObject(2, LocalDateTime.ofInstant(row.at(), ZoneOffset.UTC));
            ps.setObject(3, row.at().atZone(BERLIN).toLocalDate());
            ps.setObject(4, row.order());
            ps.setString(5, row.user());
            ps.setObject(6, row.mixedCase());
            ps.setObject(7, null, java.sql.Types.DOUBLE);
            ps.setString(8, row.textNumber());
            ps.setString(9, row.ident());
        });
    }

    static FeatureProfile profile(List<Row> rows, String feature) {
        return switch (feature) {
            case "order" -> numeric(rows.stream().map(Row::order).toList());
            case "MixedCase" -> numeric(rows.stream().map(Row::mixedCase).toList());
            case "all_null" -> numeric(rows.stream().map(r -> (Double) null).toList());
            case "user" -> categorical(rows.stream().map(Row::user).toList());
            case "text_num" -> categorical(rows.stream().map(Row::textNumber).toList());
            case "ident" -> categorical(rows.stream().map(Row::ident).toList());
            default -> throw new IllegalArgumentException(feature);
        };
    }

    private static NumericProfile numeric(List<Double> values) {
        NumericProfile profile = NumericProfile.create();
        values.forEach(v -> {
            if (v == null) {
                profile.addMissing();
            } else {
                profile.add(v);
            }
        });
        return profile;
    }

    private static CategoricalProfile categorical(List<String> values) {
        CategoricalProfile profile = CategoricalProfile.create();
        values.forEach(profile::add);
        return profile;
    }
}
