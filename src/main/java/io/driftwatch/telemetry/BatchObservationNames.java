package io.driftwatch.telemetry;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * Names Spring Batch's job and step observations for people and bounds their metric tags.
 * <ul>
 *   <li>Spans are named after the job and step ({@code driftJob}, {@code profile},
 *       {@code featureDrift:p0003-loans.income}) instead of all being {@code spring.batch.step}.</li>
 *   <li>A partition worker's step name ({@code featureDrift:p0003-loans.income}) holds a monitor and
 *       a feature: as a metric tag it would create one timer series per feature. Its
 *       {@code spring.batch.step.name} tag becomes the worker step ({@code featureDrift}) and the
 *       partition moves to the high-cardinality {@code driftwatch.partition}, which spans keep and
 *       metrics drop.</li>
 * </ul>
 */
public class BatchObservationNames implements ObservationFilter {

    static final String JOB = "spring.batch.job";
    static final String STEP = "spring.batch.step";
    static final String JOB_NAME = "spring.batch.job.name";
    static final String STEP_NAME = "spring.batch.step.name";
    public static final String PARTITION = "driftwatch.partition";

    @Override
    public Observation.Context map(Observation.Context context) {
        if (JOB.equals(context.getName())) {
            KeyValue job = context.getLowCardinalityKeyValue(JOB_NAME);
            if (job != null) {
                context.setContextualName(job.getValue());
            }
        } else if (STEP.equals(context.getName())) {
            KeyValue step = context.getLowCardinalityKeyValue(STEP_NAME);
            if (step != null) {
                String name = step.getValue();
                context.setContextualName(name);
                int colon = name.indexOf(':');
                if (colon > 0) {
                    context.addLowCardinalityKeyValue(KeyValue.of(STEP_NAME, name.substring(0, colon)));
                    context.addHighCardinalityKeyValue(KeyValue.of(PARTITION, name.substring(colon + 1)));
                }
            }
        }
        return context;
    }
}
