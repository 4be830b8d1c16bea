/** Monitor configuration as users write it in YAML, and its validation into immutable monitors. */
package io.driftwatch.config;
