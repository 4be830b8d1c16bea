package io.driftwatch.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a test class that runs against real PostgreSQL. Outside CI it is skipped, with a message
 * saying how to enable it (printed once on the console too), when
 * {@value PostgresTestDatabase#URL_VARIABLE} is unset or the database is unreachable. Under CI
 * ({@code CI=true}) it always runs, so a missing database fails the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
public @interface RequiresPostgres {

    /** Decides before Spring loads any context. */
    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: PostgreSQL tests are required");
            }
            String skip = PostgresTestDatabase.skipReason();
            return skip == null ? ConditionEvaluationResult.enabled("PostgreSQL reachable")
                    : ConditionEvaluationResult.disabled(skip);
        }
    }
}
