/**
 * Drift methods that compare a baseline profile with a current profile and return a score, a status and JSON-ready details.
 */
package io.driftwatch.drift;
