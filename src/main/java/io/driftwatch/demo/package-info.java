/** Synthetic feature data with controlled drift, loaded only into the embedded default database. */
package io.driftwatch.demo;
