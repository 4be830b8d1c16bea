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
 * Marks a test class that needs the RabbitMQ broker of this machine ({@link LocalRabbitMQ}). Outside CI it is
 * skipped, with the reason, when the broker does not answer; under CI ({@code CI=true}) it always runs, so a
 * missing broker fails the build.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRabbitMQ.Condition.class)
public @interface RequiresRabbitMQ {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String skip = LocalRabbitMQ.skipReason();
            if (skip != null) {
                System.out.println("[driftwatch tests] " + skip);
                return ConditionEvaluationResult.disabled(skip);
            }
            return ConditionEvaluationResult.enabled("RabbitMQ reachable (or required under CI)");
        }
    }
}
