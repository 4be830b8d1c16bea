package io.driftwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.driftwatch.drift.DriftMethods;

/** source/baseline as a table, a query or files: exactly one, and a query is one reading SELECT. */
class RelationValidationTest {

    private final MonitorValidator validator = new MonitorValidator(DriftMethods.standard());

    @Test
    void aSingleSelectOrWithIsAcceptedWithCommentsLiteralsAndATrailingSemicolon() {
        assertThat(QueryText.problem("SELECT * FROM t")).isNull();
        assertThat(QueryText.problem("  with x AS (SELECT 1) SELECT * FROM x;  -- done; really")).isNull();
        assertThat(QueryText.problem("(SELECT a FROM t) UNION ALL (SELECT a FROM u)")).isNull();
        assertThat(QueryText.problem("SELECT 'a;b', \"update\", $$x; DELETE$$ FROM t /* ; insert */ WHERE c = 'it''s'"))
                .isNull();
        assertThat(QueryText.problem("SELECT updated_at, insert_count FROM t")).isNull();
    }

    @Test
    void twoStatementsDmlDdlAndSelectIntoAreRejectedWithTheReason() {
        assertThat(QueryText.problem("SELECT 1; SELECT 2")).contains("more than one statement");
        assertThat(QueryText.problem("SELECT * FROM t; DROP TABLE drift_run")).contains("more than one statement");
        assertThat(QueryText.problem("DELETE FROM t")).contains("must be a SELECT or WITH statement, not DELETE");
        assertThat(QueryText.problem("WITH gone AS (DELETE FROM t RETURNING *) SELECT * FROM gone")).contains("DELETE");
        assertThat(QueryText.problem("SELECT * INTO copy FROM t")).contains("INTO");
        assertThat(QueryText.problem("SELECT * FROM t FOR UPDATE")).contains("UPDATE");
        assertThat(QueryText.problem("SELECT 'unterminated FROM t")).contains("unterminated");
        assertThat(QueryText.problem("   ")).contains("empty");
    }

    @Test
    void theWrappedStatementLosesItsTrailingSemicolonsAndComments() {
        assertThat(QueryText.statement("SELECT a FROM t; -- the end\n;  ")).isEqualTo("SELECT a FROM t");
        assertThat(QueryText.statement("SELECT ';' FROM t")).isEqualTo("SELECT ';' FROM t");
    }

    @Test
    void aQuerySourceAndAFileBaselineAreValidatedIntoRelations() {
        Monitor monitor = validator.validate(properties(m -> {
            m.getSource().setTable(null);
            m.getSource().setQuery("SELECT * FROM facts f JOIN dims d ON d.id = f.id;\n");
            m.getBaseline().setTable(null);
            m.getBaseline().setFiles("/data/training/*.parquet");
        })).get(0);

        assertThat(monitor.source()).isEqualTo(new Relation.Query("SELECT * FROM facts f JOIN dims d ON d.id = f.id"));
        assertThat(monitor.baseline().relation()).isEqualTo(new Relation.Files("/data/training/*.parquet",
                Relation.Format.PARQUET));
    }

    @Test
    void badSourcesNameTheKeyTheProblemAndTheFix() {
        assertProblem(m -> m.getSource().setQuery("SELECT * FROM t"), "driftwatch.monitors[0].source.query",
                "both table and query are set", "keep exactly one of table, query and files");
        assertProblem(m -> {
            m.getSource().setTable(null);
            m.getSource().setQuery("SELECT * FROM loan_features; DELETE FROM loan_features");
        }, "driftwatch.monitors[0].source.query", "more than one statement", "write one SELECT");
        assertProblem(m -> {
            m.getBaseline().setTable(null);
            m.getBaseline().setFiles("/data/training/*.json");
        }, "driftwatch.monitors[0].baseline.files", "neither Parquet nor CSV", "end the path or glob in .parquet");
        assertProblem(m -> m.getSource().setTable(null), "driftwatch.monitors[0].source.table", "no source",
                "source.query (one SELECT) or source.files");
    }

    private void assertProblem(Consumer<DriftwatchProperties.MonitorProperties> change, String... fragments) {
        assertThatThrownBy(() -> validator.validate(properties(change)))
                .isInstanceOf(MonitorConfigurationException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
    }

    private static DriftwatchProperties properties(Consumer<DriftwatchProperties.MonitorProperties> change) {
        return MonitorValidatorTest.properties(change);
    }
}
